import { Form, useActionData, useRouteLoaderData, useSearchParams } from "react-router";
import { badgeSummary } from "../../../features/badges/queries.ts";
import { eventConflict, eventFieldsToInput, eventInputFields, keepSavedEvent } from "../../../features/events/event-conflict.ts";
import { setEventStatus, updateEvent } from "../../../features/events/update-event.ts";
import { removeEventLogo, uploadEventLogo } from "../../../features/events/upload-event-logo.ts";
import { fileRules, maxSizeText } from "../../../features/files/kinds.ts";
import { sessionsOutsideDays } from "../../../features/programme/queries.ts";
import type { Localized } from "../../../features/shared/localized.ts";
import { text } from "../../../features/shared/localized.ts";
import { chosenTheirs, conflictOf, explainStale, readBase } from "../../../features/shared/merge.ts";
import { createTranslator, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { ConflictReview } from "../../ui/conflict.tsx";
import { EventForm, type EventFormValues, eventFormToInput } from "../../ui/event-form.tsx";
import { Csrf, Field, FormStatus, fileLimit, LocalizedField } from "../../ui/form.tsx";
import type { Route } from "./+types/event-settings";
import type { StaffEventData } from "./event-layout.tsx";

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug);
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ form, values, intent }) => {
    const ctx = commandContext(context, actor);
    if (intent === "logo") {
      await uploadEventLogo(ctx, event, form.get("logo"), values);
      return { ok: true, message: t("admin.saved") };
    }
    if (intent === "removeLogo") {
      await removeEventLogo(ctx, event);
      return { ok: true, message: t("admin.saved") };
    }
    if (intent === "publish" || intent === "unpublish") {
      await setEventStatus(ctx, event, intent === "publish" ? "published" : "draft");
      return { ok: true, message: t(intent === "publish" ? "admin.event.published" : "admin.event.unpublished") };
    }
    // After a lost race, fields changed on both sides that the person chose to leave as saved.
    const input = keepSavedEvent(event, eventFormToInput(values), chosenTheirs(form));
    const saved = await explainStale(
      () => updateEvent(ctx, event, input),
      async () => eventConflict(event, input, readBase(form.get("_base"))),
    );
    if (saved.slug !== event.slug) return Response.redirect(new URL(`/admin/e/${saved.slug}`, request.url), 303);
    // Moved dates leave behind what was made for the old ones: say so, with where to set it right.
    const warnings: string[] = [];
    if (saved.startDate !== event.startDate || saved.endDate !== event.endDate) {
      const { db } = services(context);
      const [outside, badges] = await Promise.all([sessionsOutsideDays(db, saved), badgeSummary(db, saved)]);
      if (outside > 0) warnings.push(t("admin.event.sessionsOutsideDays", { count: outside }));
      if (badges.forOtherDays > 0) warnings.push(t("badges.forOtherDays", { count: badges.forOtherDays }));
    }
    return { ok: true, message: t("admin.saved"), warnings };
  });
}

/** The settings as text, for those who may read them but not change them: no form that would answer 403. */
function EventSummary({ event }: { event: StaffEventData["event"] }) {
  const t = useT();
  const lang = useUiLang();
  const loc = (value: Localized) => text(value, lang, event.languages) || "—";
  return (
    <>
      <p>{t("admin.readOnly")}</p>
      <dl className="summary">
        <dt>{t("admin.event.title")}</dt>
        <dd>{loc(event.title)}</dd>
        <dt>{t("admin.event.slug")}</dt>
        <dd>{event.slug}</dd>
        <dt>{t("admin.event.startDate")}</dt>
        <dd>{event.startDate}</dd>
        <dt>{t("admin.event.endDate")}</dt>
        <dd>{event.endDate}</dd>
        <dt>{t("admin.event.timezone")}</dt>
        <dd>{event.timezone}</dd>
        <dt>{t("admin.event.languages")}</dt>
        <dd>{event.languages.map(languageName).join(", ")}</dd>
        <dt>{t("admin.event.format")}</dt>
        <dd>{t(`event.formats.${event.format}`)}</dd>
        <dt>{t("admin.event.venue")}</dt>
        <dd>{loc(event.venue)}</dd>
        <dt>{t("admin.event.city")}</dt>
        <dd>{loc(event.city)}</dd>
      </dl>
    </>
  );
}

/**
 * The settings form. After a lost edit race it shows what the other person changed beside what this person
 * changed, with the merge in the fields, to be saved against the latest version (features/shared/merge.ts).
 */
function SettingsForm({ event, result }: { event: StaffEventData["event"]; result: ActionResult | undefined }) {
  const t = useT();
  const conflict = result && !result.ok ? conflictOf(result.error.details) : undefined;
  const saved = eventInputFields(event.languages, event as unknown as Record<string, unknown>);
  const languages = conflict ? [...new Set(conflict.merged.languages.split(/[\s,]+/).filter(Boolean))] : event.languages;
  const values = conflict ? { ...eventFieldsToInput([...new Set([...languages, ...event.languages])], conflict.merged), version: conflict.version } : event;
  const labelOf = (field: string) => {
    const [name, fieldLang] = field.split(".");
    const label = t(`admin.event.${name}`);
    return fieldLang ? `${label} (${languageName(fieldLang)})` : label;
  };
  return (
    <EventForm
      key={conflict ? `merge-${conflict.version}` : event.version}
      values={values as EventFormValues}
      result={result}
      submitLabel={t("admin.save")}
      base={JSON.stringify(conflict?.theirs ?? saved)}
      review={conflict ? <ConflictReview conflict={conflict} label={labelOf} show={(_field, value) => value} /> : null}
    />
  );
}

export default function EventSettings() {
  const { event, may } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const t = useT();
  return (
    <>
      <title>{t("admin.nav.settings")}</title>
      <h1>{t("admin.nav.settings")}</h1>
      {params.get("created") ? (
        <div className="alert ok" role="status">
          {t("admin.event.created")}
        </div>
      ) : null}
      <FormStatus result={result} />
      {may.publish ? (
        <Form method="post" className="row" style={{ marginBottom: "1rem" }}>
          <Csrf />
          <p>
            {t("admin.event.statusIs", { status: t(`admin.status.${event.status}`) })}{" "}
            {event.status === "published" ? (
              <button type="submit" name="intent" value="unpublish" className="secondary">
                {t("admin.event.unpublish")}
              </button>
            ) : (
              <button type="submit" name="intent" value="publish">
                {t("admin.event.publish")}
              </button>
            )}
          </p>
        </Form>
      ) : null}
      {may.editEvent ? (
        <section aria-labelledby="logo-title" className="stack">
          <h2 id="logo-title">{t("admin.event.logo.title")}</h2>
          <p className="hint">{t("admin.event.logo.intro")}</p>
          {event.logoFileId ? (
            <img src={`/admin/e/${event.slug}/logo?v=${event.logoFileId}`} alt={t("admin.event.logo.current")} className="logo-preview" />
          ) : null}
          <Form method="post" encType="multipart/form-data" className="stack" key={`logo-${event.logoFileId}`}>
            <Csrf />
            <Field
              name="logo"
              type="file"
              accept={fileRules.logo.types.join(",")}
              {...fileLimit(t, "logo")}
              label={t("admin.event.logo.file")}
              hint={t("admin.organisations.logoHint", { max: maxSizeText("logo") })}
              result={result}
            />
            <LocalizedField
              name="logoAlt"
              label={t("admin.event.logo.alt")}
              hint={t("admin.event.logo.altHint")}
              languages={event.languages}
              value={event.logoAlt}
              result={result}
            />
            <p className="actions">
              <button type="submit" name="intent" value="logo">
                {t("admin.event.logo.save")}
              </button>
              {event.logoFileId ? (
                <button type="submit" name="intent" value="removeLogo" className="danger" formNoValidate>
                  {t("admin.event.logo.remove")}
                </button>
              ) : null}
            </p>
          </Form>
        </section>
      ) : null}
      {may.editEvent ? <SettingsForm event={event} result={result} /> : <EventSummary event={event} />}
    </>
  );
}
