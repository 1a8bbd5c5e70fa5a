import { Form, useActionData, useLoaderData, useRouteLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { ensureDefaultCategories } from "../../../features/registration/default-categories.ts";
import { listCategories } from "../../../features/registration/review/queries.ts";
import { type CategoryRow, getCategory, saveCategory } from "../../../features/registration/save-category.ts";
import { attendanceModes, standardFields } from "../../../features/registration/vocabulary.ts";
import { text } from "../../../features/shared/localized.ts";
import { toId } from "../../../features/shared/validate.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, LocalizedField, SelectField } from "../../ui/form.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/categories";
import type { StaffEventData } from "./event-layout.tsx";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  // A new event starts with the default categories, the first time anyone looks.
  await ensureDefaultCategories(db, event.id);
  return { categories: await listCategories(db, event.id), mayManage: can(actor, "registrations.manage") };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values }) => {
    const ctx = commandContext(context, actor);
    const id = toId(values.id);
    const existing = values.id === undefined ? null : await getCategory(ctx, event, id);
    await saveCategory(ctx, event, existing, values);
    return { ok: true, message: t(existing ? "admin.saved" : "registration.admin.categories.created") } satisfies ActionResult;
  });
}

export default function Categories() {
  const { categories, mayManage } = useLoaderData<typeof loader>();
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const tr = (key: string, values?: Record<string, string | number>) => t(`registration.admin.categories.${key}`, values);
  // Several forms on one page: field errors and typed values go back to the one that was sent.
  const resultFor = (scope: string) => (result && !result.ok && String(result.values?.id ?? "new") === scope ? result : undefined);

  const form = (category: CategoryRow | null) => {
    const scope = category ? String(category.id) : "new";
    const own = resultFor(scope);
    const typed = (own && !own.ok ? own.values : undefined) as Record<string, unknown> | undefined;
    const typedText = (name: string) => (typeof typed?.[name] === "string" ? (typed[name] as string) : undefined);
    const required = typed ? (Array.isArray(typed.requiredFields) ? (typed.requiredFields as string[]) : []) : (category?.requiredFields ?? []);
    const open = typed ? typed.openRegistration === "on" : (category?.openRegistration ?? false);
    return (
      <Form method="post" className="stack" key={`${scope}:${category?.version ?? categories.length}`}>
        <Csrf />
        {category ? (
          <>
            <input type="hidden" name="id" value={category.id} />
            <input type="hidden" name="version" value={category.version} />
          </>
        ) : null}
        {category ? (
          <p className="muted">{tr("codeIs", { code: category.code })}</p>
        ) : (
          <Field
            name="code"
            label={tr("code")}
            hint={tr("codeHint")}
            result={own}
            scope={scope}
            required
            defaultValue={typedText("code")}
            pattern="[a-z][a-z0-9_]{1,39}"
            autoComplete="off"
          />
        )}
        <LocalizedField
          name="name"
          label={tr("name")}
          languages={event.languages}
          result={own}
          scope={scope}
          required
          value={typed && typeof typed.name === "object" ? (typed.name as Record<string, string>) : category?.name}
        />
        <div className="row">
          <Field
            name="colour"
            type="color"
            label={tr("colour")}
            result={own}
            scope={scope}
            defaultValue={typedText("colour") ?? category?.colour ?? "#1f4e79"}
          />
          <Field
            name="letter"
            label={tr("letter")}
            hint={tr("letterHint")}
            result={own}
            scope={scope}
            required
            maxLength={2}
            size={3}
            defaultValue={typedText("letter") ?? category?.letter}
          />
          <SelectField
            name="attendance"
            label={tr("attendance")}
            result={own}
            scope={scope}
            defaultValue={typedText("attendance") ?? category?.attendance ?? "in_person"}
            options={attendanceModes.map((m) => ({ value: m, label: tr(`attendanceModes.${m}`) }))}
          />
          <Field
            name="capacity"
            type="number"
            min={0}
            label={tr("capacity")}
            hint={tr("capacityHint")}
            result={own}
            scope={scope}
            defaultValue={typedText("capacity") ?? category?.capacity}
          />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" name="openRegistration" id={`f-${scope}-openRegistration`} defaultChecked={open} /> {tr("openRegistration")}
          </label>
        </div>
        <Field
          name="accessCode"
          label={tr("accessCode")}
          hint={tr("accessCodeHint")}
          result={own}
          scope={scope}
          defaultValue={typedText("accessCode") ?? category?.accessCode}
          autoComplete="off"
        />
        <fieldset>
          <legend>{tr("requiredFields")}</legend>
          <p className="hint">{tr("requiredFieldsHint")}</p>
          {own && !own.ok && own.error.fields.requiredFields ? <p className="error-text">{own.error.fields.requiredFields}</p> : null}
          {standardFields.map((f) => (
            <label key={f} style={{ display: "inline-block", marginInlineEnd: "1rem" }}>
              <input type="checkbox" name="requiredFields[]" value={f} id={`f-${scope}-rf-${f}`} defaultChecked={required.includes(f)} /> {tr(`fields.${f}`)}
            </label>
          ))}
        </fieldset>
        <p>
          <button type="submit">{category ? t("admin.save") : tr("add")}</button>
        </p>
      </Form>
    );
  };

  return (
    <>
      <title>{t("registration.admin.nav.categories")}</title>
      <h1>{t("registration.admin.nav.categories")}</h1>
      <p className="muted">{tr("intro")}</p>
      <FormStatus result={result} />
      <TableRegion label={t("registration.admin.nav.categories")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{tr("name")}</th>
              <th scope="col">{tr("attendance")}</th>
              <th scope="col">{tr("capacity")}</th>
              <th scope="col">{tr("openRegistration")}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.id}>
                <td>
                  <span className="category-letter" style={{ background: c.colour }} aria-hidden="true">
                    {c.letter}
                  </span>{" "}
                  {text(c.name, lang, event.languages)} <span className="muted">({c.code})</span>
                </td>
                <td>{tr(`attendanceModes.${c.attendance}`)}</td>
                <td>{c.capacity ?? tr("unlimited")}</td>
                <td>{c.openRegistration ? (c.accessCode ? tr("openWithCode") : t("registration.admin.yes")) : t("registration.admin.no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {mayManage ? (
        <>
          <h2>{tr("edit")}</h2>
          {categories.map((c) => (
            <details key={c.id} open={resultFor(String(c.id)) !== undefined}>
              <summary>
                <span className="category-letter" style={{ background: c.colour }} aria-hidden="true">
                  {c.letter}
                </span>{" "}
                {text(c.name, lang, event.languages)}
              </summary>
              {form(c)}
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
