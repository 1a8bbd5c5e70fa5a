// The facilitator's writes to a document's open draft: paragraphs added, rewritten, moved, split, merged,
// bracketed, marked; accepted amendments folded in; a new draft opened from the latest issued revision; a
// new document created. Each answers with the draft as it now stands (numbers recomputed), `ETag` its version.
import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { EventRow } from "../events/queries.ts";
import { addBracket, markParagraph, resolveBracket } from "../negotiation/bracket-paragraph.ts";
import { createDocument } from "../negotiation/create-document.ts";
import type { DocumentRow, RevisionRow } from "../negotiation/documents.ts";
import { addParagraph, moveParagraph, updateParagraph } from "../negotiation/edit-paragraph.ts";
import { foldAmendments } from "../negotiation/fold-amendments.ts";
import { openDraftInput, resolveBracketInput } from "../negotiation/input.ts";
import { openDraft } from "../negotiation/open-draft.ts";
import { documentForReader } from "../negotiation/queries.ts";
import { mergeParagraphs, splitParagraph } from "../negotiation/split-paragraph.ts";
import { NotFound } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { parseInput } from "../shared/validate.ts";
import { etag, eventForWrite, readJson } from "./http.ts";
import { negotiationHttp, paragraphIdOf } from "./negotiation-http.ts";

export function negotiationDraftRoutes(services: Services, limit: MiddlewareHandler) {
  const api = new Hono();
  const { db } = services;
  const http = negotiationHttp(services);

  /** The staff member, the document and its open draft (a 404 `negotiation.no_draft` when none is open). */
  async function draftOf(c: Context) {
    const access = await eventForWrite(services, c);
    const document = await http.documentOf(c, access.event);
    const draft = (await documentForReader(db, access.event, document.id, "staff")).revisions.find((r) => r.state === "draft");
    if (!draft) throw NotFound("negotiation.no_draft");
    return { event: access.event, document, draft, ctx: { ...http.base(c), actor: access.actor } };
  }

  async function answer(c: Context, event: EventRow, document: DocumentRow, draft: RevisionRow, status: 200 | 201 = 200) {
    const body = await http.revisionAnswer(event, document, draft.number, "staff");
    return c.json(body, status, { etag: etag(body.revision.version) });
  }

  api.post("/events/:slug/documents", limit, async (c) => {
    const access = await eventForWrite(services, c);
    const { document, draft } = await createDocument({ ...http.base(c), actor: access.actor }, access.event, await readJson(c));
    return c.json(await http.revisionAnswer(access.event, document, draft.number, "staff"), 201, {
      location: `${services.config.PUBLIC_URL}/api/v1/events/${access.event.slug}/documents/${document.id}`,
    });
  });

  api.post("/events/:slug/documents/:documentId/draft", limit, async (c) => {
    const access = await eventForWrite(services, c);
    const document = await http.documentOf(c, access.event);
    const { renumber } = parseInput(openDraftInput, await readJson(c));
    const draft = await openDraft({ ...http.base(c), actor: access.actor }, access.event, document, { renumber });
    return answer(c, access.event, document, draft, 201);
  });

  api.post("/events/:slug/documents/:documentId/draft/paragraphs", limit, async (c) => {
    const { event, document, draft, ctx } = await draftOf(c);
    await addParagraph(ctx, event, document, draft, await readJson(c));
    return answer(c, event, document, draft, 201);
  });

  api.patch("/events/:slug/documents/:documentId/draft/paragraphs/:paragraphId", limit, async (c) => {
    const { event, document, draft, ctx } = await draftOf(c);
    await updateParagraph(ctx, event, document, draft, paragraphIdOf(c), await readJson(c));
    return answer(c, event, document, draft);
  });

  const paragraphCommands = { move: moveParagraph, split: splitParagraph, merge: mergeParagraphs, brackets: addBracket, status: markParagraph };
  for (const [name, command] of Object.entries(paragraphCommands)) {
    api.post(`/events/:slug/documents/:documentId/draft/paragraphs/:paragraphId/${name}`, limit, async (c) => {
      const { event, document, draft, ctx } = await draftOf(c);
      await command(ctx, event, document, draft, paragraphIdOf(c), await readJson(c));
      return answer(c, event, document, draft);
    });
  }

  api.post("/events/:slug/documents/:documentId/draft/paragraphs/:paragraphId/brackets/:bracketId/resolution", limit, async (c) => {
    const { event, document, draft, ctx } = await draftOf(c);
    const paragraphId = paragraphIdOf(c);
    const data = parseInput(resolveBracketInput, await readJson(c));
    await resolveBracket(ctx, event, document, draft, paragraphId, { ...data, bracketId: c.req.param("bracketId") ?? "" });
    return answer(c, event, document, draft);
  });

  api.post("/events/:slug/documents/:documentId/draft/fold", limit, async (c) => {
    const { event, document, draft, ctx } = await draftOf(c);
    await foldAmendments(ctx, event, document, draft, await readJson(c));
    return answer(c, event, document, draft);
  });

  return api;
}
