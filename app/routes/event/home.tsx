import { Link } from "react-router";
import { useT } from "../../i18n.ts";
import { L, text } from "../../ui/localized.tsx";
import type { Route } from "./+types/home";
import { type EventLayoutData, pageMeta, useEventData } from "./layout.tsx";

export const meta: Route.MetaFunction = ({ matches }) => {
  const data = matches.find((m) => m?.id === "routes/event/layout")?.loaderData as EventLayoutData | undefined;
  return data ? pageMeta(data, "", "", text(data.event.description, { lang: data.lang, fallbacks: data.event.languages })) : [];
};

export default function EventHome() {
  const { event, parts, ctx, fmt, base } = useEventData();
  const t = useT();
  const hosts = parts.organisations.filter((o) => o.role === "host" || o.role === "co_organiser");
  const partners = parts.organisations.filter((o) => o.role === "partner");
  return (
    <>
      <L as="h1" value={event.title} ctx={ctx} />
      <dl className="facts">
        <div>
          <dt>{t("event.dates")}</dt>
          <dd>{fmt.dateRange(new Date(`${event.startDate}T12:00:00Z`), new Date(`${event.endDate}T12:00:00Z`))}</dd>
        </div>
        <div>
          <dt>{t("event.venue")}</dt>
          <dd>
            <L value={event.venue} ctx={ctx} />, <L value={event.city} ctx={ctx} />
          </dd>
        </div>
        <div>
          <dt>{t("event.format")}</dt>
          <dd>{t(`event.formats.${event.format}`)}</dd>
        </div>
      </dl>
      <L as="p" className="lead" value={event.description} ctx={ctx} />
      <p className="actions">
        <Link className="button" to={`${base}/programme`}>
          {t("event.seeProgramme")}
        </Link>{" "}
        <Link className="button secondary" to={`${base}/register`}>
          {t("event.register")}
        </Link>
      </p>
      {hosts.length > 0 && (
        <section aria-labelledby="organisers">
          <h2 id="organisers">{t("event.organisers")}</h2>
          <ul className="organisations">
            {hosts.map((o) => (
              <li key={o.id}>
                {o.logoFileId ? <img src={`/files/${o.logoFileId}`} alt="" width="64" height="64" loading="lazy" /> : null}
                <span>
                  <L value={o.name} ctx={ctx} />{" "}
                  {o.acronym[ctx.lang] || o.acronym[event.languages[0]] ? (
                    <>
                      (<L value={o.acronym} ctx={ctx} />)
                    </>
                  ) : null}
                </span>
                {o.role === "host" ? <span className="tag">{t("event.host")}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      )}
      {partners.length > 0 && (
        <section aria-labelledby="partners">
          <h2 id="partners">{t("event.partners")}</h2>
          <ul className="organisations">
            {partners.map((o) => (
              <li key={o.id}>
                {o.logoFileId ? <img src={`/files/${o.logoFileId}`} alt="" width="64" height="64" loading="lazy" /> : null}
                <span>
                  <L value={o.name} ctx={ctx} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {parts.pages.length > 0 && (
        <section aria-labelledby="more">
          <h2 id="more">{t("event.moreInformation")}</h2>
          <ul>
            {parts.pages.map((page) => (
              <li key={page.id}>
                <Link to={`${base}/pages/${page.slug}`}>
                  <L value={page.title} ctx={ctx} />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
