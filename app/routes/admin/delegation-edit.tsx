import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { delegationHistory } from "../../../features/registration/delegations/delegation-history.ts";
import { getDelegation, resendFocalPointLink } from "../../../features/registration/delegations/delegations.ts";
import { editDelegation, extendDelegationDeadline } from "../../../features/registration/delegations/edit-delegation.ts";
import { stateChoices } from "../../../features/registration/delegations/states.ts";
import { listCategories } from "../../../features/registration/review/queries.ts";
import { delegationKinds } from "../../../features/registration/vocabulary.ts";
import { BadRequest } from "../../../features/shared/errors.ts";
import { type Localized, text } from "../../../features/shared/localized.ts";
import { eventFormatter, utcToZonedInput } from "../../../i18n/format.ts";
import { createTranslator, interfaceLanguages, isInterfaceLanguage, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { guard, services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, LocalizedField, SelectField } from "../../ui/form.tsx";
import { Stamp } from "../../ui/stamp.tsx";
import { fillStateNames, StatesList } from "../../ui/state-picker.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/delegation-edit";
import type { StaffEventData } from "./event-layout.tsx";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  const delegation = await guard(() => getDelegation(db, event.id, params.delegationId));
  const [categories, history] = await Promise.all([listCategories(db, event.id), delegationHistory(db, event.id, delegation.id)]);
  return {
    delegation: { ...delegation, deadlineInput: utcToZonedInput(delegation.deadline, event.timezone), deadlinePassed: delegation.deadline <= new Date() },
    categories: categories.map((c) => ({ id: c.id, name: c.name })),
    history,
    may: { edit: can(actor, "delegations.edit"), resend: can(actor, "registrations.manage") },
    states: can(actor, "delegations.edit") ? stateChoices(uiLanguage(request, context), event.languages) : [],
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "delegations.edit");
  const lang = uiLanguage(request, context);
  const t = createTranslator(lang);
  const fmt = eventFormatter(lang, event.timezone);
  return staffAction(request, context, async ({ values, intent }) => {
    const ctx = commandContext(context, actor);
    if (intent === "save") {
      const before = await getDelegation(ctx.db, event.id, params.delegationId);
      const { delegation, emailChanged } = await editDelegation(ctx, event, params.delegationId, values);
      const warnings = emailChanged
        ? [t("registration.admin.delegationEdit.emailChanged", { old: before.focalPointEmail, email: delegation.focalPointEmail })]
        : [];
      return { ok: true, message: t("registration.admin.delegationEdit.saved"), warnings } satisfies ActionResult;
    }
    if (intent === "extend") {
      const saved = await extendDelegationDeadline(ctx, event, params.delegationId, values);
      return { ok: true, message: t("registration.admin.delegationEdit.extended", { deadline: fmt.dateTime(saved.deadline) }) } satisfies ActionResult;
    }
    if (intent === "resend") {
      const delegation = await getDelegation(ctx.db, event.id, params.delegationId);
      await resendFocalPointLink(ctx, event, delegation.id);
      return { ok: true, message: t("registration.admin.delegations.resent", { email: delegation.focalPointEmail }) } satisfies ActionResult;
    }
    throw BadRequest("bad_request");
  });
}

/** The fields a history row may name, with their labels. */
const fieldLabels: Record<string, string> = {
  kind: "registration.admin.delegations.kind",
  country: "registration.admin.delegations.country",
  name: "registration.admin.delegations.names",
  quota: "registration.admin.delegations.quotaField",
  deadline: "registration.admin.delegations.deadline",
  defaultCategoryId: "registration.admin.delegations.defaultCategory",
  focalPointName: "registration.admin.delegations.focalPointName",
  focalPointEmail: "registration.admin.delegations.focalPointEmail",
  focalPointLang: "registration.admin.delegations.focalPointLang",
  headParticipantId: "registration.admin.delegationEdit.history.head",
  letterFileId: "registration.admin.delegations.letter",
};

export default function DelegationEdit() {
  const { delegation: d, categories, history, may, states } = useLoaderData<typeof loader>();
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const fmt = eventFormatter(lang, event.timezone);
  const tr = (key: string, values?: Record<string, string | number>) => t(`registration.admin.delegationEdit.${key}`, values);
  const name = text(d.name, lang, event.languages);
  const list = `/admin/e/${event.slug}/delegations`;
  const saving = result && !result.ok && result.values?.intent === "save" ? result : undefined;
  const extending = result && !result.ok && result.values?.intent === "extend" ? result : undefined;
  const typed = (saving?.values ?? undefined) as Record<string, string | Record<string, string>> | undefined;
  const typedText = (key: string) => (typeof typed?.[key] === "string" ? (typed[key] as string) : undefined);

  /** One stored value as a person reads it. */
  const shown = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "deadline" && typeof value === "string") return fmt.dateTime(new Date(value));
    if (field === "name" && typeof value === "object") return text(value as Localized, lang, event.languages);
    if (field === "kind" && (delegationKinds as readonly unknown[]).includes(value)) return t(`registration.admin.delegations.kinds.${value}`);
    if (field === "focalPointLang" && typeof value === "string" && isInterfaceLanguage(value)) return languageName(value);
    if (field === "defaultCategoryId") {
      const category = categories.find((c) => c.id === value);
      return category ? text(category.name, lang, event.languages) : String(value);
    }
    return String(value);
  };
  const lines = (before: unknown, after: unknown): string[] => {
    const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
    const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
    const out: string[] = [];
    if (a.linkResent) out.push(tr("history.linkResent"));
    if (a.linkRevoked) out.push(tr("history.linkRevoked"));
    if (typeof a.extendedByDays === "number") out.push(tr("history.extendedBy", { days: a.extendedByDays }));
    for (const field of Object.keys(fieldLabels)) {
      if (field in a || field in b) out.push(`${t(fieldLabels[field])}: ${shown(field, b[field])} → ${shown(field, a[field])}`);
    }
    return out;
  };

  return (
    <>
      <title>{tr("title", { name })}</title>
      <p>
        <Link to={list}>← {tr("back")}</Link>
      </p>
      <h1>{tr("title", { name })}</h1>
      <FormStatus result={result} />
      {d.deadlinePassed ? (
        <p className="alert warning" role="status">
          {tr("deadlinePassed", { deadline: fmt.dateTime(new Date(d.deadline)) })}
        </p>
      ) : null}

      {may.edit ? (
        <>
          <Form method="post" className="stack" key={`save-${d.version}`} aria-labelledby="edit-heading">
            <h2 id="edit-heading">{tr("heading")}</h2>
            <Csrf />
            <input type="hidden" name="version" value={d.version} />
            <div className="row">
              <SelectField
                name="kind"
                label={t("registration.admin.delegations.kind")}
                result={saving}
                defaultValue={typedText("kind") ?? d.kind}
                options={delegationKinds.map((k) => ({ value: k, label: t(`registration.admin.delegations.kinds.${k}`) }))}
              />
              <Field
                name="country"
                label={t("registration.admin.delegations.country")}
                hint={t("registration.admin.delegations.countryPickHint")}
                result={saving}
                defaultValue={typedText("country") ?? d.country}
                maxLength={2}
                autoComplete="off"
                list="states"
                onChange={(e) => fillStateNames(e.currentTarget)}
              />
              <StatesList states={states} />
            </div>
            <LocalizedField
              name="name"
              label={t("registration.admin.delegations.names")}
              languages={event.languages}
              result={saving}
              required
              value={typeof typed?.name === "object" ? typed.name : d.name}
            />
            <div className="row">
              <Field
                name="quota"
                type="number"
                min={1}
                max={500}
                label={t("registration.admin.delegations.quotaField")}
                result={saving}
                required
                defaultValue={typedText("quota") ?? d.quota}
              />
              <Field
                name="deadline"
                type="datetime-local"
                label={t("registration.admin.delegations.deadline")}
                hint={t("registration.admin.delegations.deadlineHint", { zone: event.timezone })}
                result={saving}
                required
                defaultValue={typedText("deadline") ?? d.deadlineInput}
              />
            </div>
            <div className="field">
              <label>
                <input type="checkbox" name="deadlinePastConfirmed" id="f-deadlinePastConfirmed" /> {t("registration.admin.delegations.deadlinePastConfirm")}
              </label>
            </div>
            <SelectField
              name="defaultCategoryId"
              label={t("registration.admin.delegations.defaultCategory")}
              result={saving}
              defaultValue={typedText("defaultCategoryId") ?? d.defaultCategoryId ?? ""}
              options={[
                { value: "", label: t("registration.admin.delegations.defaultCategoryAuto") },
                ...categories.map((c) => ({ value: c.id, label: text(c.name, lang, event.languages) })),
              ]}
            />
            <fieldset>
              <legend>{t("registration.admin.delegations.focalPoint")}</legend>
              <div className="row">
                <Field
                  name="focalPointName"
                  label={t("registration.admin.delegations.focalPointName")}
                  result={saving}
                  required
                  defaultValue={typedText("focalPointName") ?? d.focalPointName}
                />
                <Field
                  name="focalPointEmail"
                  type="email"
                  label={t("registration.admin.delegations.focalPointEmail")}
                  hint={tr("emailHint")}
                  result={saving}
                  required
                  defaultValue={typedText("focalPointEmail") ?? d.focalPointEmail}
                />
                <SelectField
                  name="focalPointLang"
                  label={t("registration.admin.delegations.focalPointLang")}
                  result={saving}
                  defaultValue={typedText("focalPointLang") ?? d.focalPointLang}
                  options={interfaceLanguages.map((l) => ({ value: l, label: languageName(l) }))}
                />
              </div>
            </fieldset>
            <p>
              <button type="submit" name="intent" value="save">
                {t("admin.save")}
              </button>
            </p>
          </Form>

          <Form method="post" className="stack" key={`extend-${d.version}`} aria-labelledby="extend-heading">
            <h2 id="extend-heading">{tr("extend")}</h2>
            <Csrf />
            <input type="hidden" name="version" value={d.version} />
            <Field
              name="days"
              type="number"
              min={1}
              max={365}
              scope="extend"
              label={tr("extendDays")}
              hint={tr("extendHint", { deadline: fmt.dateTime(new Date(d.deadline)) })}
              result={extending}
              required
              defaultValue="7"
            />
            <p>
              <button type="submit" name="intent" value="extend" className="secondary">
                {tr("extendSubmit")}
              </button>
            </p>
          </Form>
        </>
      ) : null}

      {may.resend ? (
        <Form method="post">
          <Csrf />
          <p>
            <button type="submit" name="intent" value="resend" className="secondary">
              {tr("resendTo", { email: d.focalPointEmail })}
            </button>
          </p>
        </Form>
      ) : null}

      <h2 id="history">{tr("history.title")}</h2>
      {history.length === 0 ? (
        <p>{tr("history.none")}</p>
      ) : (
        <TableRegion label={tr("history.title")}>
          <table aria-labelledby="history">
            <thead>
              <tr>
                <th scope="col">{tr("history.when")}</th>
                <th scope="col">{tr("history.who")}</th>
                <th scope="col">{tr("history.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td>
                    <Stamp at={h.at}>{fmt.dateTime(new Date(h.at))}</Stamp>
                  </td>
                  <td>{h.actor ?? tr("history.focalPoint")}</td>
                  <td>
                    {h.action === "create" ? (
                      tr("history.created")
                    ) : (
                      <ul className="changes">
                        {lines(h.before, h.after).map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}
