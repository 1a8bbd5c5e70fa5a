import { getBadgeDesign } from "../../../features/badges/design-queries.ts";
import { previewBadgePdf } from "../../../features/badges/preview-pdf.ts";
import { contentDisposition } from "../../../features/files/respond.ts";
import { toId } from "../../../features/shared/validate.ts";
import { loadStaffEvent } from "../../admin.ts";
import { guard, services, uiLanguage } from "../../server-helpers.ts";
import type { Route } from "./+types/badge-design-preview";

/** One badge of a saved design as a PDF, drawn as a print run draws it, in the page's language if the event has it. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "badges.manage");
  const { db } = services(context);
  const row = await guard(() => getBadgeDesign(db, event.id, toId(params.designId)));
  const ui = uiLanguage(request, context);
  const lang = event.languages.includes(ui) ? ui : event.languages[0];
  const bytes = await previewBadgePdf(db, event, row, lang);
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": "application/pdf",
      "content-length": String(bytes.length),
      "content-disposition": contentDisposition("attachment", `badge-preview-${row.id}.pdf`),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
