import { useState } from "react";
import { Form, Link, useRevalidator, useRouteLoaderData } from "react-router";
import { type ImportProgress, importProgress } from "../../features/live/topics.ts";
import { type ImportPreview, maxPreviewErrors } from "../../features/registration/imports/import-fields.ts";
import type { ImportKind } from "../../features/registration/vocabulary.ts";
import { eventFormatter } from "../../i18n/format.ts";
import type { ActionResult } from "../admin.ts";
import { useT, useUiLang } from "../i18n.ts";
import { useLive } from "../live.ts";
import type { StaffEventData } from "../routes/admin/event-layout.tsx";
import { Csrf, FormStatus } from "./form.tsx";
import { Stamp } from "./stamp.tsx";
import { TableRegion } from "./table.tsx";

/** An import as its page shows it (the loader's `getImport`, serialized). */
export interface ShownImport extends ImportProgress {
  kind: ImportKind;
  filename: string;
  preview: ImportPreview;
}

/** Where each kind of import leads when it is done, and the prefix of its own messages. */
const kinds = {
  participants: { messages: "registration.import", page: "import", list: "registrations" },
  delegations: { messages: "registration.delegationImport", page: "delegations/import", list: "delegations" },
} as const satisfies Record<ImportKind, { messages: string; page: string; list: string }>;

/**
 * One import, from its check to its result, for participants and delegations alike: the preview with its
 * row errors (row, column, whom the row is about, the problem) and the confirm button; then the progress,
 * followed live, and the result, which opens by itself.
 */
export function ImportView({ current, liveSeq, result }: { current: ShownImport; liveSeq: number | null; result: ActionResult | undefined }) {
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const t = useT();
  const tr = (key: string, values?: Record<string, string | number>) => t(`registration.import.${key}`, values);
  const own = (key: string, values?: Record<string, string | number>) => t(`${kinds[current.kind].messages}.${key}`, values);
  const { preview } = current;
  const base = `/admin/e/${event.slug}`;
  const working = current.status === "queued" || current.status === "running";
  return (
    <>
      <p>
        {tr("fileIs", { filename: current.filename })} · <Link to={`${base}/${kinds[current.kind].page}`}>{tr("another")}</Link>
      </p>
      <FormStatus result={result} />

      {current.status === "previewed" ? (
        <>
          <h2>{tr("previewTitle")}</h2>
          {/* The status role on a wrapper: on the list itself it would hide the list from assistive technology. */}
          <div role="status">
            <ul className="counts">
              <li>{tr("counts.total", { count: preview.total })}</li>
              <li>{own("counts.fresh", { count: preview.fresh })}</li>
              <li>{own("counts.existing", { count: preview.existing })}</li>
              <li>{tr("counts.invalid", { count: preview.invalid })}</li>
            </ul>
          </div>
          {preview.ignoredColumns.length ? <p className="alert warning">{tr("ignored", { columns: preview.ignoredColumns.join(", ") })}</p> : null}
          {preview.fresh > 0 ? (
            <Form method="post">
              <Csrf />
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="import" value={current.id} />
              <p className="muted">{own("confirmHint")}</p>
              <p className="actions">
                <button type="submit">{own("confirm", { count: preview.fresh })}</button>
              </p>
            </Form>
          ) : (
            <p className="alert warning">{own("nothingNew")}</p>
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
                    <th scope="col">{own("who")}</th>
                    <th scope="col">{tr("problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.errors.map((e) => (
                    <tr key={`${e.row}:${e.column}`}>
                      <td>{e.row}</td>
                      <td>{e.column}</td>
                      <td>
                        {e.who?.name ?? ""}
                        {e.who?.name && e.who.email ? <br /> : null}
                        {e.who?.email ? <span className="muted">{e.who.email}</span> : null}
                      </td>
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
          <p>{own("outcomeValue", { inserted: current.inserted, skipped: current.skipped, invalid: current.invalid })}</p>
          <p>
            <Link to={`${base}/${kinds[current.kind].list}`}>{own("toList")}</Link>
          </p>
        </div>
      ) : null}

      {current.status === "failed" ? (
        <div className="alert error" role="alert">
          <p>
            <strong>{tr("failedTitle")}</strong> {t(`error.${current.error ?? "internal"}`)}
          </p>
          <p>{own("runningCounts", { inserted: current.inserted, skipped: current.skipped, invalid: current.invalid })}</p>
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
function Running({ current, liveSeq }: { current: ShownImport; liveSeq: number | null }) {
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const t = useT();
  const tr = (key: string, values?: Record<string, string | number>) => t(`registration.import.${key}`, values);
  const own = (key: string, values?: Record<string, string | number>) => t(`${kinds[current.kind].messages}.${key}`, values);
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
      <p className="muted">{own("runningCounts", { inserted: shown.inserted, skipped: shown.skipped, invalid: shown.invalid })}</p>
      <p>
        <Link to={`?import=${current.id}`} reloadDocument>
          {tr("refresh")}
        </Link>
      </p>
    </>
  );
}

/** A past import as the upload pages list it (`listImports`, serialized). */
export interface RecentImport {
  id: number;
  filename: string;
  status: string;
  inserted: number;
  skipped: number;
  invalid: number;
  createdAt: string | Date;
}

/** The last imports of one kind, each opening its own page; nothing when there are none. */
export function RecentImports({ kind, recent }: { kind: ImportKind; recent: readonly RecentImport[] }) {
  const t = useT();
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const fmt = eventFormatter(useUiLang(), event.timezone);
  const tr = (key: string, values?: Record<string, string | number>) => t(`registration.import.${key}`, values);
  if (recent.length === 0) return null;
  return (
    <>
      <h2>{tr("recent")}</h2>
      <TableRegion label={tr("recent")}>
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
                <td>
                  {r.status === "done" ? t(`${kinds[kind].messages}.outcomeValue`, { inserted: r.inserted, skipped: r.skipped, invalid: r.invalid }) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}
