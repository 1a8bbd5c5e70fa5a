import { Form, useActionData, useLoaderData } from "react-router";
import { grantRole, revokeRole } from "../../../features/access/manage-roles.ts";
import { loadEventAccess } from "../../../features/access/queries.ts";
import { roles } from "../../../features/access/vocabulary.ts";
import { text } from "../../../features/shared/localized.ts";
import { toId } from "../../../features/shared/validate.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, SelectField } from "../../ui/form.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/access";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "roles.manage");
  const { db } = services(context);
  return { event, ...(await loadEventAccess(db, event.id)) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "roles.manage");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ form, values, intent }) => {
    const ctx = commandContext(context, actor);
    if (intent === "revoke") {
      await revokeRole(ctx, event, toId(values.userId) ?? 0);
      return { ok: true, message: t("admin.saved") } satisfies ActionResult;
    }
    const { invited } = await grantRole(ctx, event, { ...values, sideEventIds: form.getAll("sideEventIds").map(Number) });
    return { ok: true, message: t(invited ? "admin.access.invited" : "admin.saved") } satisfies ActionResult;
  });
}

export default function Access() {
  const { event, grants, sideEvents, partnerGrants } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const roleOptions = roles.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }));
  const sideEventBoxes = (userId: number | null, scope: string) =>
    sideEvents.length > 0 ? (
      <fieldset>
        <legend>{t("admin.access.sideEvents")}</legend>
        {sideEvents.map((s) => (
          <label key={s.id} style={{ display: "block" }}>
            <input
              type="checkbox"
              name="sideEventIds"
              value={s.id}
              id={`${scope}-se-${s.id}`}
              defaultChecked={partnerGrants.some((g) => g.userId === userId && g.sessionId === s.id)}
            />{" "}
            {text(s.title, lang, event.languages)}
          </label>
        ))}
      </fieldset>
    ) : null;
  return (
    <>
      <title>{t("admin.nav.access")}</title>
      <h1>{t("admin.nav.access")}</h1>
      <p className="muted">{t("admin.access.intro")}</p>
      <FormStatus result={result} />
      <TableRegion label={t("admin.nav.access")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.access.person")}</th>
              <th scope="col">{t("admin.access.role")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("admin.access.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => (
              <tr key={g.userId}>
                <td>
                  {g.name}
                  <br />
                  <span className="muted">{g.email}</span>
                </td>
                <td>
                  <Form method="post" className="stack">
                    <Csrf />
                    <input type="hidden" name="email" value={g.email} />
                    <SelectField name="role" label={t("admin.access.role")} defaultValue={g.role} options={roleOptions} scope={`u${g.userId}`} />
                    {g.role === "side_event_partner" ? sideEventBoxes(g.userId, `u${g.userId}`) : null}
                    <p>
                      <button type="submit" name="intent" value="grant" className="secondary">
                        {t("admin.save")}
                      </button>
                    </p>
                  </Form>
                </td>
                <td>
                  <Form method="post">
                    <Csrf />
                    <input type="hidden" name="userId" value={g.userId} />
                    <button type="submit" name="intent" value="revoke" className="danger">
                      {t("admin.access.revoke")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>{t("admin.access.add")}</h2>
      <Form method="post" className="stack">
        <Csrf />
        <Field name="email" type="email" label={t("admin.signIn.email")} required result={result} scope="new" />
        <Field name="name" label={t("admin.access.name")} result={result} scope="new" />
        <SelectField name="role" label={t("admin.access.role")} defaultValue="programme_editor" options={roleOptions} result={result} scope="new" />
        {sideEventBoxes(null, "new")}
        <p>
          <button type="submit" name="intent" value="grant">
            {t("admin.access.grant")}
          </button>
        </p>
      </Form>
    </>
  );
}
