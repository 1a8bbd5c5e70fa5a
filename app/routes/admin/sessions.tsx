import { Link, useLoaderData, useRouteLoaderData } from "react-router";
import { canEditSession } from "../../../features/access/policy.ts";
import { loadEventParts } from "../../../features/events/queries.ts";
import { loadProgramme } from "../../../features/programme/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { loadStaffEvent } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import type { Route } from "./+types/sessions";
import type { StaffEventData } from "./event-layout.tsx";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug);
  const { db } = services(context);
  const [{ sessions }, parts] = await Promise.all([loadProgramme(db, event.id), loadEventParts(db, event.id)]);
  // Formatted here, with the server's ICU data: the browser's may space a time range differently, and the
  // hydrated page must show the same text.
  const fmt = eventFormatter(uiLanguage(request, context), event.timezone);
  return {
    rooms: parts.rooms,
    sessions: sessions.map((s) => ({
      id: s.id,
      kind: s.kind,
      title: s.title,
      roomId: s.roomId,
      editable: canEditSession(actor, s),
      when: `${fmt.dayShort(s.startsAt)} ${fmt.range(s.startsAt, s.endsAt)}`,
    })),
  };
}

export default function Sessions() {
  const { sessions, rooms } = useLoaderData<typeof loader>();
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
      <table>
        <thead>
          <tr>
            <th scope="col">{t("admin.sessions.when")}</th>
            <th scope="col">{t("admin.sessions.title")}</th>
            <th scope="col">{t("session.kind")}</th>
            <th scope="col">{t("session.room")}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>{s.when}</td>
              <td>{s.editable ? <Link to={String(s.id)}>{text(s.title, lang, event.languages)}</Link> : text(s.title, lang, event.languages)}</td>
              <td>{t(`session.kinds.${s.kind}`)}</td>
              <td>{text(rooms.find((r) => r.id === s.roomId)?.name, lang, event.languages)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
