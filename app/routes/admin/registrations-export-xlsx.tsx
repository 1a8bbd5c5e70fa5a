import { exportFilename, readExportRequest } from "../../../features/registration/exports/export-rows.ts";
import { loadStaffEvent } from "../../admin.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import type { Route } from "./+types/registrations-export-xlsx";

/**
 * The review queue as an Excel workbook: the same filters, order and `columns` as the CSV
 * (registrations-export.tsx), streamed as it is written; for staff who may read registrations.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  const { filters, questions, columns } = await readExportRequest(db, event.id, new URL(request.url).searchParams);
  // exceljs is loaded by the first export, not at every start (ADR 0025).
  const { participantsXlsx } = await import("../../../features/registration/exports/export-xlsx.ts");
  return new Response(participantsXlsx(db, event, filters, columns, uiLanguage(request, context), questions), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${exportFilename(event.slug, "xlsx")}"`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}
