import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import { checkLocalized } from "../../events/check-languages.ts";
import type { EventRow } from "../../events/queries.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Conflict, Forbidden, Invalid } from "../../shared/errors.ts";
import { type Localized, languageCode } from "../../shared/localized.ts";
import { int4Max, parseInput } from "../../shared/validate.ts";
import { type MailTemplateKind, mailTemplateKinds, mailTemplates } from "../schema.ts";
import {
  linkRequired,
  type MailTemplateRow,
  placeholdersFor,
  placeholdersIn,
  type RenderedMail,
  renderRegistrationMail,
  sampleMailValues,
  templateLanguages,
} from "./mail-templates.ts";

export const subjectMaxLength = 200;
export const bodyMaxLength = 10_000;

const subjectText = z
  .string()
  .trim()
  .max(subjectMaxLength, "mail_template.subject_too_long")
  .regex(/^[^\r\n]*$/, "mail_template.subject_one_line");
/** Browsers send a textarea's line breaks as CRLF: stored, and counted, as LF. */
const bodyText = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : v),
  z.string().trim().max(bodyMaxLength, "mail_template.body_too_long"),
);

/** `version` is the one the organiser saw: 0 while the kind still used the built-in text. */
const templateInput = z.object({
  kind: z.enum(mailTemplateKinds, "invalid"),
  version: z.coerce.number("required").int("required").min(0, "required").max(int4Max, "invalid"),
  subject: z.record(languageCode, subjectText).default({}),
  body: z.record(languageCode, bodyText).default({}),
});

const resetInput = templateInput.pick({ kind: true, version: true });

export interface CheckedTemplate {
  kind: MailTemplateKind;
  version: number;
  subject: Localized;
  body: Localized;
}

/**
 * Organiser text is checked when saved, so a mail never goes out half-written: each language has both a
 * subject and a body or neither, only the kind's placeholders are used (unknown ones are refused with the
 * list of known ones), and the body carries the reader's `{link}`.
 */
export function checkMailTemplate(event: EventRow, input: unknown): CheckedTemplate {
  const data = parseInput(templateInput, input);
  const languages = templateLanguages(event);
  const { subject, body } = checkLocalized(languages, { subject: data.subject, body: data.body });
  const known = placeholdersFor(data.kind);
  const fields: Record<string, string> = {};
  const unknown = new Set<string>();
  for (const lang of languages) {
    if (!subject[lang] && !body[lang]) continue;
    if (!subject[lang]) fields[`subject.${lang}`] = "mail_template.subject_required";
    if (!body[lang]) fields[`body.${lang}`] = "mail_template.body_required";
    for (const [field, value] of [
      ["subject", subject[lang]],
      ["body", body[lang]],
    ] as const) {
      const strange = placeholdersIn(value ?? "").filter((p) => !known.includes(p));
      if (strange.length === 0) continue;
      for (const p of strange) unknown.add(`{${p}}`);
      fields[`${field}.${lang}`] ??= "mail_template.placeholder_unknown";
    }
    if (body[lang] && linkRequired.includes(data.kind) && !placeholdersIn(body[lang]).includes("link"))
      fields[`body.${lang}`] ??= "mail_template.link_required";
  }
  const values = { known: known.map((p) => `{${p}}`).join(", "), unknown: [...unknown].join(", "), link: "{link}" };
  if (Object.keys(fields).length > 0) throw Invalid("validation", fields, values);
  if (Object.keys(subject).length === 0) throw Invalid("mail_template.empty");
  return { kind: data.kind, version: data.version, subject, body };
}

/**
 * Saves the organisers' wording of one kind of email. A save carries the version the organiser saw
 * (0: the built-in text): a stale one answers 409 and changes nothing.
 */
export async function saveMailTemplate(ctx: StaffContext, event: EventRow, input: unknown): Promise<MailTemplateRow> {
  if (!can(ctx.actor, "registrations.manage")) throw Forbidden();
  const data = checkMailTemplate(event, input);
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(mailTemplates)
      .where(and(eq(mailTemplates.eventId, event.id), eq(mailTemplates.kind, data.kind)))
      .for("update");
    if ((existing?.version ?? 0) !== data.version) throw Conflict("conflict.stale", { current: existing?.version ?? 0 });
    let saved: MailTemplateRow | undefined;
    if (existing) {
      [saved] = await tx
        .update(mailTemplates)
        .set({ subject: data.subject, body: data.body, version: existing.version + 1, updatedAt: ctx.now })
        .where(and(eq(mailTemplates.id, existing.id), eq(mailTemplates.version, data.version)))
        .returning();
    } else {
      // The unique index decides between two organisers writing the first wording at once.
      [saved] = await tx
        .insert(mailTemplates)
        .values({ eventId: event.id, kind: data.kind, subject: data.subject, body: data.body, updatedAt: ctx.now })
        .onConflictDoNothing()
        .returning();
    }
    if (!saved) throw Conflict("conflict.stale", { current: existing?.version ?? 0 });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "mail_template",
      entityId: saved.id,
      action: existing ? "update" : "create",
      before: existing ? { kind: existing.kind, subject: existing.subject, body: existing.body } : undefined,
      after: { kind: saved.kind, subject: saved.subject, body: saved.body },
    });
    return saved;
  });
}

/** Back to the built-in text: the organisers' wording is deleted. Resetting what is already built-in does nothing. */
export async function resetMailTemplate(ctx: StaffContext, event: EventRow, input: unknown): Promise<boolean> {
  if (!can(ctx.actor, "registrations.manage")) throw Forbidden();
  const data = parseInput(resetInput, input);
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(mailTemplates)
      .where(and(eq(mailTemplates.eventId, event.id), eq(mailTemplates.kind, data.kind)))
      .for("update");
    if (!existing) return false;
    if (existing.version !== data.version) throw Conflict("conflict.stale", { current: existing.version });
    await tx.delete(mailTemplates).where(eq(mailTemplates.id, existing.id));
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "mail_template",
      entityId: existing.id,
      action: "delete",
      before: { kind: existing.kind, subject: existing.subject, body: existing.body },
    });
    return true;
  });
}

export interface MailPreview extends RenderedMail {
  lang: string;
}

/** How the email reads for a made-up person, in each language organisers write in (typed text, or what is saved). */
export function previewMail(
  publicUrl: string,
  event: EventRow,
  kind: MailTemplateKind,
  template: Pick<MailTemplateRow, "subject" | "body"> | null,
): MailPreview[] {
  return templateLanguages(event).map((lang) => ({
    lang,
    ...renderRegistrationMail(event, kind, lang, template, sampleMailValues(publicUrl, event, kind, lang)),
  }));
}

/** The preview of typed text, checked as a save would be, without saving it. */
export function previewTypedTemplate(ctx: StaffContext, event: EventRow, input: unknown): MailPreview[] {
  if (!can(ctx.actor, "registrations.manage")) throw Forbidden();
  const data = checkMailTemplate(event, input);
  return previewMail(ctx.publicUrl, event, data.kind, data);
}
