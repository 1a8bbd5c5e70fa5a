import type { DbOrTx } from "../../db/index.ts";
import { publishLive } from "../live/publish.ts";

/** What changed in an outcome document, for the pages following it (topic `drafting:<documentId>`). */
export type DocumentNews =
  | { kind: "revision"; revisionId: number; number: number; state: string }
  | { kind: "amendment"; amendmentId: number; state: string; paragraphId: number }
  | { kind: "paragraph"; revisionId: number; paragraphId: number; status: string }
  | { kind: "silence"; revisionId: number; state: string }
  | { kind: "lineage"; lineageId: number };

/** Publishes in the transaction of the change: sent when it commits, never if it rolls back. Call last. */
export async function announce(tx: DbOrTx, eventId: number, documentId: number, news: DocumentNews): Promise<void> {
  await publishLive(tx, eventId, `drafting:${documentId}`, { documentId, ...news });
}
