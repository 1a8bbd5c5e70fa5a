import { Link, useLoaderData } from "react-router";
import { useT } from "../i18n.ts";

interface Peer {
  id: number;
  givenName: string;
  familyName: string;
  email: string;
}

/**
 * On a registration's staff page: the registrations that may be the same person, read from the page's
 * loader data (`duplicates`, features/registration/review/duplicates.ts possibleDuplicatesOf), with a link to
 * the page where they are merged or set apart.
 */
export function DuplicateWarning({ slug }: { slug: string }) {
  const { duplicates } = useLoaderData() as { duplicates?: Peer[] };
  const t = useT();
  if (!duplicates?.length) return null;
  const base = `/admin/e/${slug}`;
  return (
    <div className="alert warning" role="status">
      <p>{t("duplicates.warning.text")}</p>
      <ul>
        {duplicates.map((p) => (
          <li key={p.id}>
            <Link to={`${base}/registrations/${p.id}`}>
              {p.givenName} {p.familyName}
            </Link>{" "}
            <span className="muted">{p.email}</span>
          </li>
        ))}
      </ul>
      <p>
        <Link to={`${base}/duplicates`}>{t("duplicates.warning.review")}</Link>
      </p>
    </div>
  );
}
