// What pages and exports show of the event's own questions and their answers. No server imports: the
// registration forms (app/ui/registration-form.tsx) use it in the browser too.
import { fileRules } from "../../files/kinds.ts";
import { type Localized, text } from "../../shared/localized.ts";
import type { FormFieldRow } from "../schema.ts";

/** Whether a question is asked of a category: `categoryIds` empty means every category. */
export function fieldAppliesTo(field: Pick<FormFieldRow, "categoryIds">, categoryId: number): boolean {
  return field.categoryIds.length === 0 || field.categoryIds.includes(categoryId);
}

/** A question as a page needs it (no event id, no version). */
export type FormFieldView = Pick<FormFieldRow, "id" | "key" | "type" | "label" | "help" | "options" | "required" | "categoryIds">;

export const toFieldView = (f: FormFieldRow): FormFieldView => ({
  id: f.id,
  key: f.key,
  type: f.type,
  label: f.label,
  help: f.help,
  options: f.options,
  required: f.required,
  categoryIds: f.categoryIds,
});

/** The form name of a question's input: `custom.<key>` (checkbox lists add `[]`). */
export const customFieldName = (key: string) => `custom.${key}`;

/** File answers hold a stored file's id (kind "attachment"); the file picker offers the types the store accepts. */
export const attachmentAccept = fileRules.attachment.types.join(",");

/**
 * A person's answer to one question, or undefined. Only the record's own keys count: `answers["constructor"]`
 * would otherwise be Object's constructor, an answer nobody gave.
 */
export function answerOf(answers: Readonly<Record<string, unknown>> | null | undefined, key: string): unknown {
  return answers && Object.hasOwn(answers, key) ? answers[key] : undefined;
}

/** The required questions asked of `categoryId` that a person has not answered yet. */
export function unansweredQuestions<F extends Pick<FormFieldRow, "key" | "required" | "categoryIds">>(
  fields: readonly F[],
  categoryId: number,
  answers: Readonly<Record<string, unknown>> | null | undefined,
): F[] {
  return fields.filter((f) => f.required && (f.categoryIds.length === 0 || f.categoryIds.includes(categoryId)) && answerOf(answers, f.key) === undefined);
}

/** The stored file ids among a person's answers, for looking up their names. */
export function answerFileIds(fields: readonly Pick<FormFieldRow, "key" | "type">[], custom: Record<string, unknown>): number[] {
  return fields.map((f) => (f.type === "file" ? answerOf(custom, f.key) : undefined)).filter((v): v is number => typeof v === "number");
}

/**
 * One answer as plain text in `lang` (choices by their label, dates as YYYY-MM-DD, files by name); empty
 * when there is none. An option removed since it was chosen shows its stored value.
 */
export function answerText(
  field: Pick<FormFieldRow, "type" | "options">,
  value: unknown,
  lang: string,
  fallbacks: readonly string[],
  words: { yes: string; no: string; fileNames?: ReadonlyMap<number, string> },
): string {
  if (value === undefined || value === null || value === "") return "";
  const option = (v: unknown) => {
    const found = field.options.find((o) => o.value === v);
    return found ? text(found.label as Localized, lang, fallbacks) : String(v);
  };
  switch (field.type) {
    case "choice":
      return option(value);
    case "multi_choice":
      return Array.isArray(value) ? value.map(option).join("; ") : option(value);
    case "yes_no":
      return value === true ? words.yes : value === false ? words.no : String(value);
    case "file":
      return typeof value === "number" ? (words.fileNames?.get(value) ?? `#${value}`) : String(value);
    default:
      return String(value);
  }
}
