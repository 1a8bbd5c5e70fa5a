import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import type { Values } from "../../../i18n/index.ts";
import { checkFile, type FileType, fileRules, maxSizeText } from "../../files/kinds.ts";
import { fileStore } from "../../files/store.ts";
import { Invalid, isAppError } from "../../shared/errors.ts";
import { formToObject } from "../../shared/validate.ts";
import { type FormFieldRow, formFields } from "../schema.ts";
import { answerOf, customFieldName, fieldAppliesTo } from "./form-field-view.ts";

export type Answer = string | string[] | boolean | number;
/** A file answer whose bytes passed the checks, waiting to be stored with the registration. */
export interface CheckedAttachment {
  key: string;
  bytes: Uint8Array;
  contentType: FileType;
  filename: string;
}

export type CustomAnswers =
  /** `answers`: the new value of each question asked (null: no answer now); files come separately. */
  | { ok: true; answers: Record<string, Answer | null>; files: CheckedAttachment[] }
  /** `errors` maps `custom.<key>` to an error code, as `Invalid("validation", …)` expects. */
  | { ok: false; errors: Record<string, string>; values: Values };

export const maxTextAnswer = 1000;

/** The form's values (a record or the raw FormData) without the files: what the zod schemas read. */
export const formValues = (input: unknown): unknown => (input instanceof FormData ? formToObject(input) : input);

/**
 * What was sent for one question (strings and files, from a FormData or a nested or dotted record), or
 * undefined when the question is not in the submission at all (forms mark checkbox lists with an empty value).
 */
function submitted(input: unknown, key: string): unknown[] | undefined {
  const name = customFieldName(key);
  if (input instanceof FormData) return input.has(name) || input.has(`${name}[]`) ? [...input.getAll(name), ...input.getAll(`${name}[]`)] : undefined;
  if (!input || typeof input !== "object") return undefined;
  const record = input as Record<string, unknown>;
  const nested = record.custom && typeof record.custom === "object" ? (record.custom as Record<string, unknown>) : {};
  const value = Object.hasOwn(nested, key) ? nested[key] : Object.hasOwn(record, name) ? record[name] : answerOf(record, `${name}[]`);
  if (value === undefined) return undefined;
  return value === null ? [] : Array.isArray(value) ? value : [value];
}

const isFile = (v: unknown): v is File => typeof v === "object" && v !== null && typeof (v as File).arrayBuffer === "function" && "size" in v;
const isDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= "1900-01-01" && s <= "2199-12-31";
};

/**
 * Reads the answers to the event's own questions from a submitted form: only the questions asked of
 * `categoryId`, each checked by its type (a choice among its options, a real date, a PDF/JPEG/PNG of at
 * size and type of features/files/kinds.ts judged by its bytes, never its name). Writes nothing; all errors come back at once.
 *
 * A question absent from the submission keeps its stored answer (`current`), and so does a file question
 * sent without a file (a browser cannot send the file back); a question sent empty loses its answer. With
 * `requireAnswers` off (the secretariat correcting a registration), required questions may stay empty.
 */
export async function readCustomAnswers(
  fields: readonly FormFieldRow[],
  categoryId: number,
  input: unknown,
  options: { current?: Record<string, unknown>; requireAnswers?: boolean } = {},
): Promise<CustomAnswers> {
  const current = options.current ?? {};
  const requireAnswers = options.requireAnswers ?? true;
  const answers: Record<string, Answer | null> = {};
  const files: CheckedAttachment[] = [];
  const errors: Record<string, string> = {};
  const values: Values = {};
  for (const field of fields) {
    if (!fieldAppliesTo(field, categoryId)) continue;
    const name = customFieldName(field.key);
    const sent = submitted(input, field.key);
    // A question left out of the submission keeps its answer; only a new registration must answer it.
    if (sent === undefined && (!field.required || !requireAnswers || answerOf(current, field.key) !== undefined)) continue;
    const raw = sent ?? [];
    const strings = raw
      .filter((v): v is string => typeof v === "string")
      .map((v) => v.trim())
      .filter(Boolean);
    let answer: Answer | null = null;
    let error: string | null = null;
    switch (field.type) {
      case "text":
        if (strings[0] && strings[0].length > maxTextAnswer) error = "too_long";
        else answer = strings[0] ?? null;
        break;
      case "date":
        if (strings[0] && !isDate(strings[0])) error = "date.invalid";
        else answer = strings[0] ?? null;
        break;
      case "yes_no":
        if (strings[0] && !["yes", "no"].includes(strings[0])) error = "invalid";
        else answer = strings[0] ? strings[0] === "yes" : null;
        break;
      case "choice":
      case "multi_choice": {
        const allowed = new Set(field.options.map((o) => o.value));
        const chosen = [...new Set(strings)];
        if (chosen.some((v) => !allowed.has(v)) || (field.type === "choice" && chosen.length > 1)) error = "custom_field.not_an_option";
        else if (chosen.length) answer = field.type === "choice" ? chosen[0] : field.options.map((o) => o.value).filter((v) => chosen.includes(v));
        break;
      }
      case "file": {
        const file = raw.find((v): v is File => isFile(v) && v.size > 0);
        if (!file) {
          // Nothing sent: a file already on file stands (a browser cannot send it back).
          if (typeof answerOf(current, field.key) === "number") continue;
          break;
        }
        // Refused before it is read; the limit and the types are the store's (features/files/kinds.ts).
        if (file.size > fileRules.attachment.maxBytes) {
          error = "custom_field.file_too_large";
          values.max = maxSizeText("attachment");
          break;
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        const checked = checkFile("attachment", bytes);
        if (!checked.ok) {
          error = fileRules.attachment.typeError;
          break;
        }
        files.push({ key: field.key, bytes, contentType: checked.contentType, filename: file.name || field.key });
        continue;
      }
    }
    if (!error && answer === null && field.required && requireAnswers) error = "required";
    if (error) errors[name] = error;
    else answers[field.key] = answer;
  }
  return Object.keys(errors).length ? { ok: false, errors, values } : { ok: true, answers, files };
}

/**
 * Runs a command's own parsing and checks (`check`), then throws one 422 with its field errors and the
 * custom answers' together, so a person sees every problem at once.
 */
export function withAnswerErrors<T>(answers: CustomAnswers, check: () => T): T {
  let result: T;
  try {
    result = check();
  } catch (error) {
    if (!answers.ok && isAppError(error) && error.code === "validation") {
      throw Invalid("validation", { ...error.fields, ...answers.errors }, { ...error.values, ...answers.values });
    }
    throw error;
  }
  if (!answers.ok) throw Invalid("validation", answers.errors, answers.values);
  return result;
}

/**
 * The person's answers after this submission: stores new files (kind "attachment"), drops the files
 * they replace, and returns the value for `participants.custom`. Call inside the command's transaction.
 */
export async function mergeCustomAnswers(tx: DbOrTx, eventId: number, answers: Extract<CustomAnswers, { ok: true }>, current: Record<string, unknown> = {}) {
  // The questions answered, locked against deletion until this save commits: a question deleted since the
  // form was read takes no answer, and one being deleted waits, then strips the answer saved here.
  const keys = [...Object.keys(answers.answers), ...answers.files.map((f) => f.key)];
  const live = new Set(
    keys.length
      ? (
          await tx
            .select({ key: formFields.key })
            .from(formFields)
            .where(and(eq(formFields.eventId, eventId), inArray(formFields.key, keys)))
            .for("share")
        ).map((f) => f.key)
      : [],
  );
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(answers.answers)) {
    if (value === null) delete merged[key];
    else if (live.has(key)) merged[key] = value;
  }
  const replaced: number[] = [];
  for (const file of answers.files.filter((f) => live.has(f.key))) {
    const replacedFile = answerOf(current, file.key);
    if (typeof replacedFile === "number") replaced.push(replacedFile);
    merged[file.key] = (await fileStore.put(tx, { eventId, kind: "attachment", filename: file.filename, body: file.bytes })).id;
  }
  await fileStore.delete(tx, eventId, { ids: replaced, kinds: ["attachment"] });
  return merged;
}

/** The names of file answers, by id (for showing them). */
export async function attachmentNames(db: DbOrTx, eventId: number, ids: readonly number[]): Promise<Map<number, string>> {
  const found = await fileStore.heads(db, eventId, ids, ["attachment"]);
  return new Map(found.map((f) => [f.id, f.filename]));
}
