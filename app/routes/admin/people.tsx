import { Link, useLoaderData, useRouteLoaderData } from "react-router";
import { listPersons } from "../../../features/programme/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { loadStaffEvent } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { shapeTable } from "../../table.ts";
import { SortHeader, TableFooter, TableRegion, TableSearch } from "../../ui/table.tsx";
import type { Route } from "./+types/people";
import type { StaffEventData } from "./event-layout.tsx";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug);
  const lang = uiLanguage(request, context);
  const name = (value: Parameters<typeof text>[0]) => text(value, lang, event.languages);
  const table = shapeTable(await listPersons(services(context).db, event.id), request.url, lang, {
    sorts: { name: (p) => name(p.name), position: (p) => name(p.position), organisation: (p) => name(p.organisation), country: (p) => p.country },
    search: (p) => [...Object.values(p.name ?? {}), ...Object.values(p.organisation ?? {}), ...Object.values(p.position ?? {}), p.country],
  });
  return { table };
}

export default function People() {
  const { table } = useLoaderData<typeof loader>();
  const { query } = table;
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
      <TableSearch query={query} label={t("table.search")} />
      <TableRegion label={t("admin.nav.people")}>
        <table>
          <thead>
            <tr>
              <SortHeader sort="name" query={query}>
                {t("admin.people.name")}
              </SortHeader>
              <SortHeader sort="position" query={query}>
                {t("admin.people.position")}
              </SortHeader>
              <SortHeader sort="organisation" query={query}>
                {t("admin.people.organisation")}
              </SortHeader>
              <SortHeader sort="country" query={query}>
                {t("admin.people.country")}
              </SortHeader>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((p) => (
              <tr key={p.id}>
                <td>{may.editProgramme ? <Link to={String(p.id)}>{text(p.name, lang, event.languages)}</Link> : text(p.name, lang, event.languages)}</td>
                <td>{text(p.position, lang, event.languages)}</td>
                <td>{text(p.organisation, lang, event.languages)}</td>
                <td>{p.country}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <TableFooter table={table} />
    </>
  );
}
