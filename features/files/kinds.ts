import { zipDocumentType } from "./zip.ts";

/**
 * What may be uploaded, in one place: each kind of file, its largest size, the types it may be (read from
 * the bytes, never from the name or the browser's word) and who may see it. Error messages take their
 * numbers from this table, so a message can never state another limit than the one enforced.
 */

export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const odtType = "application/vnd.oasis.opendocument.text";
export const fileTypes = ["image/png", "image/jpeg", "image/webp", "application/pdf", "text/csv", xlsxType, docxType, odtType] as const;
export type FileType = (typeof fileTypes)[number];

export const fileKinds = ["logo", "photo", "letter", "attachment", "import", "badges", "document"] as const;
export type FileKind = (typeof fileKinds)[number];

export const fileVisibilities = ["public", "private"] as const;
export type FileVisibility = (typeof fileVisibilities)[number];

export interface FileRule {
  maxBytes: number;
  types: readonly FileType[];
  /** Public files are served to anyone (logos of published events); private ones only through routes that check access. */
  visibility: FileVisibility;
  /** The message (`error.<code>`) for bytes of another type. */
  typeError: string;
  /** For zips (an XLSX workbook is one): what it may unpack to, checked before anything unpacks it (archive.ts). */
  archive?: ArchiveRule;
}

export interface ArchiveRule {
  maxEntries: number;
  /** All entries together, as declared and as actually inflated. */
  maxUnpackedBytes: number;
  /** An entry larger than `ratioFloorBytes` may unpack to at most this many times its packed size. */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MB = 1024 * 1024;

export const fileRules: Record<FileKind, FileRule> = {
  // SVG is refused: it can carry scripts.
  logo: { maxBytes: 1 * MB, types: ["image/png", "image/jpeg", "image/webp"], visibility: "public", typeError: "upload.type" },
  // Badge printers take JPEG and PNG; WebP is not among them.
  photo: { maxBytes: 2 * MB, types: ["image/jpeg", "image/png"], visibility: "private", typeError: "upload.photo" },
  // Printed badges (features/badges): parts of a print run, made by the server, never uploaded.
  badges: { maxBytes: 200 * MB, types: ["application/pdf"], visibility: "private", typeError: "upload.pdf" },
  // The official documents of the library (features/documents): a DOCX or ODT is a zip, checked before its text is read.
  document: {
    maxBytes: 20 * MB,
    types: ["application/pdf", docxType, odtType],
    visibility: "private",
    typeError: "upload.document_type",
    archive: { maxEntries: 2000, maxUnpackedBytes: 200 * MB, maxRatio: 100, ratioFloorBytes: 1 * MB },
  },
  letter: { maxBytes: 5 * MB, types: ["application/pdf"], visibility: "private", typeError: "upload.pdf" },
  attachment: { maxBytes: 5 * MB, types: ["application/pdf", "image/jpeg", "image/png"], visibility: "private", typeError: "custom_field.file_type" },
  // 100,000 rows of CSV take 8–10 MB. As XLSX they take 5 MB that unpack to 43 MB (about 9:1; exceljs then
  // holds some 370 MB), so 200,000 rows (import-read.ts maxImportRows) fit in 100 MB unpacked.
  import: {
    maxBytes: 20 * MB,
    types: [xlsxType, "text/csv"],
    visibility: "private",
    typeError: "import.type",
    archive: { maxEntries: 1000, maxUnpackedBytes: 100 * MB, maxRatio: 100, ratioFloorBytes: 1 * MB },
  },
};

/** A size as messages state it: "1 MB", "256 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The `{max}` of a kind's "too large" message. */
export const maxSizeText = (kind: FileKind) => formatBytes(fileRules[kind].maxBytes);

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

/**
 * The type the bytes say they are, or null. A few magic numbers rather than a dependency, since these are
 * all we accept. JPEG and PDF are checked at both ends, so a truncated upload is refused as well.
 */
export function sniffType(bytes: Uint8Array): FileType | null {
  if (bytes.length >= 24 && startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && startsWith(bytes, [0x49, 0x48, 0x44, 0x52], 12))
    return "image/png";
  if (bytes.length >= 4 && startsWith(bytes, [0xff, 0xd8, 0xff]) && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9) return "image/jpeg";
  if (bytes.length >= 16 && startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  if (isPdf(bytes)) return "application/pdf";
  // A zip is a word-processing document when its directory says so (zip.ts), else taken for an XLSX workbook,
  // whose inside is checked by the import (features/files/archive.ts, import-read.ts).
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipDocumentType(bytes) ?? xlsxType;
  if (isText(bytes)) return "text/csv";
  return null;
}

/** A PDF starts with `%PDF-` and ends (give or take whitespace) with `%%EOF`. */
function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 5)).toString("latin1");
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString("latin1");
  return head === "%PDF-" && tail.includes("%%EOF");
}

/** Text has no NUL bytes and no signature of a binary format we know (checked above). */
function isText(bytes: Uint8Array): boolean {
  return bytes.length > 0 && !bytes.subarray(0, 65_536).includes(0) && !startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]);
}

export type FileCheck = { ok: true; contentType: FileType } | { ok: false; code: string; values?: Record<string, string> };

/** The one check of an upload's bytes against its kind: size, then type. Writes nothing. */
export function checkFile(kind: FileKind, bytes: Uint8Array): FileCheck {
  const rule = fileRules[kind];
  if (bytes.length === 0) return { ok: false, code: "upload.empty" };
  if (bytes.length > rule.maxBytes) return { ok: false, code: "upload.too_large", values: { max: maxSizeText(kind) } };
  const contentType = sniffType(bytes);
  if (!contentType || !rule.types.includes(contentType)) return { ok: false, code: rule.typeError };
  return { ok: true, contentType };
}

/** A name safe to show and to put in a header: letters, digits, dots, spaces, dashes and underscores. */
export const safeFilename = (name: string) => name.replace(/[^\p{L}\p{M}\p{N}._ -]/gu, "_").slice(0, 120);
