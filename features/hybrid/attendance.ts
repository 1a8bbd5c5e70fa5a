import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { sessionAttendance } from "../checkin/queries.ts";
import { participants } from "../registration/schema.ts";
import { onlineJoins } from "./schema.ts";

export interface AttendanceRow {
  participantId: number;
  givenName: string;
  familyName: string;
  organisation: string | null;
  country: string | null;
  inPerson: boolean;
  online: boolean;
}

/** Who attended a session, in the room or online: each person once, whichever way (or both). */
export async function attendanceOfSession(db: DbOrTx, eventId: number, sessionId: number): Promise<AttendanceRow[]> {
  const [inRoom, joined] = await Promise.all([
    sessionAttendance(db, eventId, sessionId),
    db
      .select({ participantId: onlineJoins.participantId })
      .from(onlineJoins)
      .where(and(eq(onlineJoins.eventId, eventId), eq(onlineJoins.sessionId, sessionId))),
  ]);
  const online = new Set(joined.map((j) => j.participantId));
  const rows = new Map<number, AttendanceRow>();
  for (const p of inRoom)
    rows.set(p.id, {
      participantId: p.id,
      givenName: p.givenName,
      familyName: p.familyName,
      organisation: p.organisation,
      country: p.country,
      inPerson: true,
      online: online.has(p.id),
    });
  const onlyOnline = [...online].filter((id) => !rows.has(id));
  if (onlyOnline.length > 0) {
    const people = await db
      .select({
        id: participants.id,
        givenName: participants.givenName,
        familyName: participants.familyName,
        organisation: participants.organisation,
        country: participants.country,
      })
      .from(participants)
      .where(and(eq(participants.eventId, eventId), inArray(participants.id, onlyOnline)));
    for (const p of people)
      rows.set(p.id, {
        participantId: p.id,
        givenName: p.givenName,
        familyName: p.familyName,
        organisation: p.organisation,
        country: p.country,
        inPerson: false,
        online: true,
      });
  }
  return [...rows.values()].sort((a, b) => a.familyName.localeCompare(b.familyName) || a.givenName.localeCompare(b.givenName));
}
