import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { zonedToUtc } from "../../../i18n/format.ts";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../shared/errors.ts";
import { parseInput, toId } from "../../shared/validate.ts";
import { participants } from "../schema.ts";

/** At most this long ahead: a reopening is an exception for one person, not a second deadline. */
const longestReopening = 90 * 86_400_000;

export const reopenInput = z.object({
  /** Wall-clock time in the event's zone, as a datetime-local field sends it. */
  until: z.string("required").trim().min(1, "required").max(40, "datetime.invalid"),
  version: z.coerce.number("required").int("required").positive("required").max(2_147_483_647, "required"),
});

/**
 * The secretariat reopens one participant's own page (their personal link) until a set instant, after their
 * delegation's or the registration's deadline has closed it: the link policy reads `reopenedUntil`
 * (features/registration/links/portal.ts). `until: null` closes it again. Version-checked and audited.
 */
export async function reopenOwnPage(ctx: StaffContext, event: EventRow, participantId: unknown, input: unknown, close = false) {
  if (!can(ctx.actor, "participants.reopen")) throw Forbidden();
  const id = toId(participantId);
  if (!id) throw NotFound();
  const data = close ? { ...parseInput(reopenInput.pick({ version: true }), input), until: null } : parseInput(reopenInput, input);
  let until: Date | null = null;
  if (data.until !== null) {
    until = zonedToUtc(data.until, event.timezone);
    if (!until) throw Invalid("validation", { until: "datetime.invalid" });
    if (until <= ctx.now) throw Invalid("validation", { until: "reopen.until_past" });
    if (until.getTime() - ctx.now.getTime() > longestReopening) throw Invalid("validation", { until: "reopen.until_too_far" }, { days: 90 });
  }
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: participants.id, reopenedUntil: participants.reopenedUntil, version: participants.version })
      .from(participants)
      .where(and(eq(participants.id, id), eq(participants.eventId, event.id)));
    if (!current) throw NotFound();
    const [saved] = await tx
      .update(participants)
      .set({ reopenedUntil: until, version: data.version + 1, updatedAt: ctx.now })
      .where(and(eq(participants.id, id), eq(participants.eventId, event.id), eq(participants.version, data.version)))
      .returning();
    if (!saved) throw Conflict("conflict.stale", { current: current.version });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "participant",
      entityId: id,
      action: "update",
      before: { reopenedUntil: current.reopenedUntil },
      after: { reopenedUntil: saved.reopenedUntil },
    });
    return saved;
  });
}
