import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { sessions } from "../programme/schema.ts";
import { participants } from "../registration/schema.ts";
import { NotFound } from "../shared/errors.ts";
import { checkinLists, kiosks, scans } from "./schema.ts";

export async function listCheckinLists(db: DbOrTx, eventId: number) {
  return db.select().from(checkinLists).where(eq(checkinLists.eventId, eventId)).orderBy(asc(checkinLists.id));
}

export async function listKiosks(db: DbOrTx, eventId: number) {
  return db
    .select({
      id: kiosks.id,
      name: kiosks.name,
      listId: kiosks.listId,
      createdAt: kiosks.createdAt,
      revokedAt: kiosks.revokedAt,
      lastSeenAt: kiosks.lastSeenAt,
    })
    .from(kiosks)
    .where(eq(kiosks.eventId, eventId))
    .orderBy(desc(kiosks.id));
}

/** Scans an operator let through against a refusal, with their reasons, newest first. */
export async function overrides(db: DbOrTx, eventId: number, limit = 100) {
  return (
    db
      .select({
        id: scans.id,
        listId: scans.listId,
        at: scans.scannedAt,
        reason: scans.overrideReason,
        shownReason: scans.shownReason,
        participantId: scans.participantId,
        givenName: participants.givenName,
        familyName: participants.familyName,
      })
      .from(scans)
      // A code let through may name nobody of the roster (a badge of another system): kept, without a name.
      .leftJoin(participants, eq(participants.id, scans.participantId))
      .where(and(eq(scans.eventId, eventId), eq(scans.shown, "overridden")))
      .orderBy(desc(scans.scannedAt))
      .limit(limit)
  );
}

/**
 * Who attended a session in person: admitted into its room during its time (each person once), from
 * the scans at the room's doors. Online attendance is added by the hybrid feature.
 */
export async function sessionAttendance(db: DbOrTx, eventId: number, sessionId: number) {
  const [session] = await db
    .select({ id: sessions.id, roomId: sessions.roomId, startsAt: sessions.startsAt, endsAt: sessions.endsAt })
    .from(sessions)
    .where(and(eq(sessions.eventId, eventId), eq(sessions.id, sessionId)));
  if (!session) throw NotFound("session.not_found");
  if (!session.roomId) return [];
  const lists = await db
    .select({ id: checkinLists.id })
    .from(checkinLists)
    .where(and(eq(checkinLists.eventId, eventId), eq(checkinLists.roomId, session.roomId), eq(checkinLists.direction, "entry")));
  if (lists.length === 0) return [];
  // Those who came in up to 30 minutes early count too.
  const from = new Date(session.startsAt.getTime() - 30 * 60_000);
  return db
    .selectDistinctOn([participants.id], {
      id: participants.id,
      givenName: participants.givenName,
      familyName: participants.familyName,
      organisation: participants.organisation,
      country: participants.country,
      firstSeen: sql<Date>`min(${scans.scannedAt}) over (partition by ${participants.id})`,
    })
    .from(scans)
    .innerJoin(participants, eq(participants.id, scans.participantId))
    .where(
      and(
        eq(scans.eventId, eventId),
        inArray(
          scans.listId,
          lists.map((l) => l.id),
        ),
        inArray(scans.shown, ["accepted", "overridden"]),
        gte(scans.scannedAt, from),
        lt(scans.scannedAt, session.endsAt),
      ),
    )
    .orderBy(participants.id);
}
