import { Form } from "react-router";
import { maxSizeText } from "../../features/files/kinds.ts";
import { answerOf, attachmentAccept, customFieldName, type FormFieldView } from "../../features/registration/forms/form-field-view.ts";
import type { Localized } from "../../features/shared/localized.ts";
import { interfaceLanguages, languageName } from "../../i18n/index.ts";
import type { ActionResult } from "../admin.ts";
import { useT } from "../i18n.ts";
import { Field, SelectField } from "./form.tsx";
import { L, type LocalizeContext, text } from "./localized.tsx";

/** The registration form of open registration and of personal invitations; works without JavaScript. */
export function RegistrationForm({
  result,
  lang,
  fixed,
  questions,
  children,
}: {
  result?: ActionResult;
  lang: string;
  fixed?: { email: string; givenName: string; familyName: string };
  children?: React.ReactNode;
  /** The event's own questions, for the categories this form registers in. */
  questions?: Omit<CustomFieldsProps, "result">;
}) {
  const t = useT();
  const typed = (name: string) => (result && !result.ok ? (result.values?.[name] as string | undefined) : undefined);
  return (
    <Form method="post" className="stack" encType={questions && hasFileQuestion(questions) ? "multipart/form-data" : undefined}>
      {children}
      <div className="row">
        <Field name="honorific" label={t("registration.portal.honorific")} result={result} autoComplete="honorific-prefix" defaultValue={typed("honorific")} />
        <Field
          name="givenName"
          label={t("registration.portal.givenName")}
          result={result}
          required
          autoComplete="given-name"
          defaultValue={typed("givenName") ?? fixed?.givenName}
        />
        <Field
          name="familyName"
          label={t("registration.portal.familyName")}
          result={result}
          required
          autoComplete="family-name"
          defaultValue={typed("familyName") ?? fixed?.familyName}
        />
      </div>
      <div className="row">
        <Field name="givenNameLocal" label={t("registration.portal.givenNameLocal")} result={result} defaultValue={typed("givenNameLocal")} />
        <Field name="familyNameLocal" label={t("registration.portal.familyNameLocal")} result={result} defaultValue={typed("familyNameLocal")} />
      </div>
      <div className="row">
        <Field name="position" label={t("registration.portal.position")} result={result} autoComplete="organization-title" defaultValue={typed("position")} />
        <Field
          name="organisation"
          label={t("registration.portal.organisation")}
          result={result}
          autoComplete="organization"
          defaultValue={typed("organisation")}
        />
        <Field name="country" label={t("registration.register.country")} result={result} required maxLength={2} defaultValue={typed("country")} />
      </div>
      <div className="row">
        <Field
          name="email"
          type="email"
          label={t("registration.portal.email")}
          result={result}
          required
          autoComplete="email"
          defaultValue={fixed?.email ?? typed("email")}
          readOnly={!!fixed}
        />
        <Field name="phone" type="tel" label={t("registration.register.phone")} result={result} autoComplete="tel" defaultValue={typed("phone")} />
        <SelectField
          name="lang"
          label={t("registration.portal.lang")}
          result={result}
          defaultValue={typed("lang") ?? lang}
          options={interfaceLanguages.map((l) => ({ value: l, label: languageName(l) }))}
        />
      </div>
      {questions ? <CustomFields {...questions} result={result} /> : null}
      <label>
        <input type="checkbox" name="consentList" /> {t("registration.register.consentList")}
      </label>
      <label>
        <input type="checkbox" name="consentData" required aria-describedby="consent-error" /> {t("registration.register.consentData")} *
      </label>
      {result && !result.ok && result.error.fields.consentData ? (
        <span className="error-text" id="consent-error">
          {result.error.fields.consentData}
        </span>
      ) : null}
      <p>
        <button type="submit">{t("registration.register.submit")}</button>
      </p>
    </Form>
  );
}

export interface CustomFieldsProps {
  fields: readonly FormFieldView[];
  /** The categories the form may put the person in: questions asked only of other categories are left out. */
  categories: readonly { id: number; name: Localized }[];
  ctx: LocalizeContext;
  result?: ActionResult;
  /** The answers on file (the person's own page, the staff page). */
  current?: Record<string, unknown>;
  /** Names of the files among `current`, by file id. */
  fileNames?: Record<number, string>;
  /** The secretariat may leave required questions empty: nothing is marked required for them. */
  staff?: boolean;
  scope?: string;
}

const shown = (field: FormFieldView, categories: CustomFieldsProps["categories"]) =>
  field.categoryIds.length === 0 || categories.some((c) => field.categoryIds.includes(c.id));

/** Whether the form must be sent as multipart (a file question is asked). */
export function hasFileQuestion({ fields, categories }: Pick<CustomFieldsProps, "fields" | "categories">): boolean {
  return fields.some((f) => f.type === "file" && shown(f, categories));
}

/**
 * The event's own questions (app/routes/admin/form-fields.tsx): labels in the page's language, marked
 * with their own `lang` when they fall back to another; choices as fieldsets of radios or checkboxes.
 * Plain form controls named `custom.<key>`, so they work without JavaScript.
 */
export function CustomFields({ fields, categories, ctx, result, current = {}, fileNames = {}, staff, scope }: CustomFieldsProps) {
  const t = useT();
  const asked = fields.filter((f) => shown(f, categories));
  if (asked.length === 0) return null;
  const failed = result && !result.ok ? result : undefined;
  // After a refused submit the form shows what was typed (files excepted: a browser cannot send them back).
  const typed = failed?.values ? ((failed.values.custom ?? {}) as Record<string, unknown>) : undefined;
  return (
    <>
      {asked.map((field) => {
        const name = customFieldName(field.key);
        const id = `f-${scope ? `${scope}-` : ""}custom-${field.key}`;
        const value = answerOf(typed ?? current, field.key);
        const error = failed?.error.fields[name];
        const limitedTo =
          field.categoryIds.length > 0 && categories.some((c) => !field.categoryIds.includes(c.id))
            ? categories
                .filter((c) => field.categoryIds.includes(c.id))
                .map((c) => text(c.name, ctx))
                .join(", ")
            : null;
        const fileId = field.type === "file" ? answerOf(current, field.key) : undefined;
        const onFile = typeof fileId === "number" ? (fileNames[fileId] ?? "") : null;
        const mandatory = field.required && !staff && !limitedTo;
        const hints = [
          field.help && Object.keys(field.help).length ? <L key="help" value={field.help} ctx={ctx} /> : null,
          limitedTo ? (
            <span key="only">{t(field.required && !staff ? "fields.form.requiredFor" : "fields.form.onlyFor", { categories: limitedTo })}</span>
          ) : null,
          field.type === "file" ? <span key="file">{t("fields.form.fileHint", { max: maxSizeText("attachment") })}</span> : null,
          onFile !== null ? <span key="onFile">{t("fields.form.fileOnFile", { filename: onFile })}</span> : null,
        ].filter(Boolean);
        const describedBy = [hints.length ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
        const hint = hints.length ? (
          <span className="hint" id={`${id}-hint`}>
            {hints.map((h, i) => (
              <span key={i}>
                {i > 0 ? " " : ""}
                {h}
              </span>
            ))}
          </span>
        ) : null;
        const errorText = error ? (
          <span className="error" id={`${id}-error`}>
            {error}
          </span>
        ) : null;
        const label = (
          <>
            <L value={field.label} ctx={ctx} />
            {mandatory ? " *" : ""}
          </>
        );
        const invalid = error ? true : undefined;

        if (field.type === "choice" || field.type === "multi_choice" || field.type === "yes_no") {
          const multiple = field.type === "multi_choice";
          const chosen = Array.isArray(value)
            ? value.map(String)
            : value === true
              ? ["yes"]
              : value === false
                ? ["no"]
                : value === undefined || value === null
                  ? []
                  : [String(value)];
          const choices: { value: string; label: React.ReactNode }[] =
            field.type === "yes_no"
              ? [
                  { value: "yes", label: t("fields.form.yes") },
                  { value: "no", label: t("fields.form.no") },
                ]
              : field.options.map((o) => ({ value: o.value, label: <L value={o.label} ctx={ctx} /> }));
          // An optional single choice can be taken back: radios alone could not be cleared again.
          if (!multiple && !mandatory) choices.push({ value: "", label: t("fields.form.noAnswer") });
          // Option codes are [a-z0-9_-] and start with a letter or digit: no code can make `--empty`, or
          // turn an option's id into the question's `-hint` or `-error`.
          const choiceId = (value: string) => (value ? `${id}-option-${value}` : `${id}--empty`);
          return (
            <fieldset key={field.key} className="field choices" aria-describedby={describedBy}>
              <legend>{label}</legend>
              {hint}
              {/* Says the question was asked even when no box is ticked, so "none" can be saved. */}
              {multiple ? <input type="hidden" name={`${name}[]`} value="" /> : null}
              {choices.map((c) => (
                <label key={c.value} htmlFor={choiceId(c.value)}>
                  <input
                    type={multiple ? "checkbox" : "radio"}
                    id={choiceId(c.value)}
                    name={multiple ? `${name}[]` : name}
                    value={c.value}
                    defaultChecked={c.value ? chosen.includes(c.value) : chosen.length === 0}
                    required={mandatory && !multiple}
                    aria-invalid={invalid}
                  />{" "}
                  {c.label}
                </label>
              ))}
              {errorText}
            </fieldset>
          );
        }
        return (
          <div key={field.key} className="field">
            <label htmlFor={id}>{label}</label>
            {hint}
            <input
              id={id}
              name={name}
              type={field.type === "date" ? "date" : field.type === "file" ? "file" : "text"}
              accept={field.type === "file" ? attachmentAccept : undefined}
              maxLength={field.type === "text" ? 1000 : undefined}
              defaultValue={field.type === "file" || typeof value !== "string" ? undefined : value}
              required={mandatory && onFile === null}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
            {errorText}
          </div>
        );
      })}
    </>
  );
}
