// A revision as a file: DOCX, PDF or Akoma Ntoso XML, in one of the event's languages, optionally as a
// redline against an earlier revision. The reader's rights are those of the pages (staff: drafts too;
// delegates: issued revisions; the public: adopted texts), checked by `revisionForReader`.
import type { DbOrTx } from "../../../db/index.ts";
import type { EventRow } from "../../events/queries.ts";
import { listDelegations } from "../../registration/delegations/delegations.ts";
import { AppError, NotFound } from "../../shared/errors.ts";
import type { DocumentRow } from "../documents.ts";
import { type Reader, redlineForReader, revisionForReader } from "../queries.ts";
import { type OutcomeText, outcomeText } from "./outcome-text.ts";
import { outcomeAkn } from "./render-akn.ts";

export const exportFormats = ["docx", "pdf", "xml"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const isExportFormat = (value: string | undefined): value is ExportFormat => (exportFormats as readonly string[]).includes(value ?? "");

const contentTypes: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  xml: "application/akn+xml; charset=utf-8",
};

export interface ExportRequest {
  format: ExportFormat;
  /** One of the event's languages; the document's negotiating language when absent. */
  lang?: string | null;
  /** A redline against this earlier (or any other) revision's number (DOCX and PDF). */
  compare?: number | null;
}

export interface ExportFile {
  body: Uint8Array;
  contentType: string;
  filename: string;
}

/** The language of an export: one the event is held in (404 `language.not_found` otherwise). */
export function exportLanguage(event: EventRow, document: DocumentRow, lang: string | null | undefined): string {
  if (lang === undefined || lang === null || lang === "") return document.negotiatingLanguage;
  if (!event.languages.includes(lang)) throw NotFound("language.not_found");
  return lang;
}

/** Everything an export of this revision says, as this reader may see it. */
export async function loadOutcomeText(
  db: DbOrTx,
  event: EventRow,
  document: DocumentRow,
  number: number,
  reader: Reader,
  request: Omit<ExportRequest, "format">,
): Promise<OutcomeText> {
  const lang = exportLanguage(event, document, request.lang);
  const [{ revision, paragraphs }, delegations] = await Promise.all([revisionForReader(db, document, number, reader), listDelegations(db, event.id)]);
  let compare: Parameters<typeof outcomeText>[0]["compare"];
  if (request.compare !== undefined && request.compare !== null) {
    const [before, redline] = await Promise.all([
      revisionForReader(db, document, request.compare, reader),
      redlineForReader(db, document, request.compare, number, reader),
    ]);
    compare = { from: request.compare, before: before.paragraphs, redline };
  }
  return outcomeText({ event, document, revision, paragraphs, delegations: new Map(delegations.map((d) => [d.id, d.name])), lang, compare });
}

export async function exportRevision(
  db: DbOrTx,
  event: EventRow,
  document: DocumentRow,
  number: number,
  reader: Reader,
  request: ExportRequest,
  publicUrl: string,
): Promise<ExportFile> {
  // Akoma Ntoso holds one expression of the text; a redline is a reading aid, not an expression.
  if (request.format === "xml" && request.compare !== undefined && request.compare !== null) throw new AppError(400, "negotiation.export_redline_xml");
  const text = await loadOutcomeText(db, event, document, number, reader, request);
  // DOCX and PDF load their libraries (docx, pdf-lib, fontkit) on the first export, not at every start (ADR 0025).
  const body =
    request.format === "docx"
      ? await (await import("./render-docx.ts")).outcomeDocx(text)
      : request.format === "pdf"
        ? await (await import("./render-pdf.ts")).outcomePdf(text)
        : new TextEncoder().encode(outcomeAkn(text, { eventSlug: event.slug, publicUrl }));
  return { body, contentType: contentTypes[request.format], filename: exportFilename(text, request.format) };
}

/** "TC_2030_L.1_Rev.2_EN.docx", "…_Rev.1-Rev.2_redline_RU.pdf": the symbol first, as registries file them. */
export function exportFilename(text: OutcomeText, extension: string): string {
  const rev = (n: number) => (n === 0 ? "zero-draft" : `Rev.${n}`);
  const symbol = text.symbol.replaceAll("/", "_");
  const which = text.comparison ? `${rev(text.comparison.from)}-${rev(text.revisionNumber)}_redline` : rev(text.revisionNumber);
  return `${symbol}_${which}_${text.lang.toUpperCase()}.${extension}`;
}
