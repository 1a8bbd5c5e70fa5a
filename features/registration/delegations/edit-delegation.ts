import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { zonedToUtc } from "../../../i18n/format.ts";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Conflict, Forbidden, Invalid } from "../../shared/errors.ts";
import { parseInput } from "../../shared/validate.ts";
import { delegationInput } from "../input.ts";
import { revokeLinks } from "../links/links.ts";
import { categories, delegations } from "../schema.ts";
import { checkDeadline, type DelegationRow, delegationNames, getDelegation } from "./delegations.ts";

const version = z.coerce.number("required").int("invalid").positive("invalid").max(2_147_483_647, "invalid");

/** Everything the invitation form asks, and the version the form showed. */
export const delegationEditInput = delegationInput.extend({ version });

/** The fields staff may change, as the audit log and the history show them. */
const editable = ["kind", "country", "name", "quota", "deadline", "defaultCategoryId", "focalPointName", "focalPointEmail", "focalPointLang"] as const;
const pick = (row: DelegationRow) => Object.fromEntries(editable.map((k) => [k, row[k]]));

export interface EditedDelegation {
  delegation: DelegationRow;
  /** The focal point's email changed: the old address's link was revoked, and no new link was sent yet. */
  emailChanged: boolean;
}

/**
 * The secretariat changes a delegation after inviting it: names, kind, country, quota, deadline, the
 * members' category, the focal point and their language. The save carries the version the form showed; a
 * stale one answers 409 and changes nothing. A new focal point email revokes the links sent to the old one
 * (the person there may no longer act for the delegation); the page offers to send one to the new address.
 * The audit row keeps the earlier values: it is the delegation's history.
 */
export async function editDelegation(ctx: StaffContext, event: EventRow, delegationId: unknown, input: unknown): Promise<EditedDelegation> {
  if (!can(ctx.actor, "delegations.edit")) throw Forbidden();
  const current = await getDelegation(ctx.db, event.id, delegationId);
  const data = parseInput(delegationEditInput, input);
  const name = delegationNames(event, data);
  // An unchanged deadline may stay in the past (the delegation closed as planned); a new one must be confirmed.
  const deadline = checkDeadline(data.deadline, event, ctx.now, data.deadlinePastConfirmed || sameMinute(data.deadline, current, event));
  return ctx.db.transaction(async (tx) => {
    if (data.defaultCategoryId) {
      const [category] = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.id, data.defaultCategoryId), eq(categories.eventId, event.id)));
      if (!category) throw Invalid("validation", { defaultCategoryId: "invalid" });
    }
    const [saved] = await tx
      .update(delegations)
      .set({
        kind: data.kind,
        country: data.country ?? null,
        name,
        quota: data.quota,
        deadline,
        defaultCategoryId: data.defaultCategoryId ?? null,
        focalPointName: data.focalPointName,
        focalPointEmail: data.focalPointEmail,
        focalPointLang: data.focalPointLang,
        version: data.version + 1,
      })
      .where(and(eq(delegations.id, current.id), eq(delegations.eventId, event.id), eq(delegations.version, data.version)))
      .returning();
    if (!saved) throw Conflict("conflict.stale", { current: current.version });
    const emailChanged = saved.focalPointEmail !== current.focalPointEmail;
    if (emailChanged) await revokeLinks(tx, { delegationId: saved.id }, ctx.now);
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "delegation",
      entityId: saved.id,
      action: "update",
      before: pick(current),
      after: { ...pick(saved), ...(emailChanged ? { linkRevoked: true } : {}) },
    });
    return { delegation: saved, emailChanged };
  });
}

/** Whether the typed deadline is the stored one, as the form showed it (to the minute, in the event's zone). */
function sameMinute(typed: string, current: DelegationRow, event: Pick<EventRow, "timezone">): boolean {
  return zonedToUtc(typed, event.timezone)?.getTime() === Math.floor(current.deadline.getTime() / 60_000) * 60_000;
}

export const extendInput = z.object({
  days: z.coerce.number("delegation.extend_days").int("delegation.extend_days").min(1, "delegation.extend_days").max(365, "delegation.extend_days"),
  version,
});

/** A quick extension: the deadline moves on by whole days. A result still in the past is refused (edit the date instead). */
export async function extendDelegationDeadline(ctx: StaffContext, event: EventRow, delegationId: unknown, input: unknown): Promise<DelegationRow> {
  if (!can(ctx.actor, "delegations.edit")) throw Forbidden();
  const current = await getDelegation(ctx.db, event.id, delegationId);
  const data = parseInput(extendInput, input);
  const deadline = new Date(current.deadline.getTime() + data.days * 86_400_000);
  if (deadline <= ctx.now) throw Invalid("validation", { days: "delegation.extend_still_past" });
  return ctx.db.transaction(async (tx) => {
    const [saved] = await tx
      .update(delegations)
      .set({ deadline, version: data.version + 1 })
      .where(and(eq(delegations.id, current.id), eq(delegations.eventId, event.id), eq(delegations.version, data.version)))
      .returning();
    if (!saved) throw Conflict("conflict.stale", { current: current.version });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "delegation",
      entityId: saved.id,
      action: "update",
      before: { deadline: current.deadline },
      after: { deadline: saved.deadline, extendedByDays: data.days },
    });
    return saved;
  });
}
