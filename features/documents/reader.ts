// Who reads the library: a participant through their personal link (the link names the person; the link
// policy says whether that link may read documents at all; access.ts decides which), staff, or anyone.
import type { DbOrTx } from "../../db/index.ts";
import type { Actor } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import { assertLinkMay } from "../registration/links/link-policy.ts";
import { linkState, participantForToken } from "../registration/links/portal.ts";
import type { LibraryReader } from "./access.ts";

/** The reader behind a participant link: 404 for a wrong link, 410 for an expired one, 403 once the registration is closed. */
export async function participantReader(db: DbOrTx, event: EventRow, token: string, client: string, now: Date): Promise<LibraryReader> {
  const row = await participantForToken(db, event, token, client);
  assertLinkMay("participant", "participant.read_documents", linkState(event, row, now));
  return {
    kind: "participant",
    participantId: row.participant.id,
    approved: row.participant.status === "approved",
    categoryId: row.participant.categoryId,
    delegationId: row.participant.delegationId,
  };
}

/** Staff (or an API token) as readers; someone signed in without a role in the event reads as the public does. */
export const staffReader = (actor: Actor | null): LibraryReader => (actor ? { kind: "staff", actor } : { kind: "public" });

export const publicReader: LibraryReader = { kind: "public" };
