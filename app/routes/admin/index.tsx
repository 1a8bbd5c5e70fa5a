import { Link, useLoaderData } from "react-router";
import { listEventsForUser } from "../../../features/events/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { requireUser } from "../../admin.ts";
import { services } from "../../server-helpers.ts";
import type { Route } from "./+types/index";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(request, context);
  const events = await listEventsForUser(services(context).db, user);
  return { isAdmin: user.isAdmin, events: events.map((e) => ({ slug: e.slug, title: e.title, languages: e.languages, status: e.status, startDate: e.startDate, endDate: e.endDate })) };
}

export default function AdminIndex() {
  const { isAdmin, events } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useUiLang();
  return (
    <>
      <title>{t("admin.events.title")}</title>
      <h1>{t("admin.events.title")}</h1>
      {isAdmin ? <p><Link className="button" to="/admin/events/new">{t("admin.events.create")}</Link></p> : null}
      {events.length === 0 ? <p>{t("admin.events.none")}</p> : (
        <table>
          <thead><tr><th scope="col">{t("admin.events.name")}</th><th scope="col">{t("admin.events.dates")}</th><th scope="col">{t("admin.events.status")}</th></tr></thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.slug}>
                <td><Link to={`/admin/e/${e.slug}`}>{text(e.title, lang, e.languages)}</Link></td>
                <td>{e.startDate} – {e.endDate}</td>
                <td>{t(`admin.status.${e.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
