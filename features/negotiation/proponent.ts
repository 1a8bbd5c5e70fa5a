// Who speaks for a delegation in the negotiation room: a delegate through their personal participant link
// (their standing comes from their accreditation category), or the secretariat entering a written text.
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { type Actor, can, type DelegateAction, type DelegateStanding, delegateMay } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import { resolveLink } from "../registration/links/links.ts";
import { categories, delegations, participants } from "../registration/schema.ts";
import { AppError, Forbidden, Invalid } from "../shared/errors.ts";

/** A delegate's seat, resolved from their link before any command runs. */
export interface DelegateSeat {
  participantId: number;
  delegationId: number;
  standing: DelegateStanding;
}

export type Proponent = { by: "delegate"; seat: DelegateSeat } | { by: "staff"; actor: Actor };

const standingOf: Record<string, DelegateStanding> = { hod: "head", delegate: "delegate", observer: "observer" };

/** The seat behind a participant link: an approved member of a delegation of this event, or a 404/403. */
export async function delegateSeat(db: DbOrTx, event: EventRow, token: string, client: string, now: Date): Promise<DelegateSeat> {
  const link = await resolveLink(db, token, event.id, "participant", client, now);
  const seat = await participantSeat(db, event.id, link.participantId!);
  if (!seat) throw new AppError(404, "link.invalid");
  return seat;
}

/** The seat of a participant of the event as it stands now (approved, in a delegation, by category), or null if there is no such participant. */
export async function participantSeat(db: DbOrTx, eventId: number, participantId: number): Promise<DelegateSeat | null> {
  const [row] = await db
    .select({ id: participants.id, delegationId: participants.delegationId, status: participants.status, code: categories.code })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .where(and(eq(participants.id, participantId), eq(participants.eventId, eventId)));
  if (!row) return null;
  if (row.status !== "approved" || row.delegationId === null) return { participantId: row.id, delegationId: row.delegationId ?? 0, standing: "none" };
  return { participantId: row.id, delegationId: row.delegationId, standing: standingOf[row.code] ?? "none" };
}

/**
 * The delegation the proponent acts for, once allowed: a delegate's own, or for the secretariat (who may
 * enter what a delegation handed in) the one named, checked to be of this event.
 */
export async function actingDelegation(db: DbOrTx, event: EventRow, who: Proponent, action: DelegateAction, named?: number | null): Promise<number> {
  if (who.by === "delegate") {
    if (!delegateMay(who.seat.standing, action)) throw Forbidden("negotiation.not_a_delegate");
    return who.seat.delegationId;
  }
  if (!can(who.actor, "negotiation.draft")) throw Forbidden();
  if (!named) throw Invalid("validation", { delegationId: "required" });
  await checkDelegations(db, event.id, [named], "delegationId");
  return named;
}

/** Refuses delegations that are not the event's own. */
export async function checkDelegations(db: DbOrTx, eventId: number, ids: number[], field: string): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await db
    .select({ id: delegations.id })
    .from(delegations)
    .where(and(eq(delegations.eventId, eventId), inArray(delegations.id, unique)));
  if (found.length !== unique.length) throw Invalid("validation", { [field]: "negotiation.delegation_unknown" });
}

/** Who the audit log names: the staff member, or nobody (the delegate is in the record itself). */
export const auditActor = (who: Proponent) => (who.by === "staff" ? who.actor.userId : null);
