import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/index.ts";
import { zonedToUtc } from "../../../i18n/format.ts";
import { interfaceLanguages } from "../../../i18n/index.ts";
import { recordAudit } from "../../access/audit.ts";
import type { EventRow } from "../../events/queries.ts";
import type { LinkContext } from "../../shared/context.ts";
import { AppError, Invalid } from "../../shared/errors.ts";
import { formInteger, parseInput } from "../../shared/validate.ts";
import { formValues, mergeCustomAnswers, readCustomAnswers, withAnswerErrors } from "../forms/custom-answers.ts";
import { listFormFields } from "../forms/form-fields.ts";
import { categories, delegations, inactiveStatuses, participants, type RegistrationStatus } from "../schema.ts";
import { assertLinkMay, type LinkState } from "./link-policy.ts";
import { resolveLink } from "./links.ts";

export type ParticipantRow = typeof participants.$inferSelect;

/** What a participant's own link opens: their registration, their category and delegation. */
export async function participantForToken(db: DbOrTx, event: EventRow, token: string, client: string) {
  const link = await resolveLink(db, token, event.id, "participant", client);
  const [row] = await db
    .select({ participant: participants, category: categories, delegation: delegations })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .leftJoin(delegations, eq(delegations.id, participants.delegationId))
    .where(and(eq(participants.id, link.participantId!), eq(participants.eventId, event.id)));
  if (!row) throw new AppError(404, "link.invalid");
  return row;
}

/** Where a participant's link stands, for the link policy (features/registration/links/link-policy.ts). */
export function linkState(
  event: EventRow,
  row: { participant: { status: RegistrationStatus; reopenedUntil?: Date | null }; delegation: { deadline: Date } | null },
  now: Date,
): LinkState {
  return {
    deadlinePassed: editDeadline(event, row.delegation, row.participant) <= now,
    registrationClosed: inactiveStatuses.includes(row.participant.status),
  };
}

/**
 * Changes are open until the delegation's deadline, or for others until the first day of the event begins in
 * its time zone; or later, when the secretariat reopened this person's page until then (reopen-own-page.ts).
 */
export function editDeadline(
  event: Pick<EventRow, "startDate" | "timezone">,
  delegation: { deadline: Date } | null,
  participant?: { reopenedUntil?: Date | null },
): Date {
  const deadline = delegation?.deadline ?? zonedToUtc(`${event.startDate}T00:00`, event.timezone) ?? new Date(`${event.startDate}T00:00:00Z`);
  const reopened = participant?.reopenedUntil;
  return reopened && reopened > deadline ? reopened : deadline;
}

const optional = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().max(max, "too_long").nullable().optional());

/** What a participant may change themselves; names, email and category go through the secretariat. */
export const portalInput = z.object({
  position: optional(200),
  organisation: optional(200),
  phone: optional(40),
  dietary: optional(300),
  accessibility: optional(300),
  interpretationLanguage: optional(10),
  lang: z.enum(interfaceLanguages, "language.interface_only"),
  consentList: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  version: formInteger().positive(),
});

export async function updateOwnRegistration(ctx: LinkContext, event: EventRow, row: Awaited<ReturnType<typeof participantForToken>>, input: unknown) {
  const { db, now } = ctx;
  assertLinkMay("participant", "participant.edit", linkState(event, row, now));
  // The event's own questions asked of the person's category come with the details, checked together.
  const answers = await readCustomAnswers(await listFormFields(db, event.id), row.category.id, input, { current: row.participant.custom });
  const { version, ...data } = withAnswerErrors(answers, () => parseInput(portalInput, formValues(input)));
  if (!answers.ok) throw Invalid("validation", answers.errors, answers.values);
  return db.transaction(async (tx) => {
    const custom = await mergeCustomAnswers(tx, event.id, answers, row.participant.custom);
    const [saved] = await tx
      .update(participants)
      .set({ ...data, custom, version: version + 1, updatedAt: now })
      .where(and(eq(participants.id, row.participant.id), eq(participants.version, version)))
      .returning();
    if (!saved) throw new AppError(409, "conflict.stale");
    await recordAudit(tx, {
      eventId: event.id,
      actorId: null,
      entity: "participant",
      entityId: saved.id,
      action: "update",
      before: row.participant,
      after: { ...saved, by: "participant" },
    });
    return saved;
  });
}

export async function withdrawOwnRegistration(ctx: LinkContext, event: EventRow, row: Awaited<ReturnType<typeof participantForToken>>) {
  const { db, now } = ctx;
  assertLinkMay("participant", "participant.withdraw", linkState(event, row, now));
  if (inactiveStatuses.includes(row.participant.status)) return row.participant;
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .update(participants)
      .set({ status: "withdrawn", version: row.participant.version + 1, updatedAt: now })
      .where(eq(participants.id, row.participant.id))
      .returning();
    if (row.delegation?.headParticipantId === saved.id)
      await tx.update(delegations).set({ headParticipantId: null }).where(eq(delegations.id, row.delegation.id));
    await recordAudit(tx, {
      eventId: event.id,
      actorId: null,
      entity: "participant",
      entityId: saved.id,
      action: "update",
      before: { status: row.participant.status },
      after: { status: "withdrawn", by: "participant" },
    });
    return saved;
  });
}
