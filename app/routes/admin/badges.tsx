import { useState } from "react";
import { Form, Link, useActionData, useLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { listBadgeDesigns } from "../../../features/badges/design-queries.ts";
import { peopleWithoutPhoto } from "../../../features/badges/issue-badges.ts";
import { markPrinted, rotateSigningKey } from "../../../features/badges/print-badges.ts";
import { getPrintBatch, progressOf, recentPrintBatches, renderedBy, requestPrint } from "../../../features/badges/print-run.ts";
import { badgeSummary } from "../../../features/badges/queries.ts";
import { badgeSizes, type PrintScope, sheetLayouts } from "../../../features/badges/vocabulary.ts";
import { currentSeq } from "../../../features/live/publish.ts";
import type { LiveTopicData } from "../../../features/live/topics.ts";
import { listCategories } from "../../../features/registration/review/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { toId } from "../../../features/shared/validate.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { useLive } from "../../live.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, FormStatus, SelectField } from "../../ui/form.tsx";
import { Stamp } from "../../ui/stamp.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/badges";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "badges.print");
  const { db } = services(context);
  const liveSeq = await currentSeq(db, event.id);
  const [summary, batches, categories, withoutPhoto, designs] = await Promise.all([
    badgeSummary(db, event),
    recentPrintBatches(db, event.id),
    listCategories(db, event.id),
    peopleWithoutPhoto(db, event.id),
    listBadgeDesigns(db, event.id),
  ]);
  return {
    event,
    summary,
    liveSeq,
    batches: batches.map((b) => ({
      ...progressOf(b),
      size: b.size,
      layout: b.layout,
      sides: b.sides,
      scope: b.scope,
      lang: b.lang,
      createdAt: b.createdAt.toISOString(),
    })),
    categories: categories.map((c) => ({ id: c.id, name: c.name, attendance: c.attendance })),
    withoutPhoto: withoutPhoto.slice(0, 200),
    withoutPhotoCount: withoutPhoto.length,
    mayManage: can(actor, "badges.manage"),
    hasDesigns: designs.length > 0,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "badges.print");
  const t = createTranslator(uiLanguage(request, context));
  const { jobs, secret, db } = services(context);
  return staffAction(request, context, async ({ values, intent }) => {
    const ctx = { ...commandContext(context, actor), secret, jobs };
    if (intent === "printed") {
      const batch = await getPrintBatch(db, event.id, toId(values.batch));
      const n = await markPrinted(ctx, event, batch.participantIds, renderedBy(batch));
      return { ok: true, message: t("badges.markedPrinted", { count: n }) } satisfies ActionResult;
    }
    if (intent === "rotate") {
      await rotateSigningKey(ctx, event);
      return { ok: true, message: t("badges.keyRotated") } satisfies ActionResult;
    }
    const scope = String(values.scope ?? "changed");
    const ids = scope === "category" ? [values.category] : [];
    await requestPrint(ctx, event, { ...values, scope, ids });
    return { ok: true, message: t("badges.printQueued") } satisfies ActionResult;
  });
}

type Batch = ReturnType<typeof useLoaderData<typeof loader>>["batches"][number];

export default function Badges() {
  const { event, summary, batches, categories, withoutPhoto, withoutPhotoCount, liveSeq, mayManage, hasDesigns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const [live, setLive] = useState<Record<number, LiveTopicData["printing"]>>({});
  useLive(event.slug, ["printing"], (m) => setLive((all) => ({ ...all, [m.data.id]: m.data })), { since: liveSeq });
  const api = `/api/v1/events/${event.slug}/badges`;
  const shown = (b: Batch) => ({ ...b, ...(live[b.id] ?? {}) });
  const fmt = eventFormatter(lang, event.timezone);
  const whom = (scope: PrintScope) =>
    scope.kind === "category"
      ? text(categories.find((c) => c.id === scope.id)?.name ?? {}, lang, event.languages)
      : scope.kind === "people"
        ? t("badges.batches.whom.people", { count: scope.ids.length })
        : t(`badges.batches.whom.${scope.kind}`);
  return (
    <>
      <title>{t("badges.title")}</title>
      <h1>{t("badges.title")}</h1>
      <FormStatus result={result} />
      <dl className="summary">
        {(["eligible", "issued", "printed", "toPrint", "handedOver", "withoutPhoto"] as const).map((k) => (
          <div key={k}>
            <dt>{t(`badges.summary.${k}`)}</dt>
            <dd>{summary[k]}</dd>
          </div>
        ))}
      </dl>
      {summary.forOtherDays > 0 ? (
        <p className="notice" role="status">
          {t("badges.forOtherDays", { count: summary.forOtherDays })}
        </p>
      ) : null}

      <h2>{t("badges.print.title")}</h2>
      <Form method="post" className="stack">
        <Csrf />
        <fieldset>
          <legend>{t("badges.print.scope")}</legend>
          {(["changed", "all", "category"] as const).map((s) => (
            <label key={s} className="choice">
              <input type="radio" name="scope" value={s} defaultChecked={s === "changed"} /> {t(`badges.print.scopes.${s}`)}
            </label>
          ))}
        </fieldset>
        <SelectField
          name="category"
          label={t("badges.print.category")}
          options={categories.filter((c) => c.attendance === "in_person").map((c) => ({ value: c.id, label: text(c.name, lang, event.languages) }))}
        />
        {hasDesigns ? <p className="hint">{t("badges.print.asDesigned")}</p> : null}
        {mayManage ? (
          <p>
            <Link to={`/admin/e/${event.slug}/badges/designs`}>{t("badges.design.listTitle")}</Link>
          </p>
        ) : null}
        <SelectField
          name="size"
          label={t("badges.print.size")}
          options={[{ value: "", label: t("badges.print.perDesign") }, ...badgeSizes.map((s) => ({ value: s, label: t(`badges.sizes.${s}`) }))]}
          defaultValue=""
        />
        <SelectField
          name="layout"
          label={t("badges.print.layout")}
          options={[{ value: "", label: t("badges.print.perDesign") }, ...sheetLayouts.map((s) => ({ value: s, label: t(`badges.layouts.${s}`) }))]}
          defaultValue=""
        />
        <SelectField
          name="sides"
          label={t("badges.print.sides")}
          options={[{ value: "", label: t("badges.print.perDesign") }, ...[1, 2].map((n) => ({ value: n, label: t("badges.print.sidesCount", { count: n }) }))]}
          defaultValue=""
        />
        <SelectField name="lang" label={t("badges.print.lang")} options={event.languages.map((l) => ({ value: l, label: languageName(l) }))} />
        <p className="actions">
          <button type="submit" name="intent" value="print">
            {t("badges.print.submit")}
          </button>
        </p>
      </Form>

      <h2>{t("badges.batches.title")}</h2>
      {batches.length === 0 ? (
        <p>{t("badges.batches.none")}</p>
      ) : (
        <TableRegion label={t("badges.batches.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("badges.batches.run")}</th>
                <th scope="col">{t("badges.batches.progress")}</th>
                <th scope="col">{t("badges.batches.files")}</th>
                <th scope="col">{t("badges.batches.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((raw) => {
                const b = shown(raw);
                return (
                  <tr key={b.id}>
                    <td>
                      {/* Which run is which: when, whom, in which language, then how it was laid out. */}#{b.id} ·{" "}
                      <Stamp at={raw.createdAt}>{fmt.dateTime(new Date(raw.createdAt))}</Stamp> · {whom(raw.scope)} · {languageName(raw.lang)}
                      <br />
                      {raw.size ? t(`badges.sizes.${raw.size}`) : t("badges.print.perDesign")}
                      {raw.layout ? ` · ${t(`badges.layouts.${raw.layout}`)}` : ""}
                    </td>
                    <td>
                      <progress max={b.total} value={b.done} aria-label={t("badges.batches.progress")} />{" "}
                      {t("badges.batches.done", { done: b.done, total: b.total })} · {t(`badges.status.${b.status}`)}
                      {b.withoutPhoto > 0 ? (
                        <>
                          {" · "}
                          <a href="#without-photo">{t("badges.batches.withoutPhoto", { count: b.withoutPhoto })}</a>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {Array.from({ length: b.parts }, (_, i) => (
                        <a key={i} href={`${api}/print/${b.id}/parts/${i + 1}`} download>
                          {t("badges.batches.part", { n: i + 1 })}{" "}
                        </a>
                      ))}
                    </td>
                    <td>
                      {b.status === "done" ? (
                        <Form method="post">
                          <Csrf />
                          <input type="hidden" name="batch" value={b.id} />
                          <button type="submit" name="intent" value="printed">
                            {t("badges.batches.markPrinted")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}

      <section aria-labelledby="without-photo" className={withoutPhotoCount > 0 ? "alert warning" : undefined}>
        <h2 id="without-photo">{t("badges.withoutPhoto.title", { count: withoutPhotoCount })}</h2>
        {withoutPhoto.length === 0 ? (
          <p>{t("badges.withoutPhoto.none")}</p>
        ) : (
          <>
            <p>{t("badges.withoutPhoto.intro")}</p>
            <ul>
              {withoutPhoto.map((p) => (
                <li key={p.id}>
                  <a href={`/admin/e/${event.slug}/registrations/${p.id}`}>
                    {p.familyName}, {p.givenName}
                  </a>{" "}
                  <span className="muted">({t(`badges.withoutPhoto.reasons.${p.reason}`)})</span>
                </li>
              ))}
            </ul>
            {withoutPhotoCount > withoutPhoto.length ? <p>{t("badges.withoutPhoto.more", { count: withoutPhotoCount - withoutPhoto.length })}</p> : null}
          </>
        )}
      </section>

      {mayManage ? (
        <>
          <h2>{t("badges.keys.title")}</h2>
          <p>{t("badges.keys.intro")}</p>
          <Form method="post">
            <Csrf />
            <button type="submit" name="intent" value="rotate">
              {t("badges.keys.rotate")}
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}
