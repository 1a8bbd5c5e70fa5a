import { Form, useActionData, useLoaderData, useRouteLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { ensureDefaultCategories } from "../../../features/registration/default-categories.ts";
import { createDelegation, getDelegation, resendFocalPointLink } from "../../../features/registration/delegations/delegations.ts";
import {
  countUninvited,
  delegationInvitationStates,
  sendDelegationInvitations,
} from "../../../features/registration/delegations/send-delegation-invitations.ts";
import { stateChoices } from "../../../features/registration/delegations/states.ts";
import { delegationsWithUse, listCategories } from "../../../features/registration/review/queries.ts";
import { delegationKinds } from "../../../features/registration/vocabulary.ts";
import { text } from "../../../features/shared/localized.ts";
import { eventFormatter, zonedToUtc } from "../../../i18n/format.ts";
import { createTranslator, interfaceLanguages, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { shapeTable } from "../../table.ts";
import { countryName } from "../../ui/country.ts";
import { Csrf, Field, FormStatus, LocalizedField, SelectField } from "../../ui/form.tsx";
import { Stamp } from "../../ui/stamp.tsx";
import { fillStateNames, StatesList } from "../../ui/state-picker.tsx";
import { SortHeader, TableFooter, TableRegion, TableSearch } from "../../ui/table.tsx";
import type { Route } from "./+types/delegations";
import type { StaffEventData } from "./event-layout.tsx";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db } = services(context);
  // The "category of its members" choice needs the event's categories, even on a brand-new event.
  await ensureDefaultCategories(db, event.id);
  const [rows, categories, invitations, uninvited] = await Promise.all([
    delegationsWithUse(db, event.id),
    listCategories(db, event.id),
    delegationInvitationStates(db, event.id),
    countUninvited(db, event.id),
  ]);
  const lang = uiLanguage(request, context);
  // A sensible default: nominations close two weeks before the first day, at 18:00 local time; none when
  // that is already past (a late invitation), so nobody sends a link that opens on a closed page unawares.
  const start = new Date(`${event.startDate}T00:00:00Z`);
  const suggested = `${new Date(start.getTime() - 14 * 86_400_000).toISOString().slice(0, 10)}T18:00`;
  const defaultDeadline = (zonedToUtc(suggested, event.timezone)?.getTime() ?? 0) > Date.now() ? suggested : "";
  return {
    mayManage: can(actor, "registrations.manage"),
    mayCreate: can(actor, "delegations.create"),
    mayEdit: can(actor, "delegations.edit"),
    uninvited,
    states: can(actor, "delegations.create") ? stateChoices(lang, event.languages) : [],
    defaultDeadline,
    categories: categories.map((c) => ({ id: c.id, name: c.name })),
    table: shapeTable(
      rows.map(({ delegation: d, used }) => ({
        id: d.id,
        kind: d.kind,
        country: d.country,
        countryName: countryName(d.country, lang),
        name: d.name,
        quota: d.quota,
        used,
        deadline: d.deadline,
        focalPointName: d.focalPointName,
        focalPointEmail: d.focalPointEmail,
        focalPointLang: d.focalPointLang,
        hasLetter: d.letterFileId !== null,
        invitation: invitations.get(d.id) ?? "not_invited",
      })),
      request.url,
      lang,
      {
        sorts: {
          name: (d) => text(d.name, lang, event.languages),
          country: (d) => d.countryName,
          focalPoint: (d) => d.focalPointName,
          quota: (d) => d.quota,
          deadline: (d) => d.deadline?.getTime() ?? null,
          invitation: (d) => d.invitation,
        },
        search: (d) => [...Object.values(d.name), d.countryName, d.country, d.focalPointName, d.focalPointEmail],
      },
    ),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values, intent }) => {
    const ctx = commandContext(context, actor);
    if (intent === "invite-all") {
      const { invited } = await sendDelegationInvitations(ctx, event);
      return { ok: true, message: t("registration.admin.delegations.invitedAll", { count: invited }) } satisfies ActionResult;
    }
    if (intent === "resend") {
      const delegation = await getDelegation(ctx.db, event.id, values.id);
      await resendFocalPointLink(ctx, event, delegation.id);
      return { ok: true, message: t("registration.admin.delegations.resent", { email: delegation.focalPointEmail }) } satisfies ActionResult;
    }
    const delegation = await createDelegation(ctx, event, values);
    return { ok: true, message: t("registration.admin.delegations.created", { email: delegation.focalPointEmail }) } satisfies ActionResult;
  });
}

export default function Delegations() {
  const { table, categories, mayManage, mayCreate, mayEdit, defaultDeadline, uninvited, states } = useLoaderData<typeof loader>();
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const fmt = eventFormatter(lang, event.timezone);
  const base = `/admin/e/${event.slug}`;
  const { query } = table;
  // Field errors and the typed values belong to the creation form only.
  const created = result && !result.ok && result.values?.intent === "create" ? result : undefined;
  const typed = (created && !created.ok ? created.values : undefined) as Record<string, string | Record<string, string>> | undefined;
  const typedText = (name: string) => (typeof typed?.[name] === "string" ? (typed[name] as string) : undefined);
  return (
    <>
      <title>{t("registration.admin.nav.delegations")}</title>
      <h1>{t("registration.admin.nav.delegations")}</h1>
      <p className="muted">{t("registration.admin.delegations.intro")}</p>
      <FormStatus result={result} />
      {mayCreate ? (
        <p>
          <a href={`${base}/delegations/import`}>{t("registration.admin.delegations.importLink")}</a>
        </p>
      ) : null}
      {mayCreate && uninvited > 0 ? (
        <Form method="post" className="stack">
          <Csrf />
          <p className="muted">{t("registration.admin.delegations.inviteAllHint")}</p>
          <p>
            <button type="submit" name="intent" value="invite-all">
              {t("registration.admin.delegations.inviteAll", { count: uninvited })}
            </button>
          </p>
        </Form>
      ) : null}
      {table.all === 0 ? (
        <p>{t("registration.admin.delegations.none")}</p>
      ) : (
        <>
          <TableSearch query={query} label={t("table.search")} />
          <TableRegion label={t("registration.admin.nav.delegations")}>
            <table>
              <thead>
                <tr>
                  <SortHeader sort="name" query={query}>
                    {t("registration.admin.delegations.name")}
                  </SortHeader>
                  <SortHeader sort="country" query={query}>
                    {t("registration.admin.delegations.country")}
                  </SortHeader>
                  <SortHeader sort="focalPoint" query={query}>
                    {t("registration.admin.delegations.focalPoint")}
                  </SortHeader>
                  <SortHeader sort="quota" query={query}>
                    {t("registration.admin.delegations.quota")}
                  </SortHeader>
                  <SortHeader sort="deadline" query={query}>
                    {t("registration.admin.delegations.deadline")}
                  </SortHeader>
                  <th scope="col">{t("registration.admin.delegations.letter")}</th>
                  <SortHeader sort="invitation" query={query}>
                    {t("registration.admin.delegations.invitation")}
                  </SortHeader>
                  {mayManage || mayEdit ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("registration.admin.actions")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((d) => {
                  const name = text(d.name, lang, event.languages);
                  return (
                    <tr key={d.id}>
                      <td>
                        <a href={`${base}/registrations?delegation=${d.id}`}>{name}</a>
                        <span className="tag">{t(`registration.admin.delegations.kinds.${d.kind}`)}</span>
                      </td>
                      <td>
                        {d.country ? (
                          <>
                            {d.countryName} <span className="muted">({d.country})</span>
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td>
                        {d.focalPointName}
                        <br />
                        <span className="muted">
                          {d.focalPointEmail} · {languageName(d.focalPointLang)}
                        </span>
                      </td>
                      <td>{t("registration.admin.delegations.quotaValue", { used: d.used, quota: d.quota })}</td>
                      <td>
                        <Stamp at={d.deadline}>{fmt.dateTime(new Date(d.deadline))}</Stamp>
                      </td>
                      <td>
                        {d.hasLetter ? (
                          <>
                            {t("registration.admin.yes")} ·{" "}
                            <a href={`${base}/delegations/${d.id}/letter`} download>
                              {t("registration.admin.delegations.download")}
                              <span className="visually-hidden"> ({name})</span>
                            </a>
                          </>
                        ) : (
                          t("registration.admin.no")
                        )}
                      </td>
                      <td>
                        <span className={d.invitation === "failed" ? "tag error" : "tag"}>
                          {t(`registration.admin.delegations.invitationStates.${d.invitation}`)}
                        </span>
                      </td>
                      {mayManage || mayEdit ? (
                        <td>
                          {mayEdit ? (
                            <p>
                              <a href={`${base}/delegations/${d.id}`}>
                                {t("registration.admin.delegations.edit")}
                                <span className="visually-hidden"> ({name})</span>
                              </a>
                            </p>
                          ) : null}
                          {mayManage ? (
                            <Form method="post">
                              <Csrf />
                              <input type="hidden" name="id" value={d.id} />
                              <button type="submit" name="intent" value="resend" className="secondary">
                                {t("registration.admin.delegations.resend")}
                                <span className="visually-hidden"> ({name})</span>
                              </button>
                            </Form>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
          <TableFooter table={table} />
        </>
      )}
      {mayCreate ? (
        <>
          <h2>{t("registration.admin.delegations.add")}</h2>
          <Form method="post" className="stack" key={table.all}>
            <Csrf />
            <div className="row">
              <SelectField
                name="kind"
                label={t("registration.admin.delegations.kind")}
                result={created}
                scope="new"
                defaultValue={typedText("kind") ?? "state"}
                options={delegationKinds.map((k) => ({ value: k, label: t(`registration.admin.delegations.kinds.${k}`) }))}
              />
              <Field
                name="country"
                label={t("registration.admin.delegations.country")}
                hint={t("registration.admin.delegations.countryPickHint")}
                result={created}
                scope="new"
                defaultValue={typedText("country")}
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
              result={created}
              scope="new"
              required
              value={typeof typed?.name === "object" ? typed.name : undefined}
            />
            <div className="row">
              <Field
                name="quota"
                type="number"
                min={1}
                max={500}
                label={t("registration.admin.delegations.quotaField")}
                result={created}
                scope="new"
                required
                defaultValue={typedText("quota") ?? "5"}
              />
              <Field
                name="deadline"
                type="datetime-local"
                label={t("registration.admin.delegations.deadline")}
                hint={t("registration.admin.delegations.deadlineHint", { zone: event.timezone })}
                result={created}
                scope="new"
                required
                defaultValue={typedText("deadline") ?? defaultDeadline}
              />
            </div>
            <div className="field">
              <label>
                <input type="checkbox" name="deadlinePastConfirmed" id="f-new-deadlinePastConfirmed" />{" "}
                {t("registration.admin.delegations.deadlinePastConfirm")}
              </label>
            </div>
            <SelectField
              name="defaultCategoryId"
              label={t("registration.admin.delegations.defaultCategory")}
              result={created}
              scope="new"
              defaultValue={typedText("defaultCategoryId") ?? ""}
              options={[
                { value: "", label: t("registration.admin.delegations.defaultCategoryAuto") },
                ...categories.map((c) => ({ value: c.id, label: text(c.name, lang, event.languages) })),
              ]}
            />
            <div className="row">
              <Field
                name="focalPointName"
                label={t("registration.admin.delegations.focalPointName")}
                result={created}
                scope="new"
                required
                defaultValue={typedText("focalPointName")}
              />
              <Field
                name="focalPointEmail"
                type="email"
                label={t("registration.admin.delegations.focalPointEmail")}
                result={created}
                scope="new"
                required
                defaultValue={typedText("focalPointEmail")}
              />
              <SelectField
                name="focalPointLang"
                label={t("registration.admin.delegations.focalPointLang")}
                result={created}
                scope="new"
                defaultValue={typedText("focalPointLang") ?? "en"}
                options={interfaceLanguages.map((l) => ({ value: l, label: languageName(l) }))}
              />
            </div>
            <p>
              <button type="submit" name="intent" value="create">
                {t("registration.admin.delegations.submit")}
              </button>
            </p>
          </Form>
        </>
      ) : null}
    </>
  );
}
