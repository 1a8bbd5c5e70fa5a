// What every negotiation-room handler needs: the reader behind a request (staff, a delegate through the
// `Plenary-Link` header, or the public), the document and revision of the path, who proposes, and the
// presenters typed by the zod output schemas.
import type { Context } from "hono";
import { isoWithOffset } from "../../i18n/format.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import { type DocumentRow, loadDocument, loadRevision, type RevisionRow } from "../negotiation/documents.ts";
import type { CorrigendumRow } from "../negotiation/issue-corrigendum.ts";
import { type DelegateSeat, delegateSeat, type Proponent } from "../negotiation/proponent.ts";
import { type amendmentsForReader, type Reader, readerOf, revisionForReader } from "../negotiation/queries.ts";
import type { SnapshotParagraph } from "../negotiation/redline.ts";
import { Forbidden, NotFound } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { clientAddress, eventForRequest, eventForWrite } from "./http.ts";
import type { AmendmentOutput, DocumentOutput, ParagraphOutput, RevisionOutput, RevisionSummaryOutput } from "./negotiation-schemas.ts";

/** The header a delegate's client sends their personal participant link in (never in the URL, where logs keep it). */
export const linkHeader = "plenary-link";

export function negotiationHttp(services: Services) {
  const { db } = services;
  const base = (c: Context) => ({ db, now: new Date(), publicUrl: services.config.PUBLIC_URL, client: clientAddress(c, services.config.TRUST_PROXY) });

  async function seatOf(c: Context, event: EventRow): Promise<DelegateSeat | null> {
    const token = c.req.header(linkHeader);
    if (token === undefined) return null;
    return delegateSeat(db, event, token.trim(), clientAddress(c, services.config.TRUST_PROXY), new Date());
  }

  return {
    base,
    seatOf,
    async reader(c: Context) {
      const access = await eventForRequest(services, c);
      const seat = await seatOf(c, access.event);
      const who: Reader = readerOf(access.actor, seat !== null && seat.standing !== "none");
      return { ...access, seat, reader: who };
    },
    /** A delegate through their link, or else a signed-in staff member (or API token) acting for a delegation. */
    async proponent(c: Context) {
      const access = c.req.header(linkHeader) !== undefined ? await eventForRequest(services, c) : await eventForWrite(services, c);
      const seat = await seatOf(c, access.event);
      // Staff act for a delegation only with the drafting right: said before the body is read, so that a
      // reader (a `read` token) learns it may not, whatever it sent, as every other write answers.
      if (!seat && !can(access.actor, "negotiation.draft")) throw Forbidden();
      const who: Proponent = seat ? { by: "delegate", seat } : { by: "staff", actor: access.actor! };
      const ctx = who.by === "delegate" ? base(c) : { ...base(c), actor: who.actor };
      return { event: access.event, who, ctx };
    },
    async documentOf(c: Context, event: EventRow): Promise<DocumentRow> {
      if (!/^\d{1,10}$/.test(c.req.param("documentId") ?? "")) throw NotFound("negotiation.document_not_found");
      return loadDocument(db, event.id, Number(c.req.param("documentId")));
    },
    async revisionOf(c: Context, document: DocumentRow): Promise<RevisionRow> {
      return loadRevision(db, document, revisionNumber(c.req.param("number")));
    },
    /** A revision's full answer, as the reader may see it (a draft to staff only). */
    async revisionAnswer(event: EventRow, document: DocumentRow, number: number, reader: Reader): Promise<RevisionOutput> {
      const { revision, paragraphs, statements, corrigenda } = await revisionForReader(db, document, number, reader);
      return {
        document: presentDocument(document),
        revision: presentRevision(event, revision),
        paragraphs: paragraphs.map(presentParagraph),
        statements: statements.map((s) => ({
          id: s.id,
          delegationId: s.delegationId,
          paragraphId: s.paragraphId,
          kind: s.kind,
          originalLanguage: s.originalLanguage,
          text: s.text,
          receivedAt: isoWithOffset(s.receivedAt, event.timezone),
        })),
        corrigenda: corrigenda.map((c) => presentCorrigendum(event, c)),
      };
    },
  };
}

/** A revision number of the path or query (0 for the zero draft), or a 404. */
export function revisionNumber(value: string | undefined, code = "negotiation.revision_not_found"): number {
  if (!value || !/^\d{1,5}$/.test(value)) throw NotFound(code);
  return Number(value);
}

/** A paragraph id of the path, or a 404. */
export function paragraphIdOf(c: Context): number {
  const value = c.req.param("paragraphId") ?? "";
  if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2_147_483_647) throw NotFound("negotiation.paragraph_not_found");
  return Number(value);
}

/** An amendment id of the path, or a 404. */
export function amendmentIdOf(c: Context): number {
  const value = c.req.param("amendmentId") ?? "";
  if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2_147_483_647) throw NotFound("negotiation.amendment_not_found");
  return Number(value);
}

export function presentDocument(d: DocumentRow): DocumentOutput {
  return { id: d.id, symbol: d.symbol, title: d.title, negotiatingLanguage: d.negotiatingLanguage, state: d.state };
}

export function presentRevision(event: EventRow, r: RevisionRow): RevisionSummaryOutput {
  const at = (d: Date | null) => (d ? isoWithOffset(d, event.timezone) : null);
  return {
    id: r.id,
    number: r.number,
    state: r.state,
    aligned: r.aligned,
    issuedAt: at(r.issuedAt),
    silenceUntil: at(r.silenceUntil),
    silenceBrokenAt: at(r.silenceBrokenAt),
    adoptedAt: at(r.adoptedAt),
    adoptedHow: r.adoptedHow,
    adoptedThrough: r.adoptedThrough,
    adoptedBy: r.adoptedBy,
    version: r.version,
  };
}

export function presentParagraph(p: SnapshotParagraph): ParagraphOutput {
  return {
    paragraphId: p.paragraphId,
    number: p.number,
    position: p.position,
    kind: p.kind,
    text: p.text,
    status: p.status,
    brackets: p.brackets,
    splitFromId: p.splitFromId,
    mergedIntoId: p.mergedIntoId,
  };
}

type ListedAmendment = Awaited<ReturnType<typeof amendmentsForReader>>["amendments"][number];

export function presentAmendment(event: EventRow, a: ListedAmendment): AmendmentOutput {
  return {
    id: a.id,
    paragraphId: a.paragraphId,
    parentId: a.parentId,
    delegationId: a.delegationId,
    cosponsors: a.cosponsors,
    kind: a.kind,
    language: a.language,
    proposedText: a.proposedText,
    afterParagraphId: a.afterParagraphId,
    state: a.state,
    original: { start: a.originalStart, end: a.originalEnd, text: a.originalText },
    anchor: { revisionId: a.anchorRevisionId, start: a.anchorStart, end: a.anchorEnd, text: a.anchorText, state: a.anchorState },
    receivedAt: isoWithOffset(a.receivedAt, event.timezone),
    version: a.version,
  };
}

export function presentCorrigendum(event: EventRow, c: CorrigendumRow) {
  return { id: c.id, number: c.number, language: c.language, changes: c.changes, note: c.note, issuedAt: isoWithOffset(c.issuedAt, event.timezone) };
}
