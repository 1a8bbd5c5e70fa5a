import { Form, useActionData, useLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { sessionsWithOnline } from "../../../features/hybrid/join-session.ts";
import { removeSessionOnline, saveSessionOnline } from "../../../features/hybrid/save-session-online.ts";
import { onlineProviders } from "../../../features/hybrid/vocabulary.ts";
import { text } from "../../../features/shared/localized.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, resultFor, SelectField } from "../../ui/form.tsx";
import type { Route } from "./+types/hybrid";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "hybrid.manage");
  const rows = await sessionsWithOnline(services(context).db, event.id);
  return {
    event,
    mayReadAttendance: can(actor, "doors.read"),
    sessions: rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "hybrid.manage");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values, intent }) => {
    const ctx = commandContext(context, actor);
    if (intent === "remove") {
      await removeSessionOnline(ctx, event, values.session);
      return { ok: true, message: t("hybrid.removed") } satisfies ActionResult;
    }
    // One field per content language for its interpretation channel; empty ones are no channel.
    const channels = event.languages.flatMap((lang) => {
      const url = String((values.channel as Record<string, unknown> | undefined)?.[lang] ?? "").trim();
      return url ? [{ lang, url }] : [];
    });
    await saveSessionOnline(ctx, event, values.session, { ...values, channels, allowInPerson: values.allowInPerson === "on" });
    return { ok: true, message: t("admin.saved") } satisfies ActionResult;
  });
}

export default function Hybrid() {
  const { event, sessions, mayReadAttendance } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const fmt = eventFormatter(lang, event.timezone);
  return (
    <>
      <title>{t("hybrid.title")}</title>
      <h1>{t("hybrid.title")}</h1>
      <p>{t("hybrid.intro")}</p>
      <FormStatus result={result} />
      {sessions.map((s) => {
        const scope = `s${s.id}`;
        const channel = (l: string) => s.online?.channels.find((c) => c.lang === l)?.url ?? "";
        const failed = resultFor(result, (v) => String(v.session) === String(s.id));
        return (
          <details key={s.id} open={failed !== undefined}>
            <summary>
              {text(s.title, lang, event.languages)} · {fmt.dateTime(new Date(s.startsAt))} {s.online ? `· ${t(`hybrid.providers.${s.online.provider}`)}` : ""}
            </summary>
            <Form method="post" className="stack">
              <Csrf />
              <input type="hidden" name="session" value={s.id} />
              {s.online ? <input type="hidden" name="version" value={s.online.version} /> : null}
              <SelectField
                name="provider"
                label={t("hybrid.provider")}
                options={onlineProviders.map((p) => ({ value: p, label: t(`hybrid.providers.${p}`) }))}
                defaultValue={s.online?.provider}
                scope={scope}
              />
              <Field
                name="joinUrl"
                type="url"
                label={t("hybrid.joinUrl")}
                hint={t("hybrid.joinUrlHint")}
                defaultValue={s.online?.joinUrl}
                required
                scope={scope}
                result={failed}
              />
              <fieldset>
                <legend>{t("hybrid.channels")}</legend>
                {event.languages.map((l) => (
                  <Field key={l} name={`channel.${l}`} type="url" label={languageName(l)} defaultValue={channel(l)} scope={scope} />
                ))}
              </fieldset>
              <Field
                name="livestreamUrl"
                type="url"
                label={t("hybrid.livestream")}
                hint={t("hybrid.livestreamHint")}
                defaultValue={s.online?.livestreamUrl}
                scope={scope}
                result={failed}
              />
              <div className="field">
                <label className="choice">
                  <input type="checkbox" name="allowInPerson" defaultChecked={s.online?.allowInPerson} /> {t("hybrid.allowInPerson")}
                </label>
              </div>
              <p className="actions">
                <button type="submit" name="intent" value="save">
                  {t("admin.save")}
                </button>
                {s.online ? (
                  <button type="submit" name="intent" value="remove" className="danger" formNoValidate>
                    {t("hybrid.remove")}
                  </button>
                ) : null}
                {mayReadAttendance ? (
                  <a href={`/admin/e/${event.slug}/sessions/${s.id}/attendance.csv`} download>
                    {t("hybrid.attendance")}
                  </a>
                ) : null}
              </p>
            </Form>
          </details>
        );
      })}
    </>
  );
}
