// Dates in a language a browser's Intl has no data for. Chromium as Debian ships it formats Uzbek (Latin)
// with the root patterns ("2030 M05 14") where Node's ICU writes "14-may, 2030": a page rendered on the
// server and hydrated in the browser would then disagree, and React would throw the hydration away. For
// such languages the server sends, with the page, each kind of date as its ICU lays it out (the order of
// its parts, the words between them, the month and weekday names it uses), and server and browser both
// format from that, the same way. Nothing here is stored in the project: it is read from the server's ICU.

/** One part of a formatted date, as `formatToParts` names it. */
export type Token =
  | { type: "literal"; value: string }
  | { type: "year" | "hour" | "minute" }
  | { type: "day"; twoDigits: boolean }
  | { type: "month"; names: string[] | null; twoDigits: boolean }
  | { type: "weekday"; names: string[] };

/** Each kind of date (time, day, dayShort, date, dateTime) of one locale. */
export interface DateNames {
  locale: string;
  kinds: Record<string, Token[]>;
}

/** Languages formatted from the server's layouts; others use the browser's own Intl, which agrees. */
export const laidOutByServer: ReadonlySet<string> = new Set(["uz-Latn"]);

const provided = new Map<string, DateNames>();

/** In the browser: the layouts the page came with (the root loader's `dateNames`). */
export function provideDateNames(names: DateNames | undefined): void {
  if (names && !provided.has(names.locale)) provided.set(names.locale, names);
}

/** The layouts of `locale` if it is laid out by the server: read from Intl on the server, as provided in the browser. */
export function dateNamesFor(locale: string, kinds: Record<string, Intl.DateTimeFormatOptions>): DateNames | null {
  if (!laidOutByServer.has(locale)) return null;
  const known = provided.get(locale);
  if (known) return known;
  if (typeof window !== "undefined") return null;
  const names = readDateNames(locale, kinds);
  provided.set(locale, names);
  return names;
}

/** Reads, from this process's ICU, how `locale` lays out each kind (in UTC: names do not depend on the zone). */
function readDateNames(locale: string, kinds: Record<string, Intl.DateTimeFormatOptions>): DateNames {
  // 4 January 2031, 07:05 (a Saturday): one-digit day, month and hour show whether they are padded.
  const sample = new Date(Date.UTC(2031, 0, 4, 7, 5));
  const out: Record<string, Token[]> = {};
  for (const [kind, options] of Object.entries(kinds)) {
    const f = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    const partOf = (d: Date, type: string) => f.formatToParts(d).find((p) => p.type === type)?.value ?? "";
    out[kind] = f.formatToParts(sample).map((p): Token => {
      switch (p.type) {
        case "day":
          return { type: "day", twoDigits: p.value.length === 2 };
        case "month": {
          const numeric = /^\d+$/.test(p.value);
          return {
            type: "month",
            twoDigits: numeric && p.value.length === 2,
            names: numeric ? null : Array.from({ length: 12 }, (_, m) => partOf(new Date(Date.UTC(2031, m, 4, 7, 5)), "month")),
          };
        }
        case "weekday":
          // 5–11 January 2031: Sunday to Saturday.
          return { type: "weekday", names: Array.from({ length: 7 }, (_, w) => partOf(new Date(Date.UTC(2031, 0, 5 + w, 7, 5)), "weekday")) };
        case "year":
        case "hour":
        case "minute":
          return { type: p.type };
        default:
          return { type: "literal", value: p.value };
      }
    });
  }
  return { locale, kinds: out };
}

/** A date's parts in a time zone, read with an English formatter every browser has. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

export function datePartsIn(d: Date, timeZone: string): DateParts {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
    });
    partsFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(d);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: n("year"),
    month: n("month"),
    day: n("day"),
    weekday: weekdays.indexOf(parts.find((p) => p.type === "weekday")?.value ?? ""),
    hour: n("hour") % 24,
    minute: n("minute"),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

export function formatLaidOut(tokens: readonly Token[], d: DateParts): string {
  return tokens
    .map((t) => {
      switch (t.type) {
        case "literal":
          return t.value;
        case "year":
          return String(d.year);
        case "day":
          return t.twoDigits ? pad(d.day) : String(d.day);
        case "month":
          return t.names ? t.names[d.month - 1] : t.twoDigits ? pad(d.month) : String(d.month);
        case "weekday":
          return t.names[d.weekday];
        case "hour":
          return pad(d.hour);
        default:
          return pad(d.minute);
      }
    })
    .join("");
}
