// Loading an outcome document and its revisions, always through the event (an id of another event is a 404),
// and a revision's snapshot: everything a page, a redline or an export needs of it, numbers included.
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { AppError, NotFound } from "../shared/errors.ts";
import { toId } from "../shared/validate.ts";
import { numberParagraphs } from "./numbering.ts";
import type { SnapshotParagraph } from "./redline.ts";
import { negotiationDocuments, negotiationParagraphVersions, negotiationRevisions } from "./schema.ts";

export type DocumentRow = typeof negotiationDocuments.$inferSelect;
export type RevisionRow = typeof negotiationRevisions.$inferSelect;
export type ParagraphVersionRow = typeof negotiationParagraphVersions.$inferSelect;

export async function loadDocument(db: DbOrTx, eventId: number, documentId: number): Promise<DocumentRow> {
  if (toId(documentId) === null) throw NotFound("negotiation.document_not_found");
  const [row] = await db
    .select()
    .from(negotiationDocuments)
    .where(and(eq(negotiationDocuments.id, documentId), eq(negotiationDocuments.eventId, eventId)));
  if (!row) throw NotFound("negotiation.document_not_found");
  return row;
}

/** A revision by its number (0 for the zero draft) within its document. */
export async function loadRevision(db: DbOrTx, document: DocumentRow, number: number): Promise<RevisionRow> {
  if (!Number.isInteger(number) || number < 0 || number > 10_000) throw NotFound("negotiation.revision_not_found");
  const [row] = await db
    .select()
    .from(negotiationRevisions)
    .where(and(eq(negotiationRevisions.documentId, document.id), eq(negotiationRevisions.eventId, document.eventId), eq(negotiationRevisions.number, number)));
  if (!row) throw NotFound("negotiation.revision_not_found");
  return row;
}

export async function listRevisions(db: DbOrTx, document: DocumentRow): Promise<RevisionRow[]> {
  return db
    .select()
    .from(negotiationRevisions)
    .where(and(eq(negotiationRevisions.documentId, document.id), eq(negotiationRevisions.eventId, document.eventId)))
    .orderBy(asc(negotiationRevisions.number));
}

/** The newest revision that is no longer a draft (issued, under silence or adopted), if any. */
export async function latestIssued(db: DbOrTx, documentId: number): Promise<RevisionRow | undefined> {
  const [row] = await db
    .select()
    .from(negotiationRevisions)
    .where(and(eq(negotiationRevisions.documentId, documentId), ne(negotiationRevisions.state, "draft")))
    .orderBy(desc(negotiationRevisions.number))
    .limit(1);
  return row;
}

/** The paragraph versions of a revision, in order. */
export async function revisionVersions(db: DbOrTx, revisionId: number): Promise<ParagraphVersionRow[]> {
  return db
    .select()
    .from(negotiationParagraphVersions)
    .where(eq(negotiationParagraphVersions.revisionId, revisionId))
    .orderBy(asc(negotiationParagraphVersions.position), asc(negotiationParagraphVersions.id));
}

/** One paragraph's version in a revision, or a 404 for a paragraph the revision does not hold. */
export async function paragraphVersion(db: DbOrTx, revision: RevisionRow, paragraphId: number): Promise<ParagraphVersionRow> {
  if (toId(paragraphId) === null) throw NotFound("negotiation.paragraph_not_found");
  const [row] = await db
    .select()
    .from(negotiationParagraphVersions)
    .where(
      and(
        eq(negotiationParagraphVersions.revisionId, revision.id),
        eq(negotiationParagraphVersions.eventId, revision.eventId),
        eq(negotiationParagraphVersions.paragraphId, paragraphId),
      ),
    );
  if (!row) throw NotFound("negotiation.paragraph_not_found");
  return row;
}

export async function versionsByIds(db: DbOrTx, ids: number[]): Promise<Map<number, ParagraphVersionRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(negotiationParagraphVersions)
    .where(inArray(negotiationParagraphVersions.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The paragraphs of a revision with their numbers in it: what every rendering of the revision starts from. */
export function toSnapshot(versions: readonly ParagraphVersionRow[]): SnapshotParagraph[] {
  const numbers = numberParagraphs(versions);
  return [...versions]
    .sort((a, b) => a.position - b.position)
    .map((v) => ({
      paragraphId: v.paragraphId,
      position: v.position,
      kind: v.kind,
      number: numbers.get(v.paragraphId) ?? null,
      text: v.text,
      status: v.status,
      brackets: v.brackets,
      splitFromId: v.splitFromId,
      mergedIntoId: v.mergedIntoId,
    }));
}

export async function revisionSnapshot(db: DbOrTx, revision: RevisionRow): Promise<SnapshotParagraph[]> {
  return toSnapshot(await revisionVersions(db, revision.id));
}

/** A 409 for a change based on a revision that is no longer the latest issued one; names the current one. */
export const superseded = (current: number | undefined) =>
  new AppError(409, "negotiation.revision_superseded", { values: { current: current ?? 0 }, details: { current } });

/** A document by its symbol within the event ("TC/2030/L.1"), or a 404. */
export async function documentBySymbol(db: DbOrTx, eventId: number, symbol: string): Promise<DocumentRow> {
  if (symbol.length === 0 || symbol.length > 60) throw NotFound("negotiation.document_not_found");
  const [row] = await db
    .select()
    .from(negotiationDocuments)
    .where(and(eq(negotiationDocuments.eventId, eventId), eq(negotiationDocuments.symbol, symbol)));
  if (!row) throw NotFound("negotiation.document_not_found");
  return row;
}
