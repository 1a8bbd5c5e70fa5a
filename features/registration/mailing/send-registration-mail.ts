import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import type { EventRow } from "../../events/queries.ts";
import { enqueueMail } from "../../mail/outbox.ts";
import { editDeadline } from "../links/portal.ts";
import { delegations, type MailTemplateKind, participants } from "../schema.ts";
import { loadMailTemplate, placeholdersIn, renderRegistrationMail, templateFor } from "./mail-templates.ts";

export type RegistrationMail = Exclude<MailTemplateKind, "reminder">;

/**
 * Registration emails in the recipient's language, through the outbox (written in the caller's
 * transaction): the organisers' wording for that language when they wrote one (mail-templates.ts), else
 * the built-in text. `key` makes a retry of the same change never send twice.
 */
export async function sendRegistrationMail(
  tx: DbOrTx,
  event: EventRow,
  mail: {
    kind: RegistrationMail;
    to: string;
    lang: string;
    name: string;
    link: string;
    key: string;
    reason?: string | null;
    extra?: { delegation?: string; quota?: number; changes?: string; source?: string; replaced?: string; replacement?: string };
    /** Until when the reader may act; by default their delegation's deadline, else the first day of the event. */
    deadline?: Date;
    participantId?: number;
  },
) {
  const template = await loadMailTemplate(tx, event.id, mail.kind);
  const own = templateFor(template, mail.lang);
  // Only organiser text can ask for the deadline: look it up only then.
  const wantsDeadline = own !== null && placeholdersIn(own.subject + own.body).includes("deadline");
  const deadline = mail.deadline ?? (wantsDeadline ? await participantDeadline(tx, event, mail.participantId) : editDeadline(event, null));
  const rendered = renderRegistrationMail(event, mail.kind, mail.lang, template, {
    name: mail.name,
    link: mail.link,
    reason: mail.reason,
    deadline,
    delegation: mail.extra?.delegation,
    quota: mail.extra?.quota,
    changes: mail.extra?.changes,
    source: mail.extra?.source,
    replaced: mail.extra?.replaced,
    replacement: mail.extra?.replacement,
  });
  await enqueueMail(tx, {
    to: mail.to,
    lang: mail.lang,
    idempotencyKey: `registration:${mail.kind}:${mail.key}`,
    eventId: event.id,
    kind: mail.kind,
    participantId: mail.participantId ?? null,
    subject: rendered.subject,
    text: rendered.text,
  });
}

async function participantDeadline(tx: DbOrTx, event: EventRow, participantId: number | undefined): Promise<Date> {
  if (participantId === undefined) return editDeadline(event, null);
  const [row] = await tx
    .select({ deadline: delegations.deadline })
    .from(participants)
    .innerJoin(delegations, eq(delegations.id, participants.delegationId))
    .where(and(eq(participants.id, participantId), eq(participants.eventId, event.id)));
  return editDeadline(event, row ?? null);
}
