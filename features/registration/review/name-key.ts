import { type SQL, sql } from "drizzle-orm";

/**
 * `normalizeName` (import.ts) in SQL: NFKC, lower case, `ё` as `е`, anything but letters and digits folded
 * into one space. Case folding of non-Latin letters follows the database's LC_CTYPE (a UTF-8 locale, as
 * PGlite and the official PostgreSQL images have).
 */
export const foldName = (value: SQL) => sql`btrim(regexp_replace(replace(lower(normalize(${value}, NFKC)), 'ё', 'е'), '[^[:alnum:]]+', ' ', 'g'))`;

/**
 * The folded names a registration is compared by, kept as generated columns (schema.ts): computed once per
 * write, so finding duplicates among 100,000 registrations reads two indexes instead of folding every name.
 */
export const latinNameKey = foldName(sql`given_name || ' ' || family_name`);
/** Names in the person's own script, folded; null when they gave none. */
export const localNameKey = sql`nullif(${foldName(sql`coalesce(given_name_local, '') || ' ' || coalesce(family_name_local, '')`)}, '')`;
