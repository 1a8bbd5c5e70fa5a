import { loadPrivateFile } from "../../../features/registration/private-files.ts";
import { getParticipantForStaff } from "../../../features/registration/queries.ts";
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
  const file = row?.participant.photoFileId ? await loadPrivateFile(db, event.id, row.participant.photoFileId) : undefined;
  if (!file || file.kind !== "photo") throw new Response(null, { status: 404 });
  return new Response(Buffer.from(file.data, "base64"), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.size),
      "content-disposition": "inline",
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
