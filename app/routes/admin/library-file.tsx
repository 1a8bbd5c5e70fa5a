import { fileVersions, loadLibraryDocument } from "../../../features/documents/queries.ts";
import { fileResponse } from "../../../features/files/respond.ts";
import { fileStore } from "../../../features/files/store.ts";
import { toId } from "../../../features/shared/validate.ts";
import { loadStaffEvent } from "../../admin.ts";
import { guard, services } from "../../server-helpers.ts";
import type { Route } from "./+types/library-file";

/** Any version of a document's file, for staff who may read the library (drafts and earlier versions included): always a download. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "library.read");
  const { db } = services(context);
  const document = await guard(() => loadLibraryDocument(db, event.id, params.documentId));
  const version = (await fileVersions(db, event, document)).find((v) => v.id === toId(params.fileId));
  const head = version ? await fileStore.head(db, event.id, version.fileId, ["document"]) : undefined;
  if (!head) throw new Response(null, { status: 404 });
  return fileResponse(db, request, head, { disposition: "attachment" });
}
