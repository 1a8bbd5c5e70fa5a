import { and, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { can } from "../access/policy.ts";
import { bodyLimit } from "../api/body-limit.ts";
import { etag, eventForRequest, eventForWrite, messageTranslator, readJson } from "../api/http.ts";
import { publishedKeys } from "../badges/keys.ts";
import { badges } from "../badges/schema.ts";
import { parseId } from "../feeds/load.ts";
import { photoThumbnail } from "../files/thumbnails.ts";
import { categories, participants } from "../registration/schema.ts";
import { AppError, Forbidden, NotFound, presentError, TooLarge } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { doorCounts, duplicateEntries } from "./counts.ts";
import { type KioskSession, recentKioskForToken, registerKiosk, revokeKiosk } from "./kiosks.ts";
import { publishCountsSoon } from "./publish-counts.ts";
import { recordScans } from "./record-scans.ts";
import { parseRosterCursor, revocationsSince, rosterPage } from "./roster.ts";
import { getCheckinList, saveCheckinList } from "./save-checkin-list.ts";
import { checkinLists, kiosks } from "./schema.ts";

const maxBody = 512 * 1024;
const rosterPageSize = 1000;

/**
 * `/api/v1/kiosk/*`: what a registered device does with its token (sync, scans, photos), and
 * `/api/v1/events/:slug/checkin-lists|kiosks|checkin/*`: what staff do with doors and kiosks.
 */
export function checkinRoutes(services: Services) {
  const api = new Hono();
  const { db } = services;
  const limit = bodyLimit({
    maxSize: maxBody,
    onError: (c) => c.json(presentError(TooLarge("body.too_large", { max: "512 KB" }), messageTranslator(c)), 413, { connection: "close" }),
  });
  const staff = (actor: NonNullable<Awaited<ReturnType<typeof eventForWrite>>["actor"]>) => ({
    db,
    actor,
    now: new Date(),
    publicUrl: services.config.PUBLIC_URL,
  });

  /** The kiosk of `Authorization: Bearer <device token>`; a revoked or unknown one is a 401, whatever it asks. */
  const kiosk = async (c: Context): Promise<KioskSession> => {
    const match = /^Bearer +([A-Za-z0-9_-]{43})$/.exec((c.req.header("authorization") ?? "").trim());
    const session = match ? await recentKioskForToken(db, match[1]) : undefined;
    if (!session) throw new AppError(401, "kiosk.invalid");
    return session;
  };

  api.get("/kiosk/sync", async (c) => {
    const session = await kiosk(c);
    const now = new Date();
    const { event, list } = session;
    const cursor = parseRosterCursor(c.req.query("roster"));
    const afterRevocation = Number(c.req.query("revocations") ?? 0);
    const [keys, cats, roster, revocations] = await Promise.all([
      publishedKeys(db, event.id, now),
      db
        .select({ id: categories.id, code: categories.code, letter: categories.letter, colour: categories.colour, name: categories.name })
        .from(categories)
        .where(eq(categories.eventId, event.id)),
      rosterPage(db, event.id, list.categoryIds, cursor, rosterPageSize),
      revocationsSince(db, event.id, Number.isSafeInteger(afterRevocation) && afterRevocation > 0 ? afterRevocation : 0),
    ]);
    return c.json({
      serverTime: now.toISOString(),
      kiosk: { id: session.kiosk.id, name: session.kiosk.name },
      event: { id: event.id, slug: event.slug, title: event.title, timezone: event.timezone, languages: event.languages },
      list: {
        id: list.id,
        name: list.name,
        kind: list.kind,
        roomId: list.roomId,
        direction: list.direction,
        categoryIds: list.categoryIds,
        windows: list.windows,
        version: list.version,
      },
      keys,
      categories: cats,
      roster: { entries: roster.entries.map(({ changed: _, ...e }) => e), cursor: roster.cursor, more: roster.more },
      revocations,
    });
  });

  api.post("/kiosk/scans", limit, async (c) => {
    const session = await kiosk(c);
    const input = await readJson(c);
    const receipts = await recordScans({ db, now: new Date(), publicUrl: services.config.PUBLIC_URL, client: "kiosk" }, services.database, session, input);
    publishCountsSoon(db, session.event);
    return c.json({ serverTime: new Date().toISOString(), receipts });
  });

  api.get("/kiosk/photos/:participantId", async (c) => {
    const session = await kiosk(c);
    const id = parseId(c.req.param("participantId"));
    const [row] = id
      ? await db
          .select({ fileId: participants.photoFileId, categoryId: participants.categoryId })
          .from(participants)
          .innerJoin(badges, eq(badges.participantId, participants.id))
          .where(and(eq(participants.eventId, session.event.id), eq(participants.id, id)))
      : [];
    // A door sees the photos of the categories it admits, nobody else's.
    const admitted = session.list.categoryIds.length === 0 || (row && session.list.categoryIds.includes(row.categoryId));
    if (!row?.fileId || !admitted) throw NotFound();
    // Its thumbnail (a few KB), made now for a photo stored before thumbnails: a door keeps thousands offline.
    const thumb = await photoThumbnail(db, session.event.id, row.fileId);
    if (!thumb) throw NotFound();
    return c.body(thumb.data as Uint8Array<ArrayBuffer>, 200, { "content-type": "image/jpeg", "cache-control": "private, max-age=86400" });
  });

  // Staff: doors and rooms to check in at.
  api.get("/events/:slug/checkin-lists", async (c) => {
    const access = await eventForRequest(services, c);
    if (!can(access.actor, "doors.read") && !can(access.actor, "doors.manage")) throw NotFound("event.not_found");
    const rows = await db.select().from(checkinLists).where(eq(checkinLists.eventId, access.event.id)).orderBy(checkinLists.id);
    return c.json({ checkinLists: rows.map(presentList) });
  });

  api.post("/events/:slug/checkin-lists", limit, async (c) => {
    const access = await eventForWrite(services, c);
    const row = await saveCheckinList(staff(access.actor), access.event, null, await readJson(c));
    return c.json({ checkinList: presentList(row) }, 201, { etag: etag(row.version) });
  });

  api.put("/events/:slug/checkin-lists/:id", limit, async (c) => {
    const access = await eventForWrite(services, c);
    if (!can(access.actor, "doors.manage")) throw Forbidden();
    const existing = await getCheckinList(db, access.event.id, parseId(c.req.param("id")));
    const row = await saveCheckinList(staff(access.actor), access.event, existing, await readJson(c));
    return c.json({ checkinList: presentList(row) }, 200, { etag: etag(row.version) });
  });

  api.post("/events/:slug/kiosks", limit, async (c) => {
    const access = await eventForWrite(services, c);
    const { id, token } = await registerKiosk(staff(access.actor), access.event, await readJson(c));
    // The token travels in the fragment: it never reaches a server log or a Referer header.
    return c.json({ kiosk: { id, token, link: `${services.config.PUBLIC_URL}/kiosk#${token}` } }, 201);
  });

  api.delete("/events/:slug/kiosks/:id", async (c) => {
    const access = await eventForWrite(services, c);
    await revokeKiosk(staff(access.actor), access.event, c.req.param("id"));
    return c.body(null, 204);
  });

  api.get("/events/:slug/kiosks", async (c) => {
    const access = await eventForRequest(services, c);
    if (!can(access.actor, "doors.read")) throw NotFound("event.not_found");
    const rows = await db
      .select({
        id: kiosks.id,
        name: kiosks.name,
        listId: kiosks.listId,
        createdAt: kiosks.createdAt,
        revokedAt: kiosks.revokedAt,
        lastSeenAt: kiosks.lastSeenAt,
      })
      .from(kiosks)
      .where(eq(kiosks.eventId, access.event.id))
      .orderBy(kiosks.id);
    return c.json({ kiosks: rows });
  });

  api.get("/events/:slug/checkin/counts", async (c) => {
    const access = await eventForRequest(services, c);
    if (!can(access.actor, "doors.read")) throw NotFound("event.not_found");
    return c.json({ counts: await doorCounts(db, access.event, new Date()) });
  });

  api.get("/events/:slug/checkin/duplicates", async (c) => {
    const access = await eventForRequest(services, c);
    if (!can(access.actor, "doors.read")) throw NotFound("event.not_found");
    // As documented (openapi-venue.ts): ids, not names (a client reads names through the registrations it may read).
    const duplicates = (await duplicateEntries(db, access.event.id)).map(({ scanId, participantId, duplicateOf, listId, at }) => ({
      scanId,
      participantId,
      duplicateOf,
      listId,
      at,
    }));
    return c.json({ duplicates });
  });

  return api;
}

function presentList(row: typeof checkinLists.$inferSelect) {
  const { eventId: _, ...rest } = row;
  return rest;
}
