import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import { zonedToUtc } from "../../../i18n/format.ts";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import { checkLocalized } from "../../events/check-languages.ts";
import type { EventRow } from "../../events/queries.ts";
import type { StaffContext } from "../../shared/context.ts";
import { isCountryCode } from "../../shared/countries.ts";
import { Forbidden, Invalid, NotFound } from "../../shared/errors.ts";
import { type Localized, text } from "../../shared/localized.ts";
import { parseInput, toId } from "../../shared/validate.ts";
import { ensureDefaultCategories } from "../default-categories.ts";
import { type DelegationInput, delegationInput } from "../input.ts";
import { createLink, resolveLink, revokeLinks } from "../links/links.ts";
import { sendRegistrationMail } from "../mailing/send-registration-mail.ts";
import { categories, delegations, participants } from "../schema.ts";
import { stateNames } from "./states.ts";

export type DelegationRow = typeof delegations.$inferSelect;

/** Links live until a month after the event, and at least 60 days from when they are sent. */
export function linkExpiry(event: EventRow, now = new Date()): Date {
  return new Date(Math.max(Date.parse(`${event.endDate}T23:59:59Z`) + 30 * 86_400_000, now.getTime() + 60 * 86_400_000));
}

export function delegationPortalUrl(publicUrl: string, event: EventRow, lang: string, token: string) {
  return `${publicUrl}/${lang}/e/${event.slug}/delegation/${token}`;
}

/**
 * A delegation's deadline, typed as wall-clock time in the event's zone. One already past is refused unless
 * the person said it is meant (`confirmed`): a focal point would otherwise get a link that opens on a closed page.
 */
export function checkDeadline(typed: string, event: Pick<EventRow, "timezone">, now: Date, confirmed: boolean | undefined): Date {
  const deadline = zonedToUtc(typed, event.timezone);
  if (!deadline) throw Invalid("validation", { deadline: "datetime.invalid" });
  if (deadline <= now && !confirmed) throw Invalid("validation", { deadline: "delegation.deadline_in_past" });
  return deadline;
}

/**
 * A delegation's country and names as given, checked: a State needs a known country code, and its names
 * left empty are the State's own (UN names, features/registration/delegations/states.ts) in the event's
 * languages, so a State picked from the list is named in all of them.
 */
export function delegationNames(event: Pick<EventRow, "languages">, data: Pick<DelegationInput, "kind" | "country" | "name">): Localized {
  if (data.country && !isCountryCode(data.country)) throw Invalid("validation", { country: "country.invalid" });
  if (data.kind === "state" && !data.country) throw Invalid("validation", { country: "required" });
  const given = data.kind === "state" && data.country ? { ...stateNames(data.country, event.languages), ...withoutEmpty(data.name) } : data.name;
  return checkLocalized(event.languages, { name: given }, ["name"]).name;
}

const withoutEmpty = (value: Localized | undefined): Localized => Object.fromEntries(Object.entries(value ?? {}).filter(([, text]) => text.trim() !== ""));

/** The secretariat invites a State or organisation: the focal point gets a link to nominate members. */
export async function createDelegation(ctx: StaffContext, event: EventRow, input: unknown) {
  if (!can(ctx.actor, "delegations.create")) throw Forbidden();
  const data = parseInput(delegationInput, input);
  const name = delegationNames(event, data);
  const deadline = checkDeadline(data.deadline, event, ctx.now, data.deadlinePastConfirmed);
  return ctx.db.transaction(async (tx) => {
    await ensureDefaultCategories(tx, event.id);
    if (data.defaultCategoryId) {
      const [category] = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.id, data.defaultCategoryId), eq(categories.eventId, event.id)));
      if (!category) throw Invalid("validation", { defaultCategoryId: "invalid" });
    }
    const [delegation] = await tx
      .insert(delegations)
      .values({
        eventId: event.id,
        kind: data.kind,
        country: data.country ?? null,
        name,
        quota: data.quota,
        deadline,
        defaultCategoryId: data.defaultCategoryId ?? null,
        focalPointName: data.focalPointName,
        focalPointEmail: data.focalPointEmail,
        focalPointLang: data.focalPointLang,
        invitedAt: ctx.now,
      })
      .returning();
    await inviteFocalPoint(tx, ctx.publicUrl, event, delegation, ctx.now);
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "delegation", entityId: delegation.id, action: "create", after: delegation });
    return delegation;
  });
}

/** A fresh link for the focal point (the old ones stop working), sent by email. */
export async function inviteFocalPoint(tx: DbOrTx, publicUrl: string, event: EventRow, delegation: DelegationRow, now: Date) {
  if (!delegation.invitedAt) await tx.update(delegations).set({ invitedAt: now }).where(eq(delegations.id, delegation.id));
  await revokeLinks(tx, { delegationId: delegation.id }, now);
  const token = await createLink(tx, { eventId: event.id, purpose: "focal_point", delegationId: delegation.id, expiresAt: linkExpiry(event, now) });
  await sendRegistrationMail(tx, event, {
    kind: "focalPoint",
    to: delegation.focalPointEmail,
    lang: delegation.focalPointLang,
    name: delegation.focalPointName,
    link: delegationPortalUrl(publicUrl, event, delegation.focalPointLang, token),
    key: `${delegation.id}:${token.slice(0, 12)}`,
    extra: { delegation: text(delegation.name, delegation.focalPointLang, event.languages), quota: delegation.quota },
    deadline: delegation.deadline,
  });
  return token;
}

export async function resendFocalPointLink(ctx: StaffContext, event: EventRow, delegationId: unknown) {
  if (!can(ctx.actor, "registrations.manage")) throw Forbidden();
  const delegation = await getDelegation(ctx.db, event.id, delegationId);
  await ctx.db.transaction(async (tx) => {
    await inviteFocalPoint(tx, ctx.publicUrl, event, delegation, ctx.now);
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "delegation",
      entityId: delegation.id,
      action: "update",
      after: { linkResent: true },
    });
  });
}

export async function getDelegation(db: DbOrTx, eventId: number, id: unknown): Promise<DelegationRow> {
  const delegationId = toId(id);
  if (!delegationId) throw NotFound();
  const [delegation] = await db
    .select()
    .from(delegations)
    .where(and(eq(delegations.id, delegationId), eq(delegations.eventId, eventId)));
  if (!delegation) throw NotFound();
  return delegation;
}

/** What a focal point's link opens: their delegation only, whatever id they try. */
export async function delegationForToken(db: DbOrTx, event: EventRow, token: string, client: string) {
  const link = await resolveLink(db, token, event.id, "focal_point", client);
  return getDelegation(db, event.id, link.delegationId);
}

export async function delegationMembers(db: DbOrTx, delegationId: number) {
  return db.select().from(participants).where(eq(participants.delegationId, delegationId)).orderBy(asc(participants.id));
}

export async function listDelegations(db: DbOrTx, eventId: number) {
  return db.select().from(delegations).where(eq(delegations.eventId, eventId)).orderBy(asc(delegations.id));
}
