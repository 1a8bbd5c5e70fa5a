import { CsvError, parse as parseCsv } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { checkArchive } from "../../files/archive.ts";
import { fileRules, maxSizeText } from "../../files/kinds.ts";
import { Invalid, TooLarge, UnsupportedMedia } from "../../shared/errors.ts";

/** Reads an uploaded file (CSV or XLSX: participants, delegations) into a header row and text cells. */

/** The store's limit for imports (features/files/kinds.ts); the route's body limit (server/app.ts) follows it. */
export const maxImportBytes = fileRules.import.maxBytes;
export const maxImportRows = 200_000;

export interface SheetRow {
  /** The row as a spreadsheet numbers it (the header is usually row 1). */
  row: number;
  cells: string[];
}
export interface Sheet {
  header: string[];
  rows: SheetRow[];
}

// ---------------------------------------------------------------------------------------------------
// Reading the file: the bytes decide what it is, never the name.

const startsWith = (bytes: Uint8Array, ...signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** CSV (UTF-8, with or without BOM; comma, semicolon or tab) or the first sheet of an XLSX workbook. */
export async function readSheet(bytes: Uint8Array): Promise<Sheet> {
  if (bytes.length === 0) throw Invalid("import.empty", { file: "import.empty" });
  if (bytes.length > maxImportBytes) throw TooLarge("upload.too_large", { max: maxSizeText("import") });
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return readXlsx(bytes);
  // The old binary Excel format (and other OLE2 documents).
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) throw UnsupportedMedia("import.xls");
  // Text has no NUL bytes; images, PDFs and other binaries do (or start with a known signature).
  const head = bytes.subarray(0, 65_536);
  if (head.includes(0) || startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) || startsWith(bytes, 0xff, 0xd8, 0xff) || startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) {
    throw UnsupportedMedia("import.type");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw Invalid("import.encoding", { file: "import.encoding" });
  }
  // PostgreSQL cannot store NUL in text: a file with one further in is not a text file either.
  if (text.includes("\u0000")) throw UnsupportedMedia("import.type");
  return readCsv(text);
}

/** The separator the header line uses most (outside quotes): Excel in Russian locales saves with `;`. */
function detectDelimiter(text: string): string {
  const counts = new Map([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const char of text.slice(0, 10_000)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ",";
  for (const [char, n] of counts) if (n > counts.get(best)!) best = char;
  return best;
}

function readCsv(text: string): Sheet {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, "")),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError)
      throw Invalid("import.malformed", { file: "import.malformed" }, { line: (error as CsvError & { lines?: number }).lines ?? 0 });
    throw error;
  }
  const nonEmpty = records.filter((r) => r.record.some((cell) => cell.trim() !== ""));
  if (nonEmpty.length === 0) throw Invalid("import.empty", { file: "import.empty" });
  const [header, ...rows] = nonEmpty;
  return { header: header.record, rows: rows.map((r) => ({ row: r.info.lines, cells: r.record })) };
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  // Before anything unpacks it: a workbook of 1.5 MB can unpack to gigabytes (a zip bomb).
  await checkArchive(bytes, fileRules.import.archive!);
  // exceljs is loaded by the first workbook, not at every start (ADR 0025).
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw UnsupportedMedia("import.type");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw UnsupportedMedia("import.type");
  const lines: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= "";
    if (cells.some((c) => c.trim() !== "")) lines.push({ row: row.number, cells });
  });
  if (lines.length === 0) throw Invalid("import.empty", { file: "import.empty" });
  const [header, ...rows] = lines;
  return { header: header.cells, rows };
}

/** What a cell shows: emails typed into Excel become hyperlinks, names may be rich text, totals formulas. */
function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.replaceAll("\u0000", "");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  // Excel keeps wall-clock time (read as UTC): a date alone, or a date and its time (a deadline).
  if (value instanceof Date)
    return value.getUTCHours() || value.getUTCMinutes() ? value.toISOString().slice(0, 16).replace("T", " ") : value.toISOString().slice(0, 10);
  if ("richText" in value)
    return value.richText
      .map((part) => part.text)
      .join("")
      .replaceAll("\u0000", "");
  if ("hyperlink" in value) return cellText(value.text as ExcelJS.CellValue);
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result as ExcelJS.CellValue);
  return "";
}

// ---------------------------------------------------------------------------------------------------
// The header row: column names in English, Russian or Uzbek, as people type them and as our export writes them.
