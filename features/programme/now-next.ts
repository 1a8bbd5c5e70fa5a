import { and, asc, eq, gt, lte } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { rooms } from "../events/schema.ts";
import { sessions } from "./schema.ts";

export interface NowNext {
  roomId: number;
  roomName: Record<string, string>;
  now: { id: number; title: Record<string, string>; startsAt: Date; endsAt: Date } | null;
  next: { id: number; title: Record<string, string>; startsAt: Date; endsAt: Date } | null;
}

/**
 * For each room (or one), the session running at `at` and the next one to start, for the venue's screens.
 * Only sessions of the same event day as `at` count as "next": a screen shows tomorrow only tomorrow.
 */
export async function nowAndNext(db: DbOrTx, eventId: number, at: Date, dayEnds: Date, roomId?: number): Promise<NowNext[]> {
  const roomRows = await db
    .select()
    .from(rooms)
    .where(and(eq(rooms.eventId, eventId), roomId === undefined ? undefined : eq(rooms.id, roomId)))
    .orderBy(asc(rooms.position), asc(rooms.id));
  const upcoming = await db
    .select({ id: sessions.id, title: sessions.title, startsAt: sessions.startsAt, endsAt: sessions.endsAt, roomId: sessions.roomId })
    .from(sessions)
    .where(and(eq(sessions.eventId, eventId), gt(sessions.endsAt, at), lte(sessions.startsAt, dayEnds)))
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
  return roomRows.map((room) => {
    const mine = upcoming.filter((s) => s.roomId === room.id);
    const now = mine.find((s) => s.startsAt <= at) ?? null;
    const next = mine.find((s) => s.startsAt > at) ?? null;
    const strip = (s: (typeof mine)[number] | null) => (s ? { id: s.id, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt } : null);
    return { roomId: room.id, roomName: room.name, now: strip(now), next: strip(next) };
  });
}
