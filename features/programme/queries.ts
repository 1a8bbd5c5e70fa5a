import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { persons, sessionPeople, sessions, type ParticipationRole } from "./schema.ts";

export type ProgrammeSession = typeof sessions.$inferSelect & {
  people: { personId: number; role: ParticipationRole }[];
};

/** The whole programme of an event in time order, each session with its people. */
export async function loadProgramme(db: DbOrTx, eventId: number) {
  const [sessionRows, personRows] = await Promise.all([
    db.select().from(sessions).where(eq(sessions.eventId, eventId)).orderBy(asc(sessions.startsAt), asc(sessions.roomId), asc(sessions.id)),
    db.select().from(persons).where(eq(persons.eventId, eventId)).orderBy(asc(persons.id)),
  ]);
  const links = sessionRows.length
    ? await db.select().from(sessionPeople).where(inArray(sessionPeople.sessionId, sessionRows.map((s) => s.id)))
        .orderBy(asc(sessionPeople.position))
    : [];
  const bySession = new Map<number, ProgrammeSession["people"]>();
  for (const link of links) {
    const list = bySession.get(link.sessionId) ?? [];
    list.push({ personId: link.personId, role: link.role });
    bySession.set(link.sessionId, list);
  }
  const programme: ProgrammeSession[] = sessionRows.map((s) => ({ ...s, people: bySession.get(s.id) ?? [] }));
  return { sessions: programme, persons: personRows };
}
