import { sql, type SQL } from "drizzle-orm";

/**
 * `normalizeName` (import.ts) in SQL: NFKC, lower case, `ё` as `е`, anything but letters and digits folded
 * into one space. The expressions below back two indexes (schema.ts) and the duplicate queries
 * (duplicates.ts): they must stay identical for those indexes to be used. Case folding of non-Latin
 * letters follows the database's LC_CTYPE (a UTF-8 locale, as PGlite and the official images have).
 */
export const foldName = (value: SQL) => sql`btrim(regexp_replace(replace(lower(normalize(${value}, NFKC)), 'ё', 'е'), '[^[:alnum:]]+', ' ', 'g'))`;

interface NameColumns { givenName: unknown; familyName: unknown; givenNameLocal: unknown; familyNameLocal: unknown }

/** Given and family names (Latin), folded. */
export const latinNameKey = (t: NameColumns) => foldName(sql`${t.givenName} || ' ' || ${t.familyName}`);

/** Names in the person's own script, folded; null when they gave none. */
export const localNameKey = (t: NameColumns) => sql`nullif(${foldName(sql`coalesce(${t.givenNameLocal}, '') || ' ' || coalesce(${t.familyNameLocal}, '')`)}, '')`;
