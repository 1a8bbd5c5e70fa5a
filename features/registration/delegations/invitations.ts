import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/index.ts";
import { interfaceLanguages } from "../../../i18n/index.ts";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import type { StaffContext } from "../../shared/context.ts";
import { AppError, Forbidden, Invalid } from "../../shared/errors.ts";
import { int4Max, parseInput } from "../../shared/validate.ts";
import { ensureDefaultCategories } from "../default-categories.ts";
import { createLink, resolveLink } from "../links/links.ts";
import { sendRegistrationMail } from "../mailing/send-registration-mail.ts";
import { categories, invitations, participants } from "../schema.ts";
import { linkExpiry } from "./delegations.ts";

export const invitationInput = z.object({
  email: z
    .string("required")
    .trim()
    .min(1, "required")
    .max(254, "too_long")
    .email("email.invalid")
    .transform((e) => e.toLowerCase()),
  givenName: z.string("required").trim().min(1, "required").max(100, "too_long"),
  familyName: z.string("required").trim().min(1, "required").max(100, "too_long"),
  categoryId: z.coerce.number("required").int("invalid").positive("required").max(int4Max, "invalid"),
  lang: z.enum(interfaceLanguages, "language.interface_only"),
});

export function invitationUrl(publicUrl: string, event: EventRow, lang: string, token: string) {
  return `${publicUrl}/${lang}/e/${event.slug}/register/${token}`;
}

/** The secretariat invites one person, in a category of its choosing; they register through the emailed link. */
export async function inviteParticipant(ctx: StaffContext, event: EventRow, input: unknown) {
  if (!can(ctx.actor, "registrations.manage")) throw Forbidden();
  const data = parseInput(invitationInput, input);
  return ctx.db.transaction(async (tx) => {
    await ensureDefaultCategories(tx, event.id);
    const [category] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.id, data.categoryId), eq(categories.eventId, event.id)));
    if (!category) throw Invalid("validation", { categoryId: "invalid" });
    const [registered] = await tx
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.eventId, event.id), eq(participants.email, data.email)));
    const [invited] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.eventId, event.id), eq(invitations.email, data.email)));
    if (registered || invited) throw Invalid("validation", { email: "invitation.duplicate" });
    const [invitation] = await tx
      .insert(invitations)
      .values({ eventId: event.id, ...data, createdBy: ctx.actor.userId })
      .returning();
    const token = await createLink(tx, { eventId: event.id, purpose: "invitation", invitationId: invitation.id, expiresAt: linkExpiry(event, ctx.now) });
    await sendRegistrationMail(tx, event, {
      kind: "invitation",
      to: invitation.email,
      lang: invitation.lang,
      name: `${invitation.givenName} ${invitation.familyName}`,
      link: invitationUrl(ctx.publicUrl, event, invitation.lang, token),
      key: `${invitation.id}`,
    });
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "invitation", entityId: invitation.id, action: "create", after: invitation });
    return invitation;
  });
}

export async function invitationForToken(db: DbOrTx, event: EventRow, token: string, client: string) {
  const link = await resolveLink(db, token, event.id, "invitation", client);
  const [invitation] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, link.invitationId!), eq(invitations.eventId, event.id)));
  if (!invitation) throw new AppError(404, "link.invalid");
  return invitation;
}

export async function listInvitations(db: DbOrTx, eventId: number) {
  return db.select().from(invitations).where(eq(invitations.eventId, eventId)).orderBy(desc(invitations.id)).limit(500);
}
