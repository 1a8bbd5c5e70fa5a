import { isRouteErrorResponse, Links, type LinksFunction, Meta, Outlet, Scripts, useMatches, useRouteError, useRouteLoaderData } from "react-router";
import { dateNamesFor, provideDateNames } from "../i18n/date-names.ts";
import { shownDateKinds } from "../i18n/format.ts";
import { htmlLang, isInterfaceLanguage, textDirection, type Values } from "../i18n/index.ts";
import type { Route } from "./+types/root";
import stylesheet from "./app.css?url";
import { type RootData, useT } from "./i18n.ts";
import { pageLanguage, requestState, uiLanguage } from "./server-helpers.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico", type: "image/svg+xml" },
];

export async function loader({ request, context, params }: Route.LoaderArgs): Promise<RootData> {
  // An event's page in a content language without an interface of its own (German, Kazakh): buttons and
  // labels in the interface language the event chose, the document in that language, and the content
  // marked with its own (app/ui/localized.tsx).
  const uiLang = params.lang && params.slug ? await pageLanguage(context, params) : uiLanguage(request, context, params);
  const pageLang = params.lang && isInterfaceLanguage(params.lang) ? params.lang : uiLang;
  // Dates in a language the browser may lack are formatted from the server's layouts (i18n/date-names.ts).
  const dateNames = dateNamesFor(htmlLang(uiLang), shownDateKinds) ?? undefined;
  return { uiLang, htmlLang: htmlLang(pageLang), dir: textDirection(pageLang), nonce: requestState(context).nonce, dateNames };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const matches = useMatches();
  const root = useRouteLoaderData("root") as RootData | undefined;
  // Public pages are complete HTML and ship no JavaScript; staff pages hydrate.
  const hydrate = matches.some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate);
  return (
    <html lang={root?.htmlLang ?? "en"} dir={root?.dir ?? "ltr"} data-ui={root?.uiLang ?? "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links nonce={root?.nonce} />
      </head>
      <body>
        {children}
        {hydrate ? <Scripts nonce={root?.nonce} /> : null}
      </body>
    </html>
  );
}

export default function App() {
  provideDateNames((useRouteLoaderData("root") as RootData | undefined)?.dateNames);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 404 || status === 410 ? "notFound" : status === 403 ? "forbidden" : status === 401 ? "signInRequired" : "serverError";
  // A domain error with its own message (an expired link, a closed deadline) says so.
  const code = isRouteErrorResponse(error) ? (error.data as { code?: string } | null)?.code : undefined;
  const values = isRouteErrorResponse(error) ? ((error.data as { values?: Values } | null)?.values ?? {}) : {};
  const specific = code && code !== "not_found" && !code.endsWith(".not_found") ? t(`error.${code}`, values) : null;
  return (
    <main className="page error-page" id="main">
      <title>{t(`page.${key}.title`)}</title>
      <h1>{t(`page.${key}.title`)}</h1>
      <p>{specific && specific !== `error.${code}` ? specific : t(`page.${key}.body`)}</p>
      <p>
        <a href="/">{t("nav.home")}</a>
      </p>
    </main>
  );
}
