import { fileResponse } from "../../../features/files/respond.ts";
import { fileStore } from "../../../features/files/store.ts";
import { answerOf } from "../../../features/registration/forms/form-field-view.ts";
import { getParticipantForStaff } from "../../../features/registration/review/queries.ts";
import { toId } from "../../../features/shared/validate.ts";
import { loadStaffEvent } from "../../admin.ts";
import { services } from "../../server-helpers.ts";
import type { Route } from "./+types/participant-answer-file";

/**
 * A file a participant gave as an answer to one of the event's questions, for staff who may read
 * registrations: downloaded, never shown inline, never cached.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  const id = toId(params.participantId);
  const row = id ? await getParticipantForStaff(db, event.id, id) : undefined;
  const fileId = row ? toId(answerOf(row.participant.custom, params.key)) : null;
  const file = fileId ? await fileStore.head(db, event.id, fileId, ["attachment"]) : undefined;
  if (!file) throw new Response(null, { status: 404 });
  return fileResponse(db, request, file, { disposition: "attachment" });
}
