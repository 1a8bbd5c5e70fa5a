import { translitKey } from "../features/registration/review/transliterate.ts";

/**
 * One way for every staff table to search, sort and page, read from the address (so it works without
 * JavaScript, survives a reload and can be shared): `?q=…&sort=name&dir=desc&page=2`. A value the table
 * does not know falls back to its default: a hand-edited address never answers 500. Lists that can hold
 * hundreds of thousands of rows (registrations, mail) page in SQL; the others are read whole and shaped here.
 */
export interface TableQuery<S extends string = string> {
  q: string;
  sort: S;
  dir: "asc" | "desc";
  page: number;
}

export interface TableSpec<T, S extends string> {
  /** The sortable columns, by their key in the address; the first is the default. */
  sorts: { [K in S]: (row: T) => string | number | null | undefined };
  /** The texts a search looks in (names in every language, codes, emails). */
  search: (row: T) => ReadonlyArray<string | null | undefined>;
  /** The default direction of each sort (ascending unless said). */
  descending?: readonly S[];
  pageSize?: number;
}

export interface TablePage<T, S extends string> {
  rows: T[];
  total: number;
  /** Rows before the search. */
  all: number;
  page: number;
  pages: number;
  query: TableQuery<S>;
}

export function readTableQuery<S extends string>(url: URL | string, sorts: readonly S[], descending: readonly S[] = []): TableQuery<S> {
  const params = (typeof url === "string" ? new URL(url) : url).searchParams;
  const asked = params.get("sort");
  const sort = (sorts as readonly string[]).includes(asked ?? "") ? (asked as S) : sorts[0];
  const dirParam = params.get("dir");
  const dir = dirParam === "asc" || dirParam === "desc" ? dirParam : descending.includes(sort) ? "desc" : "asc";
  const page = /^\d{1,6}$/.test(params.get("page") ?? "") ? Math.max(1, Number(params.get("page"))) : 1;
  return { q: (params.get("q") ?? "").slice(0, 200).trim(), sort, dir, page };
}

/** Folds case, accents and script, so "sergei" finds "Сергей" and "cote" finds "Côte". */
export function searchKey(value: string): string {
  return translitKey(value.normalize("NFD").replace(/\p{M}/gu, ""));
}

/** Searches, sorts (in the reader's language) and pages rows read whole. */
export function shapeTable<T, S extends string>(rows: readonly T[], url: URL | string, lang: string, spec: TableSpec<T, S>): TablePage<T, S> {
  const keys = Object.keys(spec.sorts) as S[];
  const query = readTableQuery(url, keys, spec.descending);
  const needle = query.q ? searchKey(query.q) : "";
  const found = needle ? rows.filter((row) => spec.search(row).some((v) => v && searchKey(v).includes(needle))) : [...rows];
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  const key = spec.sorts[query.sort];
  const sign = query.dir === "desc" ? -1 : 1;
  found.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    // Empty values last, whichever the direction.
    if (x == null || x === "") return y == null || y === "" ? 0 : 1;
    if (y == null || y === "") return -1;
    return sign * (typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y)));
  });
  const size = spec.pageSize ?? 50;
  const pages = Math.max(1, Math.ceil(found.length / size));
  const page = Math.min(query.page, pages);
  return { rows: found.slice((page - 1) * size, page * size), total: found.length, all: rows.length, page, pages, query: { ...query, page } };
}
