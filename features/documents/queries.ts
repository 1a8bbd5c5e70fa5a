// Reading the library, always through the event (an id of another event is a 404) and through the reader's
// access (features/documents/access.ts): the lists, one document by id or symbol, its files and versions.
import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import type { EventRow } from "../events/queries.ts";
import { storedFiles } from "../files/schema.ts";
import { categories, delegations } from "../registration/schema.ts";
import { AppError, NotFound } from "../shared/errors.ts";
import { toId } from "../shared/validate.ts";
import { type LibraryReader, readDecision, readsEverything } from "./access.ts";
import { libraryDocuments, libraryFiles } from "./schema.ts";
import { normaliseQuery, searchLibrary } from "./search.ts";
import { maxSymbolLength } from "./symbols.ts";

export type LibraryDocumentRow = typeof libraryDocuments.$inferSelect;

/** One file of a document in one language and version, without its bytes. */
export interface LibraryFile {
  id: number;
  language: string;
  version: number;
  fileId: number;
  contentType: string;
  size: number;
  filename: string;
  sha256: string;
  uploadedAt: Date;
}

export const documentNotFound = () => NotFound("library.document_not_found");

export async function loadLibraryDocument(db: DbOrTx, eventId: number, documentId: unknown): Promise<LibraryDocumentRow> {
  const id = toId(documentId);
  if (id === null) throw documentNotFound();
  const [row] = await db
    .select()
    .from(libraryDocuments)
    .where(and(eq(libraryDocuments.id, id), eq(libraryDocuments.eventId, eventId)));
  if (!row) throw documentNotFound();
  return row;
}

export async function libraryDocumentBySymbol(db: DbOrTx, eventId: number, symbol: string): Promise<LibraryDocumentRow | undefined> {
  if (symbol.length === 0 || symbol.length > maxSymbolLength) return undefined;
  const [row] = await db
    .select()
    .from(libraryDocuments)
    .where(and(eq(libraryDocuments.eventId, eventId), eq(libraryDocuments.symbol, symbol)));
  return row;
}

const fileColumns = {
  id: libraryFiles.id,
  documentId: libraryFiles.documentId,
  language: libraryFiles.language,
  version: libraryFiles.version,
  fileId: libraryFiles.fileId,
  contentType: storedFiles.contentType,
  size: storedFiles.size,
  filename: storedFiles.filename,
  sha256: storedFiles.sha256,
  uploadedAt: libraryFiles.uploadedAt,
};

/** Every file version of the documents given, newest first within each language. */
export async function filesOf(db: DbOrTx, eventId: number, documentIds: readonly number[]): Promise<(LibraryFile & { documentId: number })[]> {
  if (documentIds.length === 0) return [];
  return db
    .select(fileColumns)
    .from(libraryFiles)
    .innerJoin(storedFiles, and(eq(storedFiles.id, libraryFiles.fileId), eq(storedFiles.eventId, libraryFiles.eventId)))
    .where(and(eq(libraryFiles.eventId, eventId), inArray(libraryFiles.documentId, [...new Set(documentIds)])))
    .orderBy(asc(libraryFiles.language), desc(libraryFiles.version));
}

/** The current file (highest version) of each language, in the order of the event's languages. */
export function currentOf<T extends Pick<LibraryFile, "language" | "version">>(files: readonly T[], languages: readonly string[]): T[] {
  const latest = new Map<string, T>();
  for (const f of files) if ((latest.get(f.language)?.version ?? 0) < f.version) latest.set(f.language, f);
  const order = (language: string) => (languages.includes(language) ? languages.indexOf(language) : languages.length);
  return [...latest.values()].sort((a, b) => order(a.language) - order(b.language) || a.language.localeCompare(b.language));
}

export interface ListedDocument extends LibraryDocumentRow {
  files: LibraryFile[];
  /** With a search: the languages it was found in. */
  foundIn?: string[];
}

/**
 * The documents a reader may see, each with its current files: ordered by kind, then symbol; with a search,
 * the matches only, best first. Staff who read the library see drafts and withdrawn documents too.
 */
export async function listLibrary(db: DbOrTx, event: EventRow, reader: LibraryReader, options: { q?: string | null } = {}): Promise<ListedDocument[]> {
  const q = normaliseQuery(options.q);
  const hits = q ? await searchLibrary(db, event.id, event.languages, q) : null;
  if (hits && hits.length === 0) return [];
  const rows = await db
    .select()
    .from(libraryDocuments)
    .where(
      and(
        eq(libraryDocuments.eventId, event.id),
        hits
          ? inArray(
              libraryDocuments.id,
              hits.map((h) => h.documentId),
            )
          : undefined,
      ),
    )
    .orderBy(asc(libraryDocuments.symbol));
  const visible = rows.filter((row) => readDecision(reader, row) === "allowed");
  const files = await filesOf(
    db,
    event.id,
    visible.map((d) => d.id),
  );
  const listed = visible.map((d) => ({
    ...d,
    files: currentOf(
      files.filter((f) => f.documentId === d.id),
      event.languages,
    ),
  }));
  if (!hits) return listed;
  const rank = new Map(hits.map((h, i) => [h.documentId, { i, languages: h.languages }]));
  return listed.map((d) => ({ ...d, foundIn: rank.get(d.id)!.languages })).sort((a, b) => rank.get(a.id)!.i - rank.get(b.id)!.i);
}

/** A document by its symbol as the reader may see it: a 404 when they may not, a 410 when it was withdrawn. */
export async function documentForReader(db: DbOrTx, event: EventRow, symbol: string, reader: LibraryReader): Promise<ListedDocument> {
  const row = await libraryDocumentBySymbol(db, event.id, symbol);
  if (!row) throw documentNotFound();
  return withFiles(db, event, row, reader);
}

/** A document already loaded (by id), checked against the reader like `documentForReader`. */
export async function withFiles(db: DbOrTx, event: EventRow, row: LibraryDocumentRow, reader: LibraryReader): Promise<ListedDocument> {
  const decision = readDecision(reader, row);
  if (decision === "not_found") throw documentNotFound();
  if (decision === "withdrawn") throw new AppError(410, "library.withdrawn", { values: { symbol: row.symbol } });
  return { ...row, files: currentOf(await filesOf(db, event.id, [row.id]), event.languages) };
}

/**
 * The file a reader downloads: the current one in `language`, or (staff who read everything) an earlier
 * `version`. A 404 for a language without a file.
 */
export async function fileForReader(
  db: DbOrTx,
  event: EventRow,
  document: LibraryDocumentRow,
  language: string,
  reader: LibraryReader,
  version?: number,
): Promise<LibraryFile> {
  await withFiles(db, event, document, reader);
  const files = (await filesOf(db, event.id, [document.id])).filter((f) => f.language === language);
  // Earlier versions are for staff; anyone else asking for one gets only the current file, if that is the one asked for.
  const file =
    version === undefined
      ? files[0]
      : readsEverything(reader)
        ? files.find((f) => f.version === version)
        : files[0]?.version === version
          ? files[0]
          : undefined;
  if (!file) throw NotFound("library.file_not_found");
  return file;
}

/** Every version of every language's file, for staff and the API (newest first within a language). */
export async function fileVersions(db: DbOrTx, event: EventRow, document: LibraryDocumentRow): Promise<LibraryFile[]> {
  return filesOf(db, event.id, [document.id]);
}

/** Symbols of the event's documents in a series under a prefix, and of the children of a document: for the next number. */
export async function takenNumbers(db: DbOrTx, eventId: number) {
  return db
    .select({
      prefix: libraryDocuments.prefix,
      series: libraryDocuments.series,
      number: libraryDocuments.number,
      parentId: libraryDocuments.parentId,
      suffix: libraryDocuments.suffix,
      suffixNumber: libraryDocuments.suffixNumber,
    })
    .from(libraryDocuments)
    .where(eq(libraryDocuments.eventId, eventId));
}

/** The document a revision, corrigendum or addendum extends, and those extending it, as far as the reader may see them. */
export async function relatedForReader(db: DbOrTx, event: EventRow, document: LibraryDocumentRow, reader: LibraryReader) {
  const rows = await db
    .select()
    .from(libraryDocuments)
    .where(
      and(
        eq(libraryDocuments.eventId, event.id),
        or(eq(libraryDocuments.parentId, document.id), document.parentId ? eq(libraryDocuments.id, document.parentId) : undefined),
      ),
    )
    .orderBy(asc(libraryDocuments.symbol));
  const visible = rows.filter((r) => readDecision(reader, r) === "allowed").map((r) => ({ id: r.id, symbol: r.symbol, title: r.title, suffix: r.suffix }));
  return { parent: visible.find((r) => r.id === document.parentId) ?? null, children: visible.filter((r) => r.id !== document.parentId) };
}

/** Splits a documents path (`TC/2022/1/en`) into a symbol and, when its last segment is one of the event's languages, that language. */
export function splitDocumentPath(path: string, languages: readonly string[]): { symbol: string; language: string | null } {
  const cut = path.lastIndexOf("/");
  const last = cut >= 0 ? path.slice(cut + 1) : "";
  return cut > 0 && languages.includes(last) ? { symbol: path.slice(0, cut), language: last } : { symbol: path, language: null };
}

/** The event's categories and delegations, by name, for the access forms. */
export async function accessChoices(db: DbOrTx, eventId: number) {
  const [categoryRows, delegationRows] = await Promise.all([
    db.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.eventId, eventId)).orderBy(asc(categories.id)),
    db.select({ id: delegations.id, name: delegations.name }).from(delegations).where(eq(delegations.eventId, eventId)).orderBy(asc(delegations.id)),
  ]);
  return { categories: categoryRows, delegations: delegationRows };
}
