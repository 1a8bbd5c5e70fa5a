import { index, route, type RouteConfig } from "@react-router/dev/routes";

// Public URLs are a contract (docs/urls.md): add, never break.
export default [
  index("routes/index.tsx"),
  route("admin", "routes/admin/layout.tsx", [
    index("routes/admin/index.tsx"),
    route("sign-in", "routes/admin/sign-in.tsx"),
    route("sign-out", "routes/admin/sign-out.tsx"),
    route("forgot", "routes/admin/forgot.tsx"),
    route("reset/:token", "routes/admin/reset.tsx"),
    route("locale", "routes/admin/locale.tsx"),
    route("mail", "routes/admin/mail.tsx"),
    route("events/new", "routes/admin/event-new.tsx"),
    route("e/:slug", "routes/admin/event-layout.tsx", [
      index("routes/admin/event-settings.tsx"),
      route("sessions", "routes/admin/sessions.tsx"),
      route("sessions/:sessionId", "routes/admin/session-edit.tsx"),
      route("people", "routes/admin/people.tsx"),
      route("people/:personId", "routes/admin/person-edit.tsx"),
      route("venue", "routes/admin/venue.tsx"),
      route("organisations", "routes/admin/organisations.tsx"),
      route("pages", "routes/admin/pages.tsx"),
      route("pages/:pageSlug", "routes/admin/page-edit.tsx"),
      route("access", "routes/admin/access.tsx"),
      route("audit", "routes/admin/audit.tsx"),
    ]),
  ]),
  route(":lang", "routes/lang-index.tsx"),
  route(":lang/e/:slug", "routes/event/layout.tsx", [
    index("routes/event/home.tsx"),
    route("programme", "routes/event/programme.tsx"),
    route("programme/:sessionId", "routes/event/session.tsx"),
    route("speakers", "routes/event/speakers.tsx"),
    route("speakers/:personId", "routes/event/speaker.tsx"),
    route("pages/:pageSlug", "routes/event/page.tsx"),
    route("delegation/:token", "routes/event/delegation-portal.tsx"),
    route("my/:token", "routes/event/my-registration.tsx"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
