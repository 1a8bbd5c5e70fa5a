import { exportPersonData } from "../../../features/registration/privacy/person-data.ts";
import { commandContext, loadStaffEvent } from "../../admin.ts";
import { guard, services } from "../../server-helpers.ts";
import type { Route } from "./+types/participant-data";

/** A copy of everything held about one person (a subject access request), as a JSON download. Audited. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "personal_data.read");
  const data = await guard(() => exportPersonData({ ...commandContext(context, actor), secret: services(context).secret }, event, params.participantId));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${event.slug}-registration-${data.registration.id}.json"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
