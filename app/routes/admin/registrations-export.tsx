import { participantsCsv } from "../../../features/registration/exports/export-csv.ts";
import { exportFilename, readExportRequest } from "../../../features/registration/exports/export-rows.ts";
import { loadStaffEvent } from "../../admin.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import type { Route } from "./+types/registrations-export";

/**
 * The review queue as CSV, with the queue's filters and order and the chosen `columns` (answers to the
 * event's questions included). Streamed page by page; for staff who may read registrations.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  const { filters, questions, columns } = await readExportRequest(db, event.id, new URL(request.url).searchParams);
  return new Response(participantsCsv(db, event, filters, columns, uiLanguage(request, context), questions), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFilename(event.slug, "csv")}"`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}
