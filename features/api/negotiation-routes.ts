import { Hono, type MiddlewareHandler } from "hono";
import { isoWithOffset } from "../../i18n/format.ts";
import type { EventRow } from "../events/queries.ts";
import { addStatement } from "../negotiation/add-statement.ts";
import { adoptRevision } from "../negotiation/adopt-revision.ts";
import { objectToSilence } from "../negotiation/break-silence.ts";
import { cosponsorAmendment, decideAmendment, withdrawAmendment } from "../negotiation/decide-amendment.ts";
import type { DocumentRow } from "../negotiation/documents.ts";
import { cosponsorInput, withdrawInput } from "../negotiation/input.ts";
import { issueCorrigendum } from "../negotiation/issue-corrigendum.ts";
import { issueRevision } from "../negotiation/issue-revision.ts";
import { lineageOf, linkEarlierDocument, unlinkEarlierDocument } from "../negotiation/lineage.ts";
import { amendmentsForReader, documentForReader, listDocuments, type Reader, redlineForReader, revisionForReader } from "../negotiation/queries.ts";
import { startSilence } from "../negotiation/start-silence.ts";
import { loadAmendment, submitAmendment } from "../negotiation/submit-amendment.ts";
import { NotFound } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { parseInput } from "../shared/validate.ts";
import { etag, eventForWrite, readJson } from "./http.ts";
import { negotiationDraftRoutes } from "./negotiation-draft-routes.ts";
import { negotiationExportRoutes } from "./negotiation-export-routes.ts";
import { amendmentIdOf, negotiationHttp, presentAmendment, presentCorrigendum, presentDocument, presentRevision, revisionNumber } from "./negotiation-http.ts";

export { linkHeader } from "./negotiation-http.ts";

/**
 * Outcome documents: read by staff (drafts included), by delegates through their link (issued revisions and
 * amendments), by the public (adopted texts); amendments proposed, co-sponsored, withdrawn by delegates (or
 * the secretariat for them) and decided by facilitators; revisions issued, put under silence and adopted by
 * the chair, objected to and commented on by delegations. The same commands as the pages.
 */
export function negotiationApiRoutes(services: Services, limit: MiddlewareHandler) {
  const api = new Hono();
  const { db } = services;
  const http = negotiationHttp(services);
  const staff = async (c: Parameters<typeof http.base>[0]) => {
    const access = await eventForWrite(services, c);
    return { event: access.event, ctx: { ...http.base(c), actor: access.actor } };
  };

  api.get("/events/:slug/documents", async (c) => {
    const { event, reader: who } = await http.reader(c);
    const documents = await listDocuments(db, event, who);
    return c.json({ documents: documents.map((d) => ({ ...presentDocument(d.document), revisions: d.revisions.map((r) => presentRevision(event, r)) })) });
  });

  api.get("/events/:slug/documents/:documentId", async (c) => {
    const { event, reader: who } = await http.reader(c);
    const { document, revisions } = await documentForReader(db, event, (await http.documentOf(c, event)).id, who);
    return c.json({ document: presentDocument(document), revisions: revisions.map((r) => presentRevision(event, r)) });
  });

  api.get("/events/:slug/documents/:documentId/revisions/:number", async (c) => {
    const { event, reader: who } = await http.reader(c);
    const document = await visibleDocument(c, event, who);
    const answer = await http.revisionAnswer(event, document, revisionNumber(c.req.param("number")), who);
    return c.json(answer, 200, { etag: etag(answer.revision.version) });
  });

  api.get("/events/:slug/documents/:documentId/redline", async (c) => {
    const { event, reader: who } = await http.reader(c);
    const document = await visibleDocument(c, event, who);
    const from = revisionNumber(c.req.query("from"));
    const to = revisionNumber(c.req.query("to"));
    return c.json({ from, to, ...(await redlineForReader(db, document, from, to, who)) });
  });

  api.get("/events/:slug/documents/:documentId/amendments", async (c) => {
    const { event, reader: who } = await http.reader(c);
    const document = await visibleDocument(c, event, who);
    const { amendments, collisions } = await amendmentsForReader(db, document, who);
    return c.json({ amendments: amendments.map((a) => presentAmendment(event, a)), collisions });
  });

  /** One amendment as listed (with its co-sponsors and anchor revision). */
  async function amendmentAnswer(event: EventRow, document: DocumentRow, amendmentId: number) {
    const { amendments } = await amendmentsForReader(db, document, "delegate");
    const saved = amendments.find((a) => a.id === amendmentId) ?? {
      ...(await loadAmendment(db, event.id, document.id, amendmentId)),
      anchorRevisionId: null,
      cosponsors: [],
    };
    return { amendment: presentAmendment(event, saved) };
  }

  api.post("/events/:slug/documents/:documentId/amendments", limit, async (c) => {
    const { event, who, ctx } = await http.proponent(c);
    const document = await http.documentOf(c, event);
    const amendment = await submitAmendment(ctx, event, document, who, await readJson(c));
    return c.json(await amendmentAnswer(event, document, amendment.id), 201, {
      location: `${services.config.PUBLIC_URL}/api/v1/events/${event.slug}/documents/${document.id}/amendments`,
    });
  });

  api.post("/events/:slug/documents/:documentId/amendments/:amendmentId/decision", limit, async (c) => {
    const { event, ctx } = await staff(c);
    const document = await http.documentOf(c, event);
    const amendment = await loadAmendment(db, event.id, document.id, amendmentIdOf(c));
    await decideAmendment(ctx, event, amendment, await readJson(c));
    return c.json(await amendmentAnswer(event, document, amendment.id));
  });

  api.post("/events/:slug/documents/:documentId/amendments/:amendmentId/withdrawal", limit, async (c) => {
    const { event, who, ctx } = await http.proponent(c);
    const document = await http.documentOf(c, event);
    const amendment = await loadAmendment(db, event.id, document.id, amendmentIdOf(c));
    const { version } = parseInput(withdrawInput, await readJson(c));
    await withdrawAmendment(ctx, event, amendment, who, version);
    return c.json(await amendmentAnswer(event, document, amendment.id));
  });

  api.post("/events/:slug/documents/:documentId/amendments/:amendmentId/cosponsors", limit, async (c) => {
    const { event, who, ctx } = await http.proponent(c);
    const document = await http.documentOf(c, event);
    const amendment = await loadAmendment(db, event.id, document.id, amendmentIdOf(c));
    const { delegationId } = parseInput(cosponsorInput, await readJson(c));
    await cosponsorAmendment(ctx, event, amendment, who, delegationId);
    return c.json(await amendmentAnswer(event, document, amendment.id));
  });

  api.post("/events/:slug/documents/:documentId/revisions", limit, async (c) => {
    const { event, ctx } = await staff(c);
    const document = await http.documentOf(c, event);
    const draft = (await documentForReader(db, event, document.id, "staff")).revisions.find((r) => r.state === "draft");
    if (!draft) throw NotFound("negotiation.revision_not_found");
    const { revision, rebased } = await issueRevision(ctx, event, document, draft, await readJson(c));
    return c.json({ revision: presentRevision(event, revision), rebased }, 201, { etag: etag(revision.version) });
  });

  api.post("/events/:slug/documents/:documentId/revisions/:number/silence", limit, async (c) => {
    const { event, ctx } = await staff(c);
    const document = await http.documentOf(c, event);
    const revision = await http.revisionOf(c, document);
    const silenced = await startSilence(ctx, services.jobs, event, document, revision, await readJson(c));
    return c.json({ revision: presentRevision(event, silenced) }, 200, { etag: etag(silenced.version) });
  });

  api.post("/events/:slug/documents/:documentId/revisions/:number/objections", limit, async (c) => {
    const { event, who, ctx } = await http.proponent(c);
    const document = await http.documentOf(c, event);
    const revision = await http.revisionOf(c, document);
    const brk = await objectToSilence(ctx, event, document, revision, who, await readJson(c));
    const after = await http.revisionOf(c, document);
    return c.json(
      {
        break: { id: brk.id, delegationId: brk.delegationId, kind: brk.kind, note: brk.note, receivedAt: isoWithOffset(brk.receivedAt, event.timezone) },
        revision: presentRevision(event, after),
      },
      201,
    );
  });

  api.post("/events/:slug/documents/:documentId/revisions/:number/adoption", limit, async (c) => {
    const { event, ctx } = await staff(c);
    const document = await http.documentOf(c, event);
    const revision = await http.revisionOf(c, document);
    const adopted = await adoptRevision(ctx, event, document, revision, await readJson(c));
    return c.json({ revision: presentRevision(event, adopted) }, 200, { etag: etag(adopted.version) });
  });

  api.post("/events/:slug/documents/:documentId/revisions/:number/statements", limit, async (c) => {
    const { event, who, ctx } = await http.proponent(c);
    const document = await http.documentOf(c, event);
    const revision = await http.revisionOf(c, document);
    const s = await addStatement(ctx, event, document, revision, who, await readJson(c));
    return c.json(
      {
        statement: {
          id: s.id,
          delegationId: s.delegationId,
          paragraphId: s.paragraphId,
          kind: s.kind,
          originalLanguage: s.originalLanguage,
          text: s.text,
          receivedAt: isoWithOffset(s.receivedAt, event.timezone),
        },
      },
      201,
    );
  });

  api.post("/events/:slug/documents/:documentId/revisions/:number/corrigenda", limit, async (c) => {
    const { event, ctx } = await staff(c);
    const document = await http.documentOf(c, event);
    const revision = await http.revisionOf(c, document);
    const { paragraphs } = await revisionForReader(db, document, revision.number, "staff");
    const corrigendum = await issueCorrigendum(ctx, event, document, revision, paragraphs, await readJson(c));
    return c.json({ corrigendum: presentCorrigendum(event, corrigendum) }, 201);
  });

  /** The earlier documents this one continues, with the paragraphs of the latest revision the reader may see that carry over. */
  api.get("/events/:slug/documents/:documentId/lineage", async (c) => {
    const { event, reader: who } = await http.reader(c);
    const { document, revisions } = await documentForReader(db, event, (await http.documentOf(c, event)).id, who);
    const latest = revisions.at(-1);
    const paragraphs = latest ? (await revisionForReader(db, document, latest.number, who)).paragraphs : [];
    return c.json({ lineage: await lineageOf(db, document, paragraphs) });
  });

  api.post("/events/:slug/documents/:documentId/lineage", limit, async (c) => {
    const { event, ctx } = await staff(c);
    const document = await http.documentOf(c, event);
    const row = await linkEarlierDocument(ctx, event, document, await readJson(c));
    return c.json({ id: row.id }, 201);
  });

  api.delete("/events/:slug/documents/:documentId/lineage/:lineageId", limit, async (c) => {
    const { event, ctx } = await staff(c);
    const document = await http.documentOf(c, event);
    const id = c.req.param("lineageId");
    await unlinkEarlierDocument(ctx, event, document, /^\d{1,10}$/.test(id) ? Number(id) : 0);
    return c.body(null, 204);
  });

  api.route("/", negotiationDraftRoutes(services, limit));
  api.route("/", negotiationExportRoutes(services));

  /** A document the reader may see at all (the public: adopted ones only). */
  async function visibleDocument(c: Parameters<typeof http.base>[0], event: EventRow, who: Reader): Promise<DocumentRow> {
    return (await documentForReader(db, event, (await http.documentOf(c, event)).id, who)).document;
  }

  return api;
}
