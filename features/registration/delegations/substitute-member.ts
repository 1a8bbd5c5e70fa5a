import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/index.ts";
import { recordAudit } from "../../access/audit.ts";
import { revokeCurrentBadge } from "../../badges/revoke.ts";
import type { EventRow } from "../../events/queries.ts";
import type { LinkContext } from "../../shared/context.ts";
import { Invalid, NotFound } from "../../shared/errors.ts";
import { text } from "../../shared/localized.ts";
import { toId } from "../../shared/validate.ts";
import { assertLinkMay } from "../links/link-policy.ts";
import { sendRegistrationMail } from "../mailing/send-registration-mail.ts";
import { inactiveStatuses, participants } from "../schema.ts";
import { type DelegationRow, delegationPortalUrl } from "./delegations.ts";
import { markWithdrawn, nominateMember } from "./nominations.ts";

/**
 * A focal point replaces a member, in one step: the member is withdrawn, their badge revoked (reason
 * "substituted", so kiosks refuse it at once) and with their status their online links; the replacement is
 * nominated in the same place of the quota, as Head of Delegation if the member was; the focal point gets
 * an email saying who replaced whom. The new member's badge is issued once they are accredited, like any.
 */
export async function substituteMember(ctx: LinkContext, event: EventRow, delegation: DelegationRow, token: string, participantId: unknown, input: unknown) {
  assertLinkMay("focal_point", "delegation.withdraw_member", { deadlinePassed: delegation.deadline <= ctx.now, registrationClosed: false });
  const id = toId(participantId);
  if (!id) throw NotFound();
  return ctx.db.transaction(async (tx) => {
    const [member] = await tx
      .select()
      .from(participants)
      .where(and(eq(participants.id, id), eq(participants.delegationId, delegation.id)))
      .for("update");
    if (!member) throw NotFound();
    if (inactiveStatuses.includes(member.status)) throw Invalid("validation", { participantId: "delegation.already_withdrawn" });
    const wasHead = delegation.headParticipantId === member.id;
    await markWithdrawn(tx, delegation, member, ctx.now);
    const revoked = await revokeCurrentBadge(tx, event.id, member.id, "substituted", ctx.now);
    // The nomination runs inside this transaction (a savepoint): a refused replacement withdraws nobody.
    const fields = wasHead ? asHead(input) : input;
    const replacement = await nominateMember({ ...ctx, db: tx as unknown as Db }, event, { ...delegation, headParticipantId: null }, fields);
    await recordAudit(tx, {
      eventId: event.id,
      actorId: null,
      entity: "participant",
      entityId: member.id,
      action: "update",
      before: { status: member.status },
      after: { status: "withdrawn", by: "focal_point", substitutedBy: replacement.id, badgeRevoked: revoked !== null },
    });
    const lang = delegation.focalPointLang;
    await sendRegistrationMail(tx, event, {
      kind: "substituted",
      to: delegation.focalPointEmail,
      lang,
      name: delegation.focalPointName,
      link: delegationPortalUrl(ctx.publicUrl, event, lang, token),
      key: `${member.id}:${replacement.id}`,
      extra: {
        delegation: text(delegation.name, lang, event.languages),
        replaced: `${member.givenName} ${member.familyName}`,
        replacement: `${replacement.givenName} ${replacement.familyName}`,
      },
    });
    return { replaced: member, replacement };
  });
}

/** The successor's form, marked Head of Delegation (a form as sent, files included, or plain values). */
function asHead(input: unknown): unknown {
  if (input instanceof FormData) {
    const form = new FormData();
    for (const [key, value] of input) form.append(key, value);
    form.set("head", "on");
    return form;
  }
  return { ...(input as Record<string, unknown>), head: "on" };
}
