import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/index.ts";
import { interfaceLanguages } from "../../i18n/index.ts";
import { recordAudit } from "../access/audit.ts";
import { sha256 } from "../access/auth.ts";
import { hitRateLimit } from "../access/rate-limit.ts";
import type { EventRow } from "../events/queries.ts";
import type { PublicContext } from "../shared/context.ts";
import { AppError, Invalid } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { linkExpiry } from "./delegations/delegations.ts";
import { participantPortalUrl } from "./delegations/nominations.ts";
import { formValues, mergeCustomAnswers, readCustomAnswers, withAnswerErrors } from "./forms/custom-answers.ts";
import { listFormFields } from "./forms/form-fields.ts";
import { createLink } from "./links/links.ts";
import { sendRegistrationMail } from "./mailing/send-registration-mail.ts";
import { categories, invitations, participants } from "./schema.ts";

const optional = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, "too_long").optional());
const onOff = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** What a person types to register (ID data and the photo come later, on their own page). */
export const registerInput = z.object({
  honorific: optional(40),
  givenName: z.string("required").trim().min(1, "required").max(100, "too_long"),
  familyName: z.string("required").trim().min(1, "required").max(100, "too_long"),
  givenNameLocal: optional(100),
  familyNameLocal: optional(100),
  position: optional(200),
  organisation: optional(200),
  country: z.preprocess((v) => (typeof v === "string" ? v.trim().toUpperCase() : v), z.string("required").regex(/^[A-Z]{2}$/, "country.invalid")),
  email: z
    .string("required")
    .trim()
    .min(1, "required")
    .max(254, "too_long")
    .email("email.invalid")
    .transform((e) => e.toLowerCase()),
  phone: optional(40),
  lang: z.enum(interfaceLanguages, "language.interface_only"),
  consentList: onOff,
  consentData: onOff.refine((v) => v, "registration.consent_required"),
});

export type Category = typeof categories.$inferSelect;
type Invitation = typeof invitations.$inferSelect;

/**
 * A person registers: openly in a category that allows it (with its access code, if it has one), or
 * through a personal invitation. One registration per email per event; the person gets an email with a
 * link to their own page.
 */
export async function register(
  ctx: PublicContext,
  event: EventRow,
  target: { category: Category; accessCode?: unknown } | { invitation: Invitation },
  input: unknown,
) {
  const { db } = ctx;
  const env = ctx;
  await hitRateLimit(db, `register:${sha256(env.client)}`, 30, 60 * 60_000, env.now);
  let category: Category;
  let invitation: Invitation | null = null;
  if ("invitation" in target) {
    invitation = target.invitation;
    if (invitation.acceptedAt) throw new AppError(403, "invitation.used");
    [category] = await db.select().from(categories).where(eq(categories.id, invitation.categoryId));
  } else {
    category = target.category;
    if (!category.openRegistration || category.eventId !== event.id) throw new AppError(403, "registration.not_open");
    if (category.accessCode && String(target.accessCode ?? "").trim() !== category.accessCode)
      throw Invalid("validation", { accessCode: "registration.access_code" });
  }
  // The event's own questions are checked with the rest, so every problem shows at once and nothing is saved.
  const answers = await readCustomAnswers(await listFormFields(db, event.id), category.id, input);
  const data = withAnswerErrors(answers, () => {
    const data = parseInput(registerInput, formValues(input));
    const fields: Record<string, string> = {};
    if (invitation && data.email !== invitation.email) fields.email = "invitation.email_mismatch";
    for (const field of ["position", "organisation", "phone"] as const) if (category.requiredFields.includes(field) && !data[field]) fields[field] = "required";
    if (Object.keys(fields).length) throw Invalid("validation", fields);
    return data;
  });
  if (!answers.ok) throw Invalid("validation", answers.errors, answers.values);

  return db.transaction(async (tx) => {
    const [duplicate] = await tx
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.eventId, event.id), eq(participants.email, data.email)));
    if (duplicate) throw Invalid("validation", { email: "registration.duplicate_email" });
    const [person] = await tx
      .insert(participants)
      .values({
        eventId: event.id,
        categoryId: category.id,
        delegationId: invitation?.delegationId ?? null,
        status: "pending",
        honorific: data.honorific ?? null,
        givenName: data.givenName,
        familyName: data.familyName,
        givenNameLocal: data.givenNameLocal ?? null,
        familyNameLocal: data.familyNameLocal ?? null,
        position: data.position ?? null,
        organisation: data.organisation ?? null,
        country: data.country,
        email: data.email,
        phone: data.phone ?? null,
        lang: data.lang,
        consentList: data.consentList,
        consentData: true,
        custom: await mergeCustomAnswers(tx, event.id, answers),
      })
      .returning();
    if (invitation) {
      const [accepted] = await tx
        .update(invitations)
        .set({ acceptedAt: env.now, participantId: person.id })
        .where(and(eq(invitations.id, invitation.id), sql`${invitations.acceptedAt} is null`))
        .returning();
      if (!accepted) throw new AppError(403, "invitation.used");
    }
    const token = await createLink(tx, { eventId: event.id, purpose: "participant", participantId: person.id, expiresAt: linkExpiry(event, env.now) });
    const portal = participantPortalUrl(env.publicUrl, event, person.lang, token);
    await sendRegistrationMail(tx, event, {
      kind: "received",
      to: person.email,
      lang: person.lang,
      name: `${person.givenName} ${person.familyName}`,
      link: portal,
      key: `${person.id}`,
      participantId: person.id,
    });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: null,
      entity: "participant",
      entityId: person.id,
      action: "create",
      after: { ...person, by: invitation ? "invitation" : "open_registration" },
    });
    return { participant: person, portalPath: new URL(portal).pathname };
  });
}

/** Categories open to anyone, for the public registration page. */
export async function openCategories(db: Db, eventId: number) {
  return (
    await db
      .select()
      .from(categories)
      .where(and(eq(categories.eventId, eventId), eq(categories.openRegistration, true)))
  ).sort((a, b) => a.position - b.position);
}

/** A category of the event by id: its name, for the page of a personal invitation. */
export async function categoryName(db: Db, eventId: number, categoryId: number) {
  const [category] = await db
    .select({ id: categories.id, name: categories.name })
    .from(categories)
    .where(and(eq(categories.id, categoryId), eq(categories.eventId, eventId)));
  return category;
}
