import { and, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { createTranslator } from "../../i18n/index.ts";
import { isoWithOffset } from "../../i18n/format.ts";
import type { EventRow } from "../events/queries.ts";
import { text, type Localized } from "../shared/localized.ts";
import { participantConditions, participantOrder, sortKeys, type ParticipantFilters } from "./queries.ts";
import { customColumn, defaultExportColumns, exportColumns, type CustomColumn, type ExportColumn } from "./export-columns.ts";
import { answerFileIds, answerText } from "./form-field-view.ts";
import { attachmentNames } from "./private-files.ts";
import { categories, delegations, participants, type FormFieldRow } from "./schema.ts";

/** Rows read from the database at a time: an export of 100,000 people never holds more than this. */
export const exportPageSize = 1000;

/** What an export may show: never the ID document or the date of birth (those need `personal_data.read` and an audit row). */
const exportSelection = {
  id: participants.id, status: participants.status, honorific: participants.honorific,
  givenName: participants.givenName, familyName: participants.familyName,
  givenNameLocal: participants.givenNameLocal, familyNameLocal: participants.familyNameLocal,
  email: participants.email, organisation: participants.organisation, position: participants.position, country: participants.country,
  lang: participants.lang, createdAt: participants.createdAt, categoryId: participants.categoryId, delegationId: participants.delegationId,
  custom: participants.custom,
};

/**
 * `columns=name,email` or `columns=name&columns=email`: known names in the asked order (answers to the
 * event's questions as `custom.<key>`); none known gives the default set.
 */
export function parseColumns(values: readonly string[], customKeys: readonly string[] = []): (ExportColumn | CustomColumn)[] {
  const asked = values.flatMap((v) => v.split(",")).map((v) => v.trim());
  const custom = new Set(customKeys.map(customColumn));
  const known = [...new Set(asked.filter((c): c is ExportColumn | CustomColumn => (exportColumns as readonly string[]).includes(c) || custom.has(c as CustomColumn)))];
  return known.length ? known : [...defaultExportColumns];
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. A cell a
 * spreadsheet would read as a formula (= + - @, or a leading tab or carriage return) gets a leading `'`.
 */
export function csvCell(value: string | null | undefined): string {
  let cell = value ?? "";
  if (/^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

export const csvLine = (cells: (string | null | undefined)[]) => `${cells.map(csvCell).join(",")}\r\n`;

/**
 * The queue as CSV, with the queue's filters and order, read in pages of `exportPageSize` by keyset (the
 * sort's columns, ending with the id) and streamed as it is read. UTF-8 with a byte-order mark, so that
 * Excel opens Cyrillic and other scripts correctly; header labels in the staff member's language.
 */
export function participantsCsv(
  db: DbOrTx, event: EventRow, filters: ParticipantFilters, columns: readonly (ExportColumn | CustomColumn)[], lang: string, questions: readonly FormFieldRow[] = [],
): ReadableStream<Uint8Array> {
  const t = createTranslator(lang);
  const asked = new Map(questions.map((q) => [customColumn(q.key), q]));
  const askedFiles = questions.filter((q) => q.type === "file" && columns.includes(customColumn(q.key)));
  const words = { yes: t("registration.admin.yes"), no: t("registration.admin.no") };
  const encoder = new TextEncoder();
  const conditions = participantConditions(event.id, filters);
  const { columns: keyColumns, descending } = sortKeys[filters.sort ?? "-created"];
  // The selected field that holds each sort column, to start the next page after the last row sent.
  const keyFields = keyColumns.map((column) => (Object.keys(exportSelection) as (keyof typeof exportSelection)[]).find((k) => exportSelection[k] === column)!);
  let after: unknown[] | null = null;
  let done = false;
  // An event has a few categories and delegations: read once, so that each page reads one table by one index.
  let names: { categories: Map<number, Localized>; delegations: Map<number, Localized> } | undefined;
  const loadNames = async () => ({
    categories: new Map((await db.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.eventId, event.id))).map((c) => [c.id, c.name])),
    delegations: new Map((await db.select({ id: delegations.id, name: delegations.name }).from(delegations).where(eq(delegations.eventId, event.id))).map((d) => [d.id, d.name])),
  });

  const readPage = () => {
    const where: SQL[] = [...conditions];
    if (after) {
      // A row comparison in the sort's own direction: the page starts right after the last row sent.
      const keys = sql.join(keyColumns.map((c) => sql`${c}`), sql`, `);
      const values = sql.join(after.map((v) => sql`${v}`), sql`, `);
      where.push(descending ? sql`(${keys}) < (${values})` : sql`(${keys}) > (${values})`);
    }
    return db.select(exportSelection).from(participants).where(and(...where)).orderBy(...participantOrder(filters.sort)).limit(exportPageSize);
  };

  type Row = Awaited<ReturnType<typeof readPage>>[number];
  /** Names of the files answered on one page of rows: one query per page, only when a file question is exported. */
  const fileNamesOf = (rows: Row[]) => attachmentNames(db, event.id, rows.flatMap((row) => answerFileIds(askedFiles, row.custom)));

  const cellOf = (row: Row, column: ExportColumn | CustomColumn, fileNames: ReadonlyMap<number, string>): string | null => {
    const question = asked.get(column as CustomColumn);
    if (question) return answerText(question, row.custom[question.key], lang, event.languages, { ...words, fileNames });
    switch (column) {
      case "name": return [row.honorific, row.givenName, row.familyName].filter(Boolean).join(" ");
      case "given": return row.givenName;
      case "family": return row.familyName;
      case "localNames": return [row.givenNameLocal, row.familyNameLocal].filter(Boolean).join(" ");
      case "email": return row.email;
      case "organisation": return row.organisation;
      case "position": return row.position;
      case "country": return row.country;
      case "category": return text(names!.categories.get(row.categoryId), lang, event.languages);
      case "delegation": return row.delegationId ? text(names!.delegations.get(row.delegationId), lang, event.languages) : "";
      case "status": return t(`registration.statuses.${row.status}`);
      case "lang": return row.lang;
      case "created": return isoWithOffset(row.createdAt, event.timezone);
      default: return "";
    }
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const header = (c: ExportColumn | CustomColumn) => {
        const question = asked.get(c as CustomColumn);
        return question ? text(question.label, lang, event.languages) : t(`registration.admin.export.columns.${c}`);
      };
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(columns.map(header))}`));
    },
    async pull(controller) {
      if (done) return;
      names ??= await loadNames();
      const rows = await readPage();
      if (rows.length) {
        const fileNames = await fileNamesOf(rows);
        controller.enqueue(encoder.encode(rows.map((row) => csvLine(columns.map((c) => cellOf(row, c, fileNames)))).join("")));
        const last = rows[rows.length - 1];
        after = keyFields.map((k) => last[k]);
      }
      if (rows.length < exportPageSize) {
        done = true;
        controller.close();
      }
    },
  }, { highWaterMark: 0 });
}
