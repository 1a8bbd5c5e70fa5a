import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { DbOrTx } from "../../../db/index.ts";
import { isoWithOffset } from "../../../i18n/format.ts";
import { createTranslator } from "../../../i18n/index.ts";
import type { EventRow } from "../../events/queries.ts";
import type { ParticipantFilters } from "../review/queries.ts";
import type { FormFieldRow } from "../schema.ts";
import { type Column, type ExportValue, exportRows } from "./export-rows.ts";

/** Column widths in characters: what the usual value needs; a longer header widens its column. */
const widths: Record<string, number> = {
  name: 30,
  given: 18,
  family: 20,
  localNames: 28,
  email: 34,
  organisation: 36,
  position: 28,
  country: 9,
  category: 24,
  delegation: 30,
  status: 16,
  lang: 10,
  created: 18,
};
const customWidth = 30;

/** Excel's limit on a cell's text. */
const maxCellText = 32_767;

/** Bytes of the file the reader may not have taken yet before the database is read further. */
const bufferedBytes = 256 * 1024;
/** Bytes of sheet XML waiting to be compressed before the database is read further. */
const pendingXmlBytes = 1024 * 1024;

interface StreamState {
  length?: number;
}
interface SheetStream {
  buffers?: { length: number }[];
  pipes?: { _writableState?: StreamState; _readableState?: StreamState }[];
}

/**
 * Sheet XML that exceljs has written but the zip has not yet taken. exceljs hands the XML on without
 * waiting (its StreamBuf ignores backpressure) to a stream the zip reads once it reaches the sheet's entry:
 * without waiting for it, the XML of most of a large export would pile up uncompressed. This reads internals
 * of exceljs 4.4 (pinned): the sheet's StreamBuf buffers and what its pipe (archiver's PassThrough) holds.
 * If they change, it reads 0 and the export still works; export-xlsx.test.ts checks that it does not.
 */
export function pendingXml(sheet: ExcelJS.Worksheet): number {
  const stream = (sheet as unknown as { stream?: SheetStream }).stream;
  const buffered = (stream?.buffers ?? []).reduce((sum, buffer) => sum + (buffer.length || 0), 0);
  return buffered + (stream?.pipes ?? []).reduce((sum, pipe) => sum + (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0), 0);
}

/** A sheet's name may not hold : \ / ? * [ ] and has at most 31 characters. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, " ").slice(0, 31) || "Sheet1";

/**
 * A spreadsheet has no time zones: an instant is written as the date and time it was in the event's
 * zone (as the staff pages show it), a day as that day. Empty text leaves the cell empty.
 */
function cellValue(value: ExportValue, timeZone: string): string | Date | null {
  if (typeof value === "string") return value === "" ? null : value.slice(0, maxCellText);
  if ("instant" in value) return new Date(`${isoWithOffset(value.instant, timeZone).slice(0, 19)}Z`);
  return new Date(`${value.day}T00:00:00Z`);
}

/**
 * The queue as an XLSX workbook with the same columns, filters and order as the CSV (export-rows.ts),
 * written by exceljs's streaming writer: each page of rows is committed to the zip as it is read, so
 * 100,000 rows are never held at once, and the database is read further only while the zip and the
 * reader keep up (at most ~1 MB of XML and 256 KB of the file wait; measured at 100,000 rows: ~5 s on PGlite).
 * One sheet, named in the staff member's language; the header row bold and frozen, with a filter.
 *
 * Text is always written as a string cell, never as a formula: a name such as `=HYPERLINK(…)` stays the
 * text it is (exceljs writes a formula only for a `{ formula }` value, which nothing here makes).
 */
export function participantsXlsx(
  db: DbOrTx,
  event: EventRow,
  filters: ParticipantFilters,
  columns: readonly Column[],
  lang: string,
  questions: readonly FormFieldRow[] = [],
): ReadableStream<Uint8Array> {
  const t = createTranslator(lang);
  const { header, pages } = exportRows(db, event, filters, columns, lang, questions);
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Plenary";
  const sheet = workbook.addWorksheet(sheetName(t("registration.admin.export.sheet")), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.columns = columns.map((c, i) => ({ width: Math.min(60, Math.max(widths[c] ?? customWidth, header[i].length + 2)) }));
  const dateFormats = columns.map((c) => (c === "created" ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd"));

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  let wake: (() => void) | undefined;
  const readerWants = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });

  async function write() {
    const head = sheet.addRow(header);
    head.font = { bold: true };
    head.commit();
    for await (const rows of pages) {
      for (const values of rows) {
        const row = sheet.addRow(values.map((v) => cellValue(v, event.timezone)));
        values.forEach((v, i) => {
          if (typeof v !== "string") row.getCell(i + 1).numFmt = dateFormats[i];
        });
        row.commit();
      }
      // Let the zip compress this page (its work runs between turns of the event loop, which reading the
      // database with PGlite, on this thread, may not give), then wait while the reader has a full buffer.
      await new Promise((resolve) => setImmediate(resolve));
      while (!cancelled && pendingXml(sheet) > pendingXmlBytes) await new Promise((resolve) => setTimeout(resolve, 1));
      while (!cancelled && (controller.desiredSize ?? 0) <= 0) await readerWants();
      if (cancelled) return;
    }
    sheet.commit();
    await workbook.commit();
  }

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        out.on("data", (chunk: Buffer) => {
          if (!cancelled) controller.enqueue(new Uint8Array(chunk));
        });
        out.on("end", () => {
          if (!cancelled) controller.close();
        });
        out.on("error", (error) => {
          if (!cancelled) controller.error(error);
        });
        write().catch((error) => out.destroy(error));
      },
      pull() {
        wake?.();
        wake = undefined;
      },
      cancel() {
        // write() sees it at its next page and stops; leaving its loop closes the database reading.
        cancelled = true;
        wake?.();
        out.destroy();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: bufferedBytes }),
  );
}
