import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import { auditLog, users } from "../../access/schema.ts";

/**
 * A delegation's earlier values, newest first: its audit rows (each "field: before → after", with who and
 * when). The audit log is the history; nothing else keeps a copy that could disagree with it.
 */
export async function delegationHistory(db: DbOrTx, eventId: number, delegationId: number, limit = 100) {
  return db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, before: auditLog.before, after: auditLog.after, actor: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.eventId, eventId), eq(auditLog.entity, "delegation"), eq(auditLog.entityId, String(delegationId))))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
