import { attendanceOfSession } from "../../../features/hybrid/attendance.ts";
import { csvLine } from "../../../features/registration/exports/export-csv.ts";
import { toId } from "../../../features/shared/validate.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { loadStaffEvent } from "../../admin.ts";
import { guard, services, uiLanguage } from "../../server-helpers.ts";
import type { Route } from "./+types/session-attendance";

/** Who attended a session, in the room or online, each person once: CSV for staff who may read the doors. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "doors.read");
  const t = createTranslator(uiLanguage(request, context));
  const rows = await guard(() => attendanceOfSession(services(context).db, event.id, toId(params.sessionId) ?? 0));
  const header = [
    t("hybrid.csv.family"),
    t("hybrid.csv.given"),
    t("hybrid.csv.organisation"),
    t("hybrid.csv.country"),
    t("hybrid.csv.inPerson"),
    t("hybrid.csv.online"),
  ];
  const yes = t("hybrid.csv.yes");
  const lines = [header, ...rows.map((r) => [r.familyName, r.givenName, r.organisation, r.country, r.inPerson ? yes : "", r.online ? yes : ""])].map(csvLine);
  return new Response(`\uFEFF${lines.join("")}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${event.slug}-session-${params.sessionId}-attendance.csv"`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}
