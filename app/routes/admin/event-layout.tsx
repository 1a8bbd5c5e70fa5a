import { NavLink, Outlet, useLoaderData, useLocation } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { text } from "../../../features/shared/localized.ts";
import { loadStaffEvent } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import type { Route } from "./+types/event-layout";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug);
  return {
    event,
    actor,
    may: {
      editEvent: can(actor, "event.edit"),
      editProgramme: can(actor, "programme.edit"),
      editPages: can(actor, "pages.edit"),
      editOrganisations: can(actor, "organisations.edit"),
      manageRoles: can(actor, "roles.manage"),
      readAudit: can(actor, "audit.read"),
      readRegistrations: can(actor, "registrations.read"),
      manageRegistrations: can(actor, "registrations.manage"),
      publish: can(actor, "event.publish"),
    },
  };
}

export type StaffEventData = Awaited<ReturnType<typeof loader>>;

export default function EventAdminLayout() {
  const { event, may } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useUiLang();
  const base = `/admin/e/${event.slug}`;
  const { pathname } = useLocation();
  return (
    <>
      <p className="breadcrumb">
        <a href="/admin">{t("admin.events.title")}</a> ›{" "}
        <span>{text(event.shortTitle, lang, event.languages) || text(event.title, lang, event.languages)}</span>
        {" · "}
        <span className="tag">{t(`admin.status.${event.status}`)}</span>
        {event.status === "published" ? (
          <>
            {" "}
            · <a href={`/${lang}/e/${event.slug}`}>{t("admin.event.viewSite")}</a>
          </>
        ) : null}
      </p>
      <nav className="admin-nav" aria-label={t("admin.event.sections")}>
        <ul>
          <li>
            <NavLink end to={base}>
              {t("admin.nav.settings")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/sessions`}>{t("admin.nav.sessions")}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/people`}>{t("admin.nav.people")}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/venue`}>{t("admin.nav.venue")}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/organisations`}>{t("admin.nav.organisations")}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/pages`}>{t("admin.nav.pages")}</NavLink>
          </li>
          {may.readRegistrations ? (
            <>
              {/* A registration's own page is under "Registrations"; the overview has its own link. */}
              <li>
                <NavLink end={pathname === `${base}/registrations/dashboard`} to={`${base}/registrations`}>
                  {t("registration.admin.nav.registrations")}
                </NavLink>
              </li>
              <li>
                <NavLink to={`${base}/registrations/dashboard`}>{t("dashboard.nav")}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/duplicates`}>{t("duplicates.nav")}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/delegations`}>{t("registration.admin.nav.delegations")}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/invitations`}>{t("registration.invitations.nav")}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/categories`}>{t("registration.admin.nav.categories")}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/form-fields`}>{t("fields.nav")}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/mail-templates`}>{t("mailing.nav.templates")}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/mail`}>{t("mailing.nav.delivery")}</NavLink>
              </li>
              {may.manageRegistrations ? (
                <li>
                  <NavLink to={`${base}/import`}>{t("registration.import.nav")}</NavLink>
                </li>
              ) : null}
              {may.manageRegistrations ? (
                <li>
                  <NavLink to={`${base}/api-tokens`}>{t("api.tokens.nav")}</NavLink>
                </li>
              ) : null}
              {may.manageRegistrations ? (
                <li>
                  <NavLink to={`${base}/privacy`}>{t("privacy.nav")}</NavLink>
                </li>
              ) : null}
            </>
          ) : null}
          {may.manageRoles ? (
            <li>
              <NavLink to={`${base}/access`}>{t("admin.nav.access")}</NavLink>
            </li>
          ) : null}
          {may.readAudit ? (
            <li>
              <NavLink to={`${base}/audit`}>{t("admin.nav.audit")}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
