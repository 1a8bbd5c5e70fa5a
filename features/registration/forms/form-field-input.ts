import { z } from "zod";
import { localizedSchema } from "../../shared/localized.ts";
import { int4Max, integer } from "../../shared/validate.ts";
import { customFieldTypes } from "../schema.ts";

/** At most this many options per question (the form may send a few empty rows besides). */
export const maxOptions = 50;

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Options arrive as a list (API) or as numbered form rows (`options.0.label.en`, `options.1.label.en`…);
 * each keeps its row number, so an error points at the row the organiser typed in.
 */
function optionRows(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((o, row) => (o && typeof o === "object" ? { ...o, row } : o));
  if (!value || typeof value !== "object") return value;
  return Object.entries(value)
    .filter(([k]) => /^\d{1,3}$/.test(k))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([k, o]) => (o && typeof o === "object" ? { ...o, row: Number(k) } : o));
}

export const formFieldOptionInput = z.object({
  row: integer().min(0),
  /** Stable: answers store it. Empty on a new option: made from its label. */
  value: z.preprocess(emptyToUndefined, z.string().trim().toLowerCase().max(40, "too_long").optional()),
  label: localizedSchema.default({}),
});

/** A question as the staff form (or an API client) sends it. Key and type are chosen once, at creation. */
export const formFieldInput = z.object({
  label: localizedSchema.default({}),
  help: localizedSchema.default({}),
  required: checkbox,
  /** Categories asked this question; none: every category. */
  categoryIds: z
    .array(
      z.coerce
        .number("registration.category_unknown")
        .int("registration.category_unknown")
        .positive("registration.category_unknown")
        .max(2_147_483_647, "registration.category_unknown"),
    )
    .max(100, "invalid")
    .default([])
    .transform((ids) => [...new Set(ids)].sort((a, b) => a - b)),
  options: z.preprocess(optionRows, z.array(formFieldOptionInput).max(100, "form_field.too_many_options")).default([]),
});

/**
 * Keys every plain object already has (`constructor`, `toString`…): answers are kept in such objects, so
 * a question with one of these keys would read an inherited value as its answer.
 */
const reservedFieldKeys: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
export const isReservedFieldKey = (key: string) => reservedFieldKeys.has(key);

export const newFormFieldInput = formFieldInput.extend({
  /** Empty: made from the label. */
  key: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, "form_field.key_format")
      .refine((key) => !isReservedFieldKey(key), "form_field.key_reserved")
      .optional(),
  ),
  type: z.enum(customFieldTypes, "invalid"),
});

export const formFieldVersion = z.object({ version: z.coerce.number("required").int("required").positive("required").max(int4Max, "invalid") });
