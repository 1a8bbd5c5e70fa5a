import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { isoWithOffset, utcToZonedInput } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/index.ts";
import type { EventRow, loadEventParts } from "../events/queries.ts";
import type { SessionRow, Warning } from "../programme/save-session.ts";
import { persons, sessionPeople, sessions } from "../programme/schema.ts";
import { NotFound } from "../shared/errors.ts";
import { type Localized, resolveText } from "../shared/localized.ts";
import type { EventOutput, SessionOutput, WarningOutput } from "./schemas.ts";

type Parts = Awaited<ReturnType<typeof loadEventParts>>;
type PersonRow = typeof persons.$inferSelect;
export interface SessionWithPeople extends SessionRow {
  people: { role: SessionOutput["people"][number]["role"]; person: PersonRow }[];
}

/** Presents for one request: `lang` is set when the client asked for resolved strings. */
export interface Presenter {
  event: EventRow;
  parts: Parts;
  lang: string | null;
  publicUrl: string;
}

function resolver(p: Presenter) {
  return (value: Localized) => (p.lang ? resolveText(value, p.lang, p.event.languages).text : undefined);
}

export function presentEvent(p: Presenter): EventOutput {
  const { event, parts } = p;
  const text = resolver(p);
  return {
    id: event.id,
    slug: event.slug,
    status: event.status,
    title: event.title,
    shortTitle: event.shortTitle,
    description: event.description,
    startDate: event.startDate,
    endDate: event.endDate,
    timezone: event.timezone,
    languages: event.languages,
    venue: event.venue,
    city: event.city,
    format: event.format,
    version: event.version,
    url: `${p.publicUrl}/${p.lang ?? event.languages[0]}/e/${event.slug}`,
    rooms: parts.rooms.map((r) => presentRoom(p, r)),
    tracks: parts.tracks.map((t) => presentTrack(p, t)),
    organisations: parts.organisations.map((o) => presentOrganisation(p, o)),
    ...(p.lang
      ? {
          lang: p.lang,
          titleText: text(event.title),
          shortTitleText: text(event.shortTitle),
          descriptionText: text(event.description),
          venueText: text(event.venue),
          cityText: text(event.city),
        }
      : {}),
  };
}

function presentRoom(p: Presenter, r: Parts["rooms"][number]) {
  return { id: r.id, name: r.name, capacity: r.capacity, ...(p.lang ? { nameText: resolver(p)(r.name) } : {}) };
}
function presentTrack(p: Presenter, t: Parts["tracks"][number]) {
  return { id: t.id, slug: t.slug, name: t.name, color: t.color, ...(p.lang ? { nameText: resolver(p)(t.name) } : {}) };
}
function presentOrganisation(p: Presenter, o: Parts["organisations"][number]) {
  const text = resolver(p);
  return {
    id: o.id,
    name: o.name,
    acronym: o.acronym,
    role: o.role,
    url: o.url,
    ...(p.lang ? { nameText: text(o.name), acronymText: text(o.acronym) } : {}),
  };
}

export function presentSession(p: Presenter, s: SessionWithPeople): SessionOutput {
  const tz = p.event.timezone;
  const text = resolver(p);
  const room = p.parts.rooms.find((r) => r.id === s.roomId);
  const track = p.parts.tracks.find((t) => t.id === s.trackId);
  const organiser = p.parts.organisations.find((o) => o.id === s.organiserId);
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    description: s.description,
    start: utcToZonedInput(s.startsAt, tz),
    end: utcToZonedInput(s.endsAt, tz),
    startsAt: isoWithOffset(s.startsAt, tz),
    endsAt: isoWithOffset(s.endsAt, tz),
    roomId: s.roomId,
    trackId: s.trackId,
    organiserId: s.organiserId,
    room: room ? presentRoom(p, room) : null,
    track: track ? presentTrack(p, track) : null,
    organiser: organiser ? presentOrganisation(p, organiser) : null,
    workingLanguage: s.workingLanguage,
    interpretation: s.interpretation,
    people: s.people.map(({ role, person }) => ({
      personId: person.id,
      role,
      honorific: person.honorific,
      name: person.name,
      position: person.position,
      organisation: person.organisation,
      country: person.country,
      ...(p.lang ? { nameText: text(person.name) } : {}),
    })),
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
    url: `${p.publicUrl}/${p.lang ?? p.event.languages[0]}/e/${p.event.slug}/programme/${s.id}`,
    ...(p.lang ? { titleText: text(s.title), descriptionText: text(s.description) } : {}),
  };
}

export function presentWarnings(warnings: Warning[], t: Translate): WarningOutput[] {
  return warnings.map((w) => ({ code: w.code, message: t(`error.${w.code}`, w.values), values: w.values }));
}

/** Sessions of an event (or one of them) with their people, in programme order. */
export async function loadSessions(db: DbOrTx, eventId: number, sessionId?: number): Promise<SessionWithPeople[]> {
  const where = sessionId === undefined ? eq(sessions.eventId, eventId) : and(eq(sessions.eventId, eventId), eq(sessions.id, sessionId));
  const [rows, links] = await Promise.all([
    db.select().from(sessions).where(where).orderBy(asc(sessions.startsAt), asc(sessions.roomId), asc(sessions.id)),
    db
      .select({ sessionId: sessionPeople.sessionId, role: sessionPeople.role, person: persons })
      .from(sessionPeople)
      .innerJoin(sessions, eq(sessions.id, sessionPeople.sessionId))
      .innerJoin(persons, eq(persons.id, sessionPeople.personId))
      .where(where)
      .orderBy(asc(sessionPeople.position)),
  ]);
  const bySession = new Map<number, SessionWithPeople["people"]>();
  for (const link of links) bySession.set(link.sessionId, [...(bySession.get(link.sessionId) ?? []), { role: link.role, person: link.person }]);
  return rows.map((row) => ({ ...row, people: bySession.get(row.id) ?? [] }));
}

export async function loadSession(db: DbOrTx, eventId: number, sessionId: number): Promise<SessionWithPeople> {
  const [session] = await loadSessions(db, eventId, sessionId);
  if (!session) throw NotFound("session.not_found");
  return session;
}
