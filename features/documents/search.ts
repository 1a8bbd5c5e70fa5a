// Full-text search of the library in every content language, on PostgreSQL's text search (the same on
// PGlite, which carries the same Snowball configurations): one vector per document and language, stemmed
// with that language's configuration; 'simple' (no stemming) for languages PostgreSQL has none for. A query
// is matched against each language with that language's own stemming, so "conferences" finds "conference"
// in English and "конференции" finds "конференция" in Russian. Chinese and Japanese have no spaces between
// words: each ideograph is indexed as a word and a query's run of them becomes a phrase.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { libraryDocuments, libraryFiles, librarySearch } from "./schema.ts";

/**
 * Snowball configurations PostgreSQL 13 and later ship (PGlite too), by language. Estonian arrived in 16 and
 * is left out so both databases index alike.
 */
const configurations: Record<string, string> = {
  ar: "arabic",
  ca: "catalan",
  da: "danish",
  de: "german",
  el: "greek",
  en: "english",
  es: "spanish",
  eu: "basque",
  fi: "finnish",
  fr: "french",
  ga: "irish",
  hi: "hindi",
  hu: "hungarian",
  hy: "armenian",
  id: "indonesian",
  it: "italian",
  lt: "lithuanian",
  nb: "norwegian",
  ne: "nepali",
  nl: "dutch",
  no: "norwegian",
  pt: "portuguese",
  ro: "romanian",
  ru: "russian",
  sr: "serbian",
  sv: "swedish",
  ta: "tamil",
  tr: "turkish",
  yi: "yiddish",
};

/** The text-search configuration for a content language (`uz-Cyrl` → its base `uz`): a Snowball one, or 'simple'. */
export function searchConfiguration(language: string): string {
  return configurations[language.split("-")[0].toLowerCase()] ?? "simple";
}

/** Han ideographs, kana: scripts written without spaces between words. */
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const unspacedRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** Text as it is indexed: each ideograph a word of its own. */
export function indexableText(text: string): string {
  return unspaced.test(text) ? text.replace(unspacedRun, (run) => ` ${[...run].join(" ")} `) : text;
}

/** A query as `websearch_to_tsquery` reads it: a run of ideographs becomes a phrase of single ideographs. */
export function searchableQuery(query: string): string {
  return unspaced.test(query) ? query.replace(unspacedRun, (run) => ` "${[...run].join(" ")}" `) : query;
}

/** A search as typed: trimmed, at most 200 characters; empty means no search. */
export function normaliseQuery(value: string | null | undefined): string {
  return (value ?? "").replace(/\s+/g, " ").trim().slice(0, 200);
}

/**
 * Rebuilds what the search finds a document by, one row per language that has a title, a summary or a
 * file: the title and symbol weigh most, then the summary, then the current file's text. Runs inside the
 * transaction of the change.
 */
export async function reindexDocument(tx: DbOrTx, documentId: number): Promise<void> {
  const [document] = await tx.select().from(libraryDocuments).where(eq(libraryDocuments.id, documentId));
  if (!document) return;
  const files = await tx
    .select({ language: libraryFiles.language, version: libraryFiles.version, text: libraryFiles.text })
    .from(libraryFiles)
    .where(eq(libraryFiles.documentId, documentId));
  const current = new Map<string, { version: number; text: string | null }>();
  for (const f of files) if ((current.get(f.language)?.version ?? 0) < f.version) current.set(f.language, f);
  const languages = new Set([...Object.keys(document.title), ...Object.keys(document.summary), ...current.keys()]);
  await tx.delete(librarySearch).where(eq(librarySearch.documentId, documentId));
  for (const language of languages) {
    const config = searchConfiguration(language);
    const title = indexableText(document.title[language] ?? "");
    const summary = indexableText(document.summary[language] ?? "");
    const body = indexableText(current.get(language)?.text ?? "");
    await tx.insert(librarySearch).values({
      documentId,
      eventId: document.eventId,
      language,
      config,
      tsv: sql`setweight(to_tsvector(${config}::regconfig, ${title}), 'A') || setweight(to_tsvector('simple', ${document.symbol}), 'A') || setweight(to_tsvector(${config}::regconfig, ${summary}), 'B') || setweight(to_tsvector(${config}::regconfig, ${body}), 'C')`,
    });
  }
}

export interface SearchHit {
  documentId: number;
  rank: number;
  /** The languages the query was found in. */
  languages: string[];
}

/**
 * The documents of the event whose vectors match the query in any language, best first. Each row is matched
 * with its own language's configuration, written out per configuration so the GIN index serves each branch.
 */
export async function searchLibrary(db: DbOrTx, eventId: number, languages: readonly string[], query: string): Promise<SearchHit[]> {
  const q = searchableQuery(normaliseQuery(query));
  if (!q.trim()) return [];
  const configs = [...new Set([...languages.map(searchConfiguration), "simple"])];
  const matches = sql.join(
    configs.map((config) => sql`(${librarySearch.config} = ${config} AND ${librarySearch.tsv} @@ websearch_to_tsquery(${config}::regconfig, ${q}))`),
    sql` OR `,
  );
  const rows = await db
    .select({
      documentId: librarySearch.documentId,
      language: librarySearch.language,
      rank: sql<number>`ts_rank(${librarySearch.tsv}, websearch_to_tsquery(${librarySearch.config}::regconfig, ${q}))`.mapWith(Number),
    })
    .from(librarySearch)
    .where(and(eq(librarySearch.eventId, eventId), sql`(${matches})`));
  const hits = new Map<number, SearchHit>();
  for (const row of rows) {
    const hit = hits.get(row.documentId) ?? { documentId: row.documentId, rank: 0, languages: [] };
    hit.rank = Math.max(hit.rank, row.rank);
    hit.languages.push(row.language);
    hits.set(row.documentId, hit);
  }
  return [...hits.values()].sort((a, b) => b.rank - a.rank || a.documentId - b.documentId);
}
