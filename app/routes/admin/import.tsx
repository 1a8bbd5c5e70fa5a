import { Form, redirect, useActionData, useLoaderData, useRouteLoaderData } from "react-router";
import { maxSizeText } from "../../../features/files/kinds.ts";
import { currentSeq } from "../../../features/live/publish.ts";
import { importFields, requiredImportColumns } from "../../../features/registration/imports/import-fields.ts";
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
import type { Route } from "./+types/import";
import type { StaffEventData } from "./event-layout.tsx";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  const { db } = services(context);
  const asked = new URL(request.url).searchParams.get("import");
  if (asked === null) return { current: null, recent: await listImports(db, event.id), liveSeq: null };
  // Read before the import: progress committed after this render reaches the page live (useLive's `since`).
  const liveSeq = await currentSeq(db, event.id);
  const current = await guard(() => getImport(db, event.id, asked, "participants"));
  return { current, recent: [], liveSeq };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ form, intent }) => {
    const ctx = commandContext(context, actor);
    const base = `/admin/e/${event.slug}/import`;
    if (intent === "confirm") {
      const confirmed = await confirmImport(ctx, event, form.get("import"), services(context).jobs);
      return redirect(`${base}?import=${confirmed.id}`);
    }
    try {
      const uploaded = await uploadImport(ctx, event, form.get("file"));
      return redirect(`${base}?import=${uploaded.id}`);
    } catch (error) {
      // The missing columns, named as this page names them.
      const missing = isAppError(error) ? (error.details as { missing?: string[] } | undefined)?.missing : undefined;
      if (missing) {
        const columns = new Intl.ListFormat(htmlLang(uiLanguage(request, context)), { type: "conjunction" }).format(
          missing.map((f) => t(`registration.import.fields.${f}`)),
        );
        throw new AppError(422, "import.missing_columns", { fields: { file: "import.missing_columns" }, values: { columns } });
      }
      throw error;
    }
  });
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Import() {
  const { current, recent, liveSeq } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  return (
    <>
      <title>{t("registration.import.title")}</title>
      <h1>{t("registration.import.title")}</h1>
      {current ? <ImportView current={current} liveSeq={liveSeq} result={result} /> : <UploadView recent={recent} result={result} />}
    </>
  );
}

function UploadView({ recent, result }: { recent: Loaded["recent"]; result: ActionResult | undefined }) {
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const t = useT();
  const lang = useUiLang();
  const _fmt = eventFormatter(lang, event.timezone);
  const tr = (key: string, values?: Record<string, string | number>) => t(`registration.import.${key}`, values);
  return (
    <>
      <p>{tr("intro")}</p>
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
        <p className="actions">
          <button type="submit">{tr("check")}</button>
        </p>
      </Form>

      <h2>{tr("columnsTitle")}</h2>
      <p className="muted">{tr("columnsIntro")}</p>
      <TableRegion label={tr("columnsTitle")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{tr("column")}</th>
              <th scope="col">{tr("acceptsHeading")}</th>
            </tr>
          </thead>
          <tbody>
            {importFields.map((f) => (
              <tr key={f}>
                <th scope="row">
                  {tr(`fields.${f}`)}
                  {requiredImportColumns.includes(f) ? " *" : ""}
                </th>
                <td>{tr(`accepts.${f}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>

      <RecentImports kind="participants" recent={recent} />
    </>
  );
}
