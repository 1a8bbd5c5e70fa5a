import { and, asc, eq, gte, inArray, lt, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { zonedToUtc } from "../../i18n/format.ts";
import type { EventRow } from "../events/queries.ts";
import { type ParticipationRole, persons, sessionPeople, sessions } from "./schema.ts";

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
    ? await db
        .select()
        .from(sessionPeople)
        .where(
          inArray(
            sessionPeople.sessionId,
            sessionRows.map((s) => s.id),
          ),
        )
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

/** The event's people (speakers, chairs…), in the order they were added. */
export function listPersons(db: DbOrTx, eventId: number) {
  return db.select().from(persons).where(eq(persons.eventId, eventId)).orderBy(asc(persons.id));
}

/** People to choose from on the session form: id and name only. */
export function personChoices(db: DbOrTx, eventId: number) {
  return db.select({ id: persons.id, name: persons.name }).from(persons).where(eq(persons.eventId, eventId)).orderBy(asc(persons.id));
}

/** Who takes part in a session, in their order (rows of the session form). */
export function sessionParticipation(db: DbOrTx, sessionId: number) {
  return db.select().from(sessionPeople).where(eq(sessionPeople.sessionId, sessionId)).orderBy(asc(sessionPeople.position));
}

/** A session's people with their role, in their order (the public session page). */
export function sessionPersons(db: DbOrTx, sessionId: number) {
  return db
    .select({ role: sessionPeople.role, person: persons })
    .from(sessionPeople)
    .innerJoin(persons, eq(persons.id, sessionPeople.personId))
    .where(eq(sessionPeople.sessionId, sessionId))
    .orderBy(asc(sessionPeople.position));
}

/** The sessions a person takes part in, with the role, by start (the public speaker page). */
export function personSessions(db: DbOrTx, personId: number) {
  return db
    .select({ role: sessionPeople.role, id: sessions.id, title: sessions.title, startsAt: sessions.startsAt, endsAt: sessions.endsAt })
    .from(sessionPeople)
    .innerJoin(sessions, eq(sessions.id, sessionPeople.sessionId))
    .where(eq(sessionPeople.personId, personId))
    .orderBy(asc(sessions.startsAt));
}

/** How many sessions start outside the event's days (in its time zone): after its dates moved, they need moving too. */
export async function sessionsOutsideDays(db: DbOrTx, event: Pick<EventRow, "id" | "startDate" | "endDate" | "timezone">): Promise<number> {
  const first = zonedToUtc(`${event.startDate}T00:00`, event.timezone)!;
  const afterLast = new Date(zonedToUtc(`${event.endDate}T00:00`, event.timezone)!.getTime() + 86_400_000);
  return db.$count(sessions, and(eq(sessions.eventId, event.id), or(lt(sessions.startsAt, first), gte(sessions.startsAt, afterLast))));
}
