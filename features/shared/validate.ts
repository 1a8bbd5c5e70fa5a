import { z } from "zod";
import { Invalid } from "./errors.ts";

/**
 * Parses input with a zod schema whose messages are error codes (`"required"`, `"slug.format"`…).
 * A failure becomes one 422 AppError with a code per field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const unstorable = pathOfUnstorableText(input);
  if (unstorable !== null) throw Invalid("validation", { [unstorable || "_"]: "invalid" });
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    // An item of a list reports on the list itself: `languages.1` → `languages`.
    const path = issue.path.map(String);
    while (path.length > 1 && /^\d+$/.test(path[path.length - 1])) path.pop();
    const field = path.join(".") || "_";
    if (fields[field]) continue;
    fields[field] = /^[a-z_]+(\.[a-z_]+)*$/.test(issue.message) ? issue.message : issueCode(issue);
  }
  throw Invalid("validation", fields);
}

/** The largest value of PostgreSQL's `integer`, the type of every id, version and position. */
export const int4Max = 2_147_483_647;

/**
 * A whole number the database can store as `integer`: a larger one (an id of 2,147,483,648) is refused
 * here as invalid, with its field named, rather than by the database. `formInteger` takes text too.
 */
export const integer = () =>
  z
    .number()
    .int()
    .min(-int4Max - 1, "invalid")
    .max(int4Max, "invalid");
export const formInteger = () =>
  z.coerce
    .number()
    .int()
    .min(-int4Max - 1, "invalid")
    .max(int4Max, "invalid");

/** An optional id from a form or JSON: a select's empty choice ("—"), null or nothing is none. */
export const optionalFormId = () =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.coerce.number("invalid").int("invalid").positive("invalid").max(int4Max, "invalid").nullable(),
  );

/**
 * An instant within the years 2000–2099, as a device's clock can plausibly give it: a clock reset to 1970,
 * or a time in the year 9999 that a correction of its offset would carry past what the database stores,
 * is refused rather than stored.
 */
export function isPlausibleClock(iso: string): boolean {
  const t = Date.parse(iso);
  return t >= Date.UTC(2000, 0, 1) && t < Date.UTC(2100, 0, 1);
}

/** The error code of a zod issue whose message is not one already (a plain type or length problem). */
export function issueCode(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "required" : "invalid";
    case "too_small":
      return "required";
    case "too_big":
      // Text and lists are too long; a number is simply not one the field takes.
      return issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint" ? "invalid" : "too_long";
    default:
      return "invalid";
  }
}

const maxFormDepth = 8;

/** Path segments that would reach an object's prototype: never taken from a form. */
const unsafeSegments = new Set(["__proto__", "prototype", "constructor"]);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Turns form data with dotted names (`title.en`, `title.ru`) into nested objects; `[]` names collect arrays.
 * A name with a prototype segment (`__proto__.x`), one of more than eight segments, or one that would nest inside a value already given
 * (`a` then `a.b`), is ignored.
 */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  entries: for (const [rawKey, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const isArray = rawKey.endsWith("[]");
    const key = isArray ? rawKey.slice(0, -2) : rawKey;
    const path = key.split(".");
    // No form of ours nests deeper than a few levels; a name of thousands of segments would only overflow later walks.
    if (path.length > maxFormDepth || path.some((part) => unsafeSegments.has(part))) continue;
    let node = out;
    for (const part of path.slice(0, -1)) {
      if (!Object.hasOwn(node, part)) node[part] = {};
      const next = node[part];
      if (!isRecord(next)) continue entries;
      node = next;
    }
    const last = path[path.length - 1];
    if (isArray) {
      if (!Object.hasOwn(node, last)) node[last] = [];
      const list = node[last];
      if (Array.isArray(list)) list.push(value);
    } else node[last] = value;
  }
  return out;
}

/** A YYYY-MM-DD day that exists in the calendar (no 31 February), whatever Date.parse would forgive. */
export function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

/** A database id from a URL or form: a positive int4, or null for anything else. */
export function toId(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
}

/** Text PostgreSQL cannot store: a NUL character, or half of a UTF-16 surrogate pair (`"\ud800"` in JSON). */
const isUnstorable = (text: string) => text.includes("\u0000") || !text.isWellFormed();

/**
 * Where input holds text the database cannot store (field path, "" for the input itself), or null if
 * nowhere. Such input is refused with its field named, never sent to the database.
 */
export function pathOfUnstorableText(value: unknown, path = ""): string | null {
  if (typeof value === "string") return isUnstorable(value) ? path : null;
  if (typeof value !== "object" || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (isUnstorable(key)) return path || "_";
    const found = pathOfUnstorableText(item, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
