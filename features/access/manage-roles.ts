import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { createTranslator } from "../../i18n/index.ts";
import type { EventRow } from "../events/queries.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { sessions } from "../programme/schema.ts";
import type { StaffContext } from "../shared/context.ts";
import { Forbidden, Invalid, NotFound } from "../shared/errors.ts";
import { text } from "../shared/localized.ts";
import { formInteger, parseInput } from "../shared/validate.ts";
import { recordAudit } from "./audit.ts";
import { newToken, normaliseEmail, sha256 } from "./auth.ts";
import { can } from "./policy.ts";
import { passwordResets, roleGrants, roles, sideEventGrants, users } from "./schema.ts";

export const grantInput = z.object({
  email: z.string().trim().email("email.invalid").max(200),
  name: z.string().trim().max(200).optional(),
  role: z.enum(roles, "role.invalid"),
  sideEventIds: z.array(formInteger().positive()).max(200).optional(),
});

/**
 * Gives a person a role in the event. Someone without an account gets one, and an email (through the
 * outbox) with a link to choose a password.
 */
export async function grantRole(ctx: StaffContext, event: EventRow, input: unknown) {
  if (!can(ctx.actor, "roles.manage")) throw Forbidden();
  const data = parseInput(grantInput, input);
  const email = normaliseEmail(data.email);
  return ctx.db.transaction(async (tx) => {
    let [user] = await tx.select().from(users).where(eq(users.email, email));
    let invited = false;
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email, name: data.name || email.split("@")[0], locale: "en" })
        .returning();
      invited = true;
    }
    const [before] = await tx
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.eventId, event.id), eq(roleGrants.userId, user.id)));
    if (before?.role === "owner" && data.role !== "owner") await ensureAnotherOwner(tx, event.id, user.id);
    await tx
      .insert(roleGrants)
      .values({ eventId: event.id, userId: user.id, role: data.role })
      .onConflictDoUpdate({ target: [roleGrants.eventId, roleGrants.userId], set: { role: data.role } });
    // Side events granted to a partner: replace the set with the one given.
    const eventSessions = (
      await tx
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(eq(sessions.eventId, event.id), eq(sessions.kind, "side_event")))
    ).map((s) => s.id);
    if (eventSessions.length)
      await tx.delete(sideEventGrants).where(and(eq(sideEventGrants.userId, user.id), inArray(sideEventGrants.sessionId, eventSessions)));
    const granted = data.role === "side_event_partner" ? (data.sideEventIds ?? []).filter((id) => eventSessions.includes(id)) : [];
    if (granted.length) await tx.insert(sideEventGrants).values(granted.map((sessionId) => ({ userId: user.id, sessionId })));
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "role",
      entityId: user.id,
      action: "grant",
      before: before ? { role: before.role } : null,
      after: { email, role: data.role, sideEventIds: granted },
    });
    if (invited) {
      const token = newToken();
      await tx.insert(passwordResets).values({ tokenHash: sha256(token), userId: user.id, expiresAt: new Date(ctx.now.getTime() + 7 * 86_400_000) });
      const t = createTranslator(user.locale);
      const eventTitle = text(event.title, user.locale, event.languages);
      await enqueueMail(tx, {
        to: email,
        lang: user.locale,
        idempotencyKey: `invite:${event.id}:${user.id}:${sha256(token)}`,
        subject: t("mail.invite.subject", { event: eventTitle }),
        text: t("mail.invite.body", { name: user.name, event: eventTitle, role: t(`admin.roles.${data.role}`), link: `${ctx.publicUrl}/admin/reset/${token}` }),
      });
    }
    return { user, invited };
  });
}

export async function revokeRole(ctx: StaffContext, event: EventRow, userId: number) {
  if (!can(ctx.actor, "roles.manage")) throw Forbidden();
  if (!Number.isInteger(userId) || userId <= 0) throw NotFound("user.not_found");
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.eventId, event.id), eq(roleGrants.userId, userId)));
    if (!before) throw NotFound("user.not_found");
    if (before.role === "owner") await ensureAnotherOwner(tx, event.id, userId);
    await tx.delete(roleGrants).where(and(eq(roleGrants.eventId, event.id), eq(roleGrants.userId, userId)));
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "role", entityId: userId, action: "revoke", before: { role: before.role } });
  });
}

async function ensureAnotherOwner(tx: StaffContext["db"] | Parameters<Parameters<StaffContext["db"]["transaction"]>[0]>[0], eventId: number, userId: number) {
  const owners = await tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(eq(roleGrants.eventId, eventId), eq(roleGrants.role, "owner")));
  if (!owners.some((o) => o.userId !== userId)) throw Invalid("validation", { role: "role.last_owner" });
}
