// The rows of an export of the review queue, whatever the file format (export-csv.ts, export-xlsx.ts).
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import { createTranslator } from "../../../i18n/index.ts";
import type { EventRow } from "../../events/queries.ts";
import { type Localized, text } from "../../shared/localized.ts";
import { attachmentNames } from "../forms/custom-answers.ts";
import { answerFileIds, answerOf, answerText } from "../forms/form-field-view.ts";
import { listFormFields } from "../forms/form-fields.ts";
import { type ParticipantFilters, participantConditions, participantOrder, readParticipantFilters, sortKeys } from "../review/queries.ts";
import { categories, delegations, type FormFieldRow, participants } from "../schema.ts";
import { type CustomColumn, customColumn, defaultExportColumns, type ExportColumn, exportColumns } from "./export-columns.ts";

/** Rows read from the database at a time: an export of 100,000 people never holds more than this. */
export const exportPageSize = 1000;

export type Column = ExportColumn | CustomColumn;

/**
 * One cell: text, an instant (when the person registered: each format shows it in the event's time zone)
 * or a calendar day (an answer to a date question, YYYY-MM-DD).
 */
export type ExportValue = string | { instant: Date } | { day: string };

/** What an export may show: never the ID document or the date of birth (those need `personal_data.read` and an audit row). */
const exportSelection = {
  id: participants.id,
  status: participants.status,
  honorific: participants.honorific,
  givenName: participants.givenName,
  familyName: participants.familyName,
  givenNameLocal: participants.givenNameLocal,
  familyNameLocal: participants.familyNameLocal,
  email: participants.email,
  organisation: participants.organisation,
  position: participants.position,
  country: participants.country,
  lang: participants.lang,
  createdAt: participants.createdAt,
  categoryId: participants.categoryId,
  delegationId: participants.delegationId,
  custom: participants.custom,
};

/**
 * `columns=name,email` or `columns=name&columns=email`: known names in the asked order (answers to the
 * event's questions as `custom.<key>`); none known gives the default set.
 */
export function parseColumns(values: readonly string[], customKeys: readonly string[] = []): Column[] {
  const asked = values.flatMap((v) => v.split(",")).map((v) => v.trim());
  const custom = new Set(customKeys.map(customColumn));
  const known = [...new Set(asked.filter((c): c is Column => (exportColumns as readonly string[]).includes(c) || custom.has(c as CustomColumn)))];
  return known.length ? known : [...defaultExportColumns];
}

/**
 * What an export's query string asks for: the queue's filters and order (`status`, `category`,
 * `delegation`, `country`, `organisation`, `from`, `to`, `q`, `sort`) and the chosen `columns`.
 */
export async function readExportRequest(db: DbOrTx, eventId: number, search: URLSearchParams) {
  const { page: _page, ...filters } = readParticipantFilters(search);
  // The event's own questions may be asked for as `custom.<key>` columns, headed by their label.
  const questions = await listFormFields(db, eventId);
  return {
    filters,
    questions,
    columns: parseColumns(
      search.getAll("columns"),
      questions.map((q) => q.key),
    ),
  };
}

/** `tashkent-2022-registrations-2022-02-01.xlsx` */
export const exportFilename = (slug: string, extension: "csv" | "xlsx") => `${slug}-registrations-${new Date().toISOString().slice(0, 10)}.${extension}`;

export interface ExportSource {
  /** The header row, in the staff member's language (a question is headed by its label). */
  header: string[];
  /** The rows, a page at a time, in the list's order. */
  pages: AsyncGenerator<ExportValue[][]>;
}

/**
 * The queue with its filters and order, read in pages of `exportPageSize` by keyset (the sort's columns,
 * ending with the id), so that no page costs more than the first and nothing is held but the page.
 */
export function exportRows(
  db: DbOrTx,
  event: EventRow,
  filters: ParticipantFilters,
  columns: readonly Column[],
  lang: string,
  questions: readonly FormFieldRow[] = [],
): ExportSource {
  const t = createTranslator(lang);
  const asked = new Map(questions.map((q) => [customColumn(q.key), q]));
  const askedFiles = questions.filter((q) => q.type === "file" && columns.includes(customColumn(q.key)));
  const words = { yes: t("registration.admin.yes"), no: t("registration.admin.no") };
  const conditions = participantConditions(event, filters);
  const { columns: keyColumns, descending } = sortKeys[filters.sort ?? "-created"];
  // The selected field that holds each sort column, to start the next page after the last row sent.
  const keyFields = keyColumns.map((column) => (Object.keys(exportSelection) as (keyof typeof exportSelection)[]).find((k) => exportSelection[k] === column)!);

  const readPage = (after: unknown[] | null) => {
    const where: SQL[] = [...conditions];
    if (after) {
      // A row comparison in the sort's own direction: the page starts right after the last row sent.
      const keys = sql.join(
        keyColumns.map((c) => sql`${c}`),
        sql`, `,
      );
      const values = sql.join(
        after.map((v) => sql`${v}`),
        sql`, `,
      );
      where.push(descending ? sql`(${keys}) < (${values})` : sql`(${keys}) > (${values})`);
    }
    return db
      .select(exportSelection)
      .from(participants)
      .where(and(...where))
      .orderBy(...participantOrder(filters.sort))
      .limit(exportPageSize);
  };
  type Row = Awaited<ReturnType<typeof readPage>>[number];

  const cellOf = (row: Row, column: Column, names: Names, fileNames: ReadonlyMap<number, string>): ExportValue => {
    const question = asked.get(column as CustomColumn);
    if (question) {
      const answer = answerOf(row.custom, question.key);
      if (question.type === "date" && typeof answer === "string" && /^\d{4}-\d{2}-\d{2}$/.test(answer)) return { day: answer };
      return answerText(question, answer, lang, event.languages, { ...words, fileNames });
    }
    switch (column) {
      case "name":
        return [row.honorific, row.givenName, row.familyName].filter(Boolean).join(" ");
      case "given":
        return row.givenName;
      case "family":
        return row.familyName;
      case "localNames":
        return [row.givenNameLocal, row.familyNameLocal].filter(Boolean).join(" ");
      case "email":
        return row.email;
      case "organisation":
        return row.organisation ?? "";
      case "position":
        return row.position ?? "";
      case "country":
        return row.country ?? "";
      case "category":
        return text(names.categories.get(row.categoryId), lang, event.languages);
      case "delegation":
        return row.delegationId ? text(names.delegations.get(row.delegationId), lang, event.languages) : "";
      case "status":
        return t(`registration.statuses.${row.status}`);
      case "lang":
        return row.lang;
      case "created":
        return { instant: row.createdAt };
      default:
        return "";
    }
  };

  async function* pages(): AsyncGenerator<ExportValue[][]> {
    const names = await loadNames(db, event.id);
    let after: unknown[] | null = null;
    for (;;) {
      const rows = await readPage(after);
      if (rows.length) {
        // Names of the files answered on this page: one query per page, only when a file question is exported.
        const fileNames = await attachmentNames(
          db,
          event.id,
          rows.flatMap((row) => answerFileIds(askedFiles, row.custom)),
        );
        yield rows.map((row) => columns.map((c) => cellOf(row, c, names, fileNames)));
        const last = rows[rows.length - 1];
        after = keyFields.map((k) => last[k]);
      }
      if (rows.length < exportPageSize) return;
    }
  }

  const header = columns.map((c) => {
    const question = asked.get(c as CustomColumn);
    return question ? text(question.label, lang, event.languages) : t(`registration.admin.export.columns.${c}`);
  });
  return { header, pages: pages() };
}

interface Names {
  categories: Map<number, Localized>;
  delegations: Map<number, Localized>;
}

/** An event has a few categories and delegations: read once, so that each page reads one table by one index. */
async function loadNames(db: DbOrTx, eventId: number): Promise<Names> {
  return {
    categories: new Map(
      (await db.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.eventId, eventId))).map((c) => [c.id, c.name]),
    ),
    delegations: new Map(
      (await db.select({ id: delegations.id, name: delegations.name }).from(delegations).where(eq(delegations.eventId, eventId))).map((d) => [d.id, d.name]),
    ),
  };
}
