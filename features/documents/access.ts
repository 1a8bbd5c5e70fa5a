// Who may read a document of the library, pure like features/access/policy.ts, and tested as a grid
// (access.test.ts): staff who may read the library see every document in every state; anyone else sees
// issued documents only, as their access level allows. Participants are known by their personal link and
// count only while approved ("accredited"). Every read and download asks here, on the server.
import { type Actor, can } from "../access/policy.ts";
import type { AccessLevel, LibraryState } from "./vocabulary.ts";

/** Who is reading: staff (an actor), a participant through their personal link, or anyone. */
export type LibraryReader =
  | { kind: "staff"; actor: Actor }
  | { kind: "participant"; participantId: number; approved: boolean; categoryId: number; delegationId: number | null }
  | { kind: "public" };

export interface DocumentAccess {
  state: LibraryState;
  access: AccessLevel;
  accessCategoryIds: readonly number[];
  accessDelegationIds: readonly number[];
}

/** Allowed; not there for this reader (a 404, which says nothing of what exists); or withdrawn (a 410 for those who could read it). */
export type ReadDecision = "allowed" | "not_found" | "withdrawn";

/** Staff who may read the library see drafts and withdrawn documents too; other staff read as the public does. */
export const readsEverything = (reader: LibraryReader): boolean => reader.kind === "staff" && can(reader.actor, "library.read");

/** Whether the access level lets this reader in, whatever the document's state. */
export function accessAllows(reader: LibraryReader, document: Omit<DocumentAccess, "state">): boolean {
  if (readsEverything(reader) || document.access === "public") return true;
  if (reader.kind !== "participant" || !reader.approved) return false;
  switch (document.access) {
    case "accredited":
      return true;
    case "categories":
      return document.accessCategoryIds.includes(reader.categoryId);
    case "delegations":
      return reader.delegationId !== null && document.accessDelegationIds.includes(reader.delegationId);
  }
}

export function readDecision(reader: LibraryReader, document: DocumentAccess): ReadDecision {
  if (readsEverything(reader)) return "allowed";
  if (!accessAllows(reader, document)) return "not_found";
  if (document.state === "issued") return "allowed";
  return document.state === "withdrawn" ? "withdrawn" : "not_found";
}
