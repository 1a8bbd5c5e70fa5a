// What happens to an amendment besides folding: the facilitator takes it up or sets it aside, its
// proponent withdraws it, other delegations co-sponsor it.
import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import type { LinkContext, StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { announce } from "./announce.ts";
import { decideAmendmentInput } from "./input.ts";
import { actingDelegation, auditActor, type Proponent } from "./proponent.ts";
import { type AmendmentState, negotiationAmendments, negotiationCosponsors, openAmendmentStates } from "./schema.ts";
import type { AmendmentRow } from "./submit-amendment.ts";

async function setState(
  ctx: StaffContext | LinkContext,
  event: EventRow,
  amendment: AmendmentRow,
  state: AmendmentState,
  version: number,
  actorId: number | null,
) {
  return ctx.db.transaction(async (tx) => {
    const [saved] = await tx
      .update(negotiationAmendments)
      .set({ state, version: version + 1 })
      .where(
        and(
          eq(negotiationAmendments.id, amendment.id),
          eq(negotiationAmendments.eventId, event.id),
          eq(negotiationAmendments.version, version),
          inArray(negotiationAmendments.state, [...openAmendmentStates]),
        ),
      )
      .returning();
    if (!saved) throw Conflict("conflict.stale", { current: amendment.version });
    await recordAudit(tx, {
      eventId: event.id,
      actorId,
      entity: "negotiation_amendment",
      entityId: amendment.id,
      action: "update",
      before: amendment,
      after: saved,
    });
    await announce(tx, event.id, amendment.documentId, { kind: "amendment", amendmentId: saved.id, state: saved.state, paragraphId: saved.paragraphId });
    return saved;
  });
}

/** The facilitator takes an amendment up, or decides not to incorporate it. */
export async function decideAmendment(ctx: StaffContext, event: EventRow, amendment: AmendmentRow, input: unknown) {
  if (!can(ctx.actor, "negotiation.draft")) throw Forbidden();
  const data = parseInput(decideAmendmentInput, input);
  return setState(ctx, event, amendment, data.state, data.version, ctx.actor.userId);
}

/** The proponent's delegation (or the secretariat for it) withdraws its amendment. */
export async function withdrawAmendment(ctx: StaffContext | LinkContext, event: EventRow, amendment: AmendmentRow, who: Proponent, version: number) {
  const delegationId = await actingDelegation(ctx.db, event, who, "negotiation.propose", amendment.delegationId);
  if (delegationId !== amendment.delegationId) throw Forbidden();
  return setState(ctx, event, amendment, "withdrawn", version, auditActor(who));
}

/** Another delegation joins as co-sponsor of an amendment still open. */
export async function cosponsorAmendment(ctx: StaffContext | LinkContext, event: EventRow, amendment: AmendmentRow, who: Proponent, delegationId?: number) {
  const sponsor = await actingDelegation(ctx.db, event, who, "negotiation.cosponsor", delegationId);
  if (!openAmendmentStates.includes(amendment.state)) throw Conflict("negotiation.amendment_closed");
  if (sponsor === amendment.delegationId) return amendment;
  await ctx.db.transaction(async (tx) => {
    await tx.insert(negotiationCosponsors).values({ amendmentId: amendment.id, delegationId: sponsor, addedAt: ctx.now }).onConflictDoNothing();
    await recordAudit(tx, {
      eventId: event.id,
      actorId: auditActor(who),
      entity: "negotiation_amendment",
      entityId: amendment.id,
      action: "update",
      after: { cosponsor: sponsor },
    });
    await announce(tx, event.id, amendment.documentId, {
      kind: "amendment",
      amendmentId: amendment.id,
      state: amendment.state,
      paragraphId: amendment.paragraphId,
    });
  });
  return amendment;
}
