import { type ReactNode, useState } from "react";
import { Form } from "react-router";
import { eventFormats } from "../../features/events/vocabulary.ts";
import type { Localized } from "../../features/shared/localized.ts";
import { interfaceLanguages, languageName } from "../../i18n/index.ts";
import type { ActionResult } from "../admin.ts";
import { useT } from "../i18n.ts";
import { Csrf, Field, LocalizedField, SelectField } from "./form.tsx";

export interface EventFormValues {
  slug?: string;
  title?: Localized;
  notice?: Localized;
  shortTitle?: Localized;
  description?: Localized;
  venue?: Localized;
  city?: Localized;
  startDate?: string;
  endDate?: string;
  timezone?: string;
  languages?: string[];
  format?: string;
  interfaceLanguage?: string;
  protocolLanguage?: string;
  version?: number;
}

/** The event's settings, used to create an event and to edit one. Languages: codes separated by commas, default first. */
export function EventForm({
  values,
  result,
  submitLabel,
  base,
  review,
}: {
  values: EventFormValues;
  result?: ActionResult;
  submitLabel: string;
  /** The saved settings the form started from (features/shared/merge.ts), for the comparison after a lost race. */
  base?: string;
  /** That comparison, shown at the top of the form. */
  review?: ReactNode;
}) {
  const t = useT();
  const initial = values.languages?.length ? values.languages : ["en", "ru"];
  // With JavaScript, the per-language fields follow the languages as they are typed.
  const [typed, setTyped] = useState(initial.join(", "));
  const parsed = typed
    .split(/[\s,]+/)
    .map((l) => l.trim().toLowerCase())
    .filter((l) => /^[a-z]{2,3}$/.test(l));
  const languages = parsed.length ? [...new Set(parsed)] : initial;
  return (
    <Form method="post" className="stack">
      <Csrf />
      {values.version !== undefined ? <input type="hidden" name="version" value={values.version} /> : null}
      {base ? <input type="hidden" name="_base" value={base} /> : null}
      {review}
      <Field
        name="languages"
        label={t("admin.event.languages")}
        hint={t("admin.event.languagesHint")}
        defaultValue={initial.join(", ")}
        onChange={(e) => setTyped(e.currentTarget.value)}
        required
        result={result}
      />
      <LocalizedField name="title" label={t("admin.event.title")} languages={languages} value={values.title} result={result} required />
      <LocalizedField name="shortTitle" label={t("admin.event.shortTitle")} languages={languages} value={values.shortTitle} result={result} />
      <LocalizedField name="description" label={t("admin.event.description")} languages={languages} value={values.description} result={result} multiline />
      <Field name="slug" label={t("admin.event.slug")} hint={t("admin.event.slugHint")} defaultValue={values.slug} required result={result} />
      <div className="row">
        <Field name="startDate" type="date" label={t("admin.event.startDate")} defaultValue={values.startDate} required result={result} />
        <Field name="endDate" type="date" label={t("admin.event.endDate")} defaultValue={values.endDate} required result={result} />
        <Field
          name="timezone"
          label={t("admin.event.timezone")}
          hint={t("admin.event.timezoneHint")}
          defaultValue={values.timezone ?? "Asia/Tashkent"}
          required
          result={result}
        />
      </div>
      <SelectField
        name="format"
        label={t("admin.event.format")}
        defaultValue={values.format ?? "in_person"}
        result={result}
        options={eventFormats.map((f) => ({ value: f, label: t(`event.formats.${f}`) }))}
      />
      <SelectField
        name="interfaceLanguage"
        label={t("admin.event.interfaceLanguage")}
        hint={t("admin.event.interfaceLanguageHint")}
        defaultValue={values.interfaceLanguage ?? "en"}
        result={result}
        options={interfaceLanguages.map((l) => ({ value: l, label: languageName(l) }))}
      />
      <SelectField
        name="protocolLanguage"
        label={t("admin.event.protocolLanguage")}
        hint={t("admin.event.protocolLanguageHint")}
        defaultValue={values.protocolLanguage ?? "en"}
        result={result}
        options={[...new Set(["en", ...languages])].map((l) => ({ value: l, label: languageName(l) }))}
      />
      <LocalizedField name="venue" label={t("admin.event.venue")} languages={languages} value={values.venue} result={result} />
      <LocalizedField name="city" label={t("admin.event.city")} languages={languages} value={values.city} result={result} />
      <LocalizedField name="notice" label={t("admin.event.notice")} languages={languages} value={values.notice} result={result} multiline rows={2} />
      <p>
        <button type="submit" name="intent" value="save">
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}

/** Form values as the event commands take them: languages split from "en, ru". */
export function eventFormToInput(values: Record<string, unknown>) {
  const languages = String(values.languages ?? "")
    .split(/[\s,]+/)
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  return { ...values, languages };
}
