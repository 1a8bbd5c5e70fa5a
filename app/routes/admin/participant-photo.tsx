import { fileResponse } from "../../../features/files/respond.ts";
import { fileStore } from "../../../features/files/store.ts";
import { photoThumbnail } from "../../../features/files/thumbnails.ts";
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
  const photoId = row?.participant.photoFileId;
  // `?size=thumb`: the small JPEG lists show (features/files/thumbnails.ts).
  if (photoId && new URL(request.url).searchParams.get("size") === "thumb") {
    const thumb = await photoThumbnail(db, event.id, photoId);
    if (!thumb) throw new Response(null, { status: 404 });
    return new Response(thumb.data as Uint8Array<ArrayBuffer>, {
      headers: {
        "content-type": "image/jpeg",
        "content-length": String(thumb.data.length),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "content-disposition": "inline",
      },
    });
  }
  const file = photoId ? await fileStore.head(db, event.id, photoId, ["photo"]) : undefined;
  if (!file) throw new Response(null, { status: 404 });
  return fileResponse(db, request, file, { disposition: "inline" });
}
