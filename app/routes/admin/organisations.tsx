import { Form, useActionData, useLoaderData } from "react-router";
import { loadEventParts } from "../../../features/events/queries.ts";
import { deleteEventPart, saveEventPart } from "../../../features/events/save-parts.ts";
import { uploadLogo } from "../../../features/events/upload-logo.ts";
import { organisationRoles } from "../../../features/events/vocabulary.ts";
import { fileRules, maxSizeText } from "../../../features/files/kinds.ts";
import { toId } from "../../../features/shared/validate.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, fileLimit, LocalizedField, SelectField } from "../../ui/form.tsx";
import type { Route } from "./+types/organisations";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  // Only those who may change it see the page: its forms would answer 403 to anyone else.
  const { event } = await loadStaffEvent(request, context, params.slug, "organisations.edit");
  return { event, organisations: (await loadEventParts(services(context).db, event.id)).organisations };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug);
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ form, values, intent }) => {
    const ctx = commandContext(context, actor);
    const id = toId(values.id);
    if (intent === "delete" && id) await deleteEventPart(ctx, "organisation", event, id);
    else if (intent === "logo" && id) await uploadLogo(ctx, event, id, form.get("logo") as File | null);
    else await saveEventPart(ctx, "organisation", event, id, values);
    return { ok: true, message: t("admin.saved") } satisfies ActionResult;
  });
}

export default function Organisations() {
  const { event, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const languages = event.languages;
  return (
    <>
      <title>{t("admin.nav.organisations")}</title>
      <h1>{t("admin.nav.organisations")}</h1>
      <FormStatus result={result} />
      {[...organisations, null].map((o) => {
        const scope = `org-${o?.id ?? "new"}`;
        return (
          <details key={o?.id ?? "new"}>
            <summary>{o ? `${o.name[languages[0]] ?? ""} — ${t(`admin.organisations.roles.${o.role}`)}` : t("admin.organisations.new")}</summary>
            <Form method="post" className="stack">
              <Csrf />
              {o ? <input type="hidden" name="id" value={o.id} /> : null}
              <LocalizedField name="name" label={t("admin.organisations.name")} languages={languages} value={o?.name} required scope={scope} />
              <LocalizedField name="acronym" label={t("admin.organisations.acronym")} languages={languages} value={o?.acronym} scope={scope} />
              <SelectField
                name="role"
                label={t("admin.organisations.role")}
                defaultValue={o?.role ?? "partner"}
                scope={scope}
                options={organisationRoles.map((r) => ({ value: r, label: t(`admin.organisations.roles.${r}`) }))}
              />
              <Field name="url" type="url" label={t("admin.organisations.url")} defaultValue={o?.url} scope={scope} />
              <p className="actions">
                <button type="submit" name="intent" value="save">
                  {t("admin.save")}
                </button>
                {o ? (
                  <button type="submit" name="intent" value="delete" className="danger" formNoValidate>
                    {t("admin.delete")}
                  </button>
                ) : null}
              </p>
            </Form>
            {o ? (
              <Form method="post" encType="multipart/form-data" className="stack">
                <Csrf />
                <input type="hidden" name="id" value={o.id} />
                {o.logoFileId ? <img src={`/files/${o.logoFileId}`} alt={t("admin.organisations.currentLogo")} width="64" height="64" /> : null}
                <Field
                  name="logo"
                  type="file"
                  accept={fileRules.logo.types.join(",")}
                  {...fileLimit(t, "logo")}
                  label={t("admin.organisations.logo")}
                  hint={t("admin.organisations.logoHint", { max: maxSizeText("logo") })}
                  scope={scope}
                />
                <p>
                  <button type="submit" name="intent" value="logo">
                    {t("admin.organisations.upload")}
                  </button>
                </p>
              </Form>
            ) : null}
          </details>
        );
      })}
    </>
  );
}
