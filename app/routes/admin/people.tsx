import { Link, useLoaderData, useRouteLoaderData } from "react-router";
import { listPersons } from "../../../features/programme/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { loadStaffEvent } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services } from "../../server-helpers.ts";
import type { Route } from "./+types/people";
import type { StaffEventData } from "./event-layout.tsx";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug);
  return { persons: await listPersons(services(context).db, event.id) };
}

export default function People() {
  const { persons } = useLoaderData<typeof loader>();
  const { event, may } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const t = useT();
  const lang = useUiLang();
  return (
    <>
      <title>{t("admin.nav.people")}</title>
      <h1>{t("admin.nav.people")}</h1>
      <p>
        <Link className="button" to="new">
          {t("admin.people.new")}
        </Link>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("admin.people.name")}</th>
            <th scope="col">{t("admin.people.position")}</th>
            <th scope="col">{t("admin.people.organisation")}</th>
            <th scope="col">{t("admin.people.country")}</th>
          </tr>
        </thead>
        <tbody>
          {persons.map((p) => (
            <tr key={p.id}>
              <td>{may.editProgramme ? <Link to={String(p.id)}>{text(p.name, lang, event.languages)}</Link> : text(p.name, lang, event.languages)}</td>
              <td>{text(p.position, lang, event.languages)}</td>
              <td>{text(p.organisation, lang, event.languages)}</td>
              <td>{p.country}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
