import { Link, NavLink, Outlet, useLocation, useRouteLoaderData } from "react-router";
import { getEventBySlug } from "../../../features/events/queries.ts";
import { NotFound } from "../../../features/shared/errors.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { eventInterfaceLanguage, htmlLang, interfaceLanguages, isInterfaceLanguage, languageName } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { guard, publicEventParts, publishedEvent, services } from "../../server-helpers.ts";
import { L, type LocalizeContext, text } from "../../ui/localized.tsx";
import type { Route } from "./+types/layout";

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const { config } = services(context);
    // A personal link (a focal point's, a participant's, an invitation) works before the event is published:
    // invitations go out while the public site is still being prepared. The page checks the link itself.
    const event = "token" in params && params.token ? await getEventBySlug(services(context).db, params.slug) : await publishedEvent(context, params.slug);
    const lang = params.lang;
    // A language is either one of the event's content languages or one of the interface's.
    if (!event.languages.includes(lang) && !(interfaceLanguages as readonly string[]).includes(lang)) throw NotFound();
    const parts = await publicEventParts(context, event);
    // The interface of a page in a content-only language is the one the event chose.
    const uiLang = isInterfaceLanguage(lang) ? lang : eventInterfaceLanguage(event);
    return { event, parts, lang, uiLang, publicUrl: config.PUBLIC_URL };
  });
}

export type EventLayoutData = Awaited<ReturnType<typeof loader>>;

export function useEventData() {
  const data = useRouteLoaderData("routes/event/layout") as EventLayoutData;
  // The document is in the interface's language when the page's has no interface (root.tsx): content then says its own.
  const ctx: LocalizeContext = { lang: data.lang, fallbacks: data.event.languages, documentLang: data.uiLang };
  const fmt = eventFormatter(data.uiLang, data.event.timezone);
  const base = `/${data.lang}/e/${data.event.slug}`;
  return { ...data, ctx, fmt, base };
}

/**
 * Languages offered in the switcher: the event's own. A reader who came in another interface language
 * (a link, the browser's choice) also sees that one, so that the current page is always in the list.
 */
export function switcherLanguages(eventLanguages: readonly string[], current?: string): string[] {
  return [...new Set([...eventLanguages, ...(current ? [current] : [])])];
}

const ogLocales: Record<string, string> = { en: "en_GB", ru: "ru_RU", uz: "uz_UZ", "uz-Cyrl": "uz_UZ", ar: "ar_AR", fr: "fr_FR", es: "es_ES", zh: "zh_CN" };

export function pageMeta(data: EventLayoutData | undefined, title: string, path: string, description = "") {
  if (!data) return [];
  const ctx = { lang: data.lang, fallbacks: data.event.languages };
  const siteName = text(data.event.shortTitle, ctx) || text(data.event.title, ctx);
  const url = `${data.publicUrl}/${data.lang}/e/${data.event.slug}${path}`;
  const fullTitle = title ? `${title} · ${siteName}` : text(data.event.title, ctx);
  return [
    { title: fullTitle },
    { name: "description", content: description.slice(0, 300) },
    { property: "og:title", content: title || text(data.event.title, ctx) },
    { property: "og:site_name", content: siteName },
    { property: "og:type", content: "website" },
    { property: "og:url", content: url },
    { property: "og:locale", content: ogLocales[data.lang] ?? data.lang },
    { property: "og:description", content: description.slice(0, 300) },
    { tagName: "link", rel: "canonical", href: url },
    ...switcherLanguages(data.event.languages).map((lang) => ({
      tagName: "link",
      rel: "alternate",
      hrefLang: htmlLang(lang),
      href: `${data.publicUrl}/${lang}/e/${data.event.slug}${path}`,
    })),
    { tagName: "link", rel: "alternate", hrefLang: "x-default", href: `${data.publicUrl}/${data.event.languages[0]}/e/${data.event.slug}${path}` },
  ];
}

export default function EventLayout() {
  const { event, parts, lang, ctx, fmt, base } = useEventData();
  const t = useT();
  const location = useLocation();
  const rest = location.pathname.slice(base.length);
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <div className="wrap">
          {event.logoFileId ? <img className="site-logo" src={`/files/${event.logoFileId}`} alt={text(event.logoAlt, ctx) || text(event.title, ctx)} /> : null}
          {/* An event without a short title shows its title: never an empty link. */}
          <p className="site-title">
            <Link to={base}>
              <L value={text(event.shortTitle, ctx) ? event.shortTitle : event.title} ctx={ctx} />
            </Link>
          </p>
          <p className="site-dates">
            {fmt.dateRange(new Date(`${event.startDate}T12:00:00Z`), new Date(`${event.endDate}T12:00:00Z`))}
            {text(event.city, ctx) ? (
              <>
                {" · "}
                <L value={event.city} ctx={ctx} />
              </>
            ) : null}
          </p>
          <nav aria-label={t("nav.languages")} className="lang-switch">
            <ul>
              {switcherLanguages(event.languages, lang).map((other) => (
                <li key={other}>
                  {other === lang ? (
                    <span aria-current="true" lang={htmlLang(other)}>
                      {languageName(other)}
                    </span>
                  ) : (
                    <a href={`/${other}/e/${event.slug}${rest}${location.search}`} hrefLang={htmlLang(other)} lang={htmlLang(other)}>
                      {languageName(other)}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        </div>
        <nav aria-label={t("nav.main")} className="site-nav">
          <ul className="wrap">
            <li>
              <NavLink end to={base}>
                {t("nav.home")}
              </NavLink>
            </li>
            <li>
              <NavLink to={`${base}/programme`}>{t("nav.programme")}</NavLink>
            </li>
            <li>
              <NavLink to={`${base}/speakers`}>{t("nav.speakers")}</NavLink>
            </li>
            <li>
              <NavLink to={`${base}/participants`}>{t("nav.participants")}</NavLink>
            </li>
            <li>
              <NavLink to={`${base}/documents`}>{t("library.public.title")}</NavLink>
            </li>
            {parts.pages.map((page) => (
              <li key={page.id}>
                <NavLink to={`${base}/pages/${page.slug}`}>
                  <L value={page.title} ctx={ctx} />
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="wrap page">
        {text(event.notice, ctx) ? <L as="p" className="notice" value={event.notice} ctx={ctx} /> : null}
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <p>{t("footer.times", { zone: event.timezone })}</p>
          <p>
            <a href={`/e/${event.slug}/programme.ics?lang=${lang}`}>{t("feeds.calendar")}</a>
            {" · "}
            <a href={`/e/${event.slug}/schedule.xml?lang=${lang}`}>{t("feeds.scheduleXml")}</a>
            {" · "}
            <a href={`/e/${event.slug}/schedule.json?lang=${lang}`}>{t("feeds.scheduleJson")}</a>
          </p>
          <p>{t("footer.poweredBy")}</p>
        </div>
      </footer>
    </>
  );
}

export { ErrorBoundary } from "../../root.tsx";
