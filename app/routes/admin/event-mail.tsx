import { Form, Link, useLoaderData, useRouteLoaderData } from "react-router";
import { type EventMailFilters, eventMailCounts, eventMailFilters, eventMailKinds, listEventMail } from "../../../features/mail/queries.ts";
import { outboxStatuses } from "../../../features/mail/vocabulary.ts";
import { loadStaffEvent } from "../../admin.ts";
import { useT } from "../../i18n.ts";
import { services } from "../../server-helpers.ts";
import { listHref, Pager } from "../../ui/pager.tsx";
import { MailStatus, MailStatusHeadings, mailKindLabel } from "../../ui/participant-mail.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/event-mail";
import type { StaffEventData } from "./event-layout.tsx";

/** Addresses and subjects of people's mail: never kept by a browser or a proxy. */
export const headers = () => ({ "cache-control": "private, no-store" });

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  const filters = eventMailFilters.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, counts, kinds] = await Promise.all([
    listEventMail(db, event.id, filters),
    eventMailCounts(db, event.id, filters.kind),
    eventMailKinds(db, event.id),
  ]);
  return { filters, list, counts, kinds };
}

export default function EventMail() {
  const { filters, list, counts, kinds } = useLoaderData<typeof loader>();
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const t = useT();
  const tr = (key: string, values?: Record<string, string | number>) => t(`mailing.delivery.${key}`, values);
  const total = counts.pending + counts.sent + counts.failed;
  const href = (changes: Partial<Record<keyof EventMailFilters, string | number | undefined>>) => listHref(filters, changes);
  return (
    <>
      <title>{tr("title")}</title>
      <h1>{tr("title")}</h1>
      <p className="muted">{tr("intro", { zone: event.timezone })}</p>
      <nav aria-label={tr("byStatus")} className="admin-nav">
        <ul>
          <li>
            <Link to={href({ status: undefined, page: undefined })} aria-current={!filters.status ? "page" : undefined}>
              {tr("tab", { label: tr("all"), count: total })}
            </Link>
          </li>
          {outboxStatuses.map((s) => (
            <li key={s}>
              <Link to={href({ status: s, page: undefined })} aria-current={filters.status === s ? "page" : undefined}>
                {tr("tab", { label: tr(`statuses.${s}`), count: counts[s] })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="filters" aria-label={tr("filters")}>
        {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
        <label>
          {tr("kind")}
          <select name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">{tr("anyKind")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {mailKindLabel(t, k)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{tr("apply")}</button>
      </Form>

      <p role="status">
        {tr("total", { count: list.total })} · {tr("page", { page: list.page, pages: list.pages })}
      </p>
      {list.rows.length === 0 ? (
        <p>{tr("none")}</p>
      ) : (
        <TableRegion label={tr("title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{tr("to")}</th>
                <th scope="col">{tr("subject")}</th>
                <th scope="col">{tr("kind")}</th>
                <MailStatusHeadings />
              </tr>
            </thead>
            <tbody>
              {list.rows.map((m) => (
                <tr key={m.id}>
                  <td>{m.participantId ? <Link to={`/admin/e/${event.slug}/registrations/${m.participantId}`}>{m.to}</Link> : m.to}</td>
                  <td>{m.subject}</td>
                  <td>{mailKindLabel(t, m.kind)}</td>
                  <MailStatus message={m} timezone={event.timezone} />
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}

      <Pager page={list.page} pages={list.pages} href={(page) => href({ page })} labels={{ pages: tr("pages"), previous: tr("previous"), next: tr("next") }} />
    </>
  );
}
