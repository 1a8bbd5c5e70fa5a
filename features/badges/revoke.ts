import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { badgeRevocations, badges } from "./schema.ts";
import type { RevocationReason } from "./vocabulary.ts";

/**
 * Revokes a person's current badge in the caller's transaction and lists its version for kiosks; the
 * version revoked, or null when they had none. The caller checks who may and audits.
 */
export async function revokeCurrentBadge(tx: DbOrTx, eventId: number, participantId: number, reason: RevocationReason, now: Date): Promise<number | null> {
  const [row] = await tx
    .update(badges)
    .set({ revokedAt: now, updatedAt: now })
    .where(and(eq(badges.eventId, eventId), eq(badges.participantId, participantId), isNull(badges.revokedAt)))
    .returning({ version: badges.version });
  if (!row) return null;
  await tx.insert(badgeRevocations).values({ eventId, participantId, version: row.version, reason, revokedAt: now }).onConflictDoNothing();
  return row.version;
}
