import { Form, Link, useActionData, useLoaderData } from "react-router";
import { listEventCreators, setEventCreator } from "../../../features/access/set-event-creator.ts";
import { mayCreateEvents } from "../../../features/events/create-event.ts";
import { listEventsForUser } from "../../../features/events/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, requireUser, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus } from "../../ui/form.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/index";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(request, context);
  const events = await listEventsForUser(services(context).db, user);
  const creators = user.isAdmin ? await listEventCreators(services(context).db) : [];
  return {
    isAdmin: user.isAdmin,
    mayCreate: mayCreateEvents(user),
    creators,
    events: events.map((e) => ({ slug: e.slug, title: e.title, languages: e.languages, status: e.status, startDate: e.startDate, endDate: e.endDate })),
  };
}

/** Instance administrators let chosen staff create events, or take that away. */
export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(request, context);
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values, intent }) => {
    await setEventCreator({ db: services(context).db, user }, { email: values.email, allowed: intent !== "revoke" });
    return { ok: true, message: t("admin.saved") } satisfies ActionResult;
  });
}

export default function AdminIndex() {
  const { mayCreate, isAdmin, creators, events } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const lang = useUiLang();
  return (
    <>
      <title>{t("admin.events.title")}</title>
      <h1>{t("admin.events.title")}</h1>
      {mayCreate ? (
        <p>
          <Link className="button" to="/admin/events/new">
            {t("admin.events.create")}
          </Link>
        </p>
      ) : null}
      {events.length === 0 ? (
        <p>{t("admin.events.none")}</p>
      ) : (
        <TableRegion label={t("admin.events.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.events.name")}</th>
                <th scope="col">{t("admin.events.dates")}</th>
                <th scope="col">{t("admin.events.status")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.slug}>
                  <td>
                    <Link to={`/admin/e/${e.slug}/overview`}>{text(e.title, lang, e.languages)}</Link>
                  </td>
                  <td>
                    {e.startDate} – {e.endDate}
                  </td>
                  <td>{t(`admin.status.${e.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {isAdmin ? (
        <section aria-labelledby="creators-title">
          <h2 id="creators-title">{t("admin.creators.title")}</h2>
          <p className="muted">{t("admin.creators.help")}</p>
          <FormStatus result={result} />
          {creators.length === 0 ? (
            <p>{t("admin.creators.none")}</p>
          ) : (
            <ul>
              {creators.map((c) => (
                <li key={c.email}>
                  {c.name} ({c.email}){" "}
                  <Form method="post" className="inline">
                    <Csrf />
                    <input type="hidden" name="email" value={c.email} />
                    <button type="submit" name="intent" value="revoke" className="secondary">
                      {t("admin.creators.revoke")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
          <Form method="post" className="row">
            <Csrf />
            <Field name="email" type="email" label={t("admin.creators.email")} required result={result} />
            <p>
              <button type="submit" name="intent" value="allow">
                {t("admin.creators.allow")}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
