import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { roleGrants } from "../access/schema.ts";
import { NotFound } from "../shared/errors.ts";
import { events, organisations, pages, rooms, tracks } from "./schema.ts";

export type EventRow = typeof events.$inferSelect;

export async function findEventBySlug(db: DbOrTx, slug: string): Promise<EventRow | undefined> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) return undefined;
  const [event] = await db.select().from(events).where(eq(events.slug, slug));
  return event;
}

/** For staff pages: any status. */
export async function getEventBySlug(db: DbOrTx, slug: string): Promise<EventRow> {
  const event = await findEventBySlug(db, slug);
  if (!event) throw NotFound("event.not_found");
  return event;
}

/** For the public: only published events exist. */
export async function getPublishedEvent(db: DbOrTx, slug: string): Promise<EventRow> {
  const event = await findEventBySlug(db, slug);
  if (event?.status !== "published") throw NotFound("event.not_found");
  return event;
}

export async function listPublishedEvents(db: DbOrTx): Promise<EventRow[]> {
  return db.select().from(events).where(eq(events.status, "published")).orderBy(asc(events.startDate));
}

/** Events a user has a role in (every event for instance administrators). */
export async function listEventsForUser(db: DbOrTx, user: { id: number; isAdmin: boolean }): Promise<EventRow[]> {
  if (user.isAdmin) return db.select().from(events).orderBy(asc(events.startDate));
  const grants = await db.select({ eventId: roleGrants.eventId }).from(roleGrants).where(eq(roleGrants.userId, user.id));
  if (grants.length === 0) return [];
  return db
    .select()
    .from(events)
    .where(
      inArray(
        events.id,
        grants.map((g) => g.eventId),
      ),
    )
    .orderBy(asc(events.startDate));
}

/** The event's rooms, tracks, organisations and pages, in display order. */
export async function loadEventParts(db: DbOrTx, eventId: number) {
  const [roomRows, trackRows, organisationRows, pageRows] = await Promise.all([
    db.select().from(rooms).where(eq(rooms.eventId, eventId)).orderBy(asc(rooms.position), asc(rooms.id)),
    db.select().from(tracks).where(eq(tracks.eventId, eventId)).orderBy(asc(tracks.position), asc(tracks.id)),
    db.select().from(organisations).where(eq(organisations.eventId, eventId)).orderBy(asc(organisations.position), asc(organisations.id)),
    db
      .select({ id: pages.id, slug: pages.slug, title: pages.title, position: pages.position })
      .from(pages)
      .where(eq(pages.eventId, eventId))
      .orderBy(asc(pages.position), asc(pages.id)),
  ]);
  return { rooms: roomRows, tracks: trackRows, organisations: organisationRows, pages: pageRows };
}

export async function getPage(db: DbOrTx, eventId: number, slug: string) {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) throw NotFound("page.not_found");
  const [page] = await db
    .select()
    .from(pages)
    .where(and(eq(pages.eventId, eventId), eq(pages.slug, slug)));
  if (!page) throw NotFound("page.not_found");
  return page;
}

/** The published events as the instance's home page lists them, in the reader's language. */
export async function loadEventList(db: DbOrTx, lang: string) {
  const events = await listPublishedEvents(db);
  return {
    lang,
    events: events.map((e) => ({
      slug: e.slug,
      title: e.title,
      startDate: e.startDate,
      endDate: e.endDate,
      timezone: e.timezone,
      city: e.city,
      languages: e.languages,
    })),
  };
}
