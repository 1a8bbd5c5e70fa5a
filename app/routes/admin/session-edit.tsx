import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { can, canEditSession } from "../../../features/access/policy.ts";
import { loadEventParts } from "../../../features/events/queries.ts";
import { personChoices, sessionParticipation } from "../../../features/programme/queries.ts";
import { deleteSession, findClashes, getSession, saveSession } from "../../../features/programme/save-session.ts";
import { keepSaved, peopleOf, sessionConflict, sessionRowFields } from "../../../features/programme/session-conflict.ts";
import { participationRoles, sessionKinds } from "../../../features/programme/vocabulary.ts";
import { Forbidden } from "../../../features/shared/errors.ts";
import { text } from "../../../features/shared/localized.ts";
import { chosenTheirs, conflictOf, explainStale, type FieldValues, readBase } from "../../../features/shared/merge.ts";
import { createTranslator, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction, translateWarnings } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { guard, services, uiLanguage } from "../../server-helpers.ts";
import { ConflictReview } from "../../ui/conflict.tsx";
import { Csrf, Field, FormStatus, LocalizedField, SelectField } from "../../ui/form.tsx";
import type { Route } from "./+types/session-edit";

const extraPeopleRows = 3;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug);
  const { db } = services(context);
  const isNew = params.sessionId === "new";
  const session = isNew ? null : await guard(() => getSession(db, event.id, Number(params.sessionId)));
  if (session ? !canEditSession(actor, session) : !can(actor, "programme.edit")) throw new Response(null, { status: 403 });
  const [parts, people, allPersons] = await Promise.all([
    loadEventParts(db, event.id),
    session ? sessionParticipation(db, session.id) : [],
    personChoices(db, event.id),
  ]);
  const lang = uiLanguage(request, context);
  const warnings = session ? translateWarnings(lang, await findClashes(db, event.id, session)) : [];
  return {
    event,
    session,
    people,
    persons: allPersons,
    rooms: parts.rooms,
    tracks: parts.tracks,
    organisations: parts.organisations,
    warnings,
    fullEditor: can(actor, "programme.edit"),
    // The form's values as flat fields: what it starts from is sent back with it, to compare if the save loses a race.
    fields: session
      ? sessionRowFields(event, session, people)
      : { kind: "plenary", start: `${event.startDate}T09:00`, end: `${event.startDate}T10:00`, interpretation: "", people: "" },
  };
}

/** Form rows `people.N.personId` / `people.N.role` → the command's list; empty rows are dropped. */
function peopleFromForm(values: Record<string, unknown>) {
  const rows = (values.people ?? {}) as Record<string, { personId?: string; role?: string }>;
  return Object.keys(rows)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => rows[k])
    .filter((r) => r.personId);
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug);
  const { db } = services(context);
  const lang = uiLanguage(request, context);
  const t = createTranslator(lang);
  return staffAction(request, context, async ({ form, values, intent }) => {
    const ctx = commandContext(context, actor);
    const existing = params.sessionId === "new" ? null : await getSession(db, event.id, Number(params.sessionId));
    if (intent === "delete") {
      if (!existing) throw Forbidden();
      await deleteSession(ctx, event, existing);
      return redirect(`/admin/e/${event.slug}/sessions`);
    }
    let input: Record<string, unknown> = { ...values, interpretation: form.getAll("interpretation").map(String), people: peopleFromForm(values) };
    // After a lost race, fields changed on both sides that the person chose to leave as saved.
    if (existing) input = await keepSaved(db, event, existing, input, chosenTheirs(form));
    const { session, warnings } = await explainStale(
      () => saveSession(ctx, event, existing, input),
      async () => sessionConflict(db, event, await getSession(db, event.id, existing!.id), input, readBase(form.get("_base"))),
    );
    if (!existing) return redirect(`/admin/e/${event.slug}/sessions/${session.id}?created=1`);
    return { ok: true, message: t("admin.saved"), warnings: translateWarnings(lang, warnings) } satisfies ActionResult;
  });
}

export default function SessionEdit() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const { event, session } = data;
  const languages = event.languages;
  const interpretationChoices = [...new Set([...languages, "en", "ru", "uz", "ar", "fr", "zh"])];
  // After a lost race the form shows the merge, saved against the latest version; else the session as loaded.
  const conflict = result && !result.ok ? conflictOf(result.error.details) : undefined;
  const values: FieldValues = conflict?.merged ?? data.fields;
  const localized = (name: string) => Object.fromEntries(languages.map((l) => [l, values[`${name}.${l}`] ?? ""]));
  const rows = [
    ...peopleOf(values.people).map((p) => ({ personId: Number(p.personId), role: p.role })),
    ...Array.from({ length: extraPeopleRows }, () => ({ personId: 0, role: "speaker" })),
  ];
  const nameOf = <T extends { id: number }>(list: T[], pick: (row: T) => string, id: string) => {
    const row = list.find((r) => String(r.id) === id);
    return row ? pick(row) : id;
  };
  const labelOf = (field: string) => {
    const [name, fieldLang] = field.split(".");
    const labels: Record<string, string> = {
      kind: t("session.kind"),
      title: t("admin.sessions.title"),
      description: t("admin.sessions.description"),
      start: t("admin.sessions.start"),
      end: t("admin.sessions.end"),
      roomId: t("session.room"),
      trackId: t("session.track"),
      organiserId: t("admin.sessions.organiser"),
      workingLanguage: t("session.workingLanguage"),
      interpretation: t("session.interpretationInto"),
      people: t("admin.sessions.people"),
    };
    return fieldLang ? `${labels[name] ?? name} (${languageName(fieldLang)})` : (labels[name] ?? name);
  };
  const show = (field: string, value: string) => {
    switch (field) {
      case "kind":
        return t(`session.kinds.${value}`);
      case "roomId":
        return nameOf(data.rooms, (r) => text(r.name, lang, languages), value);
      case "trackId":
        return nameOf(data.tracks, (r) => text(r.name, lang, languages), value);
      case "organiserId":
        return nameOf(data.organisations, (r) => text(r.name, lang, languages), value);
      case "workingLanguage":
        return languageName(value);
      case "interpretation":
        return value.split(",").map(languageName).join(", ");
      case "people":
        return peopleOf(value)
          .map((p) => `${nameOf(data.persons, (r) => text(r.name, lang, languages), p.personId)} (${t(`session.roles.${p.role}`)})`)
          .join(", ");
      default:
        return value;
    }
  };
  return (
    <>
      <title>{session ? text(session.title, lang, languages) : t("admin.sessions.new")}</title>
      <h1>{session ? t("admin.sessions.edit") : t("admin.sessions.new")}</h1>
      <FormStatus result={result} />
      {!result && data.warnings.length > 0 ? (
        <div className="alert warning" role="status">
          <ul>
            {data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="stack" key={conflict ? `merge-${conflict.version}` : (session?.version ?? "new")}>
        <Csrf />
        {session ? <input type="hidden" name="version" value={conflict?.version ?? session.version} /> : null}
        {session ? <input type="hidden" name="_base" value={JSON.stringify(conflict?.theirs ?? data.fields)} /> : null}
        {conflict ? <ConflictReview conflict={conflict} label={labelOf} show={show} /> : null}
        {data.fullEditor ? (
          <SelectField
            name="kind"
            label={t("session.kind")}
            defaultValue={values.kind || "plenary"}
            result={result}
            options={sessionKinds.map((k) => ({ value: k, label: t(`session.kinds.${k}`) }))}
          />
        ) : (
          <input type="hidden" name="kind" value={values.kind || "side_event"} />
        )}
        <LocalizedField name="title" label={t("admin.sessions.title")} languages={languages} value={localized("title")} result={result} required />
        <LocalizedField
          name="description"
          label={t("admin.sessions.description")}
          languages={languages}
          value={localized("description")}
          result={result}
          multiline
        />
        <div className="row">
          <Field
            name="start"
            type="datetime-local"
            label={t("admin.sessions.start")}
            hint={event.timezone}
            defaultValue={values.start}
            required
            result={result}
          />
          <Field name="end" type="datetime-local" label={t("admin.sessions.end")} hint={event.timezone} defaultValue={values.end} required result={result} />
        </div>
        <div className="row">
          <SelectField
            name="roomId"
            label={t("session.room")}
            defaultValue={values.roomId ?? ""}
            result={result}
            options={[{ value: "", label: "—" }, ...data.rooms.map((r) => ({ value: r.id, label: text(r.name, lang, languages) }))]}
          />
          <SelectField
            name="trackId"
            label={t("session.track")}
            defaultValue={values.trackId ?? ""}
            result={result}
            options={[{ value: "", label: "—" }, ...data.tracks.map((r) => ({ value: r.id, label: text(r.name, lang, languages) }))]}
          />
          <SelectField
            name="organiserId"
            label={t("admin.sessions.organiser")}
            defaultValue={values.organiserId ?? ""}
            result={result}
            options={[{ value: "", label: "—" }, ...data.organisations.map((o) => ({ value: o.id, label: text(o.name, lang, languages) }))]}
          />
        </div>
        <SelectField
          name="workingLanguage"
          label={t("session.workingLanguage")}
          defaultValue={values.workingLanguage ?? ""}
          result={result}
          options={[{ value: "", label: "—" }, ...interpretationChoices.map((l) => ({ value: l, label: languageName(l) }))]}
        />
        <fieldset>
          <legend>{t("session.interpretationInto")}</legend>
          {interpretationChoices.map((l) => (
            <label key={l} style={{ marginInlineEnd: "1rem" }}>
              <input type="checkbox" name="interpretation" value={l} defaultChecked={(values.interpretation ?? "").split(",").includes(l)} /> {languageName(l)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("admin.sessions.people")}</legend>
          {result && !result.ok && result.error.fields.people ? <p className="error-text">{result.error.fields.people}</p> : null}
          {rows.map((row, i) => (
            <div className="row" key={i}>
              <div className="field">
                <label htmlFor={`people-${i}-person`}>{t("admin.sessions.person", { n: i + 1 })}</label>
                <select id={`people-${i}-person`} name={`people.${i}.personId`} defaultValue={row.personId || ""}>
                  <option value="">—</option>
                  {data.persons.map((p) => (
                    <option key={p.id} value={p.id}>
                      {text(p.name, lang, languages)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`people-${i}-role`}>{t("admin.sessions.role", { n: i + 1 })}</label>
                <select id={`people-${i}-role`} name={`people.${i}.role`} defaultValue={row.role}>
                  {participationRoles.map((r) => (
                    <option key={r} value={r}>
                      {t(`session.roles.${r}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          ))}
          <p className="hint">
            <a href={`/admin/e/${event.slug}/people/new`}>{t("admin.people.new")}</a>
          </p>
        </fieldset>
        <p className="actions">
          <button type="submit" name="intent" value="save">
            {t("admin.save")}
          </button>
          {session && data.fullEditor ? (
            <button type="submit" name="intent" value="delete" className="danger" formNoValidate>
              {t("admin.delete")}
            </button>
          ) : null}
        </p>
      </Form>
    </>
  );
}
