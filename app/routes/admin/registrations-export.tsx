import { parseColumns, participantsCsv } from "../../../features/registration/export-csv.ts";
import { participantFilters } from "../../../features/registration/queries.ts";
import { loadStaffEvent } from "../../admin.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import type { Route } from "./+types/registrations-export";

/**
 * The review queue as CSV, with the queue's filters (`status`, `category`, `delegation`, `country`, `q`,
 * `sort`) and the chosen `columns`. Streamed page by page; for staff who may read registrations.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const search = new URL(request.url).searchParams;
  const query = Object.fromEntries(search);
  if (query.country) query.country = query.country.trim().toUpperCase();
  const { page: _page, ...filters } = participantFilters.parse(query);
  const columns = parseColumns(search.getAll("columns"));
  const filename = `${event.slug}-registrations-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(participantsCsv(services(context).db, event, filters, columns, uiLanguage(request, context)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}
