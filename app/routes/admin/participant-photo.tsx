import { fileResponse } from "../../../features/files/respond.ts";
import { fileStore } from "../../../features/files/store.ts";
import { getParticipantForStaff } from "../../../features/registration/review/queries.ts";
import { toId } from "../../../features/shared/validate.ts";
import { loadStaffEvent } from "../../admin.ts";
import { services } from "../../server-helpers.ts";
import type { Route } from "./+types/participant-photo";

/** A participant's photo, for staff who may read registrations; never cached, never sniffed, never a document. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  const id = toId(params.participantId);
  const row = id ? await getParticipantForStaff(db, event.id, id) : undefined;
  const file = row?.participant.photoFileId ? await fileStore.head(db, event.id, row.participant.photoFileId, ["photo"]) : undefined;
  if (!file) throw new Response(null, { status: 404 });
  return fileResponse(db, request, file, { disposition: "inline" });
}
