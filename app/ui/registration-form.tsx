import { Form } from "react-router";
import { interfaceLanguages, languageNames } from "../../i18n/index.ts";
import type { ActionResult } from "../admin.ts";
import { useT } from "../i18n.ts";
import { Field, SelectField } from "./form.tsx";

/** The registration form of open registration and of personal invitations; works without JavaScript. */
export function RegistrationForm({ result, lang, fixed, children }: {
  result?: ActionResult; lang: string; fixed?: { email: string; givenName: string; familyName: string }; children?: React.ReactNode;
}) {
  const t = useT();
  const typed = (name: string) => (result && !result.ok ? (result.values?.[name] as string | undefined) : undefined);
  return (
    <Form method="post" className="stack">
      {children}
      <div className="row">
        <Field name="honorific" label={t("registration.portal.honorific")} result={result} autoComplete="honorific-prefix" defaultValue={typed("honorific")} />
        <Field name="givenName" label={t("registration.portal.givenName")} result={result} required autoComplete="given-name" defaultValue={typed("givenName") ?? fixed?.givenName} />
        <Field name="familyName" label={t("registration.portal.familyName")} result={result} required autoComplete="family-name" defaultValue={typed("familyName") ?? fixed?.familyName} />
      </div>
      <div className="row">
        <Field name="givenNameLocal" label={t("registration.portal.givenNameLocal")} result={result} defaultValue={typed("givenNameLocal")} />
        <Field name="familyNameLocal" label={t("registration.portal.familyNameLocal")} result={result} defaultValue={typed("familyNameLocal")} />
      </div>
      <div className="row">
        <Field name="position" label={t("registration.portal.position")} result={result} autoComplete="organization-title" defaultValue={typed("position")} />
        <Field name="organisation" label={t("registration.portal.organisation")} result={result} autoComplete="organization" defaultValue={typed("organisation")} />
        <Field name="country" label={t("registration.register.country")} result={result} required maxLength={2} defaultValue={typed("country")} />
      </div>
      <div className="row">
        <Field name="email" type="email" label={t("registration.portal.email")} result={result} required autoComplete="email"
          defaultValue={fixed?.email ?? typed("email")} readOnly={!!fixed} />
        <Field name="phone" type="tel" label={t("registration.register.phone")} result={result} autoComplete="tel" defaultValue={typed("phone")} />
        <SelectField name="lang" label={t("registration.portal.lang")} result={result} defaultValue={typed("lang") ?? lang}
          options={interfaceLanguages.map((l) => ({ value: l, label: languageNames[l] }))} />
      </div>
      <label><input type="checkbox" name="consentList" /> {t("registration.register.consentList")}</label>
      <label><input type="checkbox" name="consentData" required aria-describedby="consent-error" /> {t("registration.register.consentData")} *</label>
      {result && !result.ok && result.error.fields.consentData ? <span className="error-text" id="consent-error">{result.error.fields.consentData}</span> : null}
      <p><button type="submit">{t("registration.register.submit")}</button></p>
    </Form>
  );
}
