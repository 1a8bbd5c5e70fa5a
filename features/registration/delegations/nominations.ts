import { and, eq, notInArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/index.ts";
import { recordAudit } from "../../access/audit.ts";
import type { EventRow } from "../../events/queries.ts";
import { fileStore } from "../../files/store.ts";
import type { LinkContext } from "../../shared/context.ts";
import { AppError, Invalid, NotFound } from "../../shared/errors.ts";
import { parseInput, toId } from "../../shared/validate.ts";
import { ensureDefaultCategories } from "../default-categories.ts";
import { formValues, mergeCustomAnswers, readCustomAnswers, withAnswerErrors } from "../forms/custom-answers.ts";
import { listFormFields } from "../forms/form-fields.ts";
import { nominationInput } from "../input.ts";
import { assertLinkMay, type LinkAction } from "../links/link-policy.ts";
import { createLink } from "../links/links.ts";
import { sendRegistrationMail } from "../mailing/send-registration-mail.ts";
import { categories, delegations, inactiveStatuses, participants } from "../schema.ts";
import { type DelegationRow, linkExpiry } from "./delegations.ts";

export function participantPortalUrl(publicUrl: string, event: EventRow, lang: string, token: string) {
  return `${publicUrl}/${lang}/e/${event.slug}/my/${token}`;
}

function assertOpen(delegation: DelegationRow, now: Date, action: LinkAction) {
  assertLinkMay("focal_point", action, { deadlinePassed: delegation.deadline <= now, registrationClosed: false });
}

async function categoryByCode(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], eventId: number, code: string) {
  await ensureDefaultCategories(tx, eventId);
  const [category] = await tx
    .select()
    .from(categories)
    .where(and(eq(categories.eventId, eventId), eq(categories.code, code)));
  return category;
}

/**
 * A focal point nominates a member: within the quota, before the deadline, one registration per email
 * per event. The member gets an email (in their language) with a link to their own portal.
 */
export async function nominateMember(ctx: LinkContext, event: EventRow, delegation: DelegationRow, input: unknown) {
  const { db } = ctx;
  const env = ctx;
  assertOpen(delegation, env.now, "delegation.nominate");
  const values = formValues(input) as Record<string, unknown> | null;
  return db.transaction(async (tx) => {
    // Serialise nominations of one delegation so two tabs cannot both take the last place.
    await tx.select({ id: delegations.id }).from(delegations).where(eq(delegations.id, delegation.id)).for("update");
    // The member's category decides which of the event's own questions are asked; all answers are checked
    // with the rest of the form, so the focal point sees every problem at once.
    const head = nominationInput.shape.head.safeParse(values?.head).data === true;
    const category = head
      ? await categoryByCode(tx, event.id, "hod")
      : delegation.defaultCategoryId
        ? (await tx.select().from(categories).where(eq(categories.id, delegation.defaultCategoryId)))[0]
        : await categoryByCode(tx, event.id, delegation.kind === "state" ? "delegate" : "organisation");
    const answers = await readCustomAnswers(await listFormFields(tx, event.id), category.id, input);
    const data = withAnswerErrors(answers, () => parseInput(nominationInput, values));
    if (!answers.ok) throw Invalid("validation", answers.errors, answers.values);
    const [duplicate] = await tx
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.eventId, event.id), eq(participants.email, data.email)));
    if (duplicate) throw Invalid("validation", { email: "registration.duplicate_email" });
    const [{ active }] = await tx
      .select({ active: sql<number>`count(*)::int` })
      .from(participants)
      .where(and(eq(participants.delegationId, delegation.id), notInArray(participants.status, [...inactiveStatuses])));
    if (active >= delegation.quota) throw new AppError(422, "delegation.over_quota", { values: { quota: delegation.quota } });

    const [member] = await tx
      .insert(participants)
      .values({
        eventId: event.id,
        delegationId: delegation.id,
        categoryId: category.id,
        status: "pending",
        honorific: data.honorific ?? null,
        givenName: data.givenName,
        familyName: data.familyName,
        givenNameLocal: data.givenNameLocal ?? null,
        familyNameLocal: data.familyNameLocal ?? null,
        position: data.position ?? null,
        organisation: data.organisation ?? null,
        country: delegation.country,
        email: data.email,
        lang: data.lang,
        custom: await mergeCustomAnswers(tx, event.id, answers),
      })
      .returning();
    if (head) await makeHead(tx, event, delegation, member.id);
    const token = await createLink(tx, { eventId: event.id, purpose: "participant", participantId: member.id, expiresAt: linkExpiry(event, env.now) });
    await sendRegistrationMail(tx, event, {
      kind: "received",
      to: member.email,
      lang: member.lang,
      name: `${member.givenName} ${member.familyName}`,
      link: participantPortalUrl(env.publicUrl, event, member.lang, token),
      key: `${member.id}`,
      participantId: member.id,
    });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: null,
      entity: "participant",
      entityId: member.id,
      action: "create",
      after: { ...member, by: "focal_point", delegationId: delegation.id },
    });
    return member;
  });
}

/** The Head of Delegation is one member, in the Head of Delegation category; a former head becomes a delegate. */
async function makeHead(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], event: EventRow, delegation: DelegationRow, participantId: number) {
  const hod = await categoryByCode(tx, event.id, "hod");
  const fallback = delegation.defaultCategoryId ?? (await categoryByCode(tx, event.id, delegation.kind === "state" ? "delegate" : "organisation")).id;
  await tx
    .update(participants)
    .set({ categoryId: fallback, version: sql`${participants.version} + 1` })
    .where(and(eq(participants.delegationId, delegation.id), eq(participants.categoryId, hod.id), sql`${participants.id} <> ${participantId}`));
  await tx
    .update(participants)
    .set({ categoryId: hod.id, version: sql`${participants.version} + 1` })
    .where(eq(participants.id, participantId));
  await tx
    .update(delegations)
    .set({ headParticipantId: participantId, version: sql`${delegations.version} + 1` })
    .where(eq(delegations.id, delegation.id));
}

async function memberOf(db: Db, delegation: DelegationRow, participantId: unknown) {
  const id = toId(participantId);
  if (!id) throw NotFound();
  // Only this delegation's members: an id from another delegation is simply not found.
  const [member] = await db
    .select()
    .from(participants)
    .where(and(eq(participants.id, id), eq(participants.delegationId, delegation.id)));
  if (!member) throw NotFound();
  return member;
}

export async function setHeadOfDelegation(ctx: LinkContext, event: EventRow, delegation: DelegationRow, participantId: unknown) {
  const { db, now } = ctx;
  assertOpen(delegation, now, "delegation.name_head");
  const member = await memberOf(db, delegation, participantId);
  if (inactiveStatuses.includes(member.status)) throw Invalid("validation", { participantId: "invalid" });
  await db.transaction(async (tx) => {
    await makeHead(tx, event, delegation, member.id);
    await recordAudit(tx, {
      eventId: event.id,
      actorId: null,
      entity: "delegation",
      entityId: delegation.id,
      action: "update",
      before: { headParticipantId: delegation.headParticipantId },
      after: { headParticipantId: member.id, by: "focal_point" },
    });
  });
}

/** Until the deadline a focal point may withdraw a member, which frees the place for a replacement. */
export async function withdrawMember(ctx: LinkContext, event: EventRow, delegation: DelegationRow, participantId: unknown) {
  const { db, now } = ctx;
  assertOpen(delegation, now, "delegation.withdraw_member");
  const member = await memberOf(db, delegation, participantId);
  if (inactiveStatuses.includes(member.status)) return member;
  return db.transaction(async (tx) => {
    const saved = await markWithdrawn(tx, delegation, member, now);
    await recordAudit(tx, {
      eventId: event.id,
      actorId: null,
      entity: "participant",
      entityId: member.id,
      action: "update",
      before: { status: member.status },
      after: { status: "withdrawn", by: "focal_point" },
    });
    return saved;
  });
}

/** A member withdrawn, in the caller's transaction: their place in the quota freed, the delegation headless if they led it. */
export async function markWithdrawn(tx: DbOrTx, delegation: DelegationRow, member: { id: number; version: number }, now: Date) {
  const [saved] = await tx
    .update(participants)
    .set({ status: "withdrawn", version: member.version + 1, updatedAt: now })
    .where(eq(participants.id, member.id))
    .returning();
  if (delegation.headParticipantId === member.id) await tx.update(delegations).set({ headParticipantId: null }).where(eq(delegations.id, delegation.id));
  return saved;
}

/** The official letter (note verbale) as a PDF, checked by its bytes. A new upload replaces the old. */
export async function uploadNominationLetter(ctx: LinkContext, event: EventRow, delegation: DelegationRow, file: File | null | undefined) {
  const { db, now } = ctx;
  assertOpen(delegation, now, "delegation.upload_letter");
  if (!file || typeof file === "string" || file.size === 0) throw Invalid("validation", { letter: "upload.empty" });
  await db.transaction(async (tx) => {
    const fileId = (await fileStore.put(tx, { eventId: event.id, kind: "letter", filename: file.name, body: file }, "letter")).id;
    await tx
      .update(delegations)
      .set({ letterFileId: fileId, version: sql`${delegations.version} + 1` })
      .where(eq(delegations.id, delegation.id));
    if (delegation.letterFileId) await fileStore.delete(tx, event.id, { ids: [delegation.letterFileId], kinds: ["letter"] });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: null,
      entity: "delegation",
      entityId: delegation.id,
      action: "update",
      before: { letterFileId: delegation.letterFileId },
      after: { letterFileId: fileId, by: "focal_point" },
    });
  });
}
