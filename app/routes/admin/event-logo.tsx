import { fileResponse } from "../../../features/files/respond.ts";
import { fileStore } from "../../../features/files/store.ts";
import { loadStaffEvent } from "../../admin.ts";
import { services } from "../../server-helpers.ts";
import type { Route } from "./+types/event-logo";

/** The event's logo for its staff, drafts included (the public `/files/:id` serves it once the event is published). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug);
  const { db } = services(context);
  const file = event.logoFileId ? await fileStore.head(db, event.id, event.logoFileId, ["logo"]) : undefined;
  if (!file) throw new Response(null, { status: 404 });
  return fileResponse(db, request, file, { disposition: "inline" });
}
