import { Link } from "react-router";

/** A link to the current list with some of its filters changed; the others are kept, empty ones dropped. */
export function listHref<F extends object>(filters: F, changes: Partial<Record<keyof F, string | number | undefined>>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...changes }))
    if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  return `?${query}`;
}

/** Previous and next links of a paged staff list; nothing when it fits on one page. */
export function Pager({
  page,
  pages,
  href,
  labels,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels: { pages: string; previous: string; next: string };
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={labels.pages}>
      <p className="actions">
        {page > 1 ? (
          <Link to={href(page - 1)} rel="prev">
            {labels.previous}
          </Link>
        ) : (
          <span />
        )}
        {page < pages ? (
          <Link to={href(page + 1)} rel="next">
            {labels.next}
          </Link>
        ) : null}
      </p>
    </nav>
  );
}
