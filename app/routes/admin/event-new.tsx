import { redirect, useActionData } from "react-router";
import { createEvent, mayCreateEvents } from "../../../features/events/create-event.ts";
import { Forbidden } from "../../../features/shared/errors.ts";
import { type ActionResult, requireUser, staffAction } from "../../admin.ts";
import { useT } from "../../i18n.ts";
import { services } from "../../server-helpers.ts";
import { EventForm, type EventFormValues, eventFormToInput } from "../../ui/event-form.tsx";
import { FormStatus } from "../../ui/form.tsx";
import type { Route } from "./+types/event-new";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(request, context);
  if (!mayCreateEvents(user)) throw new Response(null, { status: 403 });
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(request, context);
  return staffAction(request, context, async ({ values }) => {
    if (!mayCreateEvents(user)) throw Forbidden();
    const event = await createEvent({ db: services(context).db, user }, eventFormToInput(values));
    return redirect(`/admin/e/${event.slug}?created=1`);
  });
}

export default function NewEvent() {
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  // Without JavaScript the page reloads: give back what was typed.
  const values = (result && !result.ok ? result.values : undefined) as Record<string, unknown> | undefined;
  const initial = (
    values ? { ...values, languages: typeof values.languages === "string" ? values.languages.split(/[\s,]+/) : undefined } : {}
  ) as EventFormValues;
  return (
    <>
      <title>{t("admin.events.create")}</title>
      <h1>{t("admin.events.create")}</h1>
      <FormStatus result={result} />
      <EventForm values={initial} result={result} submitLabel={t("admin.events.createSubmit")} />
    </>
  );
}
