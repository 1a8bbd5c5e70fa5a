import { Link, NavLink, Outlet, useLoaderData, useLocation } from "react-router";
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
      readAdmin: can(actor, "event.read_admin"),
      editVenue: can(actor, "programme.edit"),
      printBadges: can(actor, "badges.print"),
      designBadges: can(actor, "badges.manage"),
      readDoors: can(actor, "doors.read"),
      manageHybrid: can(actor, "hybrid.manage"),
      negotiate: can(actor, "negotiation.read"),
      readLibrary: can(actor, "library.read"),
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
  // Grouped by what the secretariat does; each person sees only the pages their role lets them use.
  const link = (show: boolean, to: string, label: string, end = false) => (show ? [{ to: `${base}${to}`, label, end }] : []);
  const groups = [
    { key: "overview", links: link(may.readAdmin, "/overview", t("admin.overview.nav")) },
    {
      key: "programme",
      links: [
        ...link(may.readAdmin, "/sessions", t("admin.nav.sessions")),
        ...link(may.editProgramme, "/people", t("admin.nav.people")),
        ...link(may.editPages, "/pages", t("admin.nav.pages")),
        ...link(may.editOrganisations, "/organisations", t("admin.nav.organisations")),
      ],
    },
    {
      key: "participants",
      links: [
        ...link(may.readRegistrations, "/registrations", t("registration.admin.nav.registrations"), pathname === `${base}/registrations/dashboard`),
        ...link(may.readRegistrations, "/registrations/dashboard", t("dashboard.nav")),
        ...link(may.readRegistrations, "/duplicates", t("duplicates.nav")),
        ...link(may.readRegistrations, "/delegations", t("registration.admin.nav.delegations")),
        ...link(may.readRegistrations, "/invitations", t("registration.invitations.nav")),
        ...link(may.readRegistrations, "/categories", t("registration.admin.nav.categories")),
        ...link(may.readRegistrations, "/form-fields", t("fields.nav")),
        ...link(may.manageRegistrations, "/import", t("registration.import.nav")),
      ],
    },
    {
      key: "venue",
      links: [
        ...link(may.editVenue, "/venue", t("admin.nav.venue")),
        ...link(may.printBadges, "/badges", t("badges.nav"), true),
        ...link(may.designBadges, "/badges/designs", t("badges.design.nav")),
        ...link(may.readDoors, "/doors", t("doors.nav")),
        ...link(may.manageHybrid, "/hybrid", t("hybrid.nav")),
      ],
    },
    {
      key: "documents",
      links: [...link(may.readLibrary, "/library", t("library.staff.nav")), ...link(may.negotiate, "/documents", t("negotiation.page.outcomeNav"))],
    },
    {
      key: "communications",
      links: [
        ...link(may.readRegistrations, "/mail-templates", t("mailing.nav.templates")),
        ...link(may.readRegistrations, "/mail", t("mailing.nav.delivery")),
      ],
    },
    {
      key: "settings",
      links: [
        ...link(may.editEvent, "", t("admin.nav.settings"), true),
        ...link(may.manageRoles, "/access", t("admin.nav.access")),
        ...link(may.readAudit, "/audit", t("admin.nav.audit")),
        ...link(may.manageRegistrations, "/api-tokens", t("api.tokens.nav")),
        ...link(may.manageRegistrations, "/privacy", t("privacy.nav")),
      ],
    },
  ];
  return (
    <>
      <p className="breadcrumb">
        <a href="/admin">{t("admin.events.title")}</a> ›{" "}
        <Link to={`${base}/overview`}>{text(event.shortTitle, lang, event.languages) || text(event.title, lang, event.languages)}</Link>
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
        {groups.map((group) =>
          group.links.length === 0 ? null : (
            <div key={group.key} className="nav-group">
              <p className="nav-group-label" id={`nav-${group.key}`}>
                {t(`admin.navGroups.${group.key}`)}
              </p>
              <ul aria-labelledby={`nav-${group.key}`}>
                {group.links.map((link) => (
                  <li key={link.to}>
                    <NavLink end={link.end} to={link.to}>
                      {link.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ),
        )}
      </nav>
      <Outlet />
    </>
  );
}
