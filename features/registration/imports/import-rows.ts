import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import { catalogues, htmlLang, type InterfaceLanguage, interfaceLanguages, isInterfaceLanguage } from "../../../i18n/index.ts";
import type { EventRow } from "../../events/queries.ts";
import { countryCodes, isCountryCode } from "../../shared/countries.ts";
import { AppError, Invalid, TooLarge } from "../../shared/errors.ts";
import { issueCode } from "../../shared/validate.ts";
import { nominationInput } from "../input.ts";
import { categories, delegations, type ImportPreview, type ImportRowError, participants, type RegistrationStatus, registrationStatuses } from "../schema.ts";
import { type ImportField, importFields, maxPreviewErrors, requiredImportColumns } from "./import-fields.ts";
import { maxImportRows, type Sheet } from "./read-sheet.ts";

/**
 * Bulk import of participants from CSV or XLSX: read the file, map its header row to our fields, check
 * every row, and write the good ones in batches. The preview and the background run use the same
 * functions, so what the preview promised is what the run does (bar changes made in between).
 */

/** Rows per INSERT (and per transaction): 14 parameters a row stays far below PostgreSQL's 65,535. */
export const importBatchSize = 1000;

export type NewParticipant = Pick<
  typeof participants.$inferInsert,
  | "eventId"
  | "delegationId"
  | "categoryId"
  | "status"
  | "honorific"
  | "givenName"
  | "familyName"
  | "givenNameLocal"
  | "familyNameLocal"
  | "position"
  | "organisation"
  | "country"
  | "email"
  | "lang"
>;

/** Lower case, `ё` as `е`, punctuation and spaces folded: "Эл. почта" and "эл почта" are the same name. */
export function normalizeName(value: string): string {
  return value
    .normalize("NFKC")
    .toLowerCase()
    .replaceAll("ё", "е")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const typedAliases: Record<ImportField, string[]> = {
  honorific: ["honorific", "salutation", "title", "prefix", "обращение", "murojaat"],
  givenName: ["given name", "given names", "first name", "firstname", "forename", "имя", "имена", "ism", "ismi"],
  familyName: ["family name", "last name", "lastname", "surname", "фамилия", "familiya", "familiyasi"],
  givenNameLocal: ["given name local", "given name own script", "имя на родном языке", "имя кириллицей"],
  familyNameLocal: ["family name local", "family name own script", "фамилия на родном языке", "фамилия кириллицей"],
  email: [
    "email",
    "e mail",
    "email address",
    "e mail address",
    "mail",
    "эл почта",
    "электронная почта",
    "адрес электронной почты",
    "эл адрес",
    "почта",
    "elektron pochta",
    "e pochta",
  ],
  organisation: ["organisation", "organization", "institution", "affiliation", "company", "организация", "учреждение", "tashkilot"],
  position: ["position", "job title", "function", "должность", "lavozim"],
  country: ["country", "country code", "iso country", "страна", "код страны", "mamlakat", "davlat"],
  category: ["category", "category code", "accreditation category", "категория", "toifa"],
  delegation: ["delegation", "делегация", "delegatsiya"],
  lang: ["language", "lang", "preferred language", "language for emails", "язык", "til"],
  status: ["status", "статус", "holat"],
};

/** Labels of our own pages and export in every interface language, so an exported file imports again. */
const catalogueAliases: Partial<Record<ImportField, string[]>> = {
  honorific: ["registration.portal.honorific"],
  givenName: ["registration.portal.givenName", "registration.admin.export.columns.given"],
  familyName: ["registration.portal.familyName", "registration.admin.export.columns.family"],
  givenNameLocal: ["registration.portal.givenNameLocal"],
  familyNameLocal: ["registration.portal.familyNameLocal"],
  email: ["registration.portal.email", "registration.admin.export.columns.email"],
  organisation: ["registration.portal.organisation", "registration.admin.export.columns.organisation"],
  position: ["registration.portal.position", "registration.admin.export.columns.position"],
  country: ["registration.admin.export.columns.country", "registration.admin.registrations.country"],
  category: ["registration.portal.category", "registration.admin.export.columns.category"],
  delegation: ["registration.portal.delegation", "registration.admin.export.columns.delegation"],
  lang: ["registration.portal.lang", "registration.admin.export.columns.lang"],
  status: ["registration.portal.status", "registration.admin.export.columns.status"],
};

/** Made on first use, once every language's catalogue is loaded (the server loads them as it starts). */
let headerNamesMemo: Map<string, ImportField> | undefined;
const headerNames = (): Map<string, ImportField> => (headerNamesMemo ??= makeHeaderNames());

function makeHeaderNames(): Map<string, ImportField> {
  const names = new Map<string, ImportField>();
  for (const field of importFields) {
    for (const alias of typedAliases[field]) names.set(normalizeName(alias), field);
    for (const key of catalogueAliases[field] ?? []) {
      for (const lang of interfaceLanguages) {
        const label = catalogues[lang]?.[key];
        if (label && !names.has(normalizeName(label))) names.set(normalizeName(label), field);
      }
    }
    // The names the import page itself lists.
    for (const lang of interfaceLanguages) {
      const label = catalogues[lang]?.[`registration.import.fields.${field}`];
      if (label && !names.has(normalizeName(label))) names.set(normalizeName(label), field);
    }
    names.set(normalizeName(field), field);
  }
  return names;
}

export interface ColumnMap {
  /** The column (0-based) each field is read from. */
  columns: Partial<Record<ImportField, number>>;
  /** Header cells that name nothing we know (or a field already taken by an earlier column). */
  ignored: string[];
}

/** Maps the header row; a file without the required columns is refused as a whole. */
export function mapColumns(header: readonly string[]): ColumnMap {
  const columns: Partial<Record<ImportField, number>> = {};
  const ignored: string[] = [];
  header.forEach((cell, index) => {
    if (cell.trim() === "") return;
    const field = headerNames().get(normalizeName(cell));
    if (field && columns[field] === undefined) columns[field] = index;
    else ignored.push(cell.trim());
  });
  const missing = requiredImportColumns.filter((field) => columns[field] === undefined);
  // A country comes from its own column or from the delegation's.
  if (columns.country === undefined && columns.delegation === undefined) missing.push("country");
  if (missing.length) throw new AppError(422, "import.missing_columns", { fields: { file: "import.missing_columns" }, details: { missing } });
  return { columns, ignored };
}

// ---------------------------------------------------------------------------------------------------
// Checking the rows.

/** Lower case and single spaces, for matching names typed by people against names kept by us. */
export const keyOf = (value: string) => value.normalize("NFKC").toLowerCase().replaceAll("ё", "е").replace(/\s+/g, " ").trim();

export interface ImportLookups {
  eventId: number;
  defaultLang: InterfaceLanguage;
  /** Category code and names (every language) → id. */
  categories: Map<string, number>;
  /** Delegation names (every language) and State delegations' country codes → the delegation. */
  delegations: Map<string, { id: number; country: string | null }>;
}

export async function loadImportLookups(db: DbOrTx, event: EventRow): Promise<ImportLookups> {
  const [categoryRows, delegationRows] = await Promise.all([
    db.select({ id: categories.id, code: categories.code, name: categories.name }).from(categories).where(eq(categories.eventId, event.id)),
    db
      .select({ id: delegations.id, kind: delegations.kind, country: delegations.country, name: delegations.name })
      .from(delegations)
      .where(eq(delegations.eventId, event.id)),
  ]);
  const categoryMap = new Map<string, number>();
  for (const c of categoryRows) categoryMap.set(keyOf(c.code), c.id);
  for (const c of categoryRows) for (const name of Object.values(c.name)) if (name.trim() && !categoryMap.has(keyOf(name))) categoryMap.set(keyOf(name), c.id);
  const delegationMap = new Map<string, { id: number; country: string | null }>();
  for (const d of delegationRows) for (const name of Object.values(d.name)) if (name.trim()) delegationMap.set(keyOf(name), { id: d.id, country: d.country });
  // A State is named by its country code only when it has exactly one delegation.
  const states = delegationRows.filter((d) => d.kind === "state" && d.country);
  for (const d of states) {
    if (states.filter((other) => other.country === d.country).length === 1 && !delegationMap.has(keyOf(d.country!))) {
      delegationMap.set(keyOf(d.country!), { id: d.id, country: d.country });
    }
  }
  const first = event.languages.find((l) => isInterfaceLanguage(l));
  return { eventId: event.id, defaultLang: (first as InterfaceLanguage | undefined) ?? "en", categories: categoryMap, delegations: delegationMap };
}

let countryNames: Map<string, string> | undefined;
/** Country names in our interface languages and English → ISO code ("Kazakhstan", "Казахстан" → KZ). */
export function countryByName(value: string): string | undefined {
  if (!countryNames) {
    countryNames = new Map();
    for (const lang of interfaceLanguages) {
      const display = new Intl.DisplayNames([htmlLang(lang)], { type: "region", fallback: "none" });
      for (const code of countryCodes) {
        const name = display.of(code);
        if (name && !countryNames.has(keyOf(name))) countryNames.set(keyOf(name), code);
      }
    }
  }
  return countryNames.get(keyOf(value));
}

export const languageNames: Map<string, InterfaceLanguage> = (() => {
  const names = new Map<string, InterfaceLanguage>();
  for (const code of interfaceLanguages) {
    names.set(code, code);
    for (const display of interfaceLanguages) {
      const name = new Intl.DisplayNames([htmlLang(display)], { type: "language", fallback: "none" }).of(code);
      if (name) names.set(keyOf(name), code);
    }
  }
  names.set(keyOf("Oʻzbekcha"), "uz");
  return names;
})();

let statusNamesMemo: Map<string, RegistrationStatus> | undefined;
/** Status names in every interface language (made on first use, like the header names). */
const statusNames = (): Map<string, RegistrationStatus> => (statusNamesMemo ??= makeStatusNames());

function makeStatusNames(): Map<string, RegistrationStatus> {
  const names = new Map<string, RegistrationStatus>();
  for (const status of registrationStatuses) {
    names.set(status, status);
    for (const lang of interfaceLanguages) {
      const label = catalogues[lang]?.[`registration.statuses.${status}`];
      if (label) names.set(keyOf(label), status);
    }
  }
  return names;
}

/** Names, email, organisation and position: the same rules as a nomination by a focal point. */
const personShape = nominationInput.omit({ head: true, lang: true });

export interface CheckedSheet {
  /** One entry per row of the sheet: what to insert, or null for a row with errors. */
  participants: (NewParticipant | null)[];
  invalid: number;
  /** The first `maxPreviewErrors` errors, in row order. */
  errors: ImportRowError[];
  ignoredColumns: string[];
}

/**
 * Checks every row: zod for the person (shared with nominations), then category, delegation, country,
 * language and status against the event. An email seen earlier in the file makes the later row an error.
 * Yields to the event loop now and then, so 100,000 rows do not hold up other requests.
 */
export async function checkSheet(sheet: Sheet, lookups: ImportLookups): Promise<CheckedSheet> {
  const { columns, ignored } = mapColumns(sheet.header);
  if (sheet.rows.length === 0) throw Invalid("import.no_rows", { file: "import.no_rows" });
  if (sheet.rows.length > maxImportRows) throw TooLarge("import.too_many_rows", { max: maxImportRows.toLocaleString("en-US") });
  const columnName = (field: ImportField) => (columns[field] !== undefined ? sheet.header[columns[field]!].trim() : field);
  const seen = new Map<string, number>();
  const errors: ImportRowError[] = [];
  const out: (NewParticipant | null)[] = [];
  let invalid = 0;

  for (let i = 0; i < sheet.rows.length; i++) {
    if (i > 0 && i % 2000 === 0) await yieldToEventLoop();
    const { row, cells } = sheet.rows[i];
    const cell = (field: ImportField): string | undefined => (columns[field] !== undefined ? (cells[columns[field]!] ?? "") : undefined);
    const rowErrors: ImportRowError[] = [];
    const who = personOf(cell("givenName"), cell("familyName"), cell("email"));
    const fail = (field: ImportField, code: string, values?: Record<string, string | number>) => {
      if (!rowErrors.some((e) => e.column === columnName(field)))
        rowErrors.push({ row, column: columnName(field), code, ...(values ? { values } : {}), ...(who ? { who } : {}) });
    };

    const person = personShape.safeParse({
      honorific: cell("honorific"),
      givenName: cell("givenName"),
      familyName: cell("familyName"),
      givenNameLocal: cell("givenNameLocal"),
      familyNameLocal: cell("familyNameLocal"),
      position: cell("position"),
      organisation: cell("organisation"),
      email: cell("email"),
    });
    if (!person.success) {
      for (const issue of person.error.issues) {
        fail(String(issue.path[0]) as ImportField, /^[a-z_]+(\.[a-z_]+)*$/.test(issue.message) ? issue.message : issueCode(issue));
      }
    }

    const categoryText = cell("category")?.trim() ?? "";
    const categoryId = categoryText ? lookups.categories.get(keyOf(categoryText)) : undefined;
    if (!categoryText) fail("category", "required");
    else if (categoryId === undefined) fail("category", "import.category_unknown", { value: categoryText });

    const delegationText = cell("delegation")?.trim() ?? "";
    let delegation: { id: number; country: string | null } | undefined;
    if (delegationText) {
      delegation = lookups.delegations.get(keyOf(delegationText));
      if (!delegation) {
        // "Kazakhstan" for the State's delegation, by its country.
        const code = countryByName(delegationText);
        delegation = code ? lookups.delegations.get(keyOf(code)) : undefined;
      }
      if (!delegation) fail("delegation", "import.delegation_unknown", { value: delegationText });
    }

    const countryText = cell("country")?.trim() ?? "";
    let country: string | null = null;
    if (countryText) {
      const upper = countryText.toUpperCase();
      country = /^[A-Z]{2}$/.test(upper) ? (isCountryCode(upper) ? upper : null) : (countryByName(countryText) ?? null);
      if (!country) fail("country", "import.country_unknown", { value: countryText });
    } else if (delegation?.country) {
      country = delegation.country;
    } else if (!delegationText) {
      fail("country", "required");
    }

    const langText = cell("lang")?.trim() ?? "";
    const lang = langText ? languageNames.get(keyOf(langText)) : lookups.defaultLang;
    if (!lang) fail("lang", "import.language_unknown", { value: langText });

    const statusText = cell("status")?.trim() ?? "";
    const status = statusText ? statusNames().get(keyOf(statusText)) : "pending";
    if (!status) fail("status", "import.status_unknown", { value: statusText });

    if (person.success) {
      const earlier = seen.get(person.data.email);
      if (earlier !== undefined) fail("email", "import.duplicate_in_file", { row: earlier });
      else seen.set(person.data.email, row);
    }

    if (rowErrors.length || !person.success) {
      invalid++;
      for (const e of rowErrors) if (errors.length < maxPreviewErrors) errors.push(e);
      out.push(null);
      continue;
    }
    const p = person.data;
    out.push({
      eventId: lookups.eventId,
      delegationId: delegation?.id ?? null,
      categoryId: categoryId!,
      status: status!,
      honorific: p.honorific ?? null,
      givenName: p.givenName,
      familyName: p.familyName,
      givenNameLocal: p.givenNameLocal ?? null,
      familyNameLocal: p.familyNameLocal ?? null,
      position: p.position ?? null,
      organisation: p.organisation ?? null,
      country,
      email: p.email,
      lang: lang!,
    });
  }
  return { participants: out, invalid, errors, ignoredColumns: ignored };
}

/** Whom a row is about, as the file names them (for its errors): the name and the email, whichever are there. */
export function personOf(given: string | undefined, family: string | undefined, email: string | undefined): ImportRowError["who"] | undefined {
  const name = [given?.trim(), family?.trim()].filter(Boolean).join(" ").slice(0, 200);
  const address = email?.trim().slice(0, 254);
  if (!name && !address) return undefined;
  return { ...(name ? { name } : {}), ...(address ? { email: address } : {}) };
}

/** How many of the valid rows' emails are already registered for the event (their rows will be skipped). */
export async function countRegistered(db: DbOrTx, eventId: number, emails: string[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < emails.length; i += 5000) {
    const chunk = emails.slice(i, i + 5000);
    const rows = await db
      .select({ email: participants.email })
      .from(participants)
      .where(and(eq(participants.eventId, eventId), inArray(participants.email, chunk)));
    found += rows.length;
  }
  return found;
}

/** What an import of this sheet would do. Writes nothing. */
export async function previewSheet(db: DbOrTx, sheet: Sheet, lookups: ImportLookups): Promise<ImportPreview> {
  const checked = await checkSheet(sheet, lookups);
  const valid = checked.participants.filter((p): p is NewParticipant => p !== null);
  const existing = await countRegistered(
    db,
    lookups.eventId,
    valid.map((p) => p.email),
  );
  return {
    total: sheet.rows.length,
    fresh: valid.length - existing,
    existing,
    invalid: checked.invalid,
    errors: checked.errors,
    ignoredColumns: checked.ignoredColumns,
  };
}

/** The columns an import writes, in one place for the INSERT's column list and its record definition. */
const insertedColumns = [
  "eventId",
  "delegationId",
  "categoryId",
  "status",
  "honorific",
  "givenName",
  "familyName",
  "givenNameLocal",
  "familyNameLocal",
  "position",
  "organisation",
  "country",
  "email",
  "lang",
] as const satisfies readonly (keyof NewParticipant)[];
const columnList = sql.raw(insertedColumns.map((k) => `"${participants[k].name}"`).join(", "));
const recordDefinition = sql.raw(insertedColumns.map((k) => `"${participants[k].name}" ${participants[k].getSQLType()}`).join(", "));

/**
 * One multi-row INSERT; an email already registered for the event is left as it is (ON CONFLICT DO
 * NOTHING on the unique (event_id, email)), which makes running the same file twice harmless.
 * The rows travel as one JSON parameter read by `json_to_recordset`: Drizzle's own multi-row insert
 * spends more time building 14,000 placeholders than the database spends inserting them
 * (docs/decisions/0008-imports.md). Returns how many rows were added.
 */
export async function insertParticipants(tx: DbOrTx, rows: readonly NewParticipant[]): Promise<number> {
  if (rows.length === 0) return 0;
  const records = JSON.stringify(rows.map((row) => Object.fromEntries(insertedColumns.map((k) => [participants[k].name, row[k] ?? null]))));
  const result = await tx.execute(sql`WITH added AS (
    INSERT INTO ${participants} (${columnList})
    SELECT ${columnList} FROM json_to_recordset(${records}::json) AS r(${recordDefinition})
    ON CONFLICT (event_id, email) DO NOTHING
    RETURNING 1
  ) SELECT count(*)::int AS n FROM added`);
  // node-postgres and PGlite both answer with `rows`.
  return (result as unknown as { rows: { n: number }[] }).rows[0].n;
}
