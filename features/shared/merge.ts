import { z } from "zod";
import { Conflict, isAppError } from "./errors.ts";

/**
 * A lost edit race, field by field. A form's fields are flattened to strings (`title.en`, `roomId`, …); the
 * version the person started from (`base`), what they sent (`yours`) and what is saved now (`theirs`) are
 * compared: a field only one side changed takes that side's value, a field both changed differently is the
 * person's to choose. Without the base every difference is a choice.
 */
export type FieldValues = Record<string, string>;

/** `theirs`: only the other person changed it; `yours`: only you; `both`: each differently (a choice). */
export type MergeOutcome = "theirs" | "yours" | "both";

export interface FieldMerge {
  field: string;
  base: string | null;
  yours: string;
  theirs: string;
  outcome: MergeOutcome;
}

export interface EditConflict {
  /** The version saved now: the next save carries it. */
  version: number;
  fields: FieldMerge[];
  /** The form's values after the merge; chosen fields hold the person's own value until they choose otherwise. */
  merged: FieldValues;
  /** What is saved now, the base of the next comparison. */
  theirs: FieldValues;
}

export function mergeEdits(base: FieldValues | null, yours: FieldValues, theirs: FieldValues, version: number): EditConflict {
  const fields: FieldMerge[] = [];
  const merged: FieldValues = { ...theirs };
  for (const field of new Set([...Object.keys(theirs), ...Object.keys(yours)])) {
    const y = yours[field] ?? "";
    const t = theirs[field] ?? "";
    const b = base ? (base[field] ?? "") : null;
    if (y === t) {
      merged[field] = t;
      continue;
    }
    let outcome: MergeOutcome;
    if (b === null) outcome = "both";
    else if (y === b) outcome = "theirs";
    else if (t === b) outcome = "yours";
    else outcome = "both";
    merged[field] = outcome === "theirs" ? t : y;
    fields.push({ field, base: b, yours: y, theirs: t, outcome });
  }
  return { version, fields, merged, theirs };
}

/** The prefix of a radio that picks one side of a field changed on both: `choose:title.en` = `theirs` | `yours`. */
export const choicePrefix = "choose:";

/** The fields whose saved value the person chose to keep over their own. */
export function chosenTheirs(form: FormData): string[] {
  const out: string[] = [];
  for (const [key, value] of form.entries()) {
    if (key.startsWith(choicePrefix) && value === "theirs") out.push(key.slice(choicePrefix.length));
  }
  return out;
}

const baseSchema = z.record(z.string().max(200), z.string().max(100_000));

/** The version the form was started from, carried in a hidden field (`_base`); null if absent or not ours. */
export function readBase(raw: FormDataEntryValue | null): FieldValues | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 1_000_000) return null;
  try {
    const parsed = baseSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Runs a save; if it was refused as stale, refuses it again with the comparison the page shows
 * (`conflict.merge`, details `{ conflict }`), so that the next save can apply the person's changes on top.
 */
export async function explainStale<T>(save: () => Promise<T>, describe: () => Promise<EditConflict>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (isAppError(error) && error.code === "conflict.stale") throw Conflict("conflict.merge", { conflict: await describe() });
    throw error;
  }
}

/** The comparison a refused save carries, if any. */
export function conflictOf(details: unknown): EditConflict | undefined {
  return (details as { conflict?: EditConflict } | undefined)?.conflict;
}
