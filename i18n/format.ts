import { type DateNames, dateNamesFor, datePartsIn, formatLaidOut } from "./date-names.ts";
import { htmlLang } from "./index.ts";

/**
 * `Intl.DateTimeFormat` objects are costly to make (tens of microseconds each, more on their first
 * `formatRange`) and immutable: one per locale, time zone and kind, made once for the process.
 * Locales and zones come from events (validated), so the map stays small; the cap is a safeguard.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${timeZone}\u0000${kind}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    if (formatters.size >= 1000) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

const kinds = {
  time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  day: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
  dayShort: { weekday: "short", day: "numeric", month: "short" },
  dateRange: { day: "numeric", month: "long", year: "numeric" },
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  dayKey: { year: "numeric", month: "2-digit", day: "2-digit" },
  offset: { hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * Node's ICU puts thin and narrow no-break spaces in dates and times ("May 14 – 15", "14 мая 2030 г."); Chromium
 * (and Firefox) turn them into plain spaces for the web. A page rendered on the server and hydrated in the
 * browser must read the same on both, or React throws its hydration away: plain spaces everywhere.
 */
const plain = (text: string) => text.replace(/[\u2009\u202f]/g, " ");

export interface EventFormatter {
  time(d: Date): string;
  day(d: Date): string;
  dayShort(d: Date): string;
  range(a: Date, b: Date): string;
  dateRange(a: Date, b: Date): string;
  dateTime(d: Date): string;
  /** A calendar date (day, month, year), as in a date range. */
  date(d: Date): string;
}
const eventFormatters = new Map<string, EventFormatter>();

/** The kinds a page shows, laid out by the server for languages browsers lack (date-names.ts). */
export const shownDateKinds = { time: kinds.time, day: kinds.day, dayShort: kinds.dayShort, date: kinds.dateRange, dateTime: kinds.dateTime };

function makeEventFormatter(locale: string, timeZone: string): EventFormatter {
  const names = dateNamesFor(locale, shownDateKinds);
  if (names) return laidOutFormatter(names, timeZone);
  const get = (kind: keyof typeof kinds) => formatter(locale, timeZone, kind, kinds[kind]);
  // `formatRange` stays slow (~20 µs) on a reused formatter; a programme shows the same few ranges again and again.
  const ranges = new Map<string, string>();
  const range = (kind: "time" | "dateRange", a: Date, b: Date) => {
    const key = `${kind}:${a.getTime()}:${b.getTime()}`;
    let out = ranges.get(key);
    if (out === undefined) {
      out = plain(get(kind).formatRange(a, b));
      if (ranges.size >= 5000) ranges.clear();
      ranges.set(key, out);
    }
    return out;
  };
  return {
    time: (d: Date) => plain(get("time").format(d)),
    day: (d: Date) => plain(get("day").format(d)),
    dayShort: (d: Date) => plain(get("dayShort").format(d)),
    range: (a: Date, b: Date) => range("time", a, b),
    dateRange: (a: Date, b: Date) => range("dateRange", a, b),
    dateTime: (d: Date) => plain(get("dateTime").format(d)),
    /** A calendar date (day, month, year), as in a date range. */
    date: (d: Date) => plain(get("dateRange").format(d)),
  };
}

/**
 * The same functions from the server's layouts: each kind as ICU lays it out; a range is its two ends
 * (one when they fall on the same day), the same on the server and in the browser.
 */
function laidOutFormatter(names: DateNames, timeZone: string): EventFormatter {
  const as = (kind: keyof typeof shownDateKinds) => (d: Date) => formatLaidOut(names.kinds[kind], datePartsIn(d, timeZone));
  const date = as("date");
  const time = as("time");
  return {
    time,
    day: as("day"),
    dayShort: as("dayShort"),
    range: (a: Date, b: Date) => `${time(a)}–${time(b)}`,
    dateRange: (a: Date, b: Date) => (date(a) === date(b) ? date(a) : `${date(a)} – ${date(b)}`),
    dateTime: as("dateTime"),
    date,
  };
}

/** Dates and times are always shown in the event's time zone. */
export function eventFormatter(lang: string, timeZone: string): EventFormatter {
  const locale = htmlLang(lang);
  const key = `${locale}\u0000${timeZone}`;
  let fmt = eventFormatters.get(key);
  if (!fmt) {
    fmt = makeEventFormatter(locale, timeZone);
    if (eventFormatters.size >= 1000) eventFormatters.clear();
    eventFormatters.set(key, fmt);
  }
  return fmt;
}

/** Calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dayKey(d: Date, timeZone: string): string {
  return formatter("en-CA", timeZone, "dayKey", kinds.dayKey).format(d);
}

/** Offset of `timeZone` from UTC at the instant `d`, in minutes. */
function offsetMinutes(d: Date, timeZone: string): number {
  const parts = formatter("en-US", timeZone, "offset", kinds.offset).formatToParts(d);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return Math.round((asUtc - d.getTime()) / 60_000);
}

/** `2022-03-03T09:30` read as wall-clock time in `timeZone`. Returns null for a malformed value. */
export function zonedToUtc(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const [, y, mo, da, h, mi, s] = m.map(Number) as unknown as number[];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const guess = Date.UTC(y, mo - 1, da, h, mi, s || 0);
  let result = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  // A second pass settles instants near a daylight-saving change.
  result = guess - offsetMinutes(new Date(result), timeZone) * 60_000;
  return new Date(result);
}

/** The wall-clock value for a `datetime-local` input. */
export function utcToZonedInput(d: Date, timeZone: string): string {
  const local = new Date(d.getTime() + offsetMinutes(d, timeZone) * 60_000);
  return local.toISOString().slice(0, 16);
}

/** ISO 8601 with the zone's offset, e.g. `2022-03-03T09:30:00+05:00`. */
export function isoWithOffset(d: Date, timeZone: string): string {
  const offset = offsetMinutes(d, timeZone);
  const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
