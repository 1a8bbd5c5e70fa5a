import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { erasePerson } from "../../../features/registration/privacy/person-data.ts";
import { getParticipantForStaff } from "../../../features/registration/review/queries.ts";
import { toId } from "../../../features/shared/validate.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT } from "../../i18n.ts";
import { privatePageHeaders, services } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus } from "../../ui/form.tsx";
import type { Route } from "./+types/participant-erase";

export const headers = privatePageHeaders;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await loadStaffEvent(request, context, params.slug, "personal_data.read");
  const id = toId(params.participantId);
  const row = id ? await getParticipantForStaff(services(context).db, event.id, id) : undefined;
  if (!row) throw new Response(null, { status: 404 });
  const p = row.participant;
  return { event, person: { id: p.id, name: `${p.givenName} ${p.familyName}`, email: p.email } };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  return staffAction(request, context, async ({ values }) => {
    await erasePerson(commandContext(context, actor), event, params.participantId, values);
    return redirect(`/admin/e/${event.slug}/registrations?erased=1`);
  });
}

export default function EraseParticipant() {
  const { event, person } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  return (
    <>
      <title>{t("privacy.erase.title", { name: person.name })}</title>
      <h1>{t("privacy.erase.title", { name: person.name })}</h1>
      <p>{t("privacy.erase.what")}</p>
      <p>
        <a href={`/admin/e/${event.slug}/registrations/${person.id}/data.json`} download>
          {t("privacy.export.link")}
        </a>{" "}
        — {t("privacy.export.hint")}
      </p>
      <FormStatus result={result} />
      <Form method="post" className="stack">
        <Csrf />
        <Field name="confirm" type="email" label={t("privacy.erase.confirm", { email: person.email })} required result={result} autoComplete="off" />
        <p>
          <button type="submit" className="danger">
            {t("privacy.erase.submit")}
          </button>{" "}
          <a href={`/admin/e/${event.slug}/registrations/${person.id}`}>{t("privacy.erase.cancel")}</a>
        </p>
      </Form>
    </>
  );
}
