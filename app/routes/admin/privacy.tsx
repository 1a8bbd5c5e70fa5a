import { Form, useActionData, useLoaderData } from "react-router";
import { personalDataHeld, setRetentionDate, suggestedRetentionDate } from "../../../features/registration/privacy/retention.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { privatePageHeaders, services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus } from "../../ui/form.tsx";
import { Stamp } from "../../ui/stamp.tsx";
import type { Route } from "./+types/privacy";

export const headers = privatePageHeaders;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  return { event, held: await personalDataHeld(services(context).db, event.id), suggested: suggestedRetentionDate(event) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values }) => {
    const saved = await setRetentionDate(commandContext(context, actor), event, values);
    const day = saved.retentionDate ? eventFormatter(uiLanguage(request, context), "UTC").date(new Date(`${saved.retentionDate}T00:00:00Z`)) : null;
    return { ok: true, message: day ? t("privacy.retention.saved", { date: day }) : t("privacy.retention.cleared") } satisfies ActionResult;
  });
}

export default function Privacy() {
  const { event, held, suggested } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const uiLang = useUiLang();
  const fmt = eventFormatter(uiLang, event.timezone);
  // A calendar day has no time zone: shown as the UTC day it names.
  const day = (iso: string) => eventFormatter(uiLang, "UTC").date(new Date(`${iso}T00:00:00Z`));
  return (
    <>
      <title>{t("privacy.title")}</title>
      <h1>{t("privacy.title")}</h1>
      <p>{t("privacy.intro")}</p>
      <FormStatus result={result} />
      <section aria-labelledby="retention">
        <h2 id="retention">{t("privacy.retention.title")}</h2>
        <p>
          {event.retentionDate ? t("privacy.retention.set", { date: day(event.retentionDate), count: held }) : t("privacy.retention.unset", { count: held })}
          {event.personalDataPurgedAt ? (
            <>
              {" "}
              <Stamp at={event.personalDataPurgedAt}>{t("privacy.retention.lastPurge", { date: fmt.dateTime(new Date(event.personalDataPurgedAt)) })}</Stamp>
            </>
          ) : null}
        </p>
        <Form method="post" className="stack">
          <Csrf />
          <input type="hidden" name="version" value={event.version} />
          <Field
            name="retentionDate"
            type="date"
            label={t("privacy.retention.date")}
            hint={t("privacy.retention.hint", { suggested })}
            defaultValue={event.retentionDate ?? ""}
            result={result}
            min={event.endDate}
          />
          <p>
            <button type="submit">{t("privacy.retention.save")}</button>
          </p>
        </Form>
      </section>
      <section aria-labelledby="requests">
        <h2 id="requests">{t("privacy.requests.title")}</h2>
        <p>{t("privacy.requests.text")}</p>
      </section>
    </>
  );
}
