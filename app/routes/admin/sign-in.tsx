import { data, Form, redirect, useActionData, useSearchParams } from "react-router";
import { sessionCookieName, sessionDays, signIn } from "../../../features/access/auth.ts";
import { safeNext } from "../../../features/access/safe-next.ts";
import { isAppError, presentError } from "../../../features/shared/errors.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { requestState, services, uiLanguage } from "../../server-helpers.ts";
import { Field, FormStatus } from "../../ui/form.tsx";
import type { Route } from "./+types/sign-in";

export function meta() {
  return [{ title: "Plenary" }];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  if (requestState(context).user) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const { db, config } = services(context);
  const form = await request.formData();
  const lang = uiLanguage(request, context);
  try {
    const { token } = await signIn(db, { email: form.get("email"), password: form.get("password") }, requestState(context).client);
    const secure = config.PUBLIC_URL.startsWith("https:") ? "; Secure" : "";
    return redirect(safeNext(String(form.get("next") ?? "")), {
      headers: { "set-cookie": `${sessionCookieName}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${sessionDays * 86400}${secure}` },
    });
  } catch (error) {
    if (isAppError(error)) return data({ ok: false as const, ...presentError(error, createTranslator(lang)) }, { status: error.status });
    throw error;
  }
}

export default function SignIn() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  return (
    <>
      <title>{t("admin.signIn.title")}</title>
      <h1>{t("admin.signIn.title")}</h1>
      <FormStatus result={result} />
      <Form method="post" className="stack" style={{ maxWidth: "24rem" }}>
        <input type="hidden" name="next" value={safeNext(params.get("next"))} />
        <Field name="email" type="email" label={t("admin.signIn.email")} autoComplete="username" required result={result} />
        <Field name="password" type="password" label={t("admin.signIn.password")} autoComplete="current-password" required result={result} />
        <p>
          <button type="submit">{t("admin.signIn.submit")}</button>
        </p>
        <p>
          <a href="/admin/forgot">{t("admin.signIn.forgot")}</a>
        </p>
      </Form>
    </>
  );
}
