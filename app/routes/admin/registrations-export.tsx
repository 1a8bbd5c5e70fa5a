import { parseColumns, participantsCsv } from "../../../features/registration/export-csv.ts";
import { listFormFields } from "../../../features/registration/form-fields.ts";
import { participantFilters } from "../../../features/registration/queries.ts";
import { loadStaffEvent } from "../../admin.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import type { Route } from "./+types/registrations-export";

/**
 * The review queue as CSV, with the queue's filters (`status`, `category`, `delegation`, `country`, `q`,
 * `sort`) and the chosen `columns` (answers to the event's questions included). Streamed page by page; for staff who may read registrations.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const search = new URL(request.url).searchParams;
  const query = Object.fromEntries(search);
  if (query.country) query.country = query.country.trim().toUpperCase();
  const { page: _page, ...filters } = participantFilters.parse(query);
  // The event's own questions may be asked for as `custom.<key>` columns, headed by their label.
  const questions = await listFormFields(services(context).db, event.id);
  const columns = parseColumns(search.getAll("columns"), questions.map((q) => q.key));
  const filename = `${event.slug}-registrations-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(participantsCsv(services(context).db, event, filters, columns, uiLanguage(request, context), questions), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}
