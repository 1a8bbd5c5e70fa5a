import { data, Form, redirect, useActionData } from "react-router";
import { resetPassword } from "../../../features/access/auth.ts";
import { isAppError, presentError } from "../../../features/shared/errors.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Field, FormStatus } from "../../ui/form.tsx";
import type { Route } from "./+types/reset";

export async function action({ request, context, params }: Route.ActionArgs) {
  const form = await request.formData();
  const t = createTranslator(uiLanguage(request, context));
  try {
    await resetPassword(services(context).db, params.token, form.get("password"));
    return redirect("/admin/sign-in?reset=1");
  } catch (error) {
    if (isAppError(error)) return data({ ok: false as const, ...presentError(error, t) }, { status: error.status });
    throw error;
  }
}

export default function Reset() {
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <title>{t("admin.reset.title")}</title>
      <h1>{t("admin.reset.title")}</h1>
      <FormStatus result={result} />
      <Form method="post" className="stack" style={{ maxWidth: "24rem" }}>
        <Field
          name="password"
          type="password"
          label={t("admin.reset.password")}
          hint={t("admin.reset.hint")}
          autoComplete="new-password"
          minLength={10}
          required
          result={result}
        />
        <p>
          <button type="submit">{t("admin.reset.submit")}</button>
        </p>
      </Form>
    </>
  );
}
