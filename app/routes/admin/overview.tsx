import { Link, useLoaderData } from "react-router";
import { whatNeedsAttention } from "../../../features/events/attention.ts";
import { text } from "../../../features/shared/localized.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { loadStaffEvent } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import type { Route } from "./+types/overview";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug);
  const attention = await whatNeedsAttention(services(context).db, event.id, actor, new Date());
  // Formatted here, in the event's time zone, so that the hydrated page shows the same text.
  const fmt = eventFormatter(uiLanguage(request, context), event.timezone);
  return {
    event,
    attention: {
      ...attention,
      deadlines: attention.deadlines?.map((d) => ({ id: d.id, name: d.name, when: fmt.dateTime(d.deadline) })) ?? null,
    },
  };
}

/** The landing page of an event's staff: what needs attention now, each linked to the page where it is done. */
export default function Overview() {
  const { event, attention } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useUiLang();
  const base = `/admin/e/${event.slug}`;
  const items: { key: string; count: number; href: string; label: string }[] = [];
  if (attention.pendingReviews)
    items.push({
      key: "pending",
      count: attention.pendingReviews,
      href: `${base}/registrations?status=pending`,
      label: t("admin.overview.pending", { count: attention.pendingReviews }),
    });
  if (attention.failedMail)
    items.push({ key: "mail", count: attention.failedMail, href: `${base}/mail`, label: t("admin.overview.failedMail", { count: attention.failedMail }) });
  if (attention.withoutPhoto)
    items.push({
      key: "photos",
      count: attention.withoutPhoto,
      href: `${base}/badges`,
      label: t("admin.overview.withoutPhoto", { count: attention.withoutPhoto }),
    });
  const calm = items.length === 0 && !attention.deadlines?.length && !attention.imports?.length;
  return (
    <>
      <title>{t("admin.overview.title")}</title>
      <h1>{t("admin.overview.title")}</h1>
      {calm ? <p className="alert ok">{t("admin.overview.calm")}</p> : null}
      {items.length ? (
        <ul className="attention">
          {items.map((item) => (
            <li key={item.key} data-attention={item.key}>
              <Link to={item.href}>{item.label}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {attention.deadlines ? (
        <section aria-labelledby="deadlines-title">
          <h2 id="deadlines-title">{t("admin.overview.deadlines")}</h2>
          {attention.deadlines.length ? (
            <ul>
              {attention.deadlines.map((d) => (
                <li key={d.id}>
                  <Link to={`${base}/delegations/${d.id}`}>{text(d.name, lang, event.languages)}</Link> — {d.when}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("admin.overview.noDeadlines")}</p>
          )}
        </section>
      ) : null}
      {attention.imports?.length ? (
        <section aria-labelledby="imports-title">
          <h2 id="imports-title">{t("admin.overview.imports")}</h2>
          <ul>
            {attention.imports.map((i) => (
              <li key={i.id}>
                <Link to={i.kind === "delegations" ? `${base}/delegations/import` : `${base}/import`}>{i.filename}</Link> —{" "}
                {i.status === "failed" ? t("admin.overview.importFailed") : t("admin.overview.importInvalid", { count: i.invalid })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
