import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Conflict, Forbidden, Invalid } from "../../shared/errors.ts";
import { parseInput } from "../../shared/validate.ts";
import { linkExpiry } from "../delegations/delegations.ts";
import { participantPortalUrl } from "../delegations/nominations.ts";
import { reviewInput } from "../input.ts";
import { createLink } from "../links/links.ts";
import { type RegistrationMail, sendRegistrationMail } from "../mailing/send-registration-mail.ts";
import { categories, participants, type RegistrationStatus, reviewableStatuses } from "../schema.ts";

const mailFor: Partial<Record<RegistrationStatus, RegistrationMail>> = { approved: "approved", waitlisted: "waitlisted", rejected: "rejected" };

export interface ReviewOutcome {
  changed: number[];
  /** Someone else changed these since they were shown: left as they are. */
  conflicts: number[];
  /** Asked to approve, but the category was full: put on the waiting list instead. */
  waitlistedForCapacity: number[];
}

/**
 * Approve, waitlist, reject or cancel registrations, one or many at once. Each carries the version the
 * reviewer saw; a registration changed since is left alone and reported. Approvals beyond a category's
 * capacity go to the waiting list. Every change is audited and the person is told by email, in their language.
 */
export async function reviewParticipants(ctx: StaffContext, event: EventRow, input: unknown): Promise<ReviewOutcome> {
  if (!can(ctx.actor, "registrations.review")) throw Forbidden();
  const data = parseInput(reviewInput, input);
  if (!reviewableStatuses.includes(data.status)) throw Invalid("validation", { status: "invalid" });
  if (data.status === "rejected" && !data.reason) throw Invalid("validation", { reason: "review.reason_required" });
  const outcome: ReviewOutcome = { changed: [], conflicts: [], waitlistedForCapacity: [] };

  await ctx.db.transaction(async (tx) => {
    for (const item of data.items) {
      const [current] = await tx
        .select()
        .from(participants)
        .where(and(eq(participants.id, item.id), eq(participants.eventId, event.id)))
        .for("update");
      if (!current || current.version !== item.version) {
        outcome.conflicts.push(item.id);
        continue;
      }
      let status = data.status;
      if (status === "approved" && current.status !== "approved") {
        // Lock the category so two reviewers cannot both fill its last place.
        const [category] = await tx.select().from(categories).where(eq(categories.id, current.categoryId)).for("update");
        if (category?.capacity != null) {
          const [{ approved }] = await tx
            .select({ approved: sql<number>`count(*)::int` })
            .from(participants)
            .where(and(eq(participants.categoryId, category.id), eq(participants.status, "approved")));
          if (approved >= category.capacity) {
            status = "waitlisted";
            outcome.waitlistedForCapacity.push(current.id);
          }
        }
      }
      if (status === current.status) {
        outcome.changed.push(current.id);
        continue;
      }
      const [saved] = await tx
        .update(participants)
        .set({ status, statusReason: data.reason ?? null, reviewedBy: ctx.actor.userId, reviewedAt: ctx.now, version: current.version + 1, updatedAt: ctx.now })
        .where(eq(participants.id, current.id))
        .returning();
      outcome.changed.push(saved.id);
      await recordAudit(tx, {
        eventId: event.id,
        actorId: ctx.actor.userId,
        entity: "participant",
        entityId: saved.id,
        action: "update",
        before: { status: current.status },
        after: { status, reason: data.reason ?? null },
      });
      const kind = mailFor[status];
      if (kind) {
        const token = await createLink(tx, { eventId: event.id, purpose: "participant", participantId: saved.id, expiresAt: linkExpiry(event, ctx.now) });
        await sendRegistrationMail(tx, event, {
          kind,
          to: saved.email,
          lang: saved.lang,
          name: `${saved.givenName} ${saved.familyName}`,
          reason: data.reason,
          link: participantPortalUrl(ctx.publicUrl, event, saved.lang, token),
          key: `${saved.id}:${saved.version}`,
          participantId: saved.id,
        });
      }
    }
  });
  if (outcome.changed.length === 0 && outcome.conflicts.length > 0) throw Conflict("conflict.stale", { conflicts: outcome.conflicts });
  return outcome;
}
