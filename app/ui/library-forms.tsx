// The staff's forms for a document of the library: its texts, and who may read it.
import { accessLevels, documentKinds } from "../../features/documents/vocabulary.ts";
import { text as localizedText } from "../../features/shared/localized.ts";
import type { FieldValues } from "../../features/shared/merge.ts";
import { languageName } from "../../i18n/index.ts";
import type { ActionResult } from "../admin.ts";
import { useT, useUiLang } from "../i18n.ts";
import { Field, LocalizedField, SelectField } from "./form.tsx";

export interface AccessChoices {
  categories: { id: number; name: Record<string, string> }[];
  delegations: { id: number; name: Record<string, string> }[];
}

/** Kind, title and summary per language, original language, day of issue. */
export function MetadataFields({ languages, values, result }: { languages: readonly string[]; values: FieldValues; result?: ActionResult }) {
  const t = useT();
  const localized = (name: string) => Object.fromEntries(languages.map((l) => [l, values[`${name}.${l}`] ?? ""]));
  return (
    <>
      <div className="row">
        <SelectField
          name="kind"
          label={t("library.fields.kind")}
          defaultValue={values.kind || "information_note"}
          result={result}
          options={documentKinds.map((k) => ({ value: k, label: t(`library.kinds.${k}`) }))}
        />
        <SelectField
          name="originalLanguage"
          label={t("library.fields.originalLanguage")}
          defaultValue={values.originalLanguage || languages[0]}
          result={result}
          options={languages.map((l) => ({ value: l, label: languageName(l) }))}
        />
        <Field
          name="issuedOn"
          type="date"
          label={t("library.fields.issuedOn")}
          hint={t("library.fields.issuedOnHint")}
          defaultValue={values.issuedOn}
          result={result}
        />
      </div>
      <LocalizedField
        name="title"
        label={t("library.fields.title")}
        hint={t("library.fields.titleHint")}
        languages={languages}
        value={localized("title")}
        result={result}
      />
      <LocalizedField
        name="summary"
        label={t("library.fields.summary")}
        hint={t("library.fields.summaryHint")}
        languages={languages}
        value={localized("summary")}
        result={result}
        multiline
      />
    </>
  );
}

/** The access level, with the categories or delegations it is open to (lists that only count for their level). */
export function AccessFields({
  languages,
  values,
  choices,
  result,
}: {
  languages: readonly string[];
  values: FieldValues;
  choices: AccessChoices;
  result?: ActionResult;
}) {
  const t = useT();
  const lang = useUiLang();
  const chosen = (field: string) => (values[field] ? values[field].split(",") : []);
  const error = (field: string) => (result && !result.ok ? result.error.fields[field] : undefined);
  return (
    <>
      <fieldset>
        <legend>{t("library.fields.access")}</legend>
        {accessLevels.map((level) => (
          <label key={level} className="choice-line">
            <input type="radio" name="access" value={level} defaultChecked={(values.access || "public") === level} /> {t(`library.access.${level}`)}
          </label>
        ))}
      </fieldset>
      <div className="row">
        {(["categoryIds", "delegationIds"] as const).map((field) => {
          const options = field === "categoryIds" ? choices.categories : choices.delegations;
          const id = `f-${field}`;
          return (
            <div className="field" key={field}>
              <label htmlFor={id}>{t(`library.fields.${field}`)}</label>
              <span className="hint" id={`${id}-hint`}>
                {t(`library.fields.${field}Hint`)}
              </span>
              <select
                id={id}
                name={`${field}[]`}
                multiple
                size={Math.min(8, Math.max(3, options.length))}
                defaultValue={chosen(field)}
                aria-describedby={error(field) ? `${id}-hint ${id}-error` : `${id}-hint`}
                aria-invalid={error(field) ? true : undefined}
              >
                {options.map((o) => (
                  <option key={o.id} value={String(o.id)}>
                    {localizedText(o.name, lang, languages)}
                  </option>
                ))}
              </select>
              {error(field) ? (
                <span className="error" id={`${id}-error`}>
                  {error(field)}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
    </>
  );
}
