// Document symbols, pure: the event's prefix (`TC/2022`), a series and number after it (`1`, `L.1`, `INF.1`),
// and suffixes for revisions, corrigenda and addenda (`/Rev.1`, `/Corr.1`, `/Add.1`). In public addresses a
// symbol's slashes are path segments; no segment of a symbol can look like a language code (each starts with
// a capital letter or a digit), so `/documents/TC/2022/1/en` is always the English file of `TC/2022/1`.
import type { DocumentSeries, SymbolSuffix } from "./vocabulary.ts";

export const maxSymbolLength = 60;
export const maxPrefixLength = 40;

/** A prefix segment: a capital letter or digit first, then letters, digits, dots and dashes (`ECE`, `TRANS`, `WP.29`, `2022`). */
const prefixSegment = /^[A-Z0-9][A-Za-z0-9.-]{0,19}$/;

/** The prefix as typed, normalised (spaces around slashes dropped), or null when it cannot be one. */
export function normalisePrefix(input: string): string | null {
  const prefix = input
    .trim()
    .split("/")
    .map((s) => s.trim())
    .join("/");
  if (prefix.length === 0 || prefix.length > maxPrefixLength) return null;
  const segments = prefix.split("/");
  if (segments.length > 6 || !segments.every((s) => prefixSegment.test(s))) return null;
  // A prefix ending like a suffix (`TC/Rev.1`) would be read as a revision of `TC`.
  if (suffixPart.test(segments.at(-1)!)) return null;
  return prefix;
}

const seriesMarks: Record<DocumentSeries, string> = { general: "", limited: "L.", information: "INF." };
const seriesPart = /^(?:(L|INF)\.)?([1-9]\d{0,5})$/;
const suffixPart = /^(Rev|Corr|Add)\.([1-9]\d{0,3})$/;

/** The symbol of a document in a series: `TC/2022/1`, `TC/2022/L.1`, `TC/2022/INF.1`. */
export function seriesSymbol(prefix: string, series: DocumentSeries, number: number): string {
  return `${prefix}/${seriesMarks[series]}${number}`;
}

/** The symbol of a revision, corrigendum or addendum of `parent`: `TC/2022/1/Rev.1`. */
export function suffixSymbol(parent: string, suffix: SymbolSuffix, number: number): string {
  return `${parent}/${suffix}.${number}`;
}

export type ParsedSymbol =
  | { kind: "series"; prefix: string; series: DocumentSeries; number: number }
  | { kind: "suffix"; parent: string; suffix: SymbolSuffix; number: number };

/**
 * What a typed symbol says: a document of a series under `prefix`, or a revision, corrigendum or addendum of
 * another document (`parent`, which the caller looks up). Null when it is neither (bad shape, another prefix).
 */
export function parseSymbol(input: string, prefix: string | null): ParsedSymbol | null {
  const symbol = input
    .trim()
    .split("/")
    .map((s) => s.trim())
    .join("/");
  if (symbol.length === 0 || symbol.length > maxSymbolLength) return null;
  const segments = symbol.split("/");
  const last = segments.at(-1)!;
  const suffix = suffixPart.exec(last);
  if (suffix) {
    if (segments.length < 2) return null;
    return { kind: "suffix", parent: segments.slice(0, -1).join("/"), suffix: suffix[1] as SymbolSuffix, number: Number(suffix[2]) };
  }
  if (!prefix || !symbol.startsWith(`${prefix}/`) || segments.length !== prefix.split("/").length + 1) return null;
  const series = seriesPart.exec(last);
  if (!series) return null;
  return { kind: "series", prefix, series: series[1] === "L" ? "limited" : series[1] === "INF" ? "information" : "general", number: Number(series[2]) };
}

/** The next free number after those taken (the highest plus one; gaps left by a deleted draft are not refilled). */
export function nextNumber(taken: readonly number[]): number {
  return taken.reduce((max, n) => Math.max(max, n), 0) + 1;
}

/** A symbol as a path (`TC/2022/L.1` → `TC/2022/L.1`), each segment percent-encoded. */
export const symbolPath = (symbol: string) => symbol.split("/").map(encodeURIComponent).join("/");
