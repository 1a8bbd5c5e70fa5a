import { Invalid } from "../shared/errors.ts";
import { cleanLocalized, type Localized } from "../shared/localized.ts";

/**
 * Localized fields may hold only the event's languages, and `required` ones need text in the default language.
 * Returns the cleaned values (trimmed, empties dropped).
 */
export function checkLocalized<V extends Record<string, Localized | undefined>>(
  languages: readonly string[],
  values: V,
  required: readonly NoInfer<keyof V & string>[] = [],
): Record<keyof V & string, Localized> {
  type K = keyof V & string;
  const fields: Record<string, string> = {};
  const out = {} as Record<K, Localized>;
  for (const [field, value] of Object.entries(values) as [K, Localized | undefined][]) {
    for (const lang of Object.keys(value ?? {})) {
      if (!languages.includes(lang) && value?.[lang]?.trim()) fields[`${field}.${lang}`] = "language.unknown";
    }
    out[field] = cleanLocalized(value, languages);
    if (required.includes(field) && !out[field][languages[0]]) fields[`${field}.${languages[0]}`] = "required";
  }
  if (Object.keys(fields).length > 0) throw Invalid("validation", fields);
  return out;
}
