import { and, asc, desc, eq, gt, gte, lte, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { type Actor, can } from "../access/policy.ts";
import { peopleWithoutPhoto } from "../badges/issue-badges.ts";
import { mailOutbox } from "../mail/schema.ts";
import { delegations, participants, registrationImports } from "../registration/schema.ts";
import type { Localized } from "../shared/localized.ts";

const week = 7 * 86_400_000;

export interface Attention {
  /** Null where the person's role does not let them see it. */
  pendingReviews: number | null;
  deadlines: { id: number; name: Localized; deadline: Date }[] | null;
  failedMail: number | null;
  imports: { id: number; kind: "participants" | "delegations"; filename: string; status: string; invalid: number }[] | null;
  withoutPhoto: number | null;
}

/**
 * What an event's staff should look at now (the overview page): registrations waiting for review,
 * delegations whose deadline falls in the next seven days, mail that failed, imports with errors and
 * accredited people without a photo. Each part only for those whose role lets them act on it.
 */
export async function whatNeedsAttention(db: DbOrTx, eventId: number, actor: Actor, now: Date): Promise<Attention> {
  const registrations = can(actor, "registrations.read");
  const [pending, deadlines, failed, imports, noPhoto] = await Promise.all([
    registrations ? db.$count(participants, and(eq(participants.eventId, eventId), eq(participants.status, "pending"))) : null,
    registrations
      ? db
          .select({ id: delegations.id, name: delegations.name, deadline: delegations.deadline })
          .from(delegations)
          .where(and(eq(delegations.eventId, eventId), gte(delegations.deadline, now), lte(delegations.deadline, new Date(now.getTime() + week))))
          .orderBy(asc(delegations.deadline), asc(delegations.id))
          .limit(20)
      : null,
    registrations ? db.$count(mailOutbox, and(eq(mailOutbox.eventId, eventId), eq(mailOutbox.status, "failed"))) : null,
    can(actor, "registrations.manage")
      ? db
          .select({
            id: registrationImports.id,
            kind: registrationImports.kind,
            filename: registrationImports.filename,
            status: registrationImports.status,
            invalid: registrationImports.invalid,
          })
          .from(registrationImports)
          .where(
            and(
              eq(registrationImports.eventId, eventId),
              or(eq(registrationImports.status, "failed"), and(eq(registrationImports.status, "done"), gt(registrationImports.invalid, 0))),
              // Recent ones: a month-old import with errors has been dealt with or will not be.
              gte(registrationImports.createdAt, new Date(now.getTime() - 30 * 86_400_000)),
            ),
          )
          .orderBy(desc(registrationImports.id))
          .limit(10)
      : null,
    can(actor, "badges.print") ? peopleWithoutPhoto(db, eventId) : null,
  ]);
  return {
    pendingReviews: pending,
    deadlines,
    failedMail: failed,
    imports: imports as Attention["imports"],
    withoutPhoto: noPhoto ? noPhoto.length : null,
  };
}
