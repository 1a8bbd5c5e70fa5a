import { and, count, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { dayKey, zonedToUtc } from "../../i18n/format.ts";
import { participants } from "../registration/schema.ts";
import { listPeople, presence, scanOutcomes, scans } from "./schema.ts";

export interface DoorCounts {
  /** People inside the venue now, and in each room. */
  inVenue: number;
  rooms: { roomId: number; people: number }[];
  /** Per door or room: people let in today (each once), and entries flagged as repeats. */
  lists: { listId: number; people: number; duplicates: number; refused: number }[];
}

/**
 * The counts the staff screens show, for the event's day that holds `now`. Published every few hundred
 * milliseconds while scans arrive, so none of it reads the day's scans: presence has a row per person,
 * `checkin_list_people` one per person let in at a list that day, and repeats and refusals (few) have
 * indexes of their own.
 */
export async function doorCounts(db: DbOrTx, event: { id: number; timezone: string }, now: Date): Promise<DoorCounts> {
  const day = dayKey(now, event.timezone);
  const from = zonedToUtc(`${day}T00:00`, event.timezone)!;
  const to = new Date(from.getTime() + 86_400_000);
  const [venue, rooms, people, duplicates, refused] = await Promise.all([
    db
      .select({ n: count() })
      .from(presence)
      .where(and(eq(presence.eventId, event.id), eq(presence.inVenue, true))),
    db
      .select({ roomId: presence.roomId, people: count() })
      .from(presence)
      .where(and(eq(presence.eventId, event.id), sql`${presence.roomId} is not null`))
      .groupBy(presence.roomId),
    db
      .select({ listId: listPeople.listId, n: count() })
      .from(listPeople)
      .where(and(eq(listPeople.eventId, event.id), eq(listPeople.day, day)))
      .groupBy(listPeople.listId),
    db
      .select({ listId: scanOutcomes.listId, n: count() })
      .from(scanOutcomes)
      .where(
        and(
          eq(scanOutcomes.eventId, event.id),
          sql`${scanOutcomes.duplicateOf} is not null`,
          gte(scanOutcomes.scannedAt, from),
          lt(scanOutcomes.scannedAt, to),
        ),
      )
      .groupBy(scanOutcomes.listId),
    db
      .select({ listId: scans.listId, n: count() })
      .from(scans)
      .where(and(eq(scans.eventId, event.id), eq(scans.shown, "refused"), gte(scans.scannedAt, from), lt(scans.scannedAt, to)))
      .groupBy(scans.listId),
  ]);
  const lists = new Map<number, DoorCounts["lists"][number]>();
  const of = (listId: number) => {
    let row = lists.get(listId);
    if (!row) lists.set(listId, (row = { listId, people: 0, duplicates: 0, refused: 0 }));
    return row;
  };
  for (const r of people) of(r.listId).people = r.n;
  for (const r of duplicates) of(r.listId).duplicates = r.n;
  for (const r of refused) of(r.listId).refused = r.n;
  return {
    inVenue: venue[0]?.n ?? 0,
    rooms: rooms.map((r) => ({ roomId: r.roomId!, people: r.people })),
    lists: [...lists.values()].sort((a, b) => a.listId - b.listId),
  };
}

/** Repeated entries for staff to look at: the scan, the one it repeats, both doors. */
export async function duplicateEntries(db: DbOrTx, eventId: number, limit = 200) {
  return db
    .select({
      scanId: scanOutcomes.scanId,
      participantId: scanOutcomes.participantId,
      duplicateOf: scanOutcomes.duplicateOf,
      listId: scanOutcomes.listId,
      at: scanOutcomes.scannedAt,
      // Staff at the doors look for a person, not a number.
      givenName: participants.givenName,
      familyName: participants.familyName,
    })
    .from(scanOutcomes)
    .innerJoin(participants, eq(participants.id, scanOutcomes.participantId))
    .where(and(eq(scanOutcomes.eventId, eventId), sql`${scanOutcomes.duplicateOf} is not null`))
    .orderBy(desc(scanOutcomes.scannedAt))
    .limit(limit);
}
