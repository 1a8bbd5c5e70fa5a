import { useState } from "react";
import { Form, Link, redirect, useActionData, useLoaderData, useRevalidator, useRouteLoaderData } from "react-router";
import { maxSizeText } from "../../../features/files/kinds.ts";
import { currentSeq } from "../../../features/live/publish.ts";
import { type ImportProgress, importProgress } from "../../../features/live/topics.ts";
import { importFields, maxPreviewErrors, requiredImportColumns } from "../../../features/registration/imports/import-fields.ts";
import { confirmImport, getImport, listImports, uploadImport } from "../../../features/registration/imports/import-jobs.ts";
import { AppError, isAppError } from "../../../features/shared/errors.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator, htmlLang } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { useLive } from "../../live.ts";
import { guard, services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus } from "../../ui/form.tsx";
import { Stamp } from "../../ui/stamp.tsx";
import type { Route } from "./+types/import";
import type { StaffEventData } from "./event-layout.tsx";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  const { db } = services(context);
  const asked = new URL(request.url).searchParams.get("import");
  if (asked === null) return { current: null, recent: await listImports(db, event.id), liveSeq: null };
  // Read before the import: progress committed after this render reaches the page live (useLive's `since`).
  const liveSeq = await currentSeq(db, event.id);
  const current = await guard(() => getImport(db, event.id, asked));
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
type Current = NonNullable<Loaded["current"]>;

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
  const fmt = eventFormatter(lang, event.timezone);
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
        />
        <p className="actions">
          <button type="submit">{tr("check")}</button>
        </p>
      </Form>

      <h2>{tr("columnsTitle")}</h2>
      <p className="muted">{tr("columnsIntro")}</p>
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

      {recent.length ? (
        <>
          <h2>{tr("recent")}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{tr("filename")}</th>
                <th scope="col">{tr("uploaded")}</th>
                <th scope="col">{tr("state")}</th>
                <th scope="col">{tr("outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`?import=${r.id}`}>{r.filename}</Link>
                  </td>
                  <td>
                    <Stamp at={r.createdAt}>{fmt.dateTime(new Date(r.createdAt))}</Stamp>
                  </td>
                  <td>{tr(`statuses.${r.status}`)}</td>
                  <td>{r.status === "done" ? tr("outcomeValue", { inserted: r.inserted, skipped: r.skipped, invalid: r.invalid }) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}

function ImportView({ current, liveSeq, result }: { current: Current; liveSeq: number | null; result: ActionResult | undefined }) {
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const t = useT();
  const tr = (key: string, values?: Record<string, string | number>) => t(`registration.import.${key}`, values);
  const { preview } = current;
  const base = `/admin/e/${event.slug}`;
  const working = current.status === "queued" || current.status === "running";
  return (
    <>
      <p>
        {tr("fileIs", { filename: current.filename })} · <Link to={`${base}/import`}>{tr("another")}</Link>
      </p>
      <FormStatus result={result} />

      {current.status === "previewed" ? (
        <>
          <h2>{tr("previewTitle")}</h2>
          <ul className="counts" role="status">
            <li>{tr("counts.total", { count: preview.total })}</li>
            <li>{tr("counts.fresh", { count: preview.fresh })}</li>
            <li>{tr("counts.existing", { count: preview.existing })}</li>
            <li>{tr("counts.invalid", { count: preview.invalid })}</li>
          </ul>
          {preview.ignoredColumns.length ? <p className="alert warning">{tr("ignored", { columns: preview.ignoredColumns.join(", ") })}</p> : null}
          {preview.fresh > 0 ? (
            <Form method="post">
              <Csrf />
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="import" value={current.id} />
              <p className="muted">{tr("confirmHint")}</p>
              <p className="actions">
                <button type="submit">{tr("confirm", { count: preview.fresh })}</button>
              </p>
            </Form>
          ) : (
            <p className="alert warning">{tr("nothingNew")}</p>
          )}
          {preview.errors.length ? (
            <>
              <h2>{tr("errorsTitle")}</h2>
              {preview.errors.length >= maxPreviewErrors ? <p className="muted">{tr("errorsFirst", { count: maxPreviewErrors })}</p> : null}
              <table>
                <thead>
                  <tr>
                    <th scope="col">{tr("row")}</th>
                    <th scope="col">{tr("column")}</th>
                    <th scope="col">{tr("problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.errors.map((e) => (
                    <tr key={`${e.row}:${e.column}`}>
                      <td>{e.row}</td>
                      <td>{importFields.includes(e.column as never) ? tr(`fields.${e.column}`) : e.column}</td>
                      <td>{t(`error.${e.code}`, e.values)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </>
      ) : null}

      {working ? <Running current={current} liveSeq={liveSeq} /> : null}

      {current.status === "done" ? (
        <div className="alert ok" role="status">
          <p>
            <strong>{tr("doneTitle")}</strong>
          </p>
          <p>{tr("outcomeValue", { inserted: current.inserted, skipped: current.skipped, invalid: current.invalid })}</p>
          <p>
            <Link to={`${base}/registrations`}>{tr("toList")}</Link>
          </p>
        </div>
      ) : null}

      {current.status === "failed" ? (
        <div className="alert error" role="alert">
          <p>
            <strong>{tr("failedTitle")}</strong> {t(`error.${current.error ?? "internal"}`)}
          </p>
          <p>{tr("runningCounts", { inserted: current.inserted, skipped: current.skipped, invalid: current.invalid })}</p>
        </div>
      ) : null}
    </>
  );
}

const stage: Record<ImportProgress["status"], number> = { previewed: 0, queued: 1, running: 2, done: 3, failed: 3 };

/**
 * A queued or running import. With JavaScript the numbers follow the live channel (topic `imports`), and
 * the result replaces them when it is done; without, the page reloads itself every two seconds.
 */
function Running({ current, liveSeq }: { current: Current; liveSeq: number | null }) {
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const t = useT();
  const tr = (key: string, values?: Record<string, string | number>) => t(`registration.import.${key}`, values);
  const revalidator = useRevalidator();
  const [live, setLive] = useState<ImportProgress | null>(null);
  useLive(
    event.slug,
    ["imports"],
    (message) => {
      if (message.data.id !== current.id) return;
      setLive(message.data);
      // The result, with its links, comes from the loader.
      if (stage[message.data.status] === 3) void revalidator.revalidate();
    },
    { since: liveSeq, onReset: () => void revalidator.revalidate() },
  );
  const loaded = importProgress(current);
  const shown = live && (stage[live.status] > stage[loaded.status] || (live.status === loaded.status && live.done > loaded.done)) ? live : loaded;
  return (
    <>
      <noscript>
        <meta httpEquiv="refresh" content="2" />
      </noscript>
      <h2>{tr("runningTitle")}</h2>
      <p role="status">{tr("progress", { done: shown.done, total: shown.total })}</p>
      <progress max={shown.total || 1} value={shown.done} aria-label={tr("runningTitle")} />
      <p className="muted">{tr("runningCounts", { inserted: shown.inserted, skipped: shown.skipped, invalid: shown.invalid })}</p>
      <p>
        <Link to={`?import=${current.id}`} reloadDocument>
          {tr("refresh")}
        </Link>
      </p>
    </>
  );
}
