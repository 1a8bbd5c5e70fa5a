import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { interfaceLanguages } from "../../../i18n/index.ts";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../shared/errors.ts";
import { int4Max, parseInput, toId } from "../../shared/validate.ts";
import { formValues, mergeCustomAnswers, readCustomAnswers, withAnswerErrors } from "../forms/custom-answers.ts";
import { listFormFields } from "../forms/form-fields.ts";
import { createSealer, identityHash } from "../privacy/crypto.ts";
import { categories, participants } from "../schema.ts";

export type ParticipantRow = typeof participants.$inferSelect;

const optional = (max: number) =>
  z.preprocess((v) => (v == null || (typeof v === "string" && v.trim() === "") ? null : v), z.string().trim().max(max, "too_long").nullable());
const required = (max: number) => z.string("required").trim().min(1, "required").max(max, "too_long");

/** What the secretariat may correct in a registration. ID data, status and consents have their own paths. */
export const staffParticipantInput = z.object({
  honorific: optional(40),
  givenName: required(100),
  familyName: required(100),
  givenNameLocal: optional(100),
  familyNameLocal: optional(100),
  position: optional(200),
  organisation: optional(200),
  country: z.preprocess(
    (v) => (v === "" || v == null ? null : typeof v === "string" ? v.trim().toUpperCase() : v),
    z
      .string()
      .regex(/^[A-Z]{2}$/, "country.invalid")
      .nullable(),
  ),
  email: z
    .string("required")
    .trim()
    .min(1, "required")
    .max(254, "too_long")
    .email("email.invalid")
    .transform((e) => e.toLowerCase()),
  phone: optional(40),
  categoryId: z.coerce
    .number("registration.category_unknown")
    .int("registration.category_unknown")
    .positive("registration.category_unknown")
    .max(2_147_483_647, "registration.category_unknown"),
  lang: z.enum(interfaceLanguages, "language.interface_only"),
  version: z.coerce.number("required").int("required").positive("required").max(int4Max, "invalid"),
});

const editable = [
  "honorific",
  "givenName",
  "familyName",
  "givenNameLocal",
  "familyNameLocal",
  "position",
  "organisation",
  "country",
  "email",
  "phone",
  "categoryId",
  "lang",
] as const;
const pick = (row: Pick<ParticipantRow, (typeof editable)[number]>) => Object.fromEntries(editable.map((k) => [k, row[k]]));

/** A birth date this instance's key cannot open (SECRET_KEY changed) leaves the old hash as it is. */
function openOrNull(secret: string, sealed: string): string | null {
  try {
    return createSealer(secret).open(sealed);
  } catch {
    return null;
  }
}

/** PostgreSQL's unique_violation, as node-postgres and PGlite report it (drizzle wraps it in `cause`). */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * The secretariat corrects a registration: names, position, organisation, country, email (one registration
 * per email per event), phone, category (one of this event's) and language. The form carries the version
 * it showed; a stale one answers 409 and changes nothing. Changed names renew the duplicate-detection hash.
 * Answers to the event's own questions are checked like the person's own (features/registration/forms/custom-answers.ts).
 */
export async function updateParticipant(
  ctx: StaffContext & { secret: string },
  event: EventRow,
  participantId: unknown,
  input: unknown,
): Promise<ParticipantRow> {
  if (!can(ctx.actor, "registrations.review")) throw Forbidden();
  const id = toId(participantId);
  if (!id) throw NotFound();
  const values = formValues(input) as Record<string, unknown> | null;
  const [questions, [stored]] = await Promise.all([
    listFormFields(ctx.db, event.id),
    ctx.db
      .select({ custom: participants.custom })
      .from(participants)
      .where(and(eq(participants.id, id), eq(participants.eventId, event.id))),
  ]);
  if (!stored) throw NotFound();
  // The answers asked of the category chosen in this same form; the secretariat may leave required ones empty.
  const answers = await readCustomAnswers(questions, toId(values?.categoryId) ?? 0, input, { current: stored.custom, requireAnswers: false });
  const { version, ...data } = withAnswerErrors(answers, () => parseInput(staffParticipantInput, values));
  if (!answers.ok) throw Invalid("validation", answers.errors, answers.values);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(participants)
        .where(and(eq(participants.id, id), eq(participants.eventId, event.id)))
        .for("update");
      if (!current) throw NotFound();
      if (current.version !== version) throw Conflict("conflict.stale", { current: current.version });
      const [category] = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.id, data.categoryId), eq(categories.eventId, event.id)));
      if (!category) throw Invalid("validation", { categoryId: "registration.category_unknown" });
      const [taken] = await tx
        .select({ id: participants.id })
        .from(participants)
        .where(and(eq(participants.eventId, event.id), eq(participants.email, data.email), ne(participants.id, id)));
      if (taken) throw Invalid("validation", { email: "registration.duplicate_email" });

      let hash = current.identityHash;
      if (current.birthDateEnc && (data.givenName !== current.givenName || data.familyName !== current.familyName)) {
        hash = identityHash(ctx.secret, data.givenName, data.familyName, openOrNull(ctx.secret, current.birthDateEnc)) ?? current.identityHash;
      }
      const custom = await mergeCustomAnswers(tx, event.id, answers, current.custom);
      const [saved] = await tx
        .update(participants)
        .set({ ...data, custom, identityHash: hash, version: version + 1, updatedAt: ctx.now })
        .where(and(eq(participants.id, id), eq(participants.version, version)))
        .returning();
      if (!saved) throw Conflict("conflict.stale");
      await recordAudit(tx, {
        eventId: event.id,
        actorId: ctx.actor.userId,
        entity: "participant",
        entityId: id,
        action: "update",
        before: { ...pick(current), custom: current.custom },
        after: { ...pick(saved), custom: saved.custom },
      });
      return saved;
    });
  } catch (error) {
    // Two edits giving two people the same email at once: the unique index decides, and the loser is told.
    if (isUniqueViolation(error)) throw Invalid("validation", { email: "registration.duplicate_email" });
    throw error;
  }
}
