import { Link, useLoaderData, useRouteLoaderData } from "react-router";
import { loadEventParts } from "../../../features/events/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { loadStaffEvent } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services } from "../../server-helpers.ts";
import type { Route } from "./+types/pages";
import type { StaffEventData } from "./event-layout.tsx";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug);
  return { pages: (await loadEventParts(services(context).db, event.id)).pages };
}

export default function Pages() {
  const { pages } = useLoaderData<typeof loader>();
  const { event, may } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const t = useT();
  const lang = useUiLang();
  return (
    <>
      <title>{t("admin.nav.pages")}</title>
      <h1>{t("admin.nav.pages")}</h1>
      {may.editPages ? (
        <p>
          <Link className="button" to="new">
            {t("admin.pages.new")}
          </Link>
        </p>
      ) : null}
      <ul>
        {pages.map((p) => (
          <li key={p.id}>
            {may.editPages ? <Link to={p.slug}>{text(p.title, lang, event.languages)}</Link> : text(p.title, lang, event.languages)}{" "}
            <span className="muted">/pages/{p.slug}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
