import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { listDelegations } from "../../../features/registration/delegations/delegations.ts";
import { customColumn, defaultExportColumns, exportColumns } from "../../../features/registration/exports/export-columns.ts";
import { listFormFields } from "../../../features/registration/forms/form-fields.ts";
import { newReminderBatch, sendReminders } from "../../../features/registration/mailing/send-reminders.ts";
import {
  commonOrganisations,
  listCategories,
  listParticipants,
  type ParticipantFilters,
  participantsByIds,
  readParticipantFilters,
  statusCounts,
} from "../../../features/registration/review/queries.ts";
import { reviewParticipants } from "../../../features/registration/review/review-participants.ts";
import { registrationStatuses } from "../../../features/registration/vocabulary.ts";
import { AppError, isAppError } from "../../../features/shared/errors.ts";
import { text } from "../../../features/shared/localized.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator, htmlLang } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { countryName } from "../../ui/country.ts";
import { Csrf, FormStatus } from "../../ui/form.tsx";
import { listHref, Pager } from "../../ui/pager.tsx";
import { RemindAll, RemindSelected, reminderResult } from "../../ui/reminders.tsx";
import { Stamp } from "../../ui/stamp.tsx";
import { SignedSortHeader, TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/registrations";
import type { StaffEventData } from "./event-layout.tsx";

/** The bulk actions: what each button asks `reviewParticipants` to set. */
const bulkActions = [
  { status: "approved", label: "approve" },
  { status: "waitlisted", label: "waitlist" },
  { status: "rejected", label: "reject" },
  { status: "cancelled", label: "cancel" },
] as const;

const sorts = ["-created", "created", "name", "-name", "status"] as const;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const { db, cache } = services(context);
  const memo = cache.scoped(event.slug);
  const filters = readParticipantFilters(new URL(request.url).searchParams);
  const [list, counts, categories, delegations, questions, organisations] = await Promise.all([
    listParticipants(db, event, filters, memo),
    statusCounts(db, event.id, memo),
    // Small per-event lists, read once between writes (every write to the event clears the memo). Each load is
    // an async function: a Drizzle query runs again each time it is awaited, its promise runs once.
    memo.read(`registrations.categories:${event.id}`, async () => listCategories(db, event.id)),
    memo.read(`registrations.delegations:${event.id}`, async () => listDelegations(db, event.id)),
    memo.read(`registrations.questions:${event.id}`, async () => listFormFields(db, event.id)),
    commonOrganisations(db, event.id, memo),
  ]);
  // The page hydrates from this data: names come in the interface language, as the page shows them (country
  // names from the server's ICU data, so the hydrated page shows the same text), and only what it renders.
  const lang = uiLanguage(request, context);
  const named = (value: Record<string, string> | null | undefined) => text(value, lang, event.languages);
  return {
    filters,
    counts,
    list: {
      total: list.total,
      page: list.page,
      pages: list.pages,
      rows: list.rows.map((row) => ({
        id: row.id,
        version: row.version,
        status: row.status,
        givenName: row.givenName,
        familyName: row.familyName,
        email: row.email,
        organisation: row.organisation,
        country: row.country,
        countryName: countryName(row.country, lang),
        createdAt: row.createdAt,
        hasPhoto: row.hasPhoto,
        categoryName: named(row.categoryName),
        categoryColour: row.categoryColour,
        categoryLetter: row.categoryLetter,
        delegationId: row.delegationId,
        delegationName: row.delegationName === null ? null : named(row.delegationName),
      })),
    },
    categories: categories.map((c) => ({ id: c.id, name: named(c.name) })),
    delegations: delegations.map((d) => ({ id: d.id, name: named(d.name) })),
    questions: questions.map((q) => ({ key: q.key, label: named(q.label) })),
    organisations,
    mayReview: can(actor, "registrations.review"),
    reminderBatch: newReminderBatch(),
  };
}

/** Checkboxes `items[]` carry `id:version` (e.g. "12:3"): the version the reviewer saw. */
function itemsFromForm(raw: unknown) {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((value) => {
    const [id, version] = String(value).split(":");
    return { id, version };
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.review");
  const { db } = services(context);
  const lang = uiLanguage(request, context);
  const t = createTranslator(lang);
  const names = async (ids: number[]) =>
    new Intl.ListFormat(htmlLang(lang), { type: "conjunction" }).format(
      (await participantsByIds(db, event.id, ids)).map((p) => `${p.givenName} ${p.familyName}`),
    );
  return staffAction(request, context, async ({ values, intent }) => {
    const ctx = commandContext(context, actor);
    if (intent === "remind") {
      const outcome = await sendReminders(ctx, event, {
        audience: values.audience ?? "selected",
        batch: values.batch,
        ids: itemsFromForm(values.items).map((item) => item.id),
      });
      return reminderResult(t, outcome);
    }
    const input = { status: values.status, reason: values.reason, items: itemsFromForm(values.items) };
    const outcome = await reviewParticipants(ctx, event, input).catch(async (error) => {
      const conflicts = isAppError(error) && error.status === 409 ? (error.details as { conflicts?: number[] } | undefined)?.conflicts : undefined;
      if (conflicts) throw new AppError(409, "review.conflicts", { values: { count: conflicts.length, names: await names(conflicts) } });
      throw error;
    });
    const warnings: string[] = [];
    if (outcome.conflicts.length) warnings.push(t("error.review.conflicts", { count: outcome.conflicts.length, names: await names(outcome.conflicts) }));
    if (outcome.waitlistedForCapacity.length) {
      warnings.push(
        t("registration.admin.registrations.waitlistedForCapacity", {
          count: outcome.waitlistedForCapacity.length,
          names: await names(outcome.waitlistedForCapacity),
        }),
      );
    }
    return { ok: true, message: t("registration.admin.registrations.changed", { count: outcome.changed.length }), warnings } satisfies ActionResult;
  });
}

export default function Registrations() {
  const { filters, list, counts, categories, delegations, questions, organisations, mayReview, reminderBatch } = useLoaderData<typeof loader>();
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const fmt = eventFormatter(lang, event.timezone);
  const tr = (key: string, values?: Record<string, string | number>) => t(`registration.admin.registrations.${key}`, values);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const href = (changes: Partial<Record<keyof ParticipantFilters, string | number | undefined>>) => listHref(filters, changes);
  const reasonError = result && !result.ok ? result.error.fields.reason : undefined;
  return (
    <>
      <title>{t("registration.admin.nav.registrations")}</title>
      <h1>{t("registration.admin.nav.registrations")}</h1>
      <p>
        <Link to={`/admin/e/${event.slug}/registrations/dashboard`}>{tr("dashboard")}</Link>
      </p>
      <nav aria-label={tr("byStatus")} className="admin-nav">
        <ul>
          <li>
            <Link to={href({ status: undefined, page: undefined })} aria-current={!filters.status ? "page" : undefined}>
              {tr("tab", { label: tr("all"), count: total })}
            </Link>
          </li>
          {registrationStatuses.map((s) => (
            <li key={s}>
              <Link to={href({ status: s, page: undefined })} aria-current={filters.status === s ? "page" : undefined}>
                {tr("tab", { label: t(`registration.statuses.${s}`), count: counts[s] ?? 0 })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="filters" aria-label={tr("filters")}>
        <label>
          {tr("status")}
          <select name="status" defaultValue={filters.status ?? ""}>
            <option value="">{tr("any")}</option>
            {registrationStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`registration.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr("category")}
          <select name="category" defaultValue={filters.category ?? ""}>
            <option value="">{tr("any")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr("delegation")}
          <select name="delegation" defaultValue={filters.delegation ?? ""}>
            <option value="">{tr("any")}</option>
            {delegations.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr("country")}
          <input
            name="country"
            defaultValue={filters.country ?? ""}
            maxLength={2}
            size={3}
            pattern="[A-Za-z]{2}"
            title={tr("countryHint")}
            autoComplete="off"
          />
        </label>
        <label>
          {tr("organisation")}
          <input
            name="organisation"
            defaultValue={filters.organisation ?? ""}
            maxLength={200}
            list="organisation-choices"
            title={tr("organisationHint")}
            autoComplete="off"
          />
        </label>
        <datalist id="organisation-choices">
          {organisations.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <label>
          {tr("from")}
          <input type="date" name="from" defaultValue={filters.from ?? ""} aria-describedby="dates-hint" />
        </label>
        <label>
          {tr("to")}
          <input type="date" name="to" defaultValue={filters.to ?? ""} aria-describedby="dates-hint" />
        </label>
        <label>
          {tr("q")}
          <input type="search" name="q" defaultValue={filters.q ?? ""} placeholder={tr("qHint")} maxLength={100} />
        </label>
        <label>
          {tr("sort")}
          <select name="sort" defaultValue={filters.sort ?? "-created"}>
            {sorts.map((s) => (
              <option key={s} value={s}>
                {tr(`sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{tr("apply")}</button>
        <Link to=".">{tr("clear")}</Link>
        <span className="hint" id="dates-hint">
          {tr("datesHint", { zone: event.timezone })}
        </span>
      </Form>

      <p role="status">
        {tr("total", { count: list.total })} · {tr("page", { page: list.page, pages: list.pages })}
      </p>
      <FormStatus result={result} />

      {list.rows.length === 0 ? (
        <p>{tr("none")}</p>
      ) : (
        <Form method="post">
          <Csrf />
          <TableRegion label={t("registration.admin.nav.registrations")}>
            <table>
              <thead>
                <tr>
                  {mayReview ? (
                    <th scope="col">
                      <span className="visually-hidden">{tr("selectColumn")}</span>
                    </th>
                  ) : null}
                  <SignedSortHeader name="name" current={filters.sort ?? "-created"}>
                    {tr("name")}
                  </SignedSortHeader>
                  <th scope="col">{tr("category")}</th>
                  <th scope="col">{tr("delegation")}</th>
                  <th scope="col">{tr("country")}</th>
                  <th scope="col">{tr("status")}</th>
                  <SignedSortHeader name="created" current={filters.sort ?? "-created"}>
                    {tr("registered")}
                  </SignedSortHeader>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((p) => {
                  const name = `${p.givenName} ${p.familyName}`;
                  return (
                    <tr key={`${p.id}:${p.version}`}>
                      {mayReview ? (
                        <td>
                          <input type="checkbox" name="items[]" value={`${p.id}:${p.version}`} id={`item-${p.id}`} aria-label={tr("select", { name })} />
                        </td>
                      ) : null}
                      <td>
                        {p.hasPhoto ? (
                          <img className="list-thumb" src={`/admin/e/${event.slug}/registrations/${p.id}/photo?size=thumb`} alt="" width={32} loading="lazy" />
                        ) : null}
                        <Link to={`/admin/e/${event.slug}/registrations/${p.id}`}>{name}</Link>
                        <br />
                        <span className="muted">
                          {p.email}
                          {p.organisation ? ` · ${p.organisation}` : ""}
                        </span>
                      </td>
                      <td>
                        <span className="category-letter" style={{ background: p.categoryColour }} aria-hidden="true">
                          {p.categoryLetter}
                        </span>{" "}
                        {p.categoryName}
                      </td>
                      <td>
                        {p.delegationName ? <Link to={href({ delegation: p.delegationId ?? undefined, page: undefined })}>{p.delegationName}</Link> : "—"}
                      </td>
                      <td>{p.country ? <abbr title={p.countryName}>{p.country}</abbr> : "—"}</td>
                      <td className={`status-${p.status}`}>{t(`registration.statuses.${p.status}`)}</td>
                      <td>
                        <Stamp at={p.createdAt}>{fmt.dateTime(new Date(p.createdAt))}</Stamp>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
          {mayReview ? (
            <fieldset>
              <legend>{tr("bulk")}</legend>
              <div className="field">
                <label htmlFor="review-reason">{tr("reason")}</label>
                <input
                  id="review-reason"
                  name="reason"
                  maxLength={500}
                  aria-invalid={reasonError ? true : undefined}
                  aria-describedby={reasonError ? "review-reason-error" : undefined}
                />
                {reasonError ? (
                  <span className="error" id="review-reason-error">
                    {reasonError}
                  </span>
                ) : null}
              </div>
              <p className="actions">
                {bulkActions.map((a) => (
                  <button
                    key={a.status}
                    type="submit"
                    name="status"
                    value={a.status}
                    className={a.status === "rejected" || a.status === "cancelled" ? "danger" : a.status === "waitlisted" ? "secondary" : undefined}
                  >
                    {tr(a.label)}
                  </button>
                ))}
              </p>
              <RemindSelected batch={reminderBatch} />
            </fieldset>
          ) : null}
        </Form>
      )}

      <Pager page={list.page} pages={list.pages} href={(page) => href({ page })} labels={{ pages: tr("pages"), previous: tr("previous"), next: tr("next") }} />

      {mayReview ? <RemindAll batch={reminderBatch} pending={counts.pending ?? 0} /> : null}

      <form method="get" action={`/admin/e/${event.slug}/registrations/export.csv`} className="stack">
        {/* The export takes the list's filters and order as they are now. */}
        {(["status", "category", "delegation", "country", "organisation", "from", "to", "q", "sort"] as const).map((key) =>
          filters[key] !== undefined ? <input key={key} type="hidden" name={key} value={String(filters[key])} /> : null,
        )}
        <fieldset>
          <legend>{t("registration.admin.export.title")}</legend>
          <p className="hint">{t("registration.admin.export.hint", { count: list.total })}</p>
          <div>
            {exportColumns.map((c) => (
              <label key={c} style={{ display: "inline-block", marginInlineEnd: "1rem" }}>
                <input type="checkbox" name="columns" value={c} defaultChecked={defaultExportColumns.includes(c)} />{" "}
                {t(`registration.admin.export.columns.${c}`)}
              </label>
            ))}
            {/* Answers to the event's own questions, ticked: whoever added a question wants its answers. */}
            {questions.map((q) => (
              <label key={q.key} style={{ display: "inline-block", marginInlineEnd: "1rem" }}>
                <input type="checkbox" name="columns" value={customColumn(q.key)} defaultChecked /> {q.label}
              </label>
            ))}
          </div>
          {/* The format is the button pressed: each sends the same form to its own address, without JavaScript. */}
          <p>
            <button type="submit" className="secondary">
              {t("registration.admin.export.submit")}
            </button>{" "}
            <button type="submit" className="secondary" formAction={`/admin/e/${event.slug}/registrations/export.xlsx`}>
              {t("registration.admin.export.submitXlsx")}
            </button>
          </p>
        </fieldset>
      </form>
    </>
  );
}
