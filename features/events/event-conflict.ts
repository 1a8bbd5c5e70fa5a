import { type EditConflict, type FieldValues, mergeEdits } from "../shared/merge.ts";
import type { EventRow } from "./queries.ts";

/**
 * The event's settings form as flat fields (features/shared/merge.ts), for the comparison a lost edit race
 * shows on the settings page: `languages` as typed ("en, ru"), each text per language (`title.ru`).
 */
const localizedNames = ["title", "shortTitle", "description", "venue", "city", "notice"] as const;
const plainNames = ["slug", "startDate", "endDate", "timezone", "format", "interfaceLanguage", "protocolLanguage"] as const;

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
const languagesOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : str(v).split(/[\s,]+/)).map((l) => l.trim().toLowerCase()).filter(Boolean);

export function eventInputFields(languages: readonly string[], input: Record<string, unknown>): FieldValues {
  const flat: FieldValues = { languages: languagesOf(input.languages).join(", ") };
  for (const name of plainNames) flat[name] = str(input[name]);
  for (const name of localizedNames) {
    const value = (input[name] ?? {}) as Record<string, unknown>;
    for (const lang of languages) flat[`${name}.${lang}`] = str(value[lang]);
  }
  return flat;
}

/** Flat fields back into what `updateEvent` takes (and the form shows). */
export function eventFieldsToInput(languages: readonly string[], flat: FieldValues) {
  const localized = (name: string) => Object.fromEntries(languages.map((l) => [l, flat[`${name}.${l}`] ?? ""]).filter(([, v]) => v !== ""));
  return {
    // A field the form did not send stays unsent (the command keeps what is saved).
    ...Object.fromEntries(plainNames.filter((n) => flat[n]).map((n) => [n, flat[n]])),
    languages: languagesOf(flat.languages),
    ...Object.fromEntries(localizedNames.map((n) => [n, localized(n)])),
  } as Record<string, unknown> & { languages: string[] };
}

/** Every language either side uses, so that a text in a language one side removed is still compared. */
const languagesOfBoth = (current: EventRow, input: Record<string, unknown>) => [...new Set([...current.languages, ...languagesOf(input.languages)])];

/**
 * After a save was refused as stale: what the other person changed since `base`, what this person changed,
 * and the form merged from both, to be saved against `current.version`.
 */
export function eventConflict(current: EventRow, input: Record<string, unknown>, base: FieldValues | null): EditConflict {
  const languages = languagesOfBoth(current, input);
  return mergeEdits(base, eventInputFields(languages, input), eventInputFields(languages, current as unknown as Record<string, unknown>), current.version);
}

/** The fields the person chose to keep as saved replace theirs in the input. */
export function keepSavedEvent(current: EventRow, input: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  if (fields.length === 0) return input;
  const languages = languagesOfBoth(current, input);
  const saved = eventInputFields(languages, current as unknown as Record<string, unknown>);
  const flat = eventInputFields(languages, input);
  for (const field of fields) if (field in saved) flat[field] = saved[field];
  return { ...input, ...eventFieldsToInput(languages, flat) };
}
