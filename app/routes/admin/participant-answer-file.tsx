import { answerOf } from "../../../features/registration/form-field-view.ts";
import { loadPrivateFile } from "../../../features/registration/private-files.ts";
import { getParticipantForStaff } from "../../../features/registration/queries.ts";
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
  const file = fileId ? await loadPrivateFile(db, event.id, fileId) : undefined;
  if (!file || file.kind !== "attachment") throw new Response(null, { status: 404 });
  return new Response(Buffer.from(file.data, "base64"), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.size),
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
