import { Form, Link, Outlet, useLoaderData } from "react-router";
import { htmlLang, interfaceLanguages, languageName } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { requestState, uiLanguage } from "../../server-helpers.ts";
import type { Route } from "./+types/layout";

export const handle = { hydrate: true };

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user, csrf } = requestState(context);
  return { user: user ? { name: user.name, email: user.email, isAdmin: user.isAdmin } : null, csrf, lang: uiLanguage(request, context) };
}

export default function AdminLayout() {
  const { user, csrf, lang } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="admin-header">
        <div className="wrap">
          <strong>
            <Link to="/admin">Plenary</Link>
          </strong>
          {user ? (
            <>
              <span>{user.name}</span>
              {user.isAdmin ? <Link to="/admin/mail">{t("admin.mail.title")}</Link> : null}
              <Form method="post" action="/admin/locale" aria-label={t("nav.languages")}>
                <input type="hidden" name="_csrf" value={csrf ?? ""} />
                {interfaceLanguages.map((l) => (
                  <button key={l} type="submit" name="locale" value={l} lang={htmlLang(l)} aria-pressed={l === lang}>
                    {languageName(l)}
                  </button>
                ))}
              </Form>
              <Form method="post" action="/admin/sign-out">
                <input type="hidden" name="_csrf" value={csrf ?? ""} />
                <button type="submit">{t("admin.signOut")}</button>
              </Form>
            </>
          ) : (
            <nav aria-label={t("nav.languages")}>
              {interfaceLanguages.map((l) => (
                <a key={l} href={`?lang=${l}`} lang={htmlLang(l)} aria-current={l === lang ? "true" : undefined}>
                  {languageName(l)}{" "}
                </a>
              ))}
            </nav>
          )}
        </div>
      </header>
      <main id="main" className="wrap page">
        <Outlet />
      </main>
    </>
  );
}

export { ErrorBoundary } from "../../root.tsx";
