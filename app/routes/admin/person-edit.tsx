import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { getPerson, savePerson } from "../../../features/programme/save-person.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT } from "../../i18n.ts";
import { guard, services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, LocalizedField } from "../../ui/form.tsx";
import type { Route } from "./+types/person-edit";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  // Only those who may change it see the page: its forms would answer 403 to anyone else.
  const { event } = await loadStaffEvent(request, context, params.slug, "programme.edit");
  const person = params.personId === "new" ? null : await guard(() => getPerson(services(context).db, event.id, Number(params.personId)));
  return { event, person };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug);
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values }) => {
    const existing = params.personId === "new" ? null : await getPerson(services(context).db, event.id, Number(params.personId));
    const saved = await savePerson(commandContext(context, actor), event, existing, values);
    if (!existing) return redirect(`/admin/e/${event.slug}/people/${saved.id}?created=1`);
    return { ok: true, message: t("admin.saved") } satisfies ActionResult;
  });
}

export default function PersonEdit() {
  const { event, person } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const languages = event.languages;
  return (
    <>
      <title>{person ? t("admin.people.edit") : t("admin.people.new")}</title>
      <h1>{person ? t("admin.people.edit") : t("admin.people.new")}</h1>
      <FormStatus result={result} />
      <Form method="post" className="stack" key={person?.version ?? "new"}>
        <Csrf />
        {person ? <input type="hidden" name="version" value={person.version} /> : null}
        <LocalizedField name="honorific" label={t("admin.people.honorific")} languages={languages} value={person?.honorific} result={result} />
        <LocalizedField name="name" label={t("admin.people.name")} languages={languages} value={person?.name} result={result} required />
        <LocalizedField name="position" label={t("admin.people.position")} languages={languages} value={person?.position} result={result} />
        <LocalizedField name="organisation" label={t("admin.people.organisation")} languages={languages} value={person?.organisation} result={result} />
        <Field
          name="country"
          label={t("admin.people.country")}
          hint={t("admin.people.countryHint")}
          defaultValue={person?.country}
          maxLength={2}
          result={result}
        />
        <p>
          <button type="submit">{t("admin.save")}</button>
        </p>
      </Form>
    </>
  );
}
