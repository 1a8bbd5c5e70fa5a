// One event's symbols are shared by the library and the negotiation room (both are served under
// /documents/{symbol}): a symbol is taken if either holds it. Symbols are given one at a time per event (a
// transaction-scoped advisory lock), so two staff asking for "the next number" at once get two numbers,
// and a symbol cannot be taken by both rooms at once.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { negotiationDocuments } from "../negotiation/schema.ts";
import { libraryDocuments } from "./schema.ts";

/** The advisory lock's first key: symbols (the second is the event). */
const symbolsLockKey = 0x53594d;

/** Holds the event's symbols until the transaction ends. */
export async function lockSymbols(tx: DbOrTx, eventId: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${symbolsLockKey}::int, ${eventId}::int)`);
}

export async function symbolTaken(tx: DbOrTx, eventId: number, symbol: string): Promise<boolean> {
  const [library] = await tx
    .select({ id: libraryDocuments.id })
    .from(libraryDocuments)
    .where(and(eq(libraryDocuments.eventId, eventId), eq(libraryDocuments.symbol, symbol)));
  if (library) return true;
  const [outcome] = await tx
    .select({ id: negotiationDocuments.id })
    .from(negotiationDocuments)
    .where(and(eq(negotiationDocuments.eventId, eventId), eq(negotiationDocuments.symbol, symbol)));
  return !!outcome;
}
