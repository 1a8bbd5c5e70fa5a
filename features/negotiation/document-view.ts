// What a page of the negotiation room shows of one document, for one reader: its revisions, the revision
// shown (staff: the open draft, else the latest; delegates: the latest issued; the public: the adopted one),
// its numbered paragraphs, the amendments with their collisions, and the delegations' names. Pages render it
// as it is; everything comes from the revision's snapshot.
import type { DbOrTx } from "../../db/index.ts";
import type { EventRow } from "../events/queries.ts";
import { listDelegations } from "../registration/delegations/delegations.ts";
import { NotFound } from "../shared/errors.ts";
import { lineageOf } from "./lineage.ts";
import { amendmentsForReader, documentForReader, type Reader, revisionForReader } from "./queries.ts";

export async function documentView(db: DbOrTx, event: EventRow, documentId: number, reader: Reader, number?: number | null) {
  const { document, revisions } = await documentForReader(db, event, documentId, reader);
  const shown = number === undefined || number === null ? revisions.at(-1) : revisions.find((r) => r.number === number);
  if (!shown) throw NotFound("negotiation.revision_not_found");
  const [{ revision, paragraphs, statements, corrigenda }, amendments, delegations] = await Promise.all([
    revisionForReader(db, document, shown.number, reader),
    reader === "public" ? Promise.resolve({ amendments: [], collisions: [] }) : amendmentsForReader(db, document, reader),
    listDelegations(db, event.id),
  ]);
  const lineage = await lineageOf(db, document, paragraphs);
  const at = (d: Date | null) => d?.toISOString() ?? null;
  return {
    document,
    revisions: revisions.map((r) => ({ id: r.id, number: r.number, state: r.state, version: r.version, issuedAt: at(r.issuedAt) })),
    revision: {
      ...revision,
      issuedAt: at(revision.issuedAt),
      silenceUntil: at(revision.silenceUntil),
      silenceBrokenAt: at(revision.silenceBrokenAt),
      adoptedAt: at(revision.adoptedAt),
      createdAt: revision.createdAt.toISOString(),
    },
    paragraphs,
    statements: statements.map((s) => ({ ...s, receivedAt: s.receivedAt.toISOString() })),
    corrigenda: corrigenda.map((c) => ({
      id: c.id,
      number: c.number,
      language: c.language,
      note: c.note,
      issuedAt: c.issuedAt.toISOString(),
      paragraphs: c.changes.length,
    })),
    lineage,
    amendments: amendments.amendments.map((a) => ({ ...a, receivedAt: a.receivedAt.toISOString() })),
    collisions: amendments.collisions,
    delegations: delegations.map((d) => ({ id: d.id, name: d.name })),
  };
}

export type DocumentView = Awaited<ReturnType<typeof documentView>>;

/** The span of a delegate's "old words" in a paragraph: where the page's selection says, else their first occurrence. */
export function spanOfWords(text: string, words: string, start?: number): { start: number; end: number } | null {
  if (start !== undefined && Number.isInteger(start) && text.slice(start, start + words.length) === words) return { start, end: start + words.length };
  const at = text.indexOf(words);
  return at < 0 ? null : { start: at, end: at + words.length };
}
