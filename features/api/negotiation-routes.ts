import { type Context, Hono, type MiddlewareHandler } from "hono";
import { isoWithOffset } from "../../i18n/format.ts";
import type { EventRow } from "../events/queries.ts";
import { type DocumentRow, loadDocument, type RevisionRow } from "../negotiation/documents.ts";
import { issueRevision } from "../negotiation/issue-revision.ts";
import { type DelegateSeat, delegateSeat, type Proponent } from "../negotiation/proponent.ts";
import { amendmentsForReader, documentForReader, listDocuments, type Reader, readerOf, redlineForReader, revisionForReader } from "../negotiation/queries.ts";
import { loadAmendment, submitAmendment } from "../negotiation/submit-amendment.ts";
import { NotFound } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { clientAddress, etag, eventForRequest, eventForWrite, readJson } from "./http.ts";
import type { AmendmentOutput, DocumentOutput, ParagraphOutput, RevisionSummaryOutput } from "./negotiation-schemas.ts";

/** The header a delegate's client sends their personal participant link in (never in the URL, where logs keep it). */
export const linkHeader = "plenary-link";

/**
 * Outcome documents: read by staff (drafts included), by delegates through their link (issued revisions and
 * amendments), by the public (adopted texts); amendments submitted by delegates or the secretariat, revisions
 * issued by facilitators. The same commands as the pages to come.
 */
export function negotiationApiRoutes(services: Services, limit: MiddlewareHandler) {
  const api = new Hono();
  const { db } = services;
  const base = (c: Context) => ({ db, now: new Date(), publicUrl: services.config.PUBLIC_URL, client: clientAddress(c, services.config.TRUST_PROXY) });

  async function seatOf(c: Context, event: EventRow): Promise<DelegateSeat | null> {
    const token = c.req.header(linkHeader);
    if (token === undefined) return null;
    return delegateSeat(db, event, token.trim(), clientAddress(c, services.config.TRUST_PROXY), new Date());
  }
  async function reader(c: Context) {
    const access = await eventForRequest(services, c);
    const seat = await seatOf(c, access.event);
    const who: Reader = readerOf(access.actor, seat !== null && seat.standing !== "none");
    return { ...access, seat, reader: who };
  }
  async function documentOf(c: Context, event: EventRow) {
    const id = Number(c.req.param("documentId"));
    if (!/^\d{1,10}$/.test(c.req.param("documentId") ?? "")) throw NotFound("negotiation.document_not_found");
    return loadDocument(db, event.id, id);
  }
  const revisionNumber = (value: string | undefined, code = "negotiation.revision_not_found") => {
    if (!value || !/^\d{1,5}$/.test(value)) throw NotFound(code);
    return Number(value);
  };

  api.get("/events/:slug/documents", async (c) => {
    const { event, reader: who } = await reader(c);
    const documents = await listDocuments(db, event, who);
    return c.json({ documents: documents.map((d) => ({ ...presentDocument(d.document), revisions: d.revisions.map((r) => presentRevision(event, r)) })) });
  });

  api.get("/events/:slug/documents/:documentId", async (c) => {
    const { event, reader: who } = await reader(c);
    const { document, revisions } = await documentForReader(db, event, (await documentOf(c, event)).id, who);
    return c.json({ document: presentDocument(document), revisions: revisions.map((r) => presentRevision(event, r)) });
  });

  api.get("/events/:slug/documents/:documentId/revisions/:number", async (c) => {
    const { event, reader: who } = await reader(c);
    const document = await visibleDocument(c, event, who);
    const { revision, paragraphs, statements } = await revisionForReader(db, document, revisionNumber(c.req.param("number")), who);
    return c.json(
      {
        document: presentDocument(document),
        revision: presentRevision(event, revision),
        paragraphs: paragraphs.map(
          (p): ParagraphOutput => ({
            paragraphId: p.paragraphId,
            number: p.number,
            position: p.position,
            kind: p.kind,
            text: p.text,
            status: p.status,
            brackets: p.brackets,
            splitFromId: p.splitFromId,
            mergedIntoId: p.mergedIntoId,
          }),
        ),
        statements: statements.map((s) => ({
          id: s.id,
          delegationId: s.delegationId,
          paragraphId: s.paragraphId,
          kind: s.kind,
          originalLanguage: s.originalLanguage,
          text: s.text,
          receivedAt: isoWithOffset(s.receivedAt, event.timezone),
        })),
      },
      200,
      { etag: etag(revision.version) },
    );
  });

  api.get("/events/:slug/documents/:documentId/redline", async (c) => {
    const { event, reader: who } = await reader(c);
    const document = await visibleDocument(c, event, who);
    const from = revisionNumber(c.req.query("from"));
    const to = revisionNumber(c.req.query("to"));
    return c.json({ from, to, ...(await redlineForReader(db, document, from, to, who)) });
  });

  api.get("/events/:slug/documents/:documentId/amendments", async (c) => {
    const { event, reader: who } = await reader(c);
    const document = await visibleDocument(c, event, who);
    const { amendments, collisions } = await amendmentsForReader(db, document, who);
    return c.json({ amendments: amendments.map((a) => presentAmendment(event, a)), collisions });
  });

  api.post("/events/:slug/documents/:documentId/amendments", limit, async (c) => {
    // A delegate's link, or else a signed-in staff member (or API token) entering a delegation's written amendment.
    const access = c.req.header(linkHeader) !== undefined ? await eventForRequest(services, c) : await eventForWrite(services, c);
    const seat = await seatOf(c, access.event);
    const who: Proponent = seat ? { by: "delegate", seat } : { by: "staff", actor: access.actor! };
    const document = await documentOf(c, access.event);
    const input = await readJson(c);
    const ctx = who.by === "delegate" ? base(c) : { ...base(c), actor: who.actor };
    const amendment = await submitAmendment(ctx, access.event, document, who, input);
    const { amendments } = await amendmentsForReader(db, document, "delegate");
    const saved = amendments.find((a) => a.id === amendment.id) ?? {
      ...(await loadAmendment(db, access.event.id, document.id, amendment.id)),
      anchorRevisionId: null,
      cosponsors: [],
    };
    return c.json({ amendment: presentAmendment(access.event, saved) }, 201, {
      location: `${services.config.PUBLIC_URL}/api/v1/events/${access.event.slug}/documents/${document.id}/amendments`,
    });
  });

  api.post("/events/:slug/documents/:documentId/revisions", limit, async (c) => {
    const access = await eventForWrite(services, c);
    const document = await documentOf(c, access.event);
    const revisions = (await documentForReader(db, access.event, document.id, "staff")).revisions;
    const draft = revisions.find((r) => r.state === "draft");
    if (!draft) throw NotFound("negotiation.revision_not_found");
    const input = await readJson(c);
    const { revision, rebased } = await issueRevision({ ...base(c), actor: access.actor }, access.event, document, draft, input);
    return c.json({ revision: presentRevision(access.event, revision), rebased }, 201, { etag: etag(revision.version) });
  });

  /** A document the reader may see at all (the public: adopted ones only). */
  async function visibleDocument(c: Context, event: EventRow, who: Reader): Promise<DocumentRow> {
    return (await documentForReader(db, event, (await documentOf(c, event)).id, who)).document;
  }

  return api;
}

function presentDocument(d: DocumentRow): DocumentOutput {
  return { id: d.id, symbol: d.symbol, title: d.title, negotiatingLanguage: d.negotiatingLanguage, state: d.state };
}

function presentRevision(event: EventRow, r: RevisionRow): RevisionSummaryOutput {
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

type ListedAmendment = Awaited<ReturnType<typeof amendmentsForReader>>["amendments"][number];

function presentAmendment(event: EventRow, a: ListedAmendment): AmendmentOutput {
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
