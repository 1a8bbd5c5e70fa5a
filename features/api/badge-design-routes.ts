import { type Context, Hono, type MiddlewareHandler } from "hono";
import { isoWithOffset } from "../../i18n/format.ts";
import { negotiateLanguage } from "../../i18n/index.ts";
import { type Action, type Actor, can } from "../access/policy.ts";
import { type BadgeDesignRow, designOfRow, designsInForce, getBadgeDesign, listBadgeDesigns } from "../badges/design-queries.ts";
import { previewBadgePdf } from "../badges/preview-pdf.ts";
import { createBadgeDesign, deleteBadgeDesign, updateBadgeDesign } from "../badges/save-badge-design.ts";
import type { EventRow } from "../events/queries.ts";
import { parseId } from "../feeds/load.ts";
import { contentDisposition } from "../files/respond.ts";
import { type AppError, Conflict, Forbidden, Invalid, isAppError, NotFound } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import type { BadgeDesignOutput } from "./badge-design-schemas.ts";
import { etag, eventForWrite, ifMatchVersion, isPlainObject, readJson } from "./http.ts";

/**
 * `/api/v1/events/:slug/badge-designs`: an event's badge designs, read by whoever prints badges
 * (`badges.print`: badge printers, their tokens, write tokens) and changed by those who keep them
 * (`badges.manage`), through the same commands as the staff pages.
 */
export function badgeDesignApiRoutes(services: Services, limit: MiddlewareHandler) {
  const api = new Hono();
  const { db } = services;
  const base = `${services.config.PUBLIC_URL}/api/v1/events`;

  /** Credentials first (401), then the right: a 403 for staff of the event, a 404 for anyone else (nothing learnt). */
  async function allowed(c: Context, action: Action) {
    const access = await eventForWrite(services, c);
    if (!can(access.actor, action)) throw can(access.actor, "event.read_admin") ? Forbidden() : NotFound("event.not_found");
    const ctx = { db, actor: access.actor as Actor, now: new Date(), publicUrl: services.config.PUBLIC_URL };
    return { event: access.event, lang: access.lang, ctx };
  }

  const designOf = (c: Context, event: EventRow) => getBadgeDesign(db, event.id, parseId(c.req.param("designId")));

  function present(event: EventRow, row: BadgeDesignRow): BadgeDesignOutput {
    return {
      id: row.id,
      categoryId: row.categoryId,
      ...designOfRow(row),
      version: row.version,
      updatedAt: isoWithOffset(row.updatedAt, event.timezone),
      previewUrl: `${base}/${event.slug}/badge-designs/${row.id}/preview.pdf`,
    };
  }

  /** A 409 that shows the design as it is now (or that it is gone), so the client can merge its change into it. */
  async function stale(event: EventRow, id: number): Promise<AppError> {
    const current = await getBadgeDesign(db, event.id, id).catch(() => null);
    return Conflict("conflict.stale", current ? { version: current.version, design: present(event, current) } : { deleted: true });
  }

  /** The version a change is based on: `If-Match`, else `?version=`, else the body's `version`. */
  function basedOn(c: Context, existing: BadgeDesignRow, body: Record<string, unknown>): Record<string, unknown> {
    const version = ifMatchVersion(c, existing.version) ?? c.req.query("version");
    return version === undefined ? body : { ...body, version };
  }

  async function objectBody(c: Context): Promise<Record<string, unknown>> {
    const body = await readJson(c);
    if (!isPlainObject(body)) throw Invalid("validation", { _: "invalid" });
    return body;
  }

  api.get("/events/:slug/badge-designs", async (c) => {
    const { event } = await allowed(c, "badges.print");
    const rows = await listBadgeDesigns(db, event.id);
    return c.json({ designs: rows.map((row) => present(event, row)), categories: await designsInForce(db, event.id, rows) });
  });

  api.post("/events/:slug/badge-designs", limit, async (c) => {
    const { event, ctx } = await allowed(c, "badges.manage");
    const row = await createBadgeDesign(ctx, event, await objectBody(c));
    return c.json({ design: present(event, row) }, 201, { etag: etag(row.version), location: `${base}/${event.slug}/badge-designs/${row.id}` });
  });

  api.get("/events/:slug/badge-designs/:designId", async (c) => {
    const { event } = await allowed(c, "badges.print");
    const row = await designOf(c, event);
    return c.json({ design: present(event, row) }, 200, { etag: etag(row.version) });
  });

  api.put("/events/:slug/badge-designs/:designId", limit, async (c) => {
    const { event, ctx } = await allowed(c, "badges.manage");
    const existing = await designOf(c, event);
    const body = basedOn(c, existing, await objectBody(c));
    try {
      const row = await updateBadgeDesign(ctx, event, existing, body);
      return c.json({ design: present(event, row) }, 200, { etag: etag(row.version) });
    } catch (error) {
      if (isAppError(error) && error.code === "conflict.stale") throw await stale(event, existing.id);
      throw error;
    }
  });

  api.delete("/events/:slug/badge-designs/:designId", async (c) => {
    const { event, ctx } = await allowed(c, "badges.manage");
    const existing = await designOf(c, event);
    const body = basedOn(c, existing, c.req.header("content-type") ? await objectBody(c) : {});
    try {
      await deleteBadgeDesign(ctx, event, existing, body);
    } catch (error) {
      if (isAppError(error) && error.code === "conflict.stale") throw await stale(event, existing.id);
      throw error;
    }
    return c.body(null, 204);
  });

  // The staff page's "Preview PDF": one badge drawn as a print run would, in `?lang=` or the Accept-Language of the event's languages.
  api.get("/events/:slug/badge-designs/:designId/preview.pdf", async (c) => {
    const { event, lang: asked } = await allowed(c, "badges.print");
    const row = await designOf(c, event);
    const wanted = asked ?? negotiateLanguage(c.req.header("accept-language"));
    const bytes = await previewBadgePdf(db, event, row, event.languages.includes(wanted) ? wanted : event.languages[0]);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/pdf",
      "content-length": String(bytes.length),
      "content-disposition": contentDisposition("attachment", `badge-preview-${row.id}.pdf`),
      "cache-control": "private, no-store",
    });
  });

  return api;
}
