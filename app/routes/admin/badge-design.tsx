import { useState } from "react";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import {
  type BadgeDesign,
  bandPositions,
  builtInDesign,
  contrastRatio,
  designFields,
  designFromValues,
  fieldsToDesignInput,
  frontParts,
  minContrast,
} from "../../../features/badges/design.ts";
import { designOfRow, getBadgeDesign } from "../../../features/badges/design-queries.ts";
import { layoutBack, layoutFront } from "../../../features/badges/layout.ts";
import { qrPathData, qrRuns } from "../../../features/badges/qr.ts";
import { sampleCode, sampleLayoutFace } from "../../../features/badges/sample-face.ts";
import { deleteBadgeDesign, updateBadgeDesign } from "../../../features/badges/save-badge-design.ts";
import { badgeSizes, sheetLayouts } from "../../../features/badges/vocabulary.ts";
import { listCategories } from "../../../features/registration/review/queries.ts";
import { text } from "../../../features/shared/localized.ts";
import { chosenTheirs, conflictOf, explainStale, type FieldValues, mergeEdits, readBase } from "../../../features/shared/merge.ts";
import { toId } from "../../../features/shared/validate.ts";
import { createTranslator, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { guard, services, uiLanguage } from "../../server-helpers.ts";
import { BadgePreview } from "../../ui/badge-preview.tsx";
import { ConflictReview } from "../../ui/conflict.tsx";
import { Csrf, Field, FormStatus, LocalizedField, SelectField } from "../../ui/form.tsx";
import type { Route } from "./+types/badge-design";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "badges.manage");
  const { db } = services(context);
  const row = await guard(() => getBadgeDesign(db, event.id, toId(params.designId)));
  const categories = await listCategories(db, event.id);
  const category = categories.find((c) => c.id === row.categoryId) ?? categories[0];
  const qr = qrRuns(sampleCode);
  return {
    event,
    id: row.id,
    categoryId: row.categoryId,
    version: row.version,
    fields: designFields(designOfRow(row), event.languages),
    category: category ? { letter: category.letter, colour: category.colour, name: category.name } : null,
    qr: { path: qrPathData(qr), span: qr.span },
    logo: event.logoFileId ? `/admin/e/${event.slug}/logo` : null,
  };
}

/** The form's fields, flat (features/shared/merge.ts): a switch is "on" when ticked, else empty. */
function flatOf(form: FormData, languages: readonly string[]): FieldValues {
  const flat: FieldValues = {};
  for (const name of ["size", "layout", "sides", "bandPosition", "textColour", "backgroundColour"]) flat[name] = String(form.get(name) ?? "");
  for (const name of ["backCode", ...frontParts.map((p) => `front.${p}`)]) flat[name] = form.get(name) ? "on" : "";
  for (const lang of languages) flat[`backText.${lang}`] = String(form.get(`backText.${lang}`) ?? "");
  return flat;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "badges.manage");
  const { db } = services(context);
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ form, values, intent }) => {
    const ctx = commandContext(context, actor);
    const existing = await getBadgeDesign(db, event.id, toId(params.designId));
    if (intent === "delete") {
      await deleteBadgeDesign(ctx, event, existing, { version: values.version });
      return redirect(`/admin/e/${event.slug}/badges/designs`);
    }
    const flat = flatOf(form, event.languages);
    // After a lost race, fields changed on both sides that the person chose to leave as saved.
    const saved = designFields(designOfRow(existing), event.languages);
    for (const field of chosenTheirs(form)) if (field in saved) flat[field] = saved[field];
    await explainStale(
      () => updateBadgeDesign(ctx, event, existing, { ...fieldsToDesignInput(flat, event.languages), version: values.version }),
      async () => {
        const current = await getBadgeDesign(db, event.id, existing.id);
        return mergeEdits(readBase(form.get("_base")), flat, designFields(designOfRow(current), event.languages), current.version);
      },
    );
    return { ok: true, message: t("admin.saved") } satisfies ActionResult;
  });
}

export default function BadgeDesignPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const conflict = result && !result.ok ? conflictOf(result.error.details) : undefined;
  const version = conflict?.version ?? data.version;
  const title = data.categoryId === null ? t("badges.design.eventDefault") : text(data.category?.name, lang, data.event.languages);
  const labelOf = (field: string) => {
    const [name, part] = field.split(".");
    if (name === "front") return t(`badges.design.parts.${part}`);
    if (name === "backText") return `${t("badges.design.backText")} (${languageName(part)})`;
    const labels: Record<string, string> = {
      size: t("badges.print.size"),
      layout: t("badges.print.layout"),
      sides: t("badges.print.sides"),
      bandPosition: t("badges.design.bandPosition"),
      textColour: t("badges.design.textColour"),
      backgroundColour: t("badges.design.backgroundColour"),
      backCode: t("badges.design.backCode"),
    };
    return labels[name] ?? field;
  };
  const show = (field: string, value: string) => {
    if (value === "on") return t("badges.design.shown");
    if (field === "size") return t(`badges.sizes.${value}`);
    if (field === "layout") return t(`badges.layouts.${value}`);
    if (field === "sides") return t("badges.print.sidesCount", { count: Number(value) });
    if (field === "bandPosition") return t(`badges.design.bands.${value}`);
    return value;
  };
  return (
    <>
      <title>{t("badges.design.editTitle", { name: title })}</title>
      <p className="breadcrumb-local">
        <Link to={`/admin/e/${data.event.slug}/badges`}>{t("badges.title")}</Link> ›{" "}
        <Link to={`/admin/e/${data.event.slug}/badges/designs`}>{t("badges.design.listTitle")}</Link>
      </p>
      <h1>{t("badges.design.editTitle", { name: title })}</h1>
      <FormStatus result={result} />
      <DesignEditor
        key={`${version}-${conflict ? "merge" : "saved"}`}
        values={conflict?.merged ?? data.fields}
        base={conflict?.theirs ?? data.fields}
        version={version}
      >
        {conflict ? <ConflictReview conflict={conflict} label={labelOf} show={show} /> : null}
      </DesignEditor>
      <Form method="post">
        <Csrf />
        <input type="hidden" name="version" value={version} />
        <button type="submit" name="intent" value="delete" className="danger">
          {t("badges.design.delete")}
        </button>
      </Form>
    </>
  );
}

/** The form and its preview; the preview follows the form as it changes (once the page is hydrated). */
function DesignEditor({ values, base, version, children }: { values: FieldValues; base: FieldValues; version: number; children: React.ReactNode }) {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const { event } = data;
  const [current, setCurrent] = useState<FieldValues>(values);
  const [design, setDesign] = useState<BadgeDesign>(() => designFromValues(fieldsToDesignInput(values, event.languages)) ?? builtInDesign);
  const onChange = (form: HTMLFormElement) => {
    const flat = flatOf(new FormData(form), event.languages);
    setCurrent(flat);
    // A value that does not make a design yet (a colour half typed) keeps the last good preview.
    const next = designFromValues(fieldsToDesignInput(flat, event.languages));
    if (next) setDesign(next);
  };
  const face = sampleLayoutFace({
    category: data.category
      ? { letter: data.category.letter, colour: data.category.colour, name: text(data.category.name, lang, event.languages) }
      : { letter: "D", colour: "#1f4e79", name: t("badges.design.sampleCategory") },
    eventTitle: text(event.shortTitle, lang, event.languages) || text(event.title, lang, event.languages),
    noPhoto: t("badges.noPhoto"),
    hasLogo: !!data.logo,
    backText: text(design.backText, lang, event.languages),
    country: new Intl.DisplayNames([lang, "en"], { type: "region" }).of("UZ") ?? "UZ",
  });
  const ratio = contrastRatio(current.textColour || "#000000", current.backgroundColour || "#ffffff");
  const images = { logo: data.logo ?? undefined };
  const on = (name: string) => current[name] === "on";
  return (
    <div className="design-editor">
      <Form method="post" className="stack" onChange={(e) => onChange(e.currentTarget)}>
        <Csrf />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="_base" value={JSON.stringify(base)} />
        {children}
        <SelectField
          name="size"
          label={t("badges.print.size")}
          options={badgeSizes.map((s) => ({ value: s, label: t(`badges.sizes.${s}`) }))}
          defaultValue={values.size}
          result={result}
        />
        <SelectField
          name="layout"
          label={t("badges.print.layout")}
          options={sheetLayouts.map((s) => ({ value: s, label: t(`badges.layouts.${s}`) }))}
          defaultValue={values.layout}
          result={result}
        />
        <SelectField
          name="sides"
          label={t("badges.print.sides")}
          options={[1, 2].map((n) => ({ value: n, label: t("badges.print.sidesCount", { count: n }) }))}
          defaultValue={values.sides}
          result={result}
        />
        <fieldset>
          <legend>{t("badges.design.front")}</legend>
          <p className="hint">{t("badges.design.nameAlways")}</p>
          {frontParts.map((p) => (
            <label key={p} className="choice">
              <input type="checkbox" name={`front.${p}`} defaultChecked={on(`front.${p}`)} /> {t(`badges.design.parts.${p}`)}
            </label>
          ))}
        </fieldset>
        <SelectField
          name="bandPosition"
          label={t("badges.design.bandPosition")}
          options={bandPositions.map((b) => ({ value: b, label: t(`badges.design.bands.${b}`) }))}
          defaultValue={values.bandPosition}
          result={result}
        />
        <Field name="textColour" type="color" label={t("badges.design.textColour")} defaultValue={values.textColour} result={result} />
        <Field name="backgroundColour" type="color" label={t("badges.design.backgroundColour")} defaultValue={values.backgroundColour} result={result} />
        <p className={ratio < minContrast ? "error" : "hint"} role="status">
          {t(ratio < minContrast ? "badges.design.contrastLow" : "badges.design.contrastOk", { ratio: ratio.toFixed(1), min: String(minContrast) })}
        </p>
        <fieldset>
          <legend>{t("badges.design.back")}</legend>
          <p className="hint">{t("badges.design.backHint")}</p>
          <label className="choice">
            <input type="checkbox" name="backCode" defaultChecked={on("backCode")} /> {t("badges.design.backCode")}
          </label>
          <LocalizedField
            name="backText"
            label={t("badges.design.backText")}
            hint={t("badges.design.backTextHint")}
            languages={event.languages}
            value={Object.fromEntries(event.languages.map((l) => [l, values[`backText.${l}`] ?? ""]))}
            result={result}
            multiline
            rows={2}
          />
        </fieldset>
        <p className="actions">
          <button type="submit" name="intent" value="save">
            {t("admin.save")}
          </button>
        </p>
      </Form>
      <section className="badge-previews" aria-labelledby="preview-title">
        <h2 id="preview-title">{t("badges.design.preview")}</h2>
        <p className="hint">{t("badges.design.previewHint")}</p>
        <BadgePreview layout={layoutFront(design, face)} qr={data.qr} images={images} label={t("badges.design.previewFront")} />
        {design.sides === 2 ? <BadgePreview layout={layoutBack(design, face)} qr={data.qr} images={images} label={t("badges.design.previewBack")} /> : null}
        <p>
          <a href={`/admin/e/${event.slug}/badges/designs/${data.id}/preview.pdf`} download>
            {t("badges.design.previewPdf")}
          </a>{" "}
          <span className="muted">({languageName(lang)})</span>
        </p>
      </section>
    </div>
  );
}
