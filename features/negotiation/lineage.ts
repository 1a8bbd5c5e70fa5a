// What an outcome document continues (earlier declarations of the same process): linked by the facilitator,
// shown to every reader of the document with the paragraphs that carry over from each earlier text.
import { and, asc, desc, eq, max } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import { checkLocalized } from "../events/check-languages.ts";
import type { EventRow } from "../events/queries.ts";
import { events } from "../events/schema.ts";
import type { StaffContext } from "../shared/context.ts";
import { Forbidden, Invalid, NotFound } from "../shared/errors.ts";
import type { Localized } from "../shared/localized.ts";
import { parseInput, toId } from "../shared/validate.ts";
import { announce } from "./announce.ts";
import { type CarriedParagraph, carryOver, type EarlierParagraph, pastedParagraphs } from "./carry-over.ts";
import { type DocumentRow, revisionSnapshot } from "./documents.ts";
import { lineageInput } from "./input.ts";
import type { SnapshotParagraph } from "./redline.ts";
import { negotiationDocuments, negotiationLineage, negotiationRevisions } from "./schema.ts";

export type LineageRow = typeof negotiationLineage.$inferSelect;

/** The adopted revision of a document, if it has one: the only text of another document anyone may compare with. */
async function adoptedRevision(db: DbOrTx, documentId: number) {
  const [row] = await db
    .select()
    .from(negotiationRevisions)
    .where(and(eq(negotiationRevisions.documentId, documentId), eq(negotiationRevisions.state, "adopted")))
    .orderBy(desc(negotiationRevisions.number))
    .limit(1);
  return row;
}

export async function linkEarlierDocument(ctx: StaffContext, event: EventRow, document: DocumentRow, input: unknown): Promise<LineageRow> {
  if (!can(ctx.actor, "negotiation.draft")) throw Forbidden();
  const data = parseInput(lineageInput, input);
  const { title } = checkLocalized(event.languages, { title: data.title }, []);
  if (data.earlierDocumentId !== undefined) {
    // Another adopted outcome document of this event, or of a published (or archived) event (adopted texts are public there).
    const [earlier] = await ctx.db
      .select({ id: negotiationDocuments.id, eventId: negotiationDocuments.eventId, status: events.status })
      .from(negotiationDocuments)
      .innerJoin(events, eq(events.id, negotiationDocuments.eventId))
      .where(eq(negotiationDocuments.id, data.earlierDocumentId));
    const readable = earlier && (earlier.eventId === event.id || earlier.status !== "draft");
    if (!readable || earlier.id === document.id || !(await adoptedRevision(ctx.db, earlier.id))) {
      throw Invalid("validation", { earlierDocumentId: "negotiation.earlier_not_adopted" });
    }
  } else if (Object.values(title ?? {}).every((v) => !v)) {
    throw Invalid("validation", { title: "required" });
  }
  return ctx.db.transaction(async (tx) => {
    const [{ last }] = await tx
      .select({ last: max(negotiationLineage.position) })
      .from(negotiationLineage)
      .where(eq(negotiationLineage.documentId, document.id));
    const [row] = await tx
      .insert(negotiationLineage)
      .values({
        eventId: event.id,
        documentId: document.id,
        earlierDocumentId: data.earlierDocumentId ?? null,
        title: title ?? {},
        symbol: data.symbol,
        year: data.year ?? null,
        url: data.url,
        text: data.text,
        position: (last ?? 0) + 1,
      })
      .returning();
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "negotiation_lineage", entityId: row.id, action: "create", after: row });
    await announce(tx, event.id, document.id, { kind: "lineage", lineageId: row.id });
    return row;
  });
}

export async function unlinkEarlierDocument(ctx: StaffContext, event: EventRow, document: DocumentRow, lineageId: number): Promise<void> {
  if (!can(ctx.actor, "negotiation.draft")) throw Forbidden();
  if (toId(lineageId) === null) throw NotFound("negotiation.lineage_not_found");
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(negotiationLineage)
      .where(and(eq(negotiationLineage.id, lineageId), eq(negotiationLineage.documentId, document.id), eq(negotiationLineage.eventId, event.id)))
      .returning();
    if (!row) throw NotFound("negotiation.lineage_not_found");
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "negotiation_lineage", entityId: row.id, action: "delete", before: row });
    await announce(tx, event.id, document.id, { kind: "lineage", lineageId: row.id });
  });
}

export interface LineageEntry {
  id: number;
  title: Localized;
  symbol: string;
  year: number | null;
  url: string;
  /** An earlier document of this instance: where its adopted text is. */
  earlier: { eventSlug: string; symbol: string; title: Localized } | null;
  /** The paragraphs of the document shown that carry over from this one, compared in `language`. */
  carried: CarriedParagraph[];
  language: string | null;
}

/**
 * The earlier documents a document continues, each with what carries over into `paragraphs` (the revision a
 * reader is looking at), compared in the document's negotiating language or, failing that, the first language
 * both texts have.
 */
export async function lineageOf(db: DbOrTx, document: DocumentRow, paragraphs: readonly SnapshotParagraph[]): Promise<LineageEntry[]> {
  const rows = await db.select().from(negotiationLineage).where(eq(negotiationLineage.documentId, document.id)).orderBy(asc(negotiationLineage.position));
  const entries: LineageEntry[] = [];
  const shown = paragraphs.filter((p) => p.number !== null && p.status !== "deleted");
  for (const row of rows) {
    let earlier: LineageEntry["earlier"] = null;
    let texts: Record<string, EarlierParagraph[]> = {};
    if (row.earlierDocumentId !== null) {
      const [doc] = await db
        .select({ id: negotiationDocuments.id, symbol: negotiationDocuments.symbol, title: negotiationDocuments.title, eventSlug: events.slug })
        .from(negotiationDocuments)
        .innerJoin(events, eq(events.id, negotiationDocuments.eventId))
        .where(eq(negotiationDocuments.id, row.earlierDocumentId));
      const revision = doc ? await adoptedRevision(db, doc.id) : undefined;
      if (doc && revision) {
        earlier = { eventSlug: doc.eventSlug, symbol: doc.symbol, title: doc.title };
        const snapshot = (await revisionSnapshot(db, revision)).filter((p) => p.number !== null && p.status !== "deleted");
        for (const p of snapshot) for (const [language, text] of Object.entries(p.text)) (texts[language] ??= []).push({ label: p.number!, text });
      }
    } else {
      texts = Object.fromEntries(Object.entries(row.text).map(([language, text]) => [language, pastedParagraphs(text)]));
    }
    const languages = [document.negotiatingLanguage, ...Object.keys(texts)];
    const language = languages.find((l) => texts[l]?.length && shown.some((p) => p.text[l])) ?? null;
    const carried = language
      ? carryOver(
          shown.map((p) => ({ paragraphId: p.paragraphId, text: p.text[language] ?? "" })),
          texts[language],
        )
      : [];
    entries.push({ id: row.id, title: row.title, symbol: row.symbol, year: row.year, url: row.url, earlier, carried, language });
  }
  return entries;
}

/** Adopted outcome documents a document may name as earlier: of its own event, or of a published one. */
export async function linkableDocuments(db: DbOrTx, event: EventRow, document: DocumentRow) {
  const rows = await db
    .selectDistinct({
      id: negotiationDocuments.id,
      symbol: negotiationDocuments.symbol,
      title: negotiationDocuments.title,
      eventId: negotiationDocuments.eventId,
      status: events.status,
    })
    .from(negotiationDocuments)
    .innerJoin(events, eq(events.id, negotiationDocuments.eventId))
    .innerJoin(negotiationRevisions, and(eq(negotiationRevisions.documentId, negotiationDocuments.id), eq(negotiationRevisions.state, "adopted")))
    .orderBy(asc(negotiationDocuments.symbol))
    .limit(500);
  return rows.filter((r) => r.id !== document.id && (r.eventId === event.id || r.status !== "draft")).map(({ id, symbol, title }) => ({ id, symbol, title }));
}
