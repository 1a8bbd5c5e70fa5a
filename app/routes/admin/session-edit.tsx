import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { can, canEditSession } from "../../../features/access/policy.ts";
import { loadEventParts } from "../../../features/events/queries.ts";
import { personChoices, sessionParticipation } from "../../../features/programme/queries.ts";
import { deleteSession, findClashes, getSession, saveSession } from "../../../features/programme/save-session.ts";
import { participationRoles, sessionKinds } from "../../../features/programme/vocabulary.ts";
import { Forbidden } from "../../../features/shared/errors.ts";
import { text } from "../../../features/shared/localized.ts";
import { utcToZonedInput } from "../../../i18n/format.ts";
import { createTranslator, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction, translateWarnings } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { guard, services, uiLanguage } from "../../server-helpers.ts";
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
    start: session ? utcToZonedInput(new Date(session.startsAt), event.timezone) : `${event.startDate}T09:00`,
    end: session ? utcToZonedInput(new Date(session.endsAt), event.timezone) : `${event.startDate}T10:00`,
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
    const input = { ...values, interpretation: form.getAll("interpretation").map(String), people: peopleFromForm(values) };
    const { session, warnings } = await saveSession(ctx, event, existing, input);
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
  const rows = [
    ...data.people.map((p) => ({ personId: p.personId, role: p.role })),
    ...Array.from({ length: extraPeopleRows }, () => ({ personId: 0, role: "speaker" as const })),
  ];
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
      <Form method="post" className="stack" key={session?.version ?? "new"}>
        <Csrf />
        {session ? <input type="hidden" name="version" value={session.version} /> : null}
        {data.fullEditor ? (
          <SelectField
            name="kind"
            label={t("session.kind")}
            defaultValue={session?.kind ?? "plenary"}
            result={result}
            options={sessionKinds.map((k) => ({ value: k, label: t(`session.kinds.${k}`) }))}
          />
        ) : (
          <input type="hidden" name="kind" value={session?.kind ?? "side_event"} />
        )}
        <LocalizedField name="title" label={t("admin.sessions.title")} languages={languages} value={session?.title} result={result} required />
        <LocalizedField
          name="description"
          label={t("admin.sessions.description")}
          languages={languages}
          value={session?.description}
          result={result}
          multiline
        />
        <div className="row">
          <Field
            name="start"
            type="datetime-local"
            label={t("admin.sessions.start")}
            hint={event.timezone}
            defaultValue={data.start}
            required
            result={result}
          />
          <Field name="end" type="datetime-local" label={t("admin.sessions.end")} hint={event.timezone} defaultValue={data.end} required result={result} />
        </div>
        <div className="row">
          <SelectField
            name="roomId"
            label={t("session.room")}
            defaultValue={session?.roomId ?? ""}
            result={result}
            options={[{ value: "", label: "—" }, ...data.rooms.map((r) => ({ value: r.id, label: text(r.name, lang, languages) }))]}
          />
          <SelectField
            name="trackId"
            label={t("session.track")}
            defaultValue={session?.trackId ?? ""}
            result={result}
            options={[{ value: "", label: "—" }, ...data.tracks.map((r) => ({ value: r.id, label: text(r.name, lang, languages) }))]}
          />
          <SelectField
            name="organiserId"
            label={t("admin.sessions.organiser")}
            defaultValue={session?.organiserId ?? ""}
            result={result}
            options={[{ value: "", label: "—" }, ...data.organisations.map((o) => ({ value: o.id, label: text(o.name, lang, languages) }))]}
          />
        </div>
        <SelectField
          name="workingLanguage"
          label={t("session.workingLanguage")}
          defaultValue={session?.workingLanguage ?? ""}
          result={result}
          options={[{ value: "", label: "—" }, ...interpretationChoices.map((l) => ({ value: l, label: languageName(l) }))]}
        />
        <fieldset>
          <legend>{t("session.interpretationInto")}</legend>
          {interpretationChoices.map((l) => (
            <label key={l} style={{ marginInlineEnd: "1rem" }}>
              <input type="checkbox" name="interpretation" value={l} defaultChecked={session?.interpretation.includes(l)} /> {languageName(l)}
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
