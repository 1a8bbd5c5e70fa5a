// What each reader sees of the negotiation room: staff with `negotiation.read` everything, drafts included;
// delegates (through their link) every issued revision and every amendment; the public adopted texts only.
// A revision is rendered from its snapshot alone.

import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { type Actor, can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import { Forbidden, NotFound } from "../shared/errors.ts";
import { findCollisions } from "./amendment-view.ts";
import { type DocumentRow, listRevisions, loadDocument, loadRevision, type RevisionRow, revisionSnapshot, versionsByIds } from "./documents.ts";
import { correctedParagraphs, corrigendaOf } from "./issue-corrigendum.ts";
import { compareRevisions, type Redline } from "./redline.ts";
import { negotiationAmendments, negotiationCosponsors, negotiationDocuments, negotiationRevisions, negotiationStatements } from "./schema.ts";

export type Reader = "staff" | "delegate" | "public";

export function readerOf(actor: Actor | null, isDelegate: boolean): Reader {
  if (can(actor, "negotiation.read")) return "staff";
  return isDelegate ? "delegate" : "public";
}

export function mayReadRevision(reader: Reader, revision: Pick<RevisionRow, "state">): boolean {
  if (reader === "staff") return true;
  if (reader === "delegate") return revision.state !== "draft";
  return revision.state === "adopted";
}

export async function listDocuments(db: DbOrTx, event: EventRow, reader: Reader) {
  const documents = await db.select().from(negotiationDocuments).where(eq(negotiationDocuments.eventId, event.id)).orderBy(asc(negotiationDocuments.symbol));
  const revisions = documents.length
    ? await db
        .select()
        .from(negotiationRevisions)
        .where(
          and(
            eq(negotiationRevisions.eventId, event.id),
            inArray(
              negotiationRevisions.documentId,
              documents.map((d) => d.id),
            ),
          ),
        )
    : [];
  return documents
    .map((document) => ({
      document,
      revisions: revisions.filter((r) => r.documentId === document.id && mayReadRevision(reader, r)).sort((a, b) => a.number - b.number),
    }))
    .filter((d) => reader !== "public" || d.revisions.length > 0);
}

/** A document with the revisions the reader may see; a 404 when they may see none (the public, before adoption). */
export async function documentForReader(db: DbOrTx, event: EventRow, documentId: number, reader: Reader) {
  const document = await loadDocument(db, event.id, documentId);
  const revisions = (await listRevisions(db, document)).filter((r) => mayReadRevision(reader, r));
  if (reader === "public" && revisions.length === 0) throw NotFound("negotiation.document_not_found");
  return { document, revisions };
}

/** One revision as the reader may see it, with its paragraphs numbered and, once adopted, its statements and corrigenda (applied). */
export async function revisionForReader(db: DbOrTx, document: DocumentRow, number: number, reader: Reader) {
  const revision = await loadRevision(db, document, number);
  if (!mayReadRevision(reader, revision)) throw NotFound("negotiation.revision_not_found");
  const adopted = revision.state === "adopted";
  const [snapshot, statements, corrigenda] = await Promise.all([
    revisionSnapshot(db, revision),
    adopted
      ? db.select().from(negotiationStatements).where(eq(negotiationStatements.revisionId, revision.id)).orderBy(asc(negotiationStatements.id))
      : Promise.resolve([]),
    adopted ? corrigendaOf(db, revision.id) : Promise.resolve([]),
  ]);
  return { revision, paragraphs: correctedParagraphs(snapshot, corrigenda), statements, corrigenda };
}

/** Redlines of frozen revisions never change: kept here, the oldest pairs forgotten first. */
const redlines = new Map<string, Redline>();
const maxRedlines = 200;

export async function redlineForReader(db: DbOrTx, document: DocumentRow, from: number, to: number, reader: Reader): Promise<Redline> {
  const [a, b] = await Promise.all([loadRevision(db, document, from), loadRevision(db, document, to)]);
  if (!mayReadRevision(reader, a) || !mayReadRevision(reader, b)) throw NotFound("negotiation.revision_not_found");
  const frozen = a.state !== "draft" && b.state !== "draft";
  const key = `${a.id}:${b.id}`;
  const cached = frozen ? redlines.get(key) : undefined;
  if (cached) return cached;
  const [before, after] = await Promise.all([revisionSnapshot(db, a), revisionSnapshot(db, b)]);
  const redline = compareRevisions(before, after);
  if (frozen) {
    redlines.set(key, redline);
    if (redlines.size > maxRedlines) redlines.delete(redlines.keys().next().value!);
  }
  return redline;
}

/** The document's amendments (withdrawn ones last), each with its co-sponsors, and the pairs that collide among the open ones. */
export async function amendmentsForReader(db: DbOrTx, document: DocumentRow, reader: Reader) {
  if (reader === "public") throw Forbidden();
  const rows = await db
    .select()
    .from(negotiationAmendments)
    .where(and(eq(negotiationAmendments.documentId, document.id), eq(negotiationAmendments.eventId, document.eventId)))
    .orderBy(asc(negotiationAmendments.id));
  const sponsors = rows.length
    ? await db
        .select()
        .from(negotiationCosponsors)
        .where(
          inArray(
            negotiationCosponsors.amendmentId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const versions = await versionsByIds(
    db,
    rows.map((r) => r.anchorVersionId),
  );
  const revisionOf = new Map([...versions.values()].map((v) => [v.id, v.revisionId]));
  const open = rows.filter((r) => r.state === "submitted" || r.state === "under_consideration");
  return {
    amendments: rows.map((a) => ({
      ...a,
      anchorRevisionId: revisionOf.get(a.anchorVersionId) ?? null,
      cosponsors: sponsors.filter((s) => s.amendmentId === a.id).map((s) => s.delegationId),
    })),
    collisions: findCollisions(open),
  };
}
