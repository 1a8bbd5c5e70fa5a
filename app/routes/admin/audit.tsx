import { useLoaderData, useRouteLoaderData } from "react-router";
import { listAuditEntries } from "../../../features/access/queries.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { loadStaffEvent } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services } from "../../server-helpers.ts";
import { Stamp } from "../../ui/stamp.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/audit";
import type { StaffEventData } from "./event-layout.tsx";

const pageSize = 100;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "audit.read");
  const page = Math.min(10_000, Math.max(0, Math.trunc(Number(new URL(request.url).searchParams.get("page"))) || 0));
  const { entries, more } = await listAuditEntries(services(context).db, event.id, page, pageSize);
  return { entries, page, more };
}

/** "field: old → new", one line a field. */
function changes(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  if (typeof b !== "object" || typeof a !== "object") return [];
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].map((k) => `${k}: ${short(b[k])} → ${short(a[k])}`);
}
const short = (v: unknown) => (v === undefined ? "∅" : JSON.stringify(v)).slice(0, 160);

export default function Audit() {
  const { entries, page, more } = useLoaderData<typeof loader>();
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const t = useT();
  const fmt = eventFormatter(useUiLang(), event.timezone);
  return (
    <>
      <title>{t("admin.nav.audit")}</title>
      <h1>{t("admin.nav.audit")}</h1>
      <TableRegion label={t("admin.nav.audit")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.audit.when")}</th>
              <th scope="col">{t("admin.audit.who")}</th>
              <th scope="col">{t("admin.audit.what")}</th>
              <th scope="col">{t("admin.audit.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <Stamp at={e.at}>{fmt.dateTime(new Date(e.at))}</Stamp>
                </td>
                <td>{e.actor ?? "—"}</td>
                <td>
                  {t(`admin.audit.actions.${e.action}`)} · {e.entity} #{e.entityId}
                </td>
                <td>
                  <ul className="changes">
                    {changes(e.before, e.after).map((line) => (
                      <li key={line}>
                        <code>{line}</code>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p>
        {page > 0 ? <a href={`?page=${page - 1}`}>← {t("admin.audit.newer")}</a> : null}{" "}
        {more ? <a href={`?page=${page + 1}`}>{t("admin.audit.older")} →</a> : null}
      </p>
    </>
  );
}
