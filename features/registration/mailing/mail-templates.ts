import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator, interfaceLanguages, isInterfaceLanguage } from "../../../i18n/index.ts";
import type { EventRow } from "../../events/queries.ts";
import { text } from "../../shared/localized.ts";
import { type MailTemplateKind, mailTemplateKinds, mailTemplates } from "../schema.ts";

export type MailTemplateRow = typeof mailTemplates.$inferSelect;

/** What organisers may write in every kind of email; a focal point's invitation also names the delegation and its quota. */
const commonPlaceholders = ["name", "event", "link", "reason", "deadline"] as const;

export function placeholdersFor(kind: MailTemplateKind): string[] {
  if (kind === "focalPoint") return [...commonPlaceholders, "delegation", "quota"];
  // Details the secretariat recorded for the person: what changed (one line each) and how it reached them.
  if (kind === "detailsRecorded") return [...commonPlaceholders, "changes", "source"];
  // To the focal point: who was replaced by whom in their delegation.
  if (kind === "substituted") return [...commonPlaceholders, "delegation", "replaced", "replacement"];
  return [...commonPlaceholders];
}

/** Every built-in email carries the reader's personal link, so an organiser's wording must too. */
export const linkRequired: readonly MailTemplateKind[] = mailTemplateKinds;

/**
 * The languages organisers write emails in: the event's content languages that readers can have (a
 * person's language is one of the interface languages); all of those when the event has none of them.
 */
export function templateLanguages(event: Pick<EventRow, "languages">): string[] {
  const readable = event.languages.filter((lang) => isInterfaceLanguage(lang));
  return readable.length > 0 ? readable : [...interfaceLanguages];
}

export function isMailTemplateKind(value: unknown): value is MailTemplateKind {
  return typeof value === "string" && (mailTemplateKinds as readonly string[]).includes(value);
}

/** The built-in ICU messages of a kind; the reminder's live with the mailing screens' messages. */
export function builtinKey(kind: MailTemplateKind): string {
  return kind === "reminder" ? "mailing.builtin.reminder" : `registration.mail.${kind}`;
}

/** A word in braces, in any script (`{name}`, `{имя}`); a stray brace or `{ name }` is not one. */
const placeholder = /\{([\p{L}\p{N}_]+)\}/gu;

/** The placeholders an organiser's text uses, known or not. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(placeholder)].map((m) => m[1]);
}

/**
 * Replaces known placeholders in one pass, left to right: a value that itself contains `{link}` is not
 * expanded again, and anything unknown (an unknown name, a stray brace) stays as typed. Organiser text
 * is never parsed as ICU, so no input can make rendering fail.
 */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(placeholder, (whole, key: string) => (Object.hasOwn(values, key) ? values[key] : whole));
}

export interface MailValues {
  name: string;
  link: string;
  reason?: string | null;
  deadline: Date;
  /** focalPoint only. */
  delegation?: string;
  quota?: number;
  /** detailsRecorded only. */
  changes?: string;
  source?: string;
  /** substituted only. */
  replaced?: string;
  replacement?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  /** The organiser's wording (true) or the built-in one. */
  custom: boolean;
}

/** A deadline as a person far from the venue needs it: date, time and the event's zone. */
export function formatDeadline(event: EventRow, lang: string, deadline: Date): string {
  return `${eventFormatter(lang, event.timezone).dateTime(deadline)} (${event.timezone})`;
}

/** The organiser's wording for `lang`, when they wrote both a subject and a body in it. */
export function templateFor(template: Pick<MailTemplateRow, "subject" | "body"> | null | undefined, lang: string) {
  const subject = template?.subject[lang]?.trim();
  const body = template?.body[lang]?.trim();
  return subject && body ? { subject, body } : null;
}

/**
 * One registration email in the reader's language: the organiser's wording for that language if there is
 * one, else the built-in ICU message. The result is plain text; the subject is always one line.
 */
export function renderRegistrationMail(
  event: EventRow,
  kind: MailTemplateKind,
  lang: string,
  template: Pick<MailTemplateRow, "subject" | "body"> | null | undefined,
  values: MailValues,
): RenderedMail {
  const strings: Record<string, string> = {
    name: values.name,
    event: text(event.title, lang, event.languages),
    link: values.link,
    reason: values.reason ?? "",
    deadline: formatDeadline(event, lang, values.deadline),
    delegation: values.delegation ?? "",
    quota: values.quota === undefined ? "" : String(values.quota),
    changes: values.changes ?? "",
    source: values.source ?? "",
    replaced: values.replaced ?? "",
    replacement: values.replacement ?? "",
  };
  const own = templateFor(template, lang);
  if (own) return { subject: oneLine(fillPlaceholders(own.subject, strings)), text: fillPlaceholders(own.body, strings), custom: true };
  const t = createTranslator(lang);
  const icu = { ...strings, hasReason: values.reason ? "yes" : "no" };
  return { subject: oneLine(t(`${builtinKey(kind)}.subject`, icu)), text: t(`${builtinKey(kind)}.body`, icu), custom: false };
}

function oneLine(subject: string): string {
  return subject.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/**
 * The built-in wording with its placeholders showing (`{name}`, `{link}`…): what an organiser starts
 * from, and the form's placeholder. A reason is shown where the built-in text has room for one.
 */
export function builtinTemplate(kind: MailTemplateKind, lang: string): { subject: string; body: string } {
  const t = createTranslator(lang);
  const values: Record<string, string> = { hasReason: "yes" };
  for (const name of placeholdersFor(kind)) values[name] = `{${name}}`;
  return { subject: t(`${builtinKey(kind)}.subject`, values), body: t(`${builtinKey(kind)}.body`, values) };
}

const samplePaths: Record<MailTemplateKind, string> = {
  focalPoint: "delegation",
  invitation: "register",
  received: "my",
  approved: "my",
  waitlisted: "my",
  rejected: "my",
  reminder: "my",
  detailsRecorded: "my",
  substituted: "delegation",
};

/** Made-up values for the preview on the templates page. */
export function sampleMailValues(publicUrl: string, event: EventRow, kind: MailTemplateKind, lang: string): MailValues {
  const t = createTranslator(lang);
  return {
    name: t("mailing.templates.sample.name"),
    link: `${publicUrl}/${lang}/e/${event.slug}/${samplePaths[kind]}/EXAMPLE`,
    reason: kind === "rejected" || kind === "waitlisted" ? t("mailing.templates.sample.reason") : null,
    deadline: new Date(`${event.startDate}T00:00:00Z`),
    delegation: kind === "focalPoint" || kind === "substituted" ? t("mailing.templates.sample.delegation") : undefined,
    replaced: kind === "substituted" ? t("mailing.templates.sample.name") : undefined,
    replacement: kind === "substituted" ? t("mailing.templates.sample.replacement") : undefined,
    quota: kind === "focalPoint" ? 5 : undefined,
    changes: kind === "detailsRecorded" ? `- ${t("registration.mail.recorded.consentYes")}` : undefined,
    source: kind === "detailsRecorded" ? t("registration.mail.recorded.sources.paper_form") : undefined,
  };
}

export async function loadMailTemplate(db: DbOrTx, eventId: number, kind: MailTemplateKind): Promise<MailTemplateRow | null> {
  const [row] = await db
    .select()
    .from(mailTemplates)
    .where(and(eq(mailTemplates.eventId, eventId), eq(mailTemplates.kind, kind)));
  return row ?? null;
}

export async function listMailTemplates(db: DbOrTx, eventId: number): Promise<MailTemplateRow[]> {
  return db.select().from(mailTemplates).where(eq(mailTemplates.eventId, eventId)).orderBy(asc(mailTemplates.kind));
}

/** Languages an organiser has written a whole email in (subject and body). */
export function customLanguages(template: Pick<MailTemplateRow, "subject" | "body">, languages: readonly string[]): string[] {
  return languages.filter((lang) => templateFor(template, lang) !== null);
}
