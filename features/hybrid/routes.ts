import { and, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { createTranslator, htmlLang, negotiateLanguage } from "../../i18n/index.ts";
import { can } from "../access/policy.ts";
import { bodyLimit } from "../api/body-limit.ts";
import { clientAddress, etag, eventForRequest, eventForWrite, messageTranslator, readJson } from "../api/http.ts";
import { parseId } from "../feeds/load.ts";
import { isAppError, NotFound, presentError, TooLarge } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { attendanceOfSession } from "./attendance.ts";
import { joinSession } from "./join-session.ts";
import { removeSessionOnline, saveSessionOnline } from "./save-session-online.ts";
import { sessionOnline } from "./schema.ts";

/**
 * `/join/:token/:sessionId`: a participant's personal way into a session online (recorded, then redirected);
 * `/api/v1/events/:slug/sessions/:id/online|attendance`: what staff set and read.
 */
export function hybridRoutes(services: Services) {
  const app = new Hono();
  const { db } = services;
  const limit = bodyLimit({
    maxSize: 64 * 1024,
    onError: (c) => c.json(presentError(TooLarge("body.too_large", { max: "64 KB" }), messageTranslator(c)), 413, { connection: "close" }),
  });
  const staff = (actor: Awaited<ReturnType<typeof eventForWrite>>["actor"]) => ({ db, actor, now: new Date(), publicUrl: services.config.PUBLIC_URL });

  app.get("/join/:token/:sessionId", async (c) => {
    try {
      const target = await joinSession(
        { db, now: new Date(), publicUrl: services.config.PUBLIC_URL, client: clientAddress(c, services.config.TRUST_PROXY) },
        c.req.param("token"),
        c.req.param("sessionId"),
        c.req.query("channel") ?? null,
      );
      // No Referer: the provider never sees the personal link.
      return c.redirect(target, 302);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const back = (error.details as { back?: string } | undefined)?.back;
      return refusal(c, error.status, error.code, back);
    }
  });

  app.get("/api/v1/events/:slug/sessions/:sessionId/online", async (c) => {
    const access = await eventForRequest(services, c);
    if (!can(access.actor, "hybrid.manage")) throw NotFound("event.not_found");
    const id = parseId(c.req.param("sessionId"));
    const [row] = id
      ? await db
          .select()
          .from(sessionOnline)
          .where(and(eq(sessionOnline.eventId, access.event.id), eq(sessionOnline.sessionId, id)))
      : [];
    if (!row) throw NotFound("hybrid.no_online_session");
    const { eventId: _, ...online } = row;
    return c.json({ online }, 200, { etag: etag(row.version) });
  });

  app.put("/api/v1/events/:slug/sessions/:sessionId/online", limit, async (c) => {
    const access = await eventForWrite(services, c);
    const row = await saveSessionOnline(staff(access.actor), access.event, c.req.param("sessionId"), await readJson(c));
    const { eventId: _, ...online } = row;
    return c.json({ online }, 200, { etag: etag(row.version) });
  });

  app.delete("/api/v1/events/:slug/sessions/:sessionId/online", async (c) => {
    const access = await eventForWrite(services, c);
    await removeSessionOnline(staff(access.actor), access.event, c.req.param("sessionId"));
    return c.body(null, 204);
  });

  app.get("/api/v1/events/:slug/sessions/:sessionId/attendance", async (c) => {
    const access = await eventForRequest(services, c);
    if (!can(access.actor, "doors.read")) throw NotFound("event.not_found");
    const id = parseId(c.req.param("sessionId"));
    if (id === null) throw NotFound("session.not_found");
    return c.json({ attendance: await attendanceOfSession(db, access.event.id, id) });
  });

  return app;
}

/** A join refused, in the reader's language; once their link is known good, with the way back to their page. */
function refusal(c: Context, status: number, code: string, back?: string) {
  const lang = negotiateLanguage(c.req.header("accept-language"));
  const t = createTranslator(lang);
  const message = t(`error.${code}`);
  const htmlText = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const link = back ? `<p><a href="${htmlText(back)}">${htmlText(t("hybrid.portal.back"))}</a></p>` : "";
  const body = `<!doctype html><html lang="${htmlLang(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${htmlText(message)}</title></head><body><main><h1>${htmlText(message)}</h1>${link}</main></body></html>`;
  return c.html(body, status as 403 | 404 | 410 | 429, { "cache-control": "no-store" });
}
