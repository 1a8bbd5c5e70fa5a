/**
 * The documents library as its tests need it: files in each format, made here (a DOCX and an ODT are zips
 * of XML written by hand; a PDF is printed by the library's own writer), and documents made through the
 * library's commands on an event of the test's own.
 */
import { crc32 } from "node:zlib";
import type { Db } from "../db/index.ts";
import type { Actor } from "../features/access/policy.ts";
import { createLibraryDocument } from "../features/documents/create-library-document.ts";
import { issueLibraryDocument } from "../features/documents/edit-library-document.ts";
import { setSymbolPrefix } from "../features/documents/set-symbol-prefix.ts";
import { uploadLibraryFile } from "../features/documents/upload-library-file.ts";
import type { EventRow } from "../features/events/queries.ts";
import { getEventBySlug } from "../features/events/queries.ts";
import { textPdf } from "./text-pdf.ts";
import { deflated, type ZipEntry, zip } from "./zip.ts";

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const stored = (name: string, text: string): ZipEntry => {
  const data = Buffer.from(text);
  return { name, method: 0, data, crc: crc32(data), size: data.length };
};

/** A DOCX whose body holds these paragraphs. */
export function docxOf(paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join("");
  return zip([
    deflated("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    deflated(
      "word/document.xml",
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ),
  ]);
}

/** An ODT (OpenDocument text) whose body holds these paragraphs. */
export function odtOf(paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => `<text:p>${escapeXml(p)}</text:p>`).join("");
  return zip([
    stored("mimetype", "application/vnd.oasis.opendocument.text"),
    deflated(
      "content.xml",
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>${body}</office:text></office:body></office:document-content>`,
    ),
  ]);
}

/** A PDF of these paragraphs, printed with the library's writer (fonts with ToUnicode maps). */
export function pdfOf(symbol: string, title: string, paragraphs: string[], language = "en"): Promise<Uint8Array> {
  return textPdf({ symbol, marks: [], title, blocks: paragraphs, language });
}

export const staffCtx = (db: Db, actor: Actor, now = new Date()) => ({ db, actor, now, publicUrl: "http://localhost" });

/** Gives the event a symbol prefix and returns it as it is now. */
export async function withPrefix(db: Db, event: EventRow, actor: Actor, prefix: string): Promise<EventRow> {
  await setSymbolPrefix(staffCtx(db, actor), event, { prefix });
  return getEventBySlug(db, event.slug);
}

/**
 * A document made through the commands: created (the next general number unless a symbol is given), with
 * a file per language given, and issued unless said otherwise.
 */
export async function makeLibraryDocument(
  db: Db,
  event: EventRow,
  actor: Actor,
  options: {
    symbol?: string;
    kind?: string;
    title?: Record<string, string>;
    summary?: Record<string, string>;
    access?: string;
    categoryIds?: number[];
    delegationIds?: number[];
    files?: Record<string, Uint8Array>;
    issue?: boolean;
  } = {},
) {
  const language = event.languages[0];
  let document = await createLibraryDocument(staffCtx(db, actor), event, {
    symbol: options.symbol ?? "",
    kind: options.kind ?? "information_note",
    title: options.title ?? { [language]: "Information note" },
    summary: options.summary ?? {},
    originalLanguage: language,
    access: options.access ?? "public",
    categoryIds: options.categoryIds ?? [],
    delegationIds: options.delegationIds ?? [],
  });
  for (const [lang, bytes] of Object.entries(options.files ?? {})) {
    await uploadLibraryFile(staffCtx(db, actor), event, document, { language: lang, filename: `${lang}.bin`, body: bytes });
  }
  if (options.issue !== false) document = await issueLibraryDocument(staffCtx(db, actor), event, document, { version: document.version });
  return document;
}
