import { fileResponse } from "../../../features/files/respond.ts";
import { fileStore } from "../../../features/files/store.ts";
import { getDelegation } from "../../../features/registration/delegations/delegations.ts";
import { loadStaffEvent } from "../../admin.ts";
import { guard, services } from "../../server-helpers.ts";
import type { Route } from "./+types/delegation-letter";

/** A delegation's nomination letter (PDF), for staff who may read registrations: always a download, never inline. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  const delegation = await guard(() => getDelegation(db, event.id, params.delegationId));
  const file = delegation.letterFileId ? await fileStore.head(db, event.id, delegation.letterFileId, ["letter"]) : undefined;
  if (!file) throw new Response(null, { status: 404 });
  return fileResponse(db, request, file, { disposition: "attachment" });
}
