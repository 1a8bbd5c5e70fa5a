import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { createTranslator, interfaceLanguageFor } from "../../i18n/index.ts";
import { eventLogo } from "../events/event-logo.ts";
import type { EventRow } from "../events/queries.ts";
import { photoThumbnails } from "../files/schema.ts";
import { fileStore } from "../files/store.ts";
import { printableImage } from "../files/thumbnails.ts";
import { categories, delegations, participants } from "../registration/schema.ts";
import { text } from "../shared/localized.ts";
import type { BadgeDesign } from "./design.ts";
import type { BadgeFace, PrintableImage } from "./render-pdf.ts";
import { sampleCode } from "./sample-face.ts";
import { badges } from "./schema.ts";

export interface PersonFace {
  participantId: number;
  categoryId: number;
  face: Omit<BadgeFace, "backText">;
  /** False when the person has no photo, or one a badge cannot show (the organisers' list). */
  printable: boolean;
}

/**
 * What the badges of these people show, in the print run's language (category names, places, "No photo"),
 * in the order of `ids`. A person without a badge yet (a preview) gets the sample code.
 */
export async function loadFaces(db: DbOrTx, event: EventRow, lang: string, ids: readonly number[]): Promise<PersonFace[]> {
  const rows = await db
    .select({
      p: participants,
      category: categories,
      delegationName: delegations.name,
      code: badges.code,
      version: badges.version,
      photoUsable: photoThumbnails.usable,
    })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .leftJoin(badges, eq(badges.participantId, participants.id))
    .leftJoin(delegations, eq(delegations.id, participants.delegationId))
    .leftJoin(photoThumbnails, eq(photoThumbnails.fileId, participants.photoFileId))
    .where(and(eq(participants.eventId, event.id), inArray(participants.id, ids.length ? [...ids] : [0])));
  const byId = new Map(rows.map((r) => [r.p.id, r]));
  const fallbacks = event.languages;
  const t = createTranslator(interfaceLanguageFor(lang) ?? "en");
  const regions = new Intl.DisplayNames([lang, "en"], { type: "region" });
  const out: PersonFace[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    // A photo whose thumbnail could not be made is not an image: printed with the placeholder, and listed.
    const photo = r.p.photoFileId && r.photoUsable !== false ? await fileStore.get(db, event.id, r.p.photoFileId, ["photo"]) : undefined;
    const printable = !!photo && (photo.file.contentType === "image/jpeg" || photo.file.contentType === "image/png");
    const local = [r.p.givenNameLocal, r.p.familyNameLocal].filter(Boolean).join(" ");
    out.push({
      participantId: id,
      categoryId: r.category.id,
      printable,
      face: {
        name: [r.p.honorific, r.p.givenName, r.p.familyName].filter(Boolean).join(" "),
        localName: local || null,
        position: r.p.position,
        affiliation: r.delegationName ? text(r.delegationName, lang, fallbacks) : r.p.organisation,
        country: r.p.country ? (regions.of(r.p.country) ?? r.p.country) : null,
        category: { letter: r.category.letter, colour: r.category.colour, name: text(r.category.name, lang, fallbacks) },
        photo: printable ? { bytes: photo.bytes, type: photo.file.contentType as PrintableImage["type"] } : null,
        noPhoto: t("badges.noPhoto"),
        eventTitle: eventTitle(event, lang),
        code: r.code ?? sampleCode,
        version: r.version ?? 1,
      },
    });
  }
  return out;
}

export const eventTitle = (event: EventRow, lang: string) => text(event.shortTitle, lang, event.languages) || text(event.title, lang, event.languages);

/** The back's text of a design in a language (with the event's fallbacks). */
export const backTextOf = (design: BadgeDesign, event: EventRow, lang: string) => text(design.backText, lang, event.languages);

/** The event's logo as a PDF can embed it, or null. */
export async function printableLogo(db: DbOrTx, eventId: number): Promise<PrintableImage | null> {
  const logo = await eventLogo(db, eventId);
  return logo ? printableImage(logo.bytes, logo.type) : null;
}
