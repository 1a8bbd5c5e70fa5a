import { and, count, countDistinct, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { dayKey, zonedToUtc } from "../../i18n/format.ts";
import { presence, scanOutcomes, scans } from "./schema.ts";

export interface DoorCounts {
  /** People inside the venue now, and in each room. */
  inVenue: number;
  rooms: { roomId: number; people: number }[];
  /** Per door or room: people let in today (each once), and entries flagged as repeats. */
  lists: { listId: number; people: number; duplicates: number; refused: number }[];
}

/** The counts the staff screens show, for the event's day that holds `now`. */
export async function doorCounts(db: DbOrTx, event: { id: number; timezone: string }, now: Date): Promise<DoorCounts> {
  const day = dayKey(now, event.timezone);
  const from = zonedToUtc(`${day}T00:00`, event.timezone)!;
  const to = new Date(from.getTime() + 86_400_000);
  const [venue, rooms, lists] = await Promise.all([
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
      .select({
        listId: scans.listId,
        people: countDistinct(sql`case when ${scans.shown} <> 'refused' and ${scanOutcomes.duplicateOf} is null then ${scans.participantId} end`),
        duplicates: count(scanOutcomes.duplicateOf),
        refused: count(sql`case when ${scans.shown} = 'refused' then 1 end`),
      })
      .from(scans)
      .leftJoin(scanOutcomes, eq(scanOutcomes.scanId, scans.id))
      .where(and(eq(scans.eventId, event.id), gte(scans.scannedAt, from), lt(scans.scannedAt, to)))
      .groupBy(scans.listId),
  ]);
  return {
    inVenue: venue[0]?.n ?? 0,
    rooms: rooms.map((r) => ({ roomId: r.roomId!, people: r.people })),
    lists: lists.map((l) => ({ listId: l.listId, people: Number(l.people), duplicates: Number(l.duplicates), refused: Number(l.refused) })),
  };
}

/** Repeated entries for staff to look at: the scan, the one it repeats, both doors. */
export async function duplicateEntries(db: DbOrTx, eventId: number, limit = 200) {
  return db
    .select({
      scanId: scanOutcomes.scanId,
      participantId: scanOutcomes.participantId,
      duplicateOf: scanOutcomes.duplicateOf,
      listId: scans.listId,
      at: scans.scannedAt,
    })
    .from(scanOutcomes)
    .innerJoin(scans, eq(scans.id, scanOutcomes.scanId))
    .where(and(eq(scanOutcomes.eventId, eventId), sql`${scanOutcomes.duplicateOf} is not null`))
    .orderBy(scans.scannedAt)
    .limit(limit);
}
