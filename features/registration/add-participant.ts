import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import type { CommandContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid } from "../shared/errors.ts";
import { importFields } from "./import-fields.ts";
import { checkSheet, insertParticipants, loadImportLookups } from "./import.ts";
import { participants } from "./schema.ts";
import { and, eq } from "drizzle-orm";

/**
 * One registration added by staff or an integration, checked by the very rules of a spreadsheet row
 * (features/registration/import.ts), so the API and the import cannot disagree on what is valid.
 * An email already registered for the event is a 409: one accreditation per person per event.
 */
export async function addParticipant(ctx: CommandContext, event: EventRow, input: Record<string, unknown>) {
  if (!can(ctx.actor, "registrations.review")) throw Forbidden();
  const fields: Record<string, string> = {};
  const cells = importFields.map((field) => {
    const value = input[field];
    if (value === undefined || value === null) return "";
    if (typeof value !== "string") fields[field] = "invalid";
    return typeof value === "string" ? value : "";
  });
  if (Object.keys(fields).length) throw Invalid("validation", fields);
  const checked = await checkSheet({ header: [...importFields], rows: [{ row: 1, cells }] }, await loadImportLookups(ctx.db, event));
  const row = checked.participants[0];
  if (!row) {
    const values = Object.assign({}, ...checked.errors.map((e) => e.values ?? {}));
    throw Invalid("validation", Object.fromEntries(checked.errors.map((e) => [e.column, e.code])), values);
  }
  return ctx.db.transaction(async (tx) => {
    if ((await insertParticipants(tx, [row])) === 0) throw Conflict("registration.duplicate_email");
    const [saved] = await tx.select().from(participants).where(and(eq(participants.eventId, event.id), eq(participants.email, row.email)));
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "participant", entityId: saved.id, action: "create", after: { ...row, by: ctx.actor.token ? "api_token" : "staff" } });
    return saved;
  });
}
