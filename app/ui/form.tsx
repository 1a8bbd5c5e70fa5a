import { useEffect, useRef } from "react";
import { useRouteLoaderData } from "react-router";
import { type FileKind, fileRules, maxSizeText } from "../../features/files/kinds.ts";
import type { Localized } from "../../features/shared/localized.ts";
import { htmlLang, languageName, type Translate, textDirection } from "../../i18n/index.ts";
import type { ActionResult } from "../admin.ts";
import { useT } from "../i18n.ts";

/**
 * Attributes of a file input that let the hydrated page refuse a file over its kind's limit before it is
 * sent, in the page's words (app/entry.client.tsx). Sent anyway, the server's 413 ends the connection,
 * which a form submitted by script can only show as an error page; without JavaScript the server's own
 * page says the limit, with the way back.
 */
export function fileLimit(t: Translate, kind: FileKind) {
  return { "data-max-bytes": fileRules[kind].maxBytes, "data-too-large": t("error.upload.too_large", { max: maxSizeText(kind) }) };
}

export function Csrf() {
  const data = useRouteLoaderData("routes/admin/layout") as { csrf: string | null } | undefined;
  return <input type="hidden" name="_csrf" value={data?.csrf ?? ""} />;
}

/** What the last submit said: the error summary (announced), success, and non-blocking warnings. */
export function FormStatus({ result }: { result: ActionResult | undefined }) {
  // After a submit, move focus (and the view) to what the server said, as an error summary should.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) box.current?.focus();
  }, [result]);
  if (!result) return null;
  if (!result.ok) {
    const fields = Object.values(result.error.fields);
    return (
      <div className="alert error" role="alert" ref={box} tabIndex={-1}>
        <p>
          <strong>{result.error.message}</strong>
        </p>
        {fields.length > 0 && result.error.code === "validation" ? (
          <ul>
            {[...new Set(fields)].map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  return (
    <div ref={box} tabIndex={-1}>
      {result.message ? (
        <div className="alert ok" role="status">
          {result.message}
        </div>
      ) : null}
      {result.warnings?.length ? (
        <div className="alert warning" role="status">
          <ul>
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/**
 * A failed action's result for one of several forms on a page (a form per door, per session): its field
 * messages belong to the form whose values were posted, and show under that form only.
 */
export function resultFor(result: ActionResult | undefined, posted: (values: Record<string, unknown>) => boolean): ActionResult | undefined {
  return result && !result.ok && posted(result.values ?? {}) ? result : undefined;
}

function fieldError(result: ActionResult | undefined, name: string): string | undefined {
  return result && !result.ok ? result.error.fields[name] : undefined;
}

/** `scope` keeps ids unique when one page has several forms with the same fields. */
const fieldId = (name: string, scope?: string | number) => `f-${scope !== undefined ? `${scope}-` : ""}${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

export function Field({
  name,
  label,
  result,
  hint,
  type = "text",
  defaultValue,
  required,
  children,
  scope,
  ...rest
}: {
  name: string;
  label: string;
  result?: ActionResult;
  hint?: string;
  type?: string;
  defaultValue?: string | number | null;
  required?: boolean;
  children?: React.ReactNode;
  scope?: string | number;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "defaultValue">) {
  const id = fieldId(name, scope);
  const error = fieldError(result, name);
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? " *" : ""}
      </label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children ?? (
        <input
          id={id}
          name={name}
          type={type}
          defaultValue={defaultValue ?? ""}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...rest}
        />
      )}
      {error ? (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function SelectField({
  name,
  label,
  result,
  options,
  defaultValue,
  required,
  scope,
  hint,
}: {
  name: string;
  label: string;
  result?: ActionResult;
  options: { value: string | number; label: string }[];
  defaultValue?: string | number | null;
  required?: boolean;
  scope?: string | number;
  hint?: string;
}) {
  const id = fieldId(name, scope);
  const error = fieldError(result, name);
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <Field name={name} label={label} result={result} required={required} scope={scope} hint={hint}>
      <select id={id} name={name} defaultValue={defaultValue ?? ""} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** One input per content language, each marked with its language so spell-checkers and screen readers follow. */
export function LocalizedField({
  name,
  label,
  languages,
  value,
  result,
  multiline,
  required,
  rows = 3,
  scope,
  hint,
  placeholders,
}: {
  name: string;
  label: string;
  languages: readonly string[];
  value?: Localized | null;
  result?: ActionResult;
  multiline?: boolean;
  required?: boolean;
  rows?: number;
  scope?: string | number;
  hint?: string;
  /** Shown in an empty field, per language (e.g. the built-in text an empty field stands for). */
  placeholders?: Localized;
}) {
  const t = useT();
  // What is written already, so a reader sees at once which languages still lack the text.
  const filled = languages.filter((lang) => value?.[lang]?.trim()).length;
  const marks = languages.length > 1 && filled > 0;
  return (
    <fieldset className={languages.length > 2 ? "localized localized-many" : "localized"}>
      <legend>
        {label}
        {marks ? <span className="completeness"> · {t("admin.form.languagesFilled", { filled, total: languages.length })}</span> : null}
      </legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {languages.map((lang, i) => {
        const field = `${name}.${lang}`;
        const id = fieldId(`${name}-${lang}`, scope);
        const error = fieldError(result, field);
        const common = {
          id,
          name: field,
          lang: htmlLang(lang),
          dir: textDirection(lang) === "rtl" ? "rtl" : undefined,
          defaultValue: value?.[lang] ?? "",
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${id}-error` : undefined,
          required: required && i === 0,
          placeholder: placeholders?.[lang],
        } as const;
        return (
          <div className="field" key={lang}>
            <label htmlFor={id}>
              {languageName(lang)}
              {required && i === 0 ? ` * (${t("admin.form.defaultLanguage")})` : ""}
              {marks && !value?.[lang]?.trim() ? <span className="tag missing">{t("admin.form.notTranslated")}</span> : null}
            </label>
            {multiline ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
            {error ? (
              <span className="error" id={`${id}-error`}>
                {error}
              </span>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
