import { createTranslator } from "../../i18n/index.ts";
import type { DbOrTx } from "../../db/index.ts";
import type { EventRow } from "../events/queries.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { text } from "../shared/localized.ts";

export type RegistrationMail = "focalPoint" | "invitation" | "received" | "approved" | "waitlisted" | "rejected";

/**
 * Registration emails in the recipient's language, through the outbox (written in the caller's
 * transaction). `key` makes a retry of the same change never send twice.
 */
export async function sendRegistrationMail(tx: DbOrTx, event: EventRow, mail: {
  kind: RegistrationMail; to: string; lang: string; name: string; link: string; key: string; reason?: string | null; extra?: Record<string, string | number>;
  participantId?: number;
}) {
  const t = createTranslator(mail.lang);
  const values = {
    name: mail.name, event: text(event.title, mail.lang, event.languages), link: mail.link, reason: mail.reason ?? "", hasReason: mail.reason ? "yes" : "no", ...mail.extra,
  };
  await enqueueMail(tx, {
    to: mail.to, lang: mail.lang, idempotencyKey: `registration:${mail.kind}:${mail.key}`,
    eventId: event.id, kind: mail.kind, participantId: mail.participantId ?? null,
    subject: t(`registration.mail.${mail.kind}.subject`, values),
    text: t(`registration.mail.${mail.kind}.body`, values),
  });
}
