import type { DbOrTx } from "../../db/index.ts";
import { auditLog } from "./schema.ts";

export interface AuditEntry {
  eventId: number | null;
  actorId: number | null;
  entity: string;
  entityId: string | number;
  action:
    | "create"
    | "update"
    | "delete"
    | "publish"
    | "unpublish"
    | "grant"
    | "revoke"
    | "sign_in"
    | "password_reset"
    /** A staff member was shown encrypted personal data (ID document, date of birth). */
    | "view_personal_data"
    /** Retention: the scheduled purge of ID data and photos; a person's data exported or erased on request. */
    | "purge_personal_data"
    /** Open registration closed by itself once the event had ended (registration/close-ended-registration.ts). */
    | "close_registration"
    | "export_personal_data"
    | "erase"
    /** The negotiation room: a revision frozen and issued, a text adopted, an agreed paragraph bracketed again. */
    | "issue"
    | "adopt"
    | "reopen"
    /** The documents library: a document withdrawn (its symbol stays taken). */
    | "withdraw";
  before?: unknown;
  after?: unknown;
}

/** Call inside the transaction of the change, so the log and the data never disagree. */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  const { before, after } = diff(entry.before, entry.after);
  await tx.insert(auditLog).values({
    eventId: entry.eventId,
    actorId: entry.actorId,
    entity: entry.entity,
    entityId: String(entry.entityId),
    action: entry.action,
    before,
    after,
  });
}

/** Keeps only the fields that changed, so the log reads as "field: old → new". */
function diff(before: unknown, after: unknown): { before: unknown; after: unknown } {
  if (!isRecord(before) || !isRecord(after)) return { before: before ?? null, after: after ?? null };
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === "version" || key === "updatedAt") continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return { before: changedBefore, after: changedAfter };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
