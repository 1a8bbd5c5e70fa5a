import { useActionData, useLoaderData } from "react-router";
import { getPublishedEvent } from "../../../features/events/queries.ts";
import { toFieldView } from "../../../features/registration/forms/form-field-view.ts";
import { listFormFields } from "../../../features/registration/forms/form-fields.ts";
import { openCategories, register } from "../../../features/registration/register.ts";
import { NotFound } from "../../../features/shared/errors.ts";
import { formToObject, toId } from "../../../features/shared/validate.ts";
import { createTranslator } from "../../../i18n/index.ts";
import type { ActionResult } from "../../admin.ts";
import { metaTranslator, useT } from "../../i18n.ts";
import { guard, linkAction, pageLanguage, privatePageHeaders, requestState, services } from "../../server-helpers.ts";
import { Field, FormStatus, SelectField } from "../../ui/form.tsx";
import { text } from "../../ui/localized.tsx";
import { RegistrationForm } from "../../ui/registration-form.tsx";
import type { Route } from "./+types/register";
import { useEventData } from "./layout.tsx";

export const headers = () => privatePageHeaders();
export const meta: Route.MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("registration.register.submit") }];

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const { db } = services(context);
    const event = await getPublishedEvent(db, params.slug);
    const [categories, questions] = await Promise.all([openCategories(db, event.id), listFormFields(db, event.id)]);
    return { categories: categories.map((c) => ({ id: c.id, name: c.name, hasCode: !!c.accessCode })), questions: questions.map(toFieldView) };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, config } = services(context);
  const lang = await pageLanguage(context, params);
  const t = createTranslator(lang);
  const form = await request.formData();
  const values = formToObject(form);
  return linkAction(
    lang,
    async () => {
      const event = await getPublishedEvent(db, params.slug);
      const category = (await openCategories(db, event.id)).find((c) => c.id === toId(values.categoryId));
      if (!category) throw NotFound("registration.not_open");
      await register(
        { db, publicUrl: config.PUBLIC_URL, now: new Date(), client: requestState(context).client },
        event,
        { category, accessCode: values.accessCode },
        form,
      );
      return { ok: true as const, message: t("registration.register.done") };
    },
    { ...values, accessCode: undefined },
  );
}

export default function Register() {
  const { categories, questions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { event, ctx, lang } = useEventData();
  const t = useT();
  return (
    <>
      <h1>{t("registration.register.title", { event: text(event.shortTitle, ctx) || text(event.title, ctx) })}</h1>
      <FormStatus result={result} />
      {result?.ok ? null : categories.length === 0 ? (
        <p>{t("registration.register.noneOpen")}</p>
      ) : (
        <>
          <p>{t("registration.register.intro")}</p>
          <RegistrationForm result={result} lang={lang} questions={{ fields: questions, categories, ctx }}>
            <div className="row">
              <SelectField
                name="categoryId"
                label={t("registration.register.category")}
                result={result}
                required
                defaultValue={(result && !result.ok ? (result.values?.categoryId as string) : undefined) ?? categories[0].id}
                options={categories.map((c) => ({ value: c.id, label: text(c.name, ctx) }))}
              />
              {categories.some((c) => c.hasCode) ? (
                <Field
                  name="accessCode"
                  label={t("registration.register.accessCode")}
                  hint={t("registration.register.accessCodeHint")}
                  result={result}
                  autoComplete="off"
                />
              ) : null}
            </div>
          </RegistrationForm>
        </>
      )}
    </>
  );
}
