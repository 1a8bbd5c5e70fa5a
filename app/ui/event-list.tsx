import type { loadEventList } from "../../features/events/queries.ts";
import { eventFormatter } from "../../i18n/format.ts";
import { htmlLang, interfaceLanguages, languageName } from "../../i18n/index.ts";
import { useT } from "../i18n.ts";
import { L } from "./localized.tsx";

export function EventList({ lang, events }: Awaited<ReturnType<typeof loadEventList>>) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <div className="wrap">
          <p className="site-title">Plenary</p>
          <nav aria-label={t("nav.languages")} className="lang-switch">
            <ul>
              {interfaceLanguages.map((other) => (
                <li key={other}>
                  {other === lang ? (
                    <span aria-current="true" lang={htmlLang(other)}>
                      {languageName(other)}
                    </span>
                  ) : (
                    <a href={`/${other}`} hrefLang={htmlLang(other)} lang={htmlLang(other)}>
                      {languageName(other)}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="wrap page">
        <title>{t("home.title")}</title>
        <h1>{t("home.title")}</h1>
        {events.length === 0 ? <p>{t("home.none")}</p> : null}
        <ul className="event-list">
          {events.map((e) => {
            const fmt = eventFormatter(lang, e.timezone);
            const eventLang = e.languages.includes(lang) || (interfaceLanguages as readonly string[]).includes(lang) ? lang : e.languages[0];
            return (
              <li key={e.slug}>
                <h2>
                  <a href={`/${eventLang}/e/${e.slug}`}>
                    <L value={e.title} ctx={{ lang, fallbacks: e.languages }} />
                  </a>
                </h2>
                <p>
                  {fmt.dateRange(new Date(`${e.startDate}T12:00:00Z`), new Date(`${e.endDate}T12:00:00Z`))} ·{" "}
                  <L value={e.city} ctx={{ lang, fallbacks: e.languages }} />
                </p>
              </li>
            );
          })}
        </ul>
        <p className="muted">
          <a href="/admin">{t("home.staff")}</a>
        </p>
      </main>
    </>
  );
}
