import { Form, useActionData, useLoaderData } from "react-router";
import { ensureDefaultCategories } from "../../../features/registration/default-categories.ts";
import { inviteParticipant, listInvitations } from "../../../features/registration/delegations/invitations.ts";
import { listCategories } from "../../../features/registration/review/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator, interfaceLanguages, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { shapeTable } from "../../table.ts";
import { Csrf, Field, FormStatus, SelectField } from "../../ui/form.tsx";
import { SortHeader, TableFooter, TableRegion, TableSearch } from "../../ui/table.tsx";
import type { Route } from "./+types/invitations";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  await ensureDefaultCategories(db, event.id);
  const [invitations, categories] = await Promise.all([listInvitations(db, event.id), listCategories(db, event.id)]);
  const lang = uiLanguage(request, context);
  const categoryName = (id: number) => text(categories.find((c) => c.id === id)?.name, lang, event.languages);
  const table = shapeTable(invitations, request.url, lang, {
    sorts: {
      name: (i) => `${i.familyName} ${i.givenName}`,
      category: (i) => categoryName(i.categoryId),
      state: (i) => (i.acceptedAt ? new Date(i.acceptedAt).getTime() : null),
    },
    search: (i) => [i.givenName, i.familyName, i.email, categoryName(i.categoryId)],
  });
  return { event, table, categories: categories.map((c) => ({ id: c.id, name: c.name })) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values }) => {
    const invitation = await inviteParticipant(commandContext(context, actor), event, values);
    return { ok: true, message: t("registration.invitations.sent", { email: invitation.email }) } satisfies ActionResult;
  });
}

export default function Invitations() {
  const { event, table, categories } = useLoaderData<typeof loader>();
  const { query } = table;
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const fmt = eventFormatter(lang, event.timezone);
  const categoryName = (id: number) => text(categories.find((c) => c.id === id)?.name, lang, event.languages);
  return (
    <>
      <title>{t("registration.invitations.title")}</title>
      <h1>{t("registration.invitations.title")}</h1>
      <p className="muted">{t("registration.invitations.intro")}</p>
      <FormStatus result={result} />
      <Form method="post" className="stack">
        <Csrf />
        <div className="row">
          <Field name="givenName" label={t("registration.portal.givenName")} required result={result} />
          <Field name="familyName" label={t("registration.portal.familyName")} required result={result} />
          <Field name="email" type="email" label={t("registration.portal.email")} required result={result} />
        </div>
        <div className="row">
          <SelectField
            name="categoryId"
            label={t("registration.register.category")}
            result={result}
            options={categories.map((c) => ({ value: c.id, label: text(c.name, lang, event.languages) }))}
          />
          <SelectField
            name="lang"
            label={t("registration.portal.lang")}
            result={result}
            defaultValue={lang}
            options={interfaceLanguages.map((l) => ({ value: l, label: languageName(l) }))}
          />
        </div>
        <p>
          <button type="submit">{t("registration.invitations.send")}</button>
        </p>
      </Form>
      <h2>{t("registration.invitations.sentList", { count: table.all })}</h2>
      <TableSearch query={query} label={t("table.search")} />
      <TableRegion label={t("registration.invitations.sentList", { count: table.all })}>
        <table>
          <thead>
            <tr>
              <SortHeader sort="name" query={query}>
                {t("registration.portal.givenName")}
              </SortHeader>
              <SortHeader sort="category" query={query}>
                {t("registration.register.category")}
              </SortHeader>
              <SortHeader sort="state" query={query}>
                {t("registration.invitations.state")}
              </SortHeader>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.givenName} {i.familyName}
                  <br />
                  <span className="muted">
                    {i.email} · {languageName(i.lang)}
                  </span>
                </td>
                <td>{categoryName(i.categoryId)}</td>
                <td suppressHydrationWarning>
                  {i.acceptedAt
                    ? t("registration.invitations.accepted", { date: fmt.dateTime(new Date(i.acceptedAt)) })
                    : t("registration.invitations.waiting")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <TableFooter table={table} />
    </>
  );
}
