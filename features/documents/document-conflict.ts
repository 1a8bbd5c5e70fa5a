// A document's forms as flat fields (features/shared/merge.ts), for the comparison a lost edit race shows:
// the texts (kind, title and summary per language, original language, day of issue), and the access apart.
import type { EventRow } from "../events/queries.ts";
import { type EditConflict, type FieldValues, mergeEdits } from "../shared/merge.ts";
import type { LibraryDocumentRow } from "./queries.ts";

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
const ids = (v: unknown) => [...new Set((Array.isArray(v) ? v : []).map(str).filter(Boolean))].sort((a, b) => Number(a) - Number(b)).join(",");

export type DocumentForm = "metadata" | "access";

/** The fields of one form, from what it sent or from a saved row. */
export function documentFields(event: Pick<EventRow, "languages">, form: DocumentForm, input: Record<string, unknown>): FieldValues {
  if (form === "access") {
    return {
      access: str(input.access),
      categoryIds: ids(input.categoryIds ?? input.accessCategoryIds),
      delegationIds: ids(input.delegationIds ?? input.accessDelegationIds),
    };
  }
  const flat: FieldValues = { kind: str(input.kind), originalLanguage: str(input.originalLanguage), issuedOn: str(input.issuedOn) };
  for (const name of ["title", "summary"]) {
    const value = (input[name] ?? {}) as Record<string, unknown>;
    for (const lang of event.languages) flat[`${name}.${lang}`] = str(value[lang]);
  }
  return flat;
}

/** Flat fields back into what the commands take. */
export function fieldsToInput(event: Pick<EventRow, "languages">, form: DocumentForm, flat: FieldValues): Record<string, unknown> {
  const list = (v: string | undefined) => (v ? v.split(",") : []);
  if (form === "access") return { access: flat.access, categoryIds: list(flat.categoryIds), delegationIds: list(flat.delegationIds) };
  const localized = (name: string) => Object.fromEntries(event.languages.map((l) => [l, flat[`${name}.${l}`] ?? ""]));
  return { kind: flat.kind, originalLanguage: flat.originalLanguage, issuedOn: flat.issuedOn, title: localized("title"), summary: localized("summary") };
}

/** After a refused save: what the other person changed since `base`, and the form merged onto the latest version. */
export function documentConflict(
  event: Pick<EventRow, "languages">,
  form: DocumentForm,
  current: LibraryDocumentRow,
  input: Record<string, unknown>,
  base: FieldValues | null,
): EditConflict {
  return mergeEdits(base, documentFields(event, form, input), documentFields(event, form, current as unknown as Record<string, unknown>), current.version);
}

/** The fields the person chose to keep as saved replace theirs in the input. */
export function keepSaved(
  event: Pick<EventRow, "languages">,
  form: DocumentForm,
  current: LibraryDocumentRow,
  input: Record<string, unknown>,
  fields: string[],
) {
  if (fields.length === 0) return input;
  const saved = documentFields(event, form, current as unknown as Record<string, unknown>);
  const flat = documentFields(event, form, input);
  for (const field of fields) if (field in saved) flat[field] = saved[field];
  return { ...input, ...fieldsToInput(event, form, flat) };
}
