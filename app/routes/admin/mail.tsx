import { useLoaderData } from "react-router";
import { outboxCounts } from "../../../features/mail/outbox.ts";
import { recentOutbox } from "../../../features/mail/queries.ts";
import { readSink } from "../../../features/mail/sink.ts";
import { requireUser } from "../../admin.ts";
import { useT } from "../../i18n.ts";
import { services } from "../../server-helpers.ts";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/mail";

/** Instance administrators see the outbox and, in development, what the local SMTP sink caught. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(request, context);
  if (!user.isAdmin) throw new Response(null, { status: 403 });
  const { db, mailSinkDir } = services(context);
  const [counts, recent, caught] = await Promise.all([outboxCounts(db), recentOutbox(db, 50), mailSinkDir ? readSink(mailSinkDir, 50) : Promise.resolve(null)]);
  return { counts, recent, caught };
}

export default function Mail() {
  const { counts, recent, caught } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <title>{t("admin.mail.title")}</title>
      <h1>{t("admin.mail.title")}</h1>
      <h2>{t("admin.mail.outbox")}</h2>
      <p>{t("admin.mail.counts", { pending: counts.pending ?? 0, sent: counts.sent ?? 0, failed: counts.failed ?? 0 })}</p>
      <TableRegion label={t("admin.mail.outbox")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.mail.to")}</th>
              <th scope="col">{t("admin.mail.subject")}</th>
              <th scope="col">{t("admin.mail.status")}</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((m) => (
              <tr key={m.id}>
                <td>{m.to}</td>
                <td>{m.subject}</td>
                <td>
                  {t(`admin.mail.statuses.${m.status}`)}
                  {m.lastError ? ` (${m.lastError})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {caught ? (
        <>
          <h2>{t("admin.mail.sink")}</h2>
          <p className="muted">{t("admin.mail.sinkHint")}</p>
          {caught.map((m) => (
            <article key={m.id} className="session">
              <h3>{m.subject}</h3>
              <p className="muted">
                {m.to} · {m.receivedAt}
              </p>
              <pre className="mail">{m.text}</pre>
            </article>
          ))}
        </>
      ) : null}
    </>
  );
}
