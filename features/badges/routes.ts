import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { can } from "../access/policy.ts";
import { bodyLimit } from "../api/body-limit.ts";
import { eventForRequest, eventForWrite, isPlainObject, messageTranslator, readJson } from "../api/http.ts";
import { parseId } from "../feeds/load.ts";
import { contentDisposition } from "../files/respond.ts";
import { fileStore } from "../files/store.ts";
import { NotFound, presentError, TooLarge } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { peopleWithoutPhoto } from "./issue-badges.ts";
import { publishedKeys } from "./keys.ts";
import { handOverBadge, issueMissingBadges, markPrinted, reprintBadge, revokeBadge, rotateSigningKey } from "./print-badges.ts";
import { getPrintBatch, type PrintBatchRow, progressOf, renderedBy, requestPrint } from "./print-run.ts";
import { badges } from "./schema.ts";

/** `/api/v1/events/:slug/badges…`: issue, reprint, mark printed and handed over, revoke; the public keys. */
export function badgeRoutes(services: Services) {
  const api = new Hono();
  const { db } = services;
  const limit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => c.json(presentError(TooLarge("body.too_large", { max: "1 MB" }), messageTranslator(c)), 413, { connection: "close" }),
  });
  const ctx = (actor: Awaited<ReturnType<typeof eventForWrite>>["actor"]) => ({
    db,
    actor,
    now: new Date(),
    publicUrl: services.config.PUBLIC_URL,
    secret: services.secret,
  });
  const body = async (c: Parameters<typeof readJson>[0]) => {
    const value = await readJson(c);
    return isPlainObject(value) ? value : {};
  };

  api.get("/events/:slug/badges", async (c) => {
    const access = await eventForRequest(services, c);
    if (!can(access.actor, "badges.print")) throw NotFound("event.not_found");
    const rows = await db
      .select({
        participantId: badges.participantId,
        version: badges.version,
        categoryId: badges.categoryId,
        code: badges.code,
        printedVersion: badges.printedVersion,
        printedAt: badges.printedAt,
        handedOverAt: badges.handedOverAt,
        revokedAt: badges.revokedAt,
      })
      .from(badges)
      .where(eq(badges.eventId, access.event.id))
      .orderBy(badges.participantId);
    return c.json({ badges: rows });
  });

  api.get("/events/:slug/badges/keys", async (c) => {
    const access = await eventForRequest(services, c);
    return c.json({ keys: await publishedKeys(db, access.event.id, new Date()) });
  });

  api.post("/events/:slug/badges/print", limit, async (c) => {
    const access = await eventForWrite(services, c);
    const batch = await requestPrint({ ...ctx(access.actor), jobs: services.jobs }, access.event, await body(c));
    return c.json({ batch: presentBatch(access.event.slug, batch) }, 202, {
      location: `${services.config.PUBLIC_URL}/api/v1/events/${access.event.slug}/badges/print/${batch.id}`,
    });
  });

  api.get("/events/:slug/badges/print/:id", async (c) => {
    const access = await eventForRequest(services, c);
    if (!can(access.actor, "badges.print")) throw NotFound("event.not_found");
    const batch = await getPrintBatch(db, access.event.id, parseId(c.req.param("id")));
    return c.json({ batch: presentBatch(access.event.slug, batch) });
  });

  api.get("/events/:slug/badges/print/:id/parts/:part", async (c) => {
    const access = await eventForRequest(services, c);
    if (!can(access.actor, "badges.print")) throw NotFound("event.not_found");
    const batch = await getPrintBatch(db, access.event.id, parseId(c.req.param("id")));
    const part = Number(c.req.param("part"));
    const fileId = Number.isInteger(part) ? batch.partFileIds[part - 1] : undefined;
    const found = fileId ? await fileStore.head(db, access.event.id, fileId, ["badges"]) : undefined;
    if (!found) throw NotFound();
    return c.body(fileStore.stream(db, found), 200, {
      "content-type": "application/pdf",
      "content-length": String(found.size),
      "content-disposition": contentDisposition("inline", found.filename),
    });
  });

  /** A print station has printed the run: its badges are marked printed (and nobody is checked in). */
  api.post("/events/:slug/badges/print/:id/printed", async (c) => {
    const access = await eventForWrite(services, c);
    const batch = await getPrintBatch(db, access.event.id, parseId(c.req.param("id")));
    return c.json({ printed: await markPrinted(ctx(access.actor), access.event, batch.participantIds, renderedBy(batch)) });
  });

  api.get("/events/:slug/badges/without-photo", async (c) => {
    const access = await eventForRequest(services, c);
    if (!can(access.actor, "badges.print")) throw NotFound("event.not_found");
    return c.json({ people: await peopleWithoutPhoto(db, access.event.id) });
  });

  api.post("/events/:slug/badges/keys/rotate", async (c) => {
    const access = await eventForWrite(services, c);
    return c.json({ keyId: await rotateSigningKey(ctx(access.actor), access.event) }, 201);
  });

  api.post("/events/:slug/badges/issue", limit, async (c) => {
    const access = await eventForWrite(services, c);
    const input = await body(c);
    const issued = await issueMissingBadges(ctx(access.actor), access.event, input.participantIds);
    return c.json({ issued: issued.map((b) => ({ participantId: b.participantId, version: b.version, code: b.code })) });
  });

  api.post("/events/:slug/badges/printed", limit, async (c) => {
    const access = await eventForWrite(services, c);
    const input = await body(c);
    return c.json({ printed: await markPrinted(ctx(access.actor), access.event, input.participantIds) });
  });

  api.post("/events/:slug/badges/:participantId/reprint", async (c) => {
    const access = await eventForWrite(services, c);
    const badge = await reprintBadge(ctx(access.actor), access.event, c.req.param("participantId"));
    return c.json({ badge: { participantId: badge.participantId, version: badge.version, code: badge.code } });
  });

  api.post("/events/:slug/badges/:participantId/handed-over", async (c) => {
    const access = await eventForWrite(services, c);
    await handOverBadge(ctx(access.actor), access.event, c.req.param("participantId"));
    return c.body(null, 204);
  });

  api.post("/events/:slug/badges/:participantId/revoke", async (c) => {
    const access = await eventForWrite(services, c);
    await revokeBadge(ctx(access.actor), access.event, c.req.param("participantId"));
    return c.body(null, 204);
  });

  return api;
}

function presentBatch(slug: string, batch: PrintBatchRow) {
  return {
    ...progressOf(batch),
    size: batch.size,
    layout: batch.layout,
    sides: batch.sides,
    lang: batch.lang,
    createdAt: batch.createdAt,
    finishedAt: batch.finishedAt,
    parts: batch.partFileIds.map((_, i) => `/api/v1/events/${slug}/badges/print/${batch.id}/parts/${i + 1}`),
  };
}
