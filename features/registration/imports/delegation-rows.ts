import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import { zonedToUtc } from "../../../i18n/format.ts";
import { catalogues, type InterfaceLanguage, interfaceLanguages } from "../../../i18n/index.ts";
import type { EventRow } from "../../events/queries.ts";
import { isCountryCode } from "../../shared/countries.ts";
import { AppError, isAppError, TooLarge } from "../../shared/errors.ts";
import { issueCode } from "../../shared/validate.ts";
import { delegationNames } from "../delegations/delegations.ts";
import { stateName } from "../delegations/states.ts";
import { delegationInput } from "../input.ts";
import { type DelegationKind, delegationKinds, delegations, type ImportPreview, type ImportRowError } from "../schema.ts";
import { type DelegationImportField, delegationImportFields, requiredDelegationColumns } from "./delegation-import-fields.ts";
import { maxPreviewErrors } from "./import-fields.ts";
import { countryByName, keyOf, languageNames, loadImportLookups, normalizeName } from "./import-rows.ts";
import { maxImportRows, type Sheet } from "./read-sheet.ts";

/**
 * Bulk import of delegations (States and organisations) from CSV or XLSX, read and checked as the
 * participants import is (read-sheet.ts, the same preview and row errors), by the rules of the invitation
 * form (`delegationInput`, `delegationNames`, the past-deadline confirmation). Nobody is mailed: the
 * delegations page then invites all those not invited yet, in one batch.
 */

export type NewDelegation = Pick<
  typeof delegations.$inferInsert,
  "eventId" | "kind" | "country" | "name" | "quota" | "deadline" | "defaultCategoryId" | "focalPointName" | "focalPointEmail" | "focalPointLang"
>;

const typedAliases: Record<DelegationImportField, string[]> = {
  kind: ["kind", "type", "delegation kind", "delegation type", "вид", "тип", "вид делегации", "turi"],
  country: ["country", "country code", "iso", "iso code", "state", "страна", "код страны", "государство", "mamlakat", "davlat"],
  name: ["name", "delegation", "delegation name", "название", "делегация", "nomi"],
  quota: ["quota", "places", "seats", "квота", "места", "kvota"],
  deadline: ["deadline", "nomination deadline", "nominations close", "срок", "крайний срок", "muddat"],
  defaultCategory: ["default category", "default category code", "category", "category code", "members category", "категория", "toifa"],
  focalPointName: ["focal point name", "focal point", "contact", "contact name", "контактное лицо", "координатор"],
  focalPointEmail: ["focal point email", "focal point e mail", "email", "e mail", "contact email", "эл почта", "электронная почта"],
  focalPointLang: ["focal point language", "language", "lang", "язык", "til"],
};

/** The invitation form's own labels, in every interface language, name the columns too. */
const formLabels: Partial<Record<DelegationImportField, string>> = {
  kind: "registration.admin.delegations.kind",
  country: "registration.admin.delegations.country",
  quota: "registration.admin.delegations.quotaField",
  deadline: "registration.admin.delegations.deadline",
  defaultCategory: "registration.admin.delegations.defaultCategory",
  focalPointName: "registration.admin.delegations.focalPointName",
  focalPointEmail: "registration.admin.delegations.focalPointEmail",
  focalPointLang: "registration.admin.delegations.focalPointLang",
};

let headerNamesMemo: Map<string, DelegationImportField> | undefined;
function headerNames(): Map<string, DelegationImportField> {
  if (headerNamesMemo) return headerNamesMemo;
  const names = new Map<string, DelegationImportField>();
  for (const field of delegationImportFields) {
    for (const alias of typedAliases[field]) names.set(normalizeName(alias), field);
    for (const lang of interfaceLanguages) {
      for (const key of [formLabels[field], `registration.delegationImport.fields.${field}`]) {
        const label = key ? catalogues[lang]?.[key] : undefined;
        if (label && !names.has(normalizeName(label))) names.set(normalizeName(label), field);
      }
    }
    names.set(normalizeName(field), field);
  }
  headerNamesMemo = names;
  return names;
}

/** "name_en", "Name (ru)", "название_uz-Cyrl": a name in one language. */
const namePattern = /^(?:name|название|nom|nombre|nomi)\s+([a-z]{2,3}(?:\s[a-z]{4})?)$/;

export interface DelegationColumns {
  columns: Partial<Record<Exclude<DelegationImportField, "name">, number>>;
  /** The column of the name in each of the event's languages. */
  names: Record<string, number>;
  ignored: string[];
}

/** Maps the header row; a file without the required columns (or neither names nor countries) is refused as a whole. */
export function mapDelegationColumns(header: readonly string[], languages: readonly string[]): DelegationColumns {
  const columns: DelegationColumns["columns"] = {};
  const names: Record<string, number> = {};
  const ignored: string[] = [];
  header.forEach((cell, index) => {
    if (cell.trim() === "") return;
    const normal = normalizeName(cell);
    const inLanguage = namePattern.exec(normal);
    if (inLanguage) {
      const lang = languages.find((l) => l.toLowerCase() === inLanguage[1].replace(" ", "-"));
      if (lang && names[lang] === undefined) names[lang] = index;
      else ignored.push(cell.trim());
      return;
    }
    const field = headerNames().get(normal);
    if (field === "name") {
      if (names[languages[0]] === undefined) names[languages[0]] = index;
      else ignored.push(cell.trim());
    } else if (field && columns[field] === undefined) columns[field] = index;
    else ignored.push(cell.trim());
  });
  const missing: string[] = requiredDelegationColumns.filter((field) => columns[field as Exclude<DelegationImportField, "name">] === undefined);
  if (columns.country === undefined && Object.keys(names).length === 0) missing.push("name");
  if (missing.length) throw new AppError(422, "import.missing_columns", { fields: { file: "import.missing_columns" }, details: { missing } });
  return { columns, names, ignored };
}

let kindNamesMemo: Map<string, DelegationKind> | undefined;
function kindNames(): Map<string, DelegationKind> {
  if (kindNamesMemo) return kindNamesMemo;
  const names = new Map<string, DelegationKind>([
    ["organization", "organisation"],
    ["international organisation", "organisation"],
    ["international organization", "organisation"],
    ["org", "organisation"],
  ]);
  for (const kind of delegationKinds) {
    names.set(kind, kind);
    for (const lang of interfaceLanguages) {
      const label = catalogues[lang]?.[`registration.admin.delegations.kinds.${kind}`];
      if (label) names.set(keyOf(label), kind);
    }
  }
  kindNamesMemo = names;
  return names;
}

/** A deadline as people type it: "2030-05-01 18:00", "2030-05-01T18:00", "01.05.2030 18:00"; a day alone closes at 23:59. */
export function readDeadline(value: string): string | null {
  const text = value.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(text);
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text);
  const day = iso ? iso[1] : dotted ? `${dotted[3]}-${dotted[2].padStart(2, "0")}-${dotted[1].padStart(2, "0")}` : null;
  if (!day) return null;
  const [hour, minute] = iso ? [iso[2], iso[3]] : [dotted![4], dotted![5]];
  return hour === undefined ? `${day}T23:59` : `${day}T${hour.padStart(2, "0")}:${minute}`;
}

export interface DelegationLookups {
  event: Pick<EventRow, "id" | "languages" | "timezone">;
  defaultLang: InterfaceLanguage;
  /** Category code and names (every language) → id. */
  categories: Map<string, number>;
  /** The event's delegations by each of their names, and its State delegations by country code. */
  existingNames: Set<string>;
  existingStates: Set<string>;
}

export async function loadDelegationLookups(db: DbOrTx, event: EventRow): Promise<DelegationLookups> {
  const [participantLookups, rows] = await Promise.all([
    loadImportLookups(db, event),
    db.select({ kind: delegations.kind, country: delegations.country, name: delegations.name }).from(delegations).where(eq(delegations.eventId, event.id)),
  ]);
  const existingNames = new Set<string>();
  const existingStates = new Set<string>();
  for (const d of rows) {
    for (const name of Object.values(d.name)) if (name.trim()) existingNames.add(keyOf(name));
    if (d.kind === "state" && d.country) existingStates.add(d.country);
  }
  return { event, defaultLang: participantLookups.defaultLang, categories: participantLookups.categories, existingNames, existingStates };
}

export interface CheckedDelegations {
  /** One entry per row of the sheet: the delegation, and whether the event has it already; null for a row with errors. */
  rows: ({ delegation: NewDelegation; existing: boolean } | null)[];
  invalid: number;
  errors: ImportRowError[];
  ignoredColumns: string[];
}

/**
 * Checks every row by the invitation form's rules: kind, country (a known code or name), names (a State's
 * left empty come from the States list), quota, deadline in the event's zone (one already past only when
 * `pastDeadlinesConfirmed`), members' category, focal point. A State or a name seen earlier in the file makes
 * the later row an error; one the event has already is counted as existing, and left alone.
 */
export async function checkDelegationSheet(
  sheet: Sheet,
  lookups: DelegationLookups,
  options: { now: Date; pastDeadlinesConfirmed: boolean },
): Promise<CheckedDelegations> {
  const { event } = lookups;
  const { columns, names, ignored } = mapDelegationColumns(sheet.header, event.languages);
  if (sheet.rows.length === 0) throw new AppError(422, "import.no_rows", { fields: { file: "import.no_rows" } });
  if (sheet.rows.length > maxImportRows) throw TooLarge("import.too_many_rows", { max: maxImportRows.toLocaleString("en-US") });
  const header = (index: number | undefined, fallback: string) => (index !== undefined ? sheet.header[index].trim() : fallback);
  /** The column a form field's error belongs to ("name.ru" → the name_ru column). */
  const columnOf = (field: string): string => {
    const [head, lang] = field.split(".");
    if (head === "name") return header(names[lang ?? event.languages[0]], `name_${lang ?? event.languages[0]}`);
    if (head === "defaultCategoryId") return header(columns.defaultCategory, "defaultCategory");
    if (head === "deadlinePastConfirmed") return header(columns.deadline, "deadline");
    return header(columns[head as keyof DelegationColumns["columns"]], head);
  };
  const seen = new Map<string, number>();
  const errors: ImportRowError[] = [];
  const out: CheckedDelegations["rows"] = [];
  let invalid = 0;

  for (let i = 0; i < sheet.rows.length; i++) {
    if (i > 0 && i % 2000 === 0) await yieldToEventLoop();
    const { row, cells } = sheet.rows[i];
    const cell = (field: keyof DelegationColumns["columns"]) => (columns[field] !== undefined ? (cells[columns[field]!] ?? "").trim() : "");
    const typedNames = Object.fromEntries(Object.entries(names).map(([lang, index]) => [lang, (cells[index] ?? "").trim()]));
    const countryText = cell("country");
    const upper = countryText.toUpperCase();
    const country = !countryText ? undefined : /^[A-Z]{2}$/.test(upper) ? (isCountryCode(upper) ? upper : undefined) : countryByName(countryText);
    // Whom the row's errors are about: its name as typed, else the State's, and the focal point's email.
    const email = cell("focalPointEmail");
    const shownName = event.languages.map((l) => typedNames[l]).find(Boolean) ?? (country ? stateName(country, event.languages[0]) : countryText);
    const who = shownName || email ? { ...(shownName ? { name: shownName.slice(0, 200) } : {}), ...(email ? { email: email.slice(0, 254) } : {}) } : undefined;
    const rowErrors: ImportRowError[] = [];
    const fail = (column: string, code: string, values?: Record<string, string | number>) => {
      if (!rowErrors.some((e) => e.column === column)) rowErrors.push({ row, column, code, ...(values ? { values } : {}), ...(who ? { who } : {}) });
    };
    if (countryText && !country) fail(columnOf("country"), "import.country_unknown", { value: countryText });
    const kindText = cell("kind");
    const kind = kindText ? kindNames().get(keyOf(kindText)) : countryText ? "state" : "organisation";
    if (!kind) fail(columnOf("kind"), "import.kind_unknown", { value: kindText });

    const categoryText = cell("defaultCategory");
    const defaultCategoryId = categoryText ? lookups.categories.get(keyOf(categoryText)) : undefined;
    if (categoryText && defaultCategoryId === undefined) fail(columnOf("defaultCategory"), "import.category_unknown", { value: categoryText });

    const langText = cell("focalPointLang");
    const focalPointLang = langText ? languageNames.get(keyOf(langText)) : lookups.defaultLang;
    if (!focalPointLang) fail(columnOf("focalPointLang"), "import.language_unknown", { value: langText });

    const deadlineText = cell("deadline");
    const deadlineTyped = deadlineText ? readDeadline(deadlineText) : "";
    if (deadlineText && !deadlineTyped) fail(columnOf("deadline"), "import.deadline_unreadable", { value: deadlineText });

    const parsed = delegationInput.safeParse({
      kind: kind ?? "state",
      country: country ?? "",
      name: typedNames,
      quota: cell("quota"),
      deadline: deadlineTyped ?? "",
      focalPointName: cell("focalPointName"),
      focalPointEmail: email,
      focalPointLang: focalPointLang ?? lookups.defaultLang,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join(".");
        fail(columnOf(field), /^[a-z_]+(\.[a-z_]+)*$/.test(issue.message) ? issue.message : issueCode(issue));
      }
    }

    let name: Record<string, string> | undefined;
    let deadline: Date | undefined;
    if (parsed.success) {
      try {
        name = delegationNames(event, parsed.data);
      } catch (error) {
        if (!isAppError(error)) throw error;
        for (const [field, code] of Object.entries(error.fields ?? {})) fail(columnOf(field), code);
      }
      deadline = zonedToUtc(parsed.data.deadline, event.timezone) ?? undefined;
      if (!deadline) fail(columnOf("deadline"), "datetime.invalid");
      else if (deadline <= options.now && !options.pastDeadlinesConfirmed) fail(columnOf("deadline"), "delegation.deadline_in_past");
    }

    // The same State, or the same name, twice in the file.
    const keys = [
      ...(kind === "state" && country ? [`state:${country}`] : []),
      ...Object.values(name ?? typedNames)
        .filter(Boolean)
        .map((n) => `name:${keyOf(n)}`),
    ];
    const earlier = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
    if (earlier !== undefined) fail(columnOf(kind === "state" && country ? "country" : "name"), "import.delegation_duplicate_in_file", { row: earlier });
    for (const k of keys) if (!seen.has(k)) seen.set(k, row);

    if (rowErrors.length || !parsed.success || !name || !deadline) {
      invalid++;
      for (const e of rowErrors) if (errors.length < maxPreviewErrors) errors.push(e);
      out.push(null);
      continue;
    }
    const data = parsed.data;
    const existing =
      (data.kind === "state" && !!data.country && lookups.existingStates.has(data.country)) ||
      Object.values(name).some((n) => lookups.existingNames.has(keyOf(n)));
    out.push({
      existing,
      delegation: {
        eventId: event.id,
        kind: data.kind,
        country: data.country ?? null,
        name,
        quota: data.quota,
        deadline,
        defaultCategoryId: defaultCategoryId ?? null,
        focalPointName: data.focalPointName,
        focalPointEmail: data.focalPointEmail,
        focalPointLang: data.focalPointLang,
      },
    });
  }
  return { rows: out, invalid, errors, ignoredColumns: ignored };
}

/** What an import of this sheet would do. Writes nothing. */
export async function previewDelegationSheet(
  sheet: Sheet,
  lookups: DelegationLookups,
  options: { now: Date; pastDeadlinesConfirmed: boolean },
): Promise<ImportPreview> {
  const checked = await checkDelegationSheet(sheet, lookups, options);
  const valid = checked.rows.filter((r) => r !== null);
  const existing = valid.filter((r) => r.existing).length;
  return {
    total: sheet.rows.length,
    fresh: valid.length - existing,
    existing,
    invalid: checked.invalid,
    errors: checked.errors,
    ignoredColumns: checked.ignoredColumns,
  };
}

/** Adds the delegations, not invited yet (`invited_at` null). Returns how many were added. */
export async function insertDelegations(tx: DbOrTx, rows: readonly NewDelegation[]): Promise<number> {
  if (rows.length === 0) return 0;
  const added = await tx
    .insert(delegations)
    .values(rows.map((row) => ({ ...row })))
    .returning({ id: delegations.id });
  return added.length;
}
