import { Form, useActionData, useLoaderData, useRouteLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { ensureDefaultCategories } from "../../../features/registration/default-categories.ts";
import {
  deleteFormField,
  type FormFieldRow,
  getFormField,
  listFormFields,
  moveFormField,
  saveFormField,
} from "../../../features/registration/forms/form-fields.ts";
import { listCategories } from "../../../features/registration/review/queries.ts";
import { customFieldTypes } from "../../../features/registration/vocabulary.ts";
import { type Localized, text } from "../../../features/shared/localized.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, LocalizedField, SelectField } from "../../ui/form.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/form-fields";
import type { StaffEventData } from "./event-layout.tsx";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  await ensureDefaultCategories(db, event.id);
  const [fields, categories] = await Promise.all([listFormFields(db, event.id), listCategories(db, event.id)]);
  return { fields, categories: categories.map((c) => ({ id: c.id, name: c.name })), mayManage: can(actor, "registrations.manage") };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values, intent }) => {
    const ctx = commandContext(context, actor);
    if (intent === "delete") {
      const { answersRemoved } = await deleteFormField(ctx, event, values.id, values);
      return { ok: true, message: t("fields.deleted", { count: answersRemoved }) } satisfies ActionResult;
    }
    if (intent === "up" || intent === "down") {
      await moveFormField(ctx, event, values.id, intent);
      return { ok: true, message: t("fields.moved") } satisfies ActionResult;
    }
    const existing = values.id === undefined ? null : await getFormField(ctx, event, values.id);
    await saveFormField(ctx, event, existing, values);
    return { ok: true, message: t(existing ? "admin.saved" : "fields.created") } satisfies ActionResult;
  });
}

/** Blank option rows under a question's options: filled ones become new options (no JavaScript needed). */
const blankOptionRows = 3;

export default function FormFields() {
  const { fields, categories, mayManage } = useLoaderData<typeof loader>();
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const tr = (key: string, values?: Record<string, string | number>) => t(`fields.${key}`, values);
  const local = (value: Localized | null | undefined) => text(value, lang, event.languages);
  // Several forms on one page: field errors and typed values go back to the one that was sent.
  const resultFor = (scope: string) =>
    result && !result.ok && String(result.values?.id ?? "new") === scope && result.values?.intent !== "delete" ? result : undefined;

  const form = (field: FormFieldRow | null) => {
    const scope = field ? String(field.id) : "new";
    const own = resultFor(scope);
    const typed = (own && !own.ok ? own.values : undefined) as Record<string, unknown> | undefined;
    const typedText = (name: string) => (typeof typed?.[name] === "string" ? (typed[name] as string) : undefined);
    const typedLocalized = (name: string, stored: Localized | undefined) =>
      typed ? (typed[name] && typeof typed[name] === "object" ? (typed[name] as Localized) : {}) : stored;
    const asked = typed ? (Array.isArray(typed.categoryIds) ? (typed.categoryIds as string[]).map(Number) : []) : (field?.categoryIds ?? []);
    const required = typed ? typed.required === "on" : (field?.required ?? false);
    const typedOptions =
      typed?.options && typeof typed.options === "object" ? Object.values(typed.options as Record<string, { value?: string; label?: Localized }>) : undefined;
    const options = typedOptions ?? field?.options ?? [];
    const type = field?.type ?? typedText("type") ?? "text";
    const showOptions = !field || field.type === "choice" || field.type === "multi_choice";
    const rows = [...options, ...Array.from({ length: field ? blankOptionRows : blankOptionRows + 2 }, () => ({ value: undefined, label: undefined }))];
    const optionsError = own && !own.ok ? own.error.fields.options : undefined;
    return (
      <Form method="post" className="stack" key={`${scope}:${field?.version ?? fields.length}`}>
        <Csrf />
        {field ? (
          <>
            <input type="hidden" name="id" value={field.id} />
            <input type="hidden" name="version" value={field.version} />
          </>
        ) : null}
        {field ? (
          <p className="muted">{tr("keyIs", { key: field.key, type: tr(`types.${field.type}`) })}</p>
        ) : (
          <div className="row">
            <Field
              name="key"
              label={tr("key")}
              hint={tr("keyHint")}
              result={own}
              scope={scope}
              defaultValue={typedText("key")}
              pattern="[a-z][a-z0-9_]{0,39}"
              maxLength={40}
              autoComplete="off"
            />
            <SelectField
              name="type"
              label={tr("type")}
              result={own}
              scope={scope}
              defaultValue={type}
              options={customFieldTypes.map((ty) => ({ value: ty, label: tr(`types.${ty}`) }))}
            />
          </div>
        )}
        <LocalizedField
          name="label"
          label={tr("label")}
          languages={event.languages}
          result={own}
          scope={scope}
          required
          value={typedLocalized("label", field?.label)}
        />
        <LocalizedField name="help" label={tr("help")} languages={event.languages} result={own} scope={scope} value={typedLocalized("help", field?.help)} />
        <div className="field">
          <label>
            <input type="checkbox" name="required" id={`f-${scope}-required`} defaultChecked={required} /> {tr("requiredLabel")}
          </label>
        </div>
        <fieldset>
          <legend>{tr("categories")}</legend>
          <p className="hint">{tr("categoriesHint")}</p>
          {own && !own.ok && own.error.fields.categoryIds ? <p className="error-text">{own.error.fields.categoryIds}</p> : null}
          {categories.map((c) => (
            <label key={c.id} style={{ display: "inline-block", marginInlineEnd: "1rem" }}>
              <input type="checkbox" name="categoryIds[]" value={c.id} id={`f-${scope}-cat-${c.id}`} defaultChecked={asked.includes(c.id)} /> {local(c.name)}
            </label>
          ))}
        </fieldset>
        {showOptions ? (
          <fieldset aria-describedby={optionsError ? `f-${scope}-options-error` : undefined}>
            <legend>{tr("options")}</legend>
            <p className="hint">{tr(field ? "optionsHint" : "optionsHintNew")}</p>
            {optionsError ? (
              <p className="error-text" id={`f-${scope}-options-error`}>
                {optionsError}
              </p>
            ) : null}
            {rows.map((option, i) => (
              <div key={i}>
                {option.value ? <input type="hidden" name={`options.${i}.value`} value={option.value} /> : null}
                <LocalizedField
                  name={`options.${i}.label`}
                  label={tr("option", { n: i + 1 })}
                  languages={event.languages}
                  result={own}
                  scope={scope}
                  value={option.label}
                />
              </div>
            ))}
          </fieldset>
        ) : null}
        <p>
          <button type="submit">{field ? t("admin.save") : tr("add")}</button>
        </p>
      </Form>
    );
  };

  return (
    <>
      <title>{tr("title")}</title>
      <h1>{tr("title")}</h1>
      <p className="muted">{tr("intro")}</p>
      <FormStatus result={result} />
      {fields.length === 0 ? (
        <p>{tr("none")}</p>
      ) : (
        <TableRegion label={tr("title")}>
          <table>
            <caption className="visually-hidden">{tr("count", { count: fields.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{tr("label")}</th>
                <th scope="col">{tr("type")}</th>
                <th scope="col">{tr("required")}</th>
                <th scope="col">{tr("categories")}</th>
                {mayManage ? <th scope="col">{tr("position")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {fields.map((f, i) => (
                <tr key={f.id}>
                  <td>
                    {local(f.label)} <span className="muted">({f.key})</span>
                  </td>
                  <td>
                    {tr(`types.${f.type}`)}
                    {f.options.length ? <span className="muted"> · {f.options.map((o) => local(o.label)).join(", ")}</span> : null}
                  </td>
                  <td>{t(f.required ? "registration.admin.yes" : "registration.admin.no")}</td>
                  <td>
                    {f.categoryIds.length
                      ? categories
                          .filter((c) => f.categoryIds.includes(c.id))
                          .map((c) => local(c.name))
                          .join(", ")
                      : tr("allCategories")}
                  </td>
                  {mayManage ? (
                    <td>
                      <Form method="post" className="actions">
                        <Csrf />
                        <input type="hidden" name="id" value={f.id} />
                        {i > 0 ? (
                          <button type="submit" name="intent" value="up" className="secondary" aria-label={tr("moveUp", { label: local(f.label) })}>
                            ↑
                          </button>
                        ) : null}
                        {i < fields.length - 1 ? (
                          <button type="submit" name="intent" value="down" className="secondary" aria-label={tr("moveDown", { label: local(f.label) })}>
                            ↓
                          </button>
                        ) : null}
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {mayManage ? (
        <>
          {fields.length ? <h2>{tr("edit")}</h2> : null}
          {fields.map((f) => (
            <details key={f.id} open={resultFor(String(f.id)) !== undefined}>
              <summary>{local(f.label)}</summary>
              {form(f)}
              <Form method="post" className="stack">
                <Csrf />
                <input type="hidden" name="id" value={f.id} />
                <input type="hidden" name="version" value={f.version} />
                <p className="hint">{tr("deleteHint")}</p>
                <p>
                  <button type="submit" name="intent" value="delete" className="danger">
                    {tr("delete")}
                  </button>
                </p>
              </Form>
            </details>
          ))}
          <h2>{tr("add")}</h2>
          {form(null)}
        </>
      ) : (
        <p>{t("admin.readOnly")}</p>
      )}
    </>
  );
}
