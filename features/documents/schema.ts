import { sql } from "drizzle-orm";
import { type AnyPgColumn, customType, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../access/schema.ts";
import { events } from "../events/schema.ts";
import { storedFiles } from "../files/schema.ts";
import type { Localized } from "../shared/localized.ts";
import type { AccessLevel, DocumentKind, DocumentSeries, LibraryState, SymbolSuffix } from "./vocabulary.ts";

export * from "./vocabulary.ts";

/** PostgreSQL's text-search vector; written and read only in SQL (features/documents/search.ts). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * An official document of the event (concept note, programme, information note, statement, outcome
 * document…), known by its symbol in one of the event's series (`TC/2022/1`, `TC/2022/L.1`, `TC/2022/INF.1`);
 * a revision, corrigendum or addendum is a document of its own whose symbol extends its parent's
 * (`TC/2022/1/Rev.1`). The symbol never changes once given: public addresses are built from it.
 */
export const libraryDocuments = pgTable(
  "library_documents",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    symbol: text("symbol").notNull(),
    /** The event's prefix when the symbol was given (`TC/2022`); the next number is counted within it. */
    prefix: text("prefix").notNull(),
    series: text("series").$type<DocumentSeries>().notNull(),
    number: integer("number").notNull(),
    /** The document this one revises, corrects or adds to. */
    parentId: integer("parent_id").references((): AnyPgColumn => libraryDocuments.id, { onDelete: "no action" }),
    suffix: text("suffix").$type<SymbolSuffix>(),
    suffixNumber: integer("suffix_number"),
    kind: text("kind").$type<DocumentKind>().notNull(),
    title: jsonb("title").$type<Localized>().notNull(),
    /** A short summary per language: shown in lists and searched with the title and the files' text. */
    summary: jsonb("summary").$type<Localized>().notNull().default({}),
    /** The language the document was written in ("Original: ENGLISH"). */
    originalLanguage: text("original_language").notNull(),
    /** The date of issue printed on the document (a day, no time). */
    issuedOn: date("issued_on"),
    state: text("state").$type<LibraryState>().notNull().default("draft"),
    access: text("access").$type<AccessLevel>().notNull().default("public"),
    accessCategoryIds: integer("access_category_ids").array().notNull().default(sql`'{}'::integer[]`),
    accessDelegationIds: integer("access_delegation_ids").array().notNull().default(sql`'{}'::integer[]`),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("library_documents_event_symbol_key").on(t.eventId, t.symbol), index("library_documents_parent_idx").on(t.parentId)],
);

/**
 * A document's file in one language, in versions: uploading another keeps the earlier ones (1, 2, …); the
 * highest is current. `text` is what was read from the file for search (capped; null when nothing could be).
 */
export const libraryFiles = pgTable(
  "library_files",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    documentId: integer("document_id")
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: "cascade" }),
    language: text("language").notNull(),
    version: integer("version").notNull(),
    fileId: integer("file_id")
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    text: text("text"),
    uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("library_files_document_language_version_key").on(t.documentId, t.language, t.version)],
);

/**
 * What the search finds a document by, one row per language: its title, summary, symbol and current file's
 * text in that language, stemmed with that language's configuration (`config`; 'simple' where PostgreSQL
 * has none). Rebuilt by every change to the document or its files (search.ts `reindexDocument`).
 */
export const librarySearch = pgTable(
  "library_search",
  {
    documentId: integer("document_id")
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: "cascade" }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    language: text("language").notNull(),
    config: text("config").notNull(),
    tsv: tsvector("tsv").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.language] }),
    index("library_search_event_idx").on(t.eventId),
    index("library_search_tsv_idx").using("gin", t.tsv),
  ],
);
