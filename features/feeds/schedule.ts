import { createHash } from "node:crypto";
import { dayKey, isoWithOffset, zonedToUtc } from "../../i18n/format.ts";
import type { ProgrammeSession } from "../programme/queries.ts";
import { asciiSlug, instanceIds, isScheduleSlug, scheduleAcronym } from "./ids.ts";
import { type FeedData, sessionPageUrl } from "./load.ts";

/**
 * One model of the frab/pretalx "schedule" exchange format, written out as XML and as JSON.
 * Sessions are grouped by the day they start on in the event's time zone, then by room.
 */
export interface ScheduleTrack {
  name: string;
  slug?: string;
  color?: string;
}
export interface ScheduleRoom {
  name: string;
  guid: string;
  capacity: number | null;
}
export interface SchedulePerson {
  id: number;
  guid: string;
  name: string;
}
export interface ScheduleEvent {
  id: number;
  guid: string;
  /** Start as ISO 8601 with the zone's offset. */
  date: string;
  end: string;
  start: string;
  duration: string;
  room: string;
  slug: string;
  url: string;
  title: string;
  track: string;
  type: string;
  language: string | null;
  abstract: string;
  persons: SchedulePerson[];
}
export interface ScheduleDay {
  index: number;
  date: string;
  start: string;
  end: string;
  rooms: { room: ScheduleRoom; events: ScheduleEvent[] }[];
}
export interface Schedule {
  version: string;
  url: string;
  baseUrl: string;
  conference: {
    acronym: string;
    title: string;
    description: string;
    start: string;
    end: string;
    timeZone: string;
    timeslotDuration: string;
    url: string;
    /** The event's logo, absolute; none when it has no logo. */
    logo?: string;
    tracks: ScheduleTrack[];
    rooms: ScheduleRoom[];
  };
  days: ScheduleDay[];
}

const twoDigits = (n: number) => String(n).padStart(2, "0");
/** `HH:MM`, hours may exceed 24 for a session spanning days. */
export function hoursMinutes(minutes: number): string {
  return `${twoDigits(Math.floor(minutes / 60))}:${twoDigits(minutes % 60)}`;
}

/** Every date from `start` to `end` (inclusive), as `YYYY-MM-DD`. */
function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

export function buildSchedule(feed: FeedData, format: "xml" | "json"): Schedule {
  const { event, text, t } = feed;
  const ids = instanceIds(feed.publicUrl);
  const acronym = scheduleAcronym(event.slug);
  const tz = event.timezone;

  // Rooms are keyed by name in the JSON format: two rooms of the same name must not merge.
  const names = new Set<string>();
  const uniqueName = (name: string) => {
    let unique = name || "—";
    for (let n = 2; names.has(unique); n++) unique = `${name} (${n})`;
    names.add(unique);
    return unique;
  };
  const rooms = new Map(feed.parts.rooms.map((r) => [r.id, { name: uniqueName(text(r.name)), guid: ids.room(r.id), capacity: r.capacity }]));
  // A session without a room still needs one in the format: a stand-in "room to be announced".
  const noRoom: ScheduleRoom = { name: uniqueName(t("api.feeds.noRoom")), guid: ids.named(`${event.id}:no-room`), capacity: null };
  const tracks: ScheduleTrack[] = feed.parts.tracks.map((track) => ({
    name: text(track.name),
    ...(/^#[0-9a-f]{6}$/i.test(track.color) ? { color: track.color.toLowerCase() } : {}),
    ...(isScheduleSlug(track.slug) ? { slug: track.slug } : {}),
  }));
  const trackNames = new Map(feed.parts.tracks.map((track, i) => [track.id, tracks[i].name]));

  const events: { day: string; room: ScheduleRoom; event: ScheduleEvent; startsAt: Date; endsAt: Date }[] = [];
  for (const session of feed.sessions) {
    const room = (session.roomId ? rooms.get(session.roomId) : undefined) ?? noRoom;
    // Every event needs a track, breaks too: a session without one is filed under its kind.
    let track = session.trackId ? trackNames.get(session.trackId) : undefined;
    if (!track) {
      track = t(`session.kinds.${session.kind}`);
      if (!tracks.some((known) => known.name === track)) tracks.push({ name: track, color: "#607d8b" });
    }
    events.push({
      day: dayKey(session.startsAt, tz),
      room,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      event: scheduleEvent(feed, session, room.name, track, acronym, ids),
    });
  }

  const dayDates = [...new Set([...datesBetween(event.startDate, event.endDate), ...events.map((e) => e.day)])].sort();
  const roomOrder = [...rooms.values(), noRoom];
  const days: ScheduleDay[] = dayDates.map((date, i) => {
    const today = events.filter((e) => e.day === date);
    const first = today.length ? new Date(Math.min(...today.map((e) => e.startsAt.getTime()))) : zonedToUtc(`${date}T00:00`, tz)!;
    const last = today.length ? new Date(Math.max(...today.map((e) => e.endsAt.getTime()))) : zonedToUtc(`${date}T23:59`, tz)!;
    return {
      index: i + 1,
      date,
      start: isoWithOffset(first, tz),
      end: isoWithOffset(last, tz),
      rooms: roomOrder.map((room) => ({ room, events: today.filter((e) => e.room === room).map((e) => e.event) })).filter((entry) => entry.events.length > 0),
    };
  });

  const usedRooms = roomOrder.filter((room) => room !== noRoom || events.some((e) => e.room === noRoom));
  const schedule: Schedule = {
    version: "",
    url: `${feed.publicUrl}/e/${event.slug}/schedule.${format}${feed.lang === event.languages[0] ? "" : `?lang=${feed.lang}`}`,
    baseUrl: `${feed.publicUrl}/`,
    conference: {
      acronym,
      title: text(event.title),
      description: text(event.description),
      start: dayDates[0],
      end: dayDates[dayDates.length - 1],
      timeZone: tz,
      timeslotDuration: "00:15",
      url: `${feed.publicUrl}/${feed.lang}/e/${event.slug}`,
      ...(event.logoFileId ? { logo: `${feed.publicUrl}/files/${event.logoFileId}` } : {}),
      tracks,
      rooms: usedRooms,
    },
    days,
  };
  // The version names the content: any change to what is exported gives a new one.
  schedule.version = createHash("sha256").update(JSON.stringify(schedule)).digest("hex").slice(0, 12);
  return schedule;
}

function scheduleEvent(
  feed: FeedData,
  session: ProgrammeSession,
  room: string,
  track: string,
  acronym: string,
  ids: ReturnType<typeof instanceIds>,
): ScheduleEvent {
  const { text, event } = feed;
  const tz = event.timezone;
  const minutes = Math.max(0, Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000));
  // The slug stays the same in every language: it is made from the default language's title.
  const titleSlug = asciiSlug(session.title[event.languages[0]] ?? "") || "session";
  const date = isoWithOffset(session.startsAt, tz);
  return {
    id: session.id,
    guid: ids.session(session.id),
    date,
    end: isoWithOffset(session.endsAt, tz),
    start: date.slice(11, 16),
    duration: hoursMinutes(minutes),
    room,
    slug: `${acronym}-${session.id}-${titleSlug}`,
    url: sessionPageUrl(feed, session.id),
    title: text(session.title),
    track,
    type: feed.t(`session.kinds.${session.kind}`),
    language: session.workingLanguage,
    abstract: text(session.description),
    persons: session.people
      .filter((link, i, all) => all.findIndex((other) => other.personId === link.personId) === i)
      .flatMap((link) => {
        const person = feed.persons.get(link.personId);
        return person ? [{ id: person.id, guid: ids.person(person.id), name: text(person.name) }] : [];
      }),
  };
}
