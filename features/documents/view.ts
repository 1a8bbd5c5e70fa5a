// What the library's pages show of a document, as plain data (loaders send it to the browser as JSON).
import type { ListedDocument } from "./queries.ts";
import { type DocumentKind, documentKinds } from "./vocabulary.ts";

export interface LibraryEntryView {
  id: number;
  symbol: string;
  kind: DocumentKind;
  title: Record<string, string>;
  summary: Record<string, string>;
  originalLanguage: string;
  issuedOn: string | null;
  state: ListedDocument["state"];
  access: ListedDocument["access"];
  files: { language: string; contentType: string; size: number; version: number }[];
  foundIn: string[] | null;
}

export function entryView(d: ListedDocument): LibraryEntryView {
  return {
    id: d.id,
    symbol: d.symbol,
    kind: d.kind,
    title: d.title,
    summary: d.summary,
    originalLanguage: d.originalLanguage,
    issuedOn: d.issuedOn,
    state: d.state,
    access: d.access,
    files: d.files.map((f) => ({ language: f.language, contentType: f.contentType, size: f.size, version: f.version })),
    foundIn: d.foundIn ?? null,
  };
}

/** The entries by kind, in the order of `documentKinds`; kinds without entries left out. */
export function byKind<T extends { kind: DocumentKind }>(entries: readonly T[]): { kind: DocumentKind; entries: T[] }[] {
  return documentKinds.map((kind) => ({ kind, entries: entries.filter((e) => e.kind === kind) })).filter((g) => g.entries.length > 0);
}

/** Adopted outcome texts that match a search, by symbol or title in any language (the library's own search covers files). */
export function matchesOutcome(q: string, document: { symbol: string; title: Record<string, string> }): boolean {
  const needle = q.toLocaleLowerCase();
  return [document.symbol, ...Object.values(document.title)].some((text) => text.toLocaleLowerCase().includes(needle));
}
