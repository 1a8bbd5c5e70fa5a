import { Form, Link, redirect, useActionData, useLoaderData, useRouteLoaderData } from "react-router";
import { maxSizeText } from "../../../features/files/kinds.ts";
import { currentSeq } from "../../../features/live/publish.ts";
import { delegationImportFields, requiredDelegationColumns } from "../../../features/registration/imports/delegation-import-fields.ts";
import { confirmImport, getImport, listImports, uploadImport } from "../../../features/registration/imports/import-jobs.ts";
import { AppError, isAppError } from "../../../features/shared/errors.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator, htmlLang } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { guard, services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, fileLimit } from "../../ui/form.tsx";
import { ImportView, RecentImports } from "../../ui/import-view.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/delegations-import";
import type { StaffEventData } from "./event-layout.tsx";

/** Delegations from a CSV or XLSX file: the participants import's check, confirm and live progress. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "delegations.create");
  const { db } = services(context);
  const asked = new URL(request.url).searchParams.get("import");
  if (asked === null) return { current: null, recent: await listImports(db, event.id, "delegations"), liveSeq: null };
  // Read before the import: progress committed after this render reaches the page live (useLive's `since`).
  const liveSeq = await currentSeq(db, event.id);
  const current = await guard(() => getImport(db, event.id, asked, "delegations"));
  return { current, recent: [], liveSeq };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "delegations.create");
  const lang = uiLanguage(request, context);
  const t = createTranslator(lang);
  return staffAction(request, context, async ({ form, intent }) => {
    const ctx = commandContext(context, actor);
    const base = `/admin/e/${event.slug}/delegations/import`;
    if (intent === "confirm") {
      const confirmed = await confirmImport(ctx, event, form.get("import"), services(context).jobs, "delegations");
      return redirect(`${base}?import=${confirmed.id}`);
    }
    try {
      const uploaded = await uploadImport(ctx, event, form.get("file"), {
        kind: "delegations",
        pastDeadlinesConfirmed: form.get("deadlinePastConfirmed") === "on",
      });
      return redirect(`${base}?import=${uploaded.id}`);
    } catch (error) {
      // The missing columns, named as this page names them.
      const missing = isAppError(error) ? (error.details as { missing?: string[] } | undefined)?.missing : undefined;
      if (missing) {
        const columns = new Intl.ListFormat(htmlLang(lang), { type: "conjunction" }).format(missing.map((f) => t(`registration.delegationImport.fields.${f}`)));
        throw new AppError(422, "import.missing_columns", { fields: { file: "import.missing_columns" }, values: { columns } });
      }
      throw error;
    }
  });
}

export default function DelegationsImport() {
  const { current, recent, liveSeq } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  return (
    <>
      <title>{t("registration.delegationImport.title")}</title>
      <h1>{t("registration.delegationImport.title")}</h1>
      {current ? <ImportView current={current} liveSeq={liveSeq} result={result} /> : <UploadView recent={recent} result={result} />}
    </>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function UploadView({ recent, result }: { recent: Loaded["recent"]; result: ActionResult | undefined }) {
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const t = useT();
  const lang = useUiLang();
  const _fmt = eventFormatter(lang, event.timezone);
  const tr = (key: string, values?: Record<string, string | number>) => t(`registration.import.${key}`, values);
  const own = (key: string, values?: Record<string, string | number>) => t(`registration.delegationImport.${key}`, values);
  const example = event.languages.map((l) => `name_${l}`).join(", ");
  return (
    <>
      <p>{own("intro")}</p>
      <p>
        <Link to={`/admin/e/${event.slug}/delegations`}>{own("back")}</Link>
      </p>
      <FormStatus result={result} />
      <Form method="post" encType="multipart/form-data" className="stack">
        <Csrf />
        <input type="hidden" name="intent" value="upload" />
        <Field
          name="file"
          type="file"
          label={tr("file")}
          hint={tr("fileHint", { max: maxSizeText("import") })}
          result={result}
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          {...fileLimit(t, "import")}
        />
        <div className="field">
          <label>
            <input type="checkbox" name="deadlinePastConfirmed" id="f-deadlinePastConfirmed" /> {own("pastConfirm")}
          </label>
        </div>
        <p className="actions">
          <button type="submit">{tr("check")}</button>
        </p>
      </Form>

      <h2>{tr("columnsTitle")}</h2>
      <p className="muted">{own("columnsIntro", { example, zone: event.timezone })}</p>
      <TableRegion label={tr("columnsTitle")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{tr("column")}</th>
              <th scope="col">{tr("acceptsHeading")}</th>
            </tr>
          </thead>
          <tbody>
            {delegationImportFields.map((f) => (
              <tr key={f}>
                <th scope="row">
                  {own(`fields.${f}`)}
                  {requiredDelegationColumns.includes(f) ? " *" : ""}
                </th>
                <td>{own(`accepts.${f}`, { zone: event.timezone, example })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>

      <RecentImports kind="delegations" recent={recent} />
    </>
  );
}
