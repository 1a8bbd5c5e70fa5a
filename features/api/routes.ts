import { type Context, Hono } from "hono";
import { type Actor, can, canEditSession } from "../access/policy.ts";
import { loadEventParts } from "../events/queries.ts";
import { parseId } from "../feeds/load.ts";
import { deleteSession, saveSession } from "../programme/save-session.ts";
import { type AppError, Conflict, Forbidden, isAppError, NotFound, presentError, TooLarge } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { badgeDesignApiRoutes } from "./badge-design-routes.ts";
import { bodyLimit } from "./body-limit.ts";
import { type EventAccess, etag, eventForRequest, eventForWrite, ifMatchVersion, isPlainObject, messageTranslator, readJson } from "./http.ts";
import { libraryApiRoutes } from "./library-routes.ts";
import { negotiationApiRoutes } from "./negotiation-routes.ts";
import { openApiDocument } from "./openapi.ts";
import { loadSession, loadSessions, type Presenter, presentEvent, presentSession, presentWarnings } from "./present.ts";
import { registrationApiRoutes } from "./registration-routes.ts";

const maxBody = 256 * 1024;

/** `/api/v1`: parse → load → authorize → command → present, the same commands as the admin pages. */
export function apiRoutes(services: Services) {
  const api = new Hono();
  const { db } = services;
  const presenter = async ({ event, lang }: EventAccess): Promise<Presenter> => ({
    event,
    lang,
    parts: await loadEventParts(db, event.id),
    publicUrl: services.config.PUBLIC_URL,
  });
  const sessionId = (c: Context) => {
    const id = parseId(c.req.param("sessionId"));
    if (id === null) throw NotFound("session.not_found");
    return id;
  };
  // The rest of a refused body is not read: the connection is closed, so no client reuses it half-sent.
  const limit = bodyLimit({
    maxSize: maxBody,
    onError: (c) => c.json(presentError(TooLarge("body.too_large", { max: "256 KB" }), messageTranslator(c)), 413, { connection: "close" }),
  });
  const context = (actor: Actor) => ({ db, actor, now: new Date(), publicUrl: services.config.PUBLIC_URL });

  // Answers may depend on who asks: never stored by shared caches.
  api.use(async (c, next) => {
    await next();
    if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "private, no-store");
  });

  let document: ReturnType<typeof openApiDocument> | undefined;
  api.get("/openapi.json", (c) => c.json((document ??= openApiDocument(services.config.PUBLIC_URL)), 200, { "cache-control": "public, max-age=300" }));

  api.get("/events/:slug", async (c) => {
    const p = await presenter(await eventForRequest(services, c));
    return c.json({ event: presentEvent(p) });
  });

  api.get("/events/:slug/sessions", async (c) => {
    const access = await eventForRequest(services, c);
    const [p, sessions] = await Promise.all([presenter(access), loadSessions(db, access.event.id)]);
    return c.json({ sessions: sessions.map((s) => presentSession(p, s)) });
  });

  api.get("/events/:slug/sessions/:sessionId", async (c) => {
    const access = await eventForRequest(services, c);
    const [p, session] = await Promise.all([presenter(access), loadSession(db, access.event.id, sessionId(c))]);
    return c.json({ session: presentSession(p, session) }, 200, { etag: etag(session.version) });
  });

  api.post("/events/:slug/sessions", limit, async (c) => {
    const access = await eventForWrite(services, c);
    if (!can(access.actor, "programme.edit")) throw Forbidden();
    const input = await readJson(c);
    const { session, warnings } = await saveSession(context(access.actor), access.event, null, input);
    const p = await presenter(access);
    const saved = presentSession(p, await loadSession(db, access.event.id, session.id));
    return c.json({ session: saved, warnings: presentWarnings(warnings, messageTranslator(c)) }, 201, {
      etag: etag(session.version),
      location: `${services.config.PUBLIC_URL}/api/v1/events/${access.event.slug}/sessions/${session.id}`,
    });
  });

  api.put("/events/:slug/sessions/:sessionId", limit, async (c) => {
    const access = await eventForWrite(services, c);
    const { people: _, ...existing } = await loadSession(db, access.event.id, sessionId(c));
    if (!canEditSession(access.actor, existing)) throw Forbidden();
    const body = await readJson(c);
    const version = ifMatchVersion(c, existing.version);
    const input = isPlainObject(body) && version !== undefined ? { ...body, version } : body;
    const p = await presenter(access);
    try {
      const { session, warnings } = await saveSession(context(access.actor), access.event, existing, input);
      const saved = presentSession(p, await loadSession(db, access.event.id, session.id));
      return c.json({ session: saved, warnings: presentWarnings(warnings, messageTranslator(c)) }, 200, { etag: etag(session.version) });
    } catch (error) {
      if (isAppError(error) && error.status === 409) throw await staleConflict(p, existing.id);
      throw error;
    }
  });

  api.delete("/events/:slug/sessions/:sessionId", async (c) => {
    const access = await eventForWrite(services, c);
    const { people: _, ...existing } = await loadSession(db, access.event.id, sessionId(c));
    if (!can(access.actor, "programme.edit")) throw Forbidden();
    const version = ifMatchVersion(c, existing.version);
    if (version !== undefined && version !== existing.version) throw await staleConflict(await presenter(access), existing.id);
    await deleteSession(context(access.actor), access.event, existing);
    return c.body(null, 204);
  });

  /** A 409 that shows what is there now, so the client can merge its change into it. */
  async function staleConflict(p: Presenter, id: number): Promise<AppError> {
    const current = await loadSession(db, p.event.id, id).catch(() => null);
    return Conflict("conflict.stale", current ? { version: current.version, session: presentSession(p, current) } : { deleted: true });
  }

  api.route("/", registrationApiRoutes(services, limit));
  api.route("/", negotiationApiRoutes(services, limit));
  api.route("/", libraryApiRoutes(services, limit));
  api.route("/", badgeDesignApiRoutes(services, limit));

  // Unknown API paths answer in the API's own shape, not with an HTML page.
  api.all("*", () => {
    throw NotFound();
  });

  return api;
}
