import { Link } from "react-router";
import { eventFormatter } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/index.ts";
import { useT, useUiLang } from "../i18n.ts";
import { Stamp } from "./stamp.tsx";

/** One outbox message as staff see it (features/mail/queries.ts). */
export interface MailMessage {
  id: number;
  subject: string;
  kind: string | null;
  status: "pending" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  sentAt: Date | string | null;
  createdAt: Date | string;
}

/** A message kind's name; kinds without one (mail from other parts of the platform) show as they are stored. */
export function mailKindLabel(t: Translate, kind: string | null): string {
  if (!kind) return "—";
  const key = `mailing.kinds.${kind}`;
  const label = t(key);
  return label === key ? kind : label;
}

/** The headings over the cells of `MailStatus`. */
export function MailStatusHeadings() {
  const t = useT();
  return (
    <>
      {["status", "attempts", "lastError", "queuedAt", "sentAt"].map((key) => (
        <th key={key} scope="col">
          {t(`mailing.delivery.${key}`)}
        </th>
      ))}
    </>
  );
}

/** The delivery cells of a row: status, attempts, last error, queued and sent times in the event's zone. */
export function MailStatus({ message: m, timezone }: { message: MailMessage; timezone: string }) {
  const t = useT();
  const fmt = eventFormatter(useUiLang(), timezone);
  return (
    <>
      <td className={`status-${m.status}`}>{t(`mailing.delivery.statuses.${m.status}`)}</td>
      <td>{m.attempts}</td>
      <td>{m.lastError ?? "—"}</td>
      <td>
        <Stamp at={m.createdAt}>{fmt.dateTime(new Date(m.createdAt))}</Stamp>
      </td>
      <td>{m.sentAt ? <Stamp at={m.sentAt}>{fmt.dateTime(new Date(m.sentAt))}</Stamp> : "—"}</td>
    </>
  );
}

/** The staff participant page's list of what was written to the person, and whether it went out. */
export function ParticipantMail({ messages, slug, timezone }: { messages: readonly MailMessage[]; slug: string; timezone: string }) {
  const t = useT();
  const tr = (key: string) => t(`mailing.delivery.${key}`);
  return (
    <section aria-labelledby="participant-mail">
      <h2 id="participant-mail">{t("mailing.participant.title")}</h2>
      {messages.length === 0 ? (
        <p>{t("mailing.participant.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{tr("subject")}</th>
              <th scope="col">{tr("kind")}</th>
              <MailStatusHeadings />
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{m.subject}</td>
                <td>{mailKindLabel(t, m.kind)}</td>
                <MailStatus message={m} timezone={timezone} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link to={`/admin/e/${slug}/mail`}>{t("mailing.participant.all")}</Link>
      </p>
    </section>
  );
}
