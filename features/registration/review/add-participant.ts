import { and, eq, notInArray } from "drizzle-orm";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import type { StaffContext } from "../../shared/context.ts";
import { AppError, Conflict, Forbidden, Invalid } from "../../shared/errors.ts";
import { mergeCustomAnswers, readCustomAnswers } from "../forms/custom-answers.ts";
import { listFormFields } from "../forms/form-fields.ts";
import { importFields } from "../imports/import-fields.ts";
import { checkSheet, insertParticipants, loadImportLookups } from "../imports/import-rows.ts";
import { delegations, inactiveStatuses, participants } from "../schema.ts";

/**
 * One registration added by staff or an integration, checked by the very rules of a spreadsheet row
 * (features/registration/imports/import-rows.ts), so the API and the import cannot disagree on what is valid.
 * An email already registered for the event is a 409: one accreditation per person per event.
 */
export async function addParticipant(ctx: StaffContext, event: EventRow, input: Record<string, unknown>) {
  if (!can(ctx.actor, "registrations.review")) throw Forbidden();
  const fields: Record<string, string> = {};
  const cells = importFields.map((field) => {
    const value = input[field];
    if (value === undefined || value === null) return "";
    if (typeof value !== "string") fields[field] = "invalid";
    return typeof value === "string" ? value : "";
  });
  // Approval goes through review (capacity, the person's email): an integration adds people as pending or waitlisted.
  if (typeof input.status === "string" && input.status !== "" && !["pending", "waitlisted"].includes(input.status)) fields.status = "registration.added_status";
  if (input.custom !== undefined && (typeof input.custom !== "object" || input.custom === null || Array.isArray(input.custom))) fields.custom = "invalid";
  if (Object.keys(fields).length) throw Invalid("validation", fields);
  const checked = await checkSheet({ header: [...importFields], rows: [{ row: 1, cells }] }, await loadImportLookups(ctx.db, event));
  const row = checked.participants[0];
  if (!row) {
    const values = Object.assign({}, ...checked.errors.map((e) => e.values ?? {}));
    throw Invalid("validation", Object.fromEntries(checked.errors.map((e) => [e.column, e.code])), values);
  }
  // Answers to the event's own questions, by key, as the form sends them (files excepted); like the
  // secretariat's own edits, required questions may stay unanswered.
  const questions = (await listFormFields(ctx.db, event.id)).filter((q) => q.type !== "file");
  const answers = await readCustomAnswers(questions, row.categoryId, { custom: input.custom ?? {} }, { requireAnswers: false });
  if (!answers.ok) throw Invalid("validation", answers.errors, answers.values);
  return ctx.db.transaction(async (tx) => {
    if (row.delegationId) {
      // The delegation's quota holds for integrations as for its focal point (locked, so two adds cannot both take the last place).
      const [delegation] = await tx.select({ quota: delegations.quota }).from(delegations).where(eq(delegations.id, row.delegationId)).for("update");
      const active = await tx.$count(
        participants,
        and(eq(participants.delegationId, row.delegationId), notInArray(participants.status, [...inactiveStatuses])),
      );
      if (active >= delegation.quota) throw new AppError(422, "delegation.over_quota", { values: { quota: delegation.quota } });
    }
    if ((await insertParticipants(tx, [row])) === 0) throw Conflict("registration.duplicate_email");
    let [saved] = await tx
      .select()
      .from(participants)
      .where(and(eq(participants.eventId, event.id), eq(participants.email, row.email)));
    if (Object.keys(answers.answers).length) {
      [saved] = await tx
        .update(participants)
        .set({ custom: await mergeCustomAnswers(tx, event.id, answers) })
        .where(eq(participants.id, saved.id))
        .returning();
    }
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "participant",
      entityId: saved.id,
      action: "create",
      after: { ...row, by: ctx.actor.token ? "api_token" : "staff" },
    });
    return saved;
  });
}
