import type { DbOrTx } from "../../../db/index.ts";
import { isoWithOffset } from "../../../i18n/format.ts";
import type { EventRow } from "../../events/queries.ts";
import type { ParticipantFilters } from "../review/queries.ts";
import type { FormFieldRow } from "../schema.ts";
import { type Column, type ExportValue, exportRows } from "./export-rows.ts";

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

/** Instants as ISO 8601 with the event's offset (`2022-03-03T09:30:00+05:00`), days as YYYY-MM-DD. */
const csvText = (value: ExportValue, timeZone: string) =>
  typeof value === "string" ? value : "instant" in value ? isoWithOffset(value.instant, timeZone) : value.day;

/**
 * The queue as CSV, with the queue's filters and order (export-rows.ts), streamed as it is read. UTF-8
 * with a byte-order mark, so that Excel opens Cyrillic and other scripts correctly; header labels in the
 * staff member's language.
 */
export function participantsCsv(
  db: DbOrTx,
  event: EventRow,
  filters: ParticipantFilters,
  columns: readonly Column[],
  lang: string,
  questions: readonly FormFieldRow[] = [],
): ReadableStream<Uint8Array> {
  const { header, pages } = exportRows(db, event, filters, columns, lang, questions);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
      },
      async pull(controller) {
        const next = await pages.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((row) => csvLine(row.map((cell) => csvText(cell, event.timezone)))).join("")));
      },
      async cancel() {
        await pages.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
