import { getDelegation } from "../../../features/registration/delegations.ts";
import { loadPrivateFile } from "../../../features/registration/private-files.ts";
import { isAppError } from "../../../features/shared/errors.ts";
import { loadStaffEvent } from "../../admin.ts";
import { services } from "../../server-helpers.ts";
import type { Route } from "./+types/delegation-letter";

/** A delegation's nomination letter (PDF), for staff who may read registrations: always a download, never inline. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  const delegation = await getDelegation(db, event.id, params.delegationId).catch((error) => {
    if (isAppError(error)) throw new Response(null, { status: error.status });
    throw error;
  });
  const file = delegation.letterFileId ? await loadPrivateFile(db, event.id, delegation.letterFileId) : undefined;
  if (!file) throw new Response(null, { status: 404 });
  const filename = /\.pdf$/i.test(file.filename) ? file.filename : `${file.filename}.pdf`;
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(Buffer.from(file.data, "base64"), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.size),
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
