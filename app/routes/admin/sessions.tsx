import { Link, useLoaderData, useRouteLoaderData } from "react-router";
import { canEditSession } from "../../../features/access/policy.ts";
import { loadEventParts } from "../../../features/events/queries.ts";
import { loadProgramme } from "../../../features/programme/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { loadStaffEvent } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { shapeTable } from "../../table.ts";
import { SortHeader, TableFooter, TableRegion, TableSearch } from "../../ui/table.tsx";
import type { Route } from "./+types/sessions";
import type { StaffEventData } from "./event-layout.tsx";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug);
  const { db } = services(context);
  const [{ sessions }, parts] = await Promise.all([loadProgramme(db, event.id), loadEventParts(db, event.id)]);
  // Formatted here, with the server's ICU data: the browser's may space a time range differently, and the
  // hydrated page must show the same text.
  const fmt = eventFormatter(uiLanguage(request, context), event.timezone);
  const lang = uiLanguage(request, context);
  const t = createTranslator(lang);
  const rows = sessions.map((s) => ({
    id: s.id,
    kind: s.kind,
    title: s.title,
    roomId: s.roomId,
    startsAt: s.startsAt.getTime(),
    editable: canEditSession(actor, s),
    when: `${fmt.dayShort(s.startsAt)} ${fmt.range(s.startsAt, s.endsAt)}`,
  }));
  const roomName = (id: number | null) => text(parts.rooms.find((r) => r.id === id)?.name, lang, event.languages);
  const table = shapeTable(rows, request.url, lang, {
    sorts: {
      when: (s) => s.startsAt,
      title: (s) => text(s.title, lang, event.languages),
      kind: (s) => t(`session.kinds.${s.kind}`),
      room: (s) => roomName(s.roomId),
    },
    search: (s) => [...Object.values(s.title), roomName(s.roomId), t(`session.kinds.${s.kind}`)],
  });
  return { rooms: parts.rooms, table };
}

export default function Sessions() {
  const { table, rooms } = useLoaderData<typeof loader>();
  const { query } = table;
  const { event, may } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const t = useT();
  const lang = useUiLang();
  return (
    <>
      <title>{t("admin.nav.sessions")}</title>
      <h1>{t("admin.nav.sessions")}</h1>
      <p className="muted">{t("admin.sessions.timezone", { zone: event.timezone })}</p>
      {may.editProgramme ? (
        <p>
          <Link className="button" to="new">
            {t("admin.sessions.new")}
          </Link>
        </p>
      ) : null}
      <TableSearch query={query} label={t("table.search")} />
      <TableRegion label={t("admin.nav.sessions")}>
        <table>
          <thead>
            <tr>
              <SortHeader sort="when" query={query}>
                {t("admin.sessions.when")}
              </SortHeader>
              <SortHeader sort="title" query={query}>
                {t("admin.sessions.title")}
              </SortHeader>
              <SortHeader sort="kind" query={query}>
                {t("session.kind")}
              </SortHeader>
              <SortHeader sort="room" query={query}>
                {t("session.room")}
              </SortHeader>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((s) => (
              <tr key={s.id}>
                <td>{s.when}</td>
                <td>{s.editable ? <Link to={String(s.id)}>{text(s.title, lang, event.languages)}</Link> : text(s.title, lang, event.languages)}</td>
                <td>{t(`session.kinds.${s.kind}`)}</td>
                <td>{text(rooms.find((r) => r.id === s.roomId)?.name, lang, event.languages)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <TableFooter table={table} />
    </>
  );
}
