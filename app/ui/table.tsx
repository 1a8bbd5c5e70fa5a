import type { ReactNode } from "react";
import { Form, Link, useLocation } from "react-router";
import { useT } from "../i18n.ts";
import type { TablePage, TableQuery } from "../table.ts";
import { Pager } from "./pager.tsx";

/**
 * The pieces every staff table shares (app/table.ts reads the address they write): a search box, headers
 * that sort, a region that scrolls sideways on a narrow screen (and can be scrolled from the keyboard), and
 * the count and pages under it. Plain links and a GET form: all of it works without JavaScript.
 */

/** The current address with some parameters changed (empty ones dropped); a new search or sort starts at page 1. */
function useHref(): (changes: Record<string, string | number | undefined>) => string {
  const { search, pathname } = useLocation();
  return (changes) => {
    const query = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === "") query.delete(key);
      else query.set(key, String(value));
    }
    query.delete("index");
    const text = query.toString();
    return text ? `${pathname}?${text}` : pathname;
  };
}

export function TableSearch({ query, label }: { query: TableQuery; label: string }) {
  const t = useT();
  const { search } = useLocation();
  // The rest of the view (sort, language, other filters) travels with a new search; it starts on page 1.
  const kept = [...new URLSearchParams(search)].filter(([name]) => name !== "q" && name !== "page" && name !== "index");
  return (
    <Form method="get" className="table-search" role="search">
      <label>
        {label}
        <input type="search" name="q" defaultValue={query.q} maxLength={200} />
      </label>
      {kept.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit">{t("table.apply")}</button>
      {query.q ? <Link to={`?${new URLSearchParams(kept)}`}>{t("table.clear")}</Link> : null}
    </Form>
  );
}

/** A column header that sorts the table by `sort`; a second click turns the order round. */
export function SortHeader({ sort, query, children }: { sort: string; query: TableQuery; children: ReactNode }) {
  const href = useHref();
  const t = useT();
  const active = query.sort === sort;
  const next = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link to={href({ sort, dir: next, page: undefined })} className="sort" title={t("table.sortBy")}>
        {children}
        <span aria-hidden="true" className="sort-mark">
          {active ? (query.dir === "asc" ? " ▲" : " ▼") : " ↕"}
        </span>
      </Link>
    </th>
  );
}

/** A table that scrolls sideways inside the page on a narrow screen; focusable, so the keyboard can scroll it. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable from the keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/** How many rows the search found, and the pages. */
export function TableFooter({ table }: { table: Pick<TablePage<unknown, string>, "total" | "all" | "page" | "pages"> }) {
  const t = useT();
  const href = useHref();
  return (
    <>
      <p className="muted" aria-live="polite">
        {table.total === table.all ? t("table.rows", { count: table.all }) : t("table.found", { count: table.total, all: table.all })}
        {table.pages > 1 ? ` · ${t("table.pageOf", { page: table.page, pages: table.pages })}` : null}
      </p>
      <Pager
        page={table.page}
        pages={table.pages}
        href={(page) => href({ page: page === 1 ? undefined : page })}
        labels={{ pages: t("table.pages"), previous: t("table.previous"), next: t("table.next") }}
      />
    </>
  );
}

/**
 * A sorting header for lists sorted in SQL whose order is one `sort` value, "-" meaning descending
 * (registrations: `name`, `-name`, `created`, `-created`).
 */
export function SignedSortHeader({ name, current, children }: { name: string; current: string; children: ReactNode }) {
  const href = useHref();
  const t = useT();
  const active = current === name || current === `-${name}`;
  const descending = current === `-${name}`;
  return (
    <th scope="col" aria-sort={active ? (descending ? "descending" : "ascending") : undefined}>
      <Link to={href({ sort: active && !descending ? `-${name}` : name, page: undefined })} className="sort" title={t("table.sortBy")}>
        {children}
        <span aria-hidden="true" className="sort-mark">
          {active ? (descending ? " ▼" : " ▲") : " ↕"}
        </span>
      </Link>
    </th>
  );
}
