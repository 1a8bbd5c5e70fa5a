import ical, { ICalCalendarMethod } from "ical-generator";
import { languageName } from "../../i18n/index.ts";
import type { ProgrammeSession } from "../programme/queries.ts";
import { instanceIds } from "./ids.ts";
import { type FeedData, peopleLines, sessionPageUrl } from "./load.ts";

/** RFC 5545 text may hold no control characters but tab and line breaks. */
const clean = (value: string) => value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");

/**
 * RFC 5545 calendar of the given sessions. Times are written in UTC, which every client reads
 * correctly without a VTIMEZONE block; the event's zone is named for display only.
 * ical-generator folds lines at 75 octets and escapes text.
 */
export function programmeCalendar(feed: FeedData, sessions: readonly ProgrammeSession[]): string {
  const { event, t, text } = feed;
  const ids = instanceIds(feed.publicUrl);
  const eventTitle = text(event.shortTitle) || text(event.title);
  const rooms = new Map(feed.parts.rooms.map((r) => [r.id, r]));
  const tracks = new Map(feed.parts.tracks.map((r) => [r.id, r]));
  const calendar = ical({
    name: clean(t("calendar.name", { event: eventTitle })),
    description: clean(t("api.feeds.calendarDescription", { event: text(event.title), count: sessions.length, zone: event.timezone })),
    prodId: { company: "Plenary", product: "Plenary", language: feed.lang.toUpperCase() },
    url: `${feed.publicUrl}/${feed.lang}/e/${event.slug}/programme`,
    method: ICalCalendarMethod.PUBLISH,
    x: [{ key: "X-WR-TIMEZONE", value: event.timezone }],
  });
  for (const session of sessions) {
    const room = session.roomId ? rooms.get(session.roomId) : undefined;
    const track = session.trackId ? tracks.get(session.trackId) : undefined;
    const interpretation = session.interpretation.length
      ? t("session.interpretation", { languages: session.interpretation.map((l) => languageName(l)).join(", ") })
      : "";
    const description = [text(session.description), peopleLines(feed, session).join("\n"), interpretation].filter(Boolean).join("\n\n");
    calendar.createEvent({
      id: `session-${session.id}@${ids.host}`,
      start: session.startsAt,
      end: session.endsAt,
      stamp: session.updatedAt,
      lastModified: session.updatedAt,
      sequence: session.version - 1,
      summary: clean(text(session.title)),
      description: clean(description) || null,
      location: room ? clean(text(room.name)) : null,
      url: sessionPageUrl(feed, session.id),
      categories: [{ name: t(`session.kinds.${session.kind}`) }, ...(track ? [{ name: clean(text(track.name)) }] : [])],
    });
  }
  // RFC 5545 ends every content line, the last one included, with CRLF; ical-generator leaves the last one bare.
  const written = calendar.toString();
  return written.endsWith("\r\n") ? written : `${written}\r\n`;
}
