import { and, asc, eq, isNull, like, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import { mailOutbox } from "../../mail/schema.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Forbidden } from "../../shared/errors.ts";
import { delegations } from "../schema.ts";
import { inviteFocalPoint } from "./delegations.ts";

/**
 * The secretariat invites, in one batch, every delegation of the event not invited yet (imported from a
 * file): each focal point gets a fresh link by email, through the outbox, in one transaction. The
 * delegations are claimed by a conditional UPDATE (`invited_at IS NULL`), so a second click, another tab
 * or a retry finds none left and mails nobody twice. One audit row counts them.
 */
export async function sendDelegationInvitations(ctx: StaffContext, event: EventRow): Promise<{ invited: number }> {
  if (!can(ctx.actor, "delegations.create")) throw Forbidden();
  return ctx.db.transaction(async (tx) => {
    const claimed = await tx
      .update(delegations)
      .set({ invitedAt: ctx.now })
      .where(and(eq(delegations.eventId, event.id), isNull(delegations.invitedAt)))
      .returning();
    claimed.sort((a, b) => a.id - b.id);
    for (const delegation of claimed) await inviteFocalPoint(tx, ctx.publicUrl, event, delegation, ctx.now);
    if (claimed.length) {
      await recordAudit(tx, {
        eventId: event.id,
        actorId: ctx.actor.userId,
        entity: "delegation_invitations",
        entityId: event.id,
        action: "create",
        after: { invited: claimed.length },
      });
    }
    return { invited: claimed.length };
  });
}

/** How many of the event's delegations have not been invited yet. */
export async function countUninvited(db: DbOrTx, eventId: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(delegations)
    .where(and(eq(delegations.eventId, eventId), isNull(delegations.invitedAt)));
  return n;
}

export type InvitationState = "not_invited" | "queued" | "sent" | "failed";

/**
 * Where each delegation's invitation stands: not invited yet, or the delivery status of the last message
 * sent to its focal point (their keys are `registration:focalPoint:<delegation id>:…`).
 */
export async function delegationInvitationStates(db: DbOrTx, eventId: number): Promise<Map<number, InvitationState>> {
  const [rows, mails] = await Promise.all([
    db.select({ id: delegations.id, invitedAt: delegations.invitedAt }).from(delegations).where(eq(delegations.eventId, eventId)),
    db
      .select({ key: mailOutbox.idempotencyKey, status: mailOutbox.status })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.eventId, eventId), eq(mailOutbox.kind, "focalPoint"), like(mailOutbox.idempotencyKey, "registration:focalPoint:%")))
      .orderBy(asc(mailOutbox.id)),
  ]);
  const lastMail = new Map<number, InvitationState>();
  for (const mail of mails) {
    const id = Number(mail.key.split(":")[2]);
    lastMail.set(id, mail.status === "pending" ? "queued" : mail.status);
  }
  return new Map(rows.map((d) => [d.id, d.invitedAt ? (lastMail.get(d.id) ?? "queued") : "not_invited"]));
}
