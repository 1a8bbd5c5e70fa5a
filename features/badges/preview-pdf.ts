import { and, asc, desc, eq, isNotNull, notInArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { createTranslator, interfaceLanguageFor } from "../../i18n/index.ts";
import type { EventRow } from "../events/queries.ts";
import { categories, participants } from "../registration/schema.ts";
import { text } from "../shared/localized.ts";
import { type BadgeDesignRow, designOfRow, listBadgeDesigns } from "./design-queries.ts";
import { backTextOf, eventTitle, loadFaces, printableLogo } from "./faces.ts";
import { badgeEligible } from "./issue-badges.ts";
import { BadgePdf } from "./render-pdf.ts";
import { sampleCode, sampleLayoutFace } from "./sample-face.ts";

/**
 * One badge of a design as a PDF, drawn exactly as a print run would: a real person of its category (with a
 * photo if anyone has one), else the sample person. Writes nothing: a person without a badge yet gets a
 * code that opens no door.
 */
export async function previewBadgePdf(db: DbOrTx, event: EventRow, row: BadgeDesignRow, lang: string): Promise<Uint8Array> {
  const design = designOfRow(row);
  const logo = await printableLogo(db, event.id);
  const pdf = await BadgePdf.create({ title: eventTitle(event, lang), logo });
  const backText = backTextOf(design, event, lang);
  const someone = await personFor(db, event, row);
  const [person] = someone ? await loadFaces(db, event, lang, [someone]) : [];
  if (person) {
    await pdf.addSheet(design, [{ ...person.face, backText }]);
  } else {
    const [category] = await db
      .select()
      .from(categories)
      .where(row.categoryId ? and(eq(categories.eventId, event.id), eq(categories.id, row.categoryId)) : eq(categories.eventId, event.id))
      .orderBy(asc(categories.position), asc(categories.id))
      .limit(1);
    const t = createTranslator(interfaceLanguageFor(lang) ?? "en");
    const face = sampleLayoutFace({
      category: category
        ? { letter: category.letter, colour: category.colour, name: text(category.name, lang, event.languages) }
        : { letter: "D", colour: "#1f4e79", name: t("badges.design.sampleCategory") },
      eventTitle: eventTitle(event, lang),
      noPhoto: t("badges.noPhoto"),
      hasLogo: !!logo,
      backText,
      country: new Intl.DisplayNames([lang, "en"], { type: "region" }).of("UZ") ?? "UZ",
    });
    const { hasPhoto: _p, hasLogo: _l, ...words } = face;
    await pdf.addSheet(design, [{ ...words, photo: null, code: sampleCode }]);
  }
  return pdf.save();
}

/** Someone this design prints: in its category (or, for the default, a category without its own), a photo preferred. */
async function personFor(db: DbOrTx, event: EventRow, row: BadgeDesignRow): Promise<number | null> {
  let inCategories: SQL;
  if (row.categoryId !== null) inCategories = eq(participants.categoryId, row.categoryId);
  else {
    const own = (await listBadgeDesigns(db, event.id)).map((d) => d.categoryId).filter((id): id is number => id !== null);
    inCategories = own.length ? notInArray(participants.categoryId, own) : sql`true`;
  }
  const [found] = await db
    .select({ id: participants.id })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .where(and(badgeEligible(event.id), inCategories))
    .orderBy(desc(isNotNull(participants.photoFileId)), asc(participants.id))
    .limit(1);
  return found?.id ?? null;
}
