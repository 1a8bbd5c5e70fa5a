import { data, Form, useActionData } from "react-router";
import { requestPasswordReset } from "../../../features/access/auth.ts";
import { isAppError, presentError } from "../../../features/shared/errors.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { requestState, services, uiLanguage } from "../../server-helpers.ts";
import { Field, FormStatus } from "../../ui/form.tsx";
import type { Route } from "./+types/forgot";

export async function action({ request, context }: Route.ActionArgs) {
  const { db, config } = services(context);
  const form = await request.formData();
  const t = createTranslator(uiLanguage(request, context));
  try {
    await requestPasswordReset(db, form.get("email"), config.PUBLIC_URL, requestState(context).client);
    return { ok: true as const, message: t("admin.forgot.sent") };
  } catch (error) {
    if (isAppError(error)) return data({ ok: false as const, ...presentError(error, t) }, { status: error.status });
    throw error;
  }
}

export default function Forgot() {
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <title>{t("admin.forgot.title")}</title>
      <h1>{t("admin.forgot.title")}</h1>
      <p>{t("admin.forgot.intro")}</p>
      <FormStatus result={result} />
      <Form method="post" className="stack" style={{ maxWidth: "24rem" }}>
        <Field name="email" type="email" label={t("admin.signIn.email")} autoComplete="username" required result={result} />
        <p>
          <button type="submit">{t("admin.forgot.submit")}</button>
        </p>
      </Form>
    </>
  );
}
