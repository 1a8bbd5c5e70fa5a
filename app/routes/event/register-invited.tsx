import { redirect, useActionData, useLoaderData } from "react-router";
import { getEventBySlug } from "../../../features/events/queries.ts";
import { invitationForToken } from "../../../features/registration/delegations/invitations.ts";
import { toFieldView } from "../../../features/registration/forms/form-field-view.ts";
import { listFormFields } from "../../../features/registration/forms/form-fields.ts";
import { categoryName, register } from "../../../features/registration/register.ts";
import { AppError } from "../../../features/shared/errors.ts";
import { formToObject } from "../../../features/shared/validate.ts";
import type { ActionResult } from "../../admin.ts";
import { metaTranslator, useT } from "../../i18n.ts";
import { guard, linkAction, pageLanguage, privatePageHeaders, requestState, services } from "../../server-helpers.ts";
import { FormStatus } from "../../ui/form.tsx";
import { text } from "../../ui/localized.tsx";
import { RegistrationForm } from "../../ui/registration-form.tsx";
import type { Route } from "./+types/register-invited";
import { useEventData } from "./layout.tsx";

export const headers = () => privatePageHeaders();
export const meta: Route.MetaFunction = ({ matches }) => [
  { title: metaTranslator(matches)("registration.register.submit") },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const { db } = services(context);
    const event = await getEventBySlug(db, params.slug);
    const invitation = await invitationForToken(db, event, params.token, requestState(context).client);
    if (invitation.acceptedAt) throw new AppError(403, "invitation.used");
    const [category, questions] = await Promise.all([categoryName(db, event.id, invitation.categoryId), listFormFields(db, event.id)]);
    return {
      invitation: { email: invitation.email, givenName: invitation.givenName, familyName: invitation.familyName },
      category,
      questions: questions.map(toFieldView),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, config } = services(context);
  const form = await request.formData();
  return linkAction(
    await pageLanguage(context, params),
    async () => {
      const event = await getEventBySlug(db, params.slug);
      const invitation = await invitationForToken(db, event, params.token, requestState(context).client);
      const { portalPath } = await register(
        { db, publicUrl: config.PUBLIC_URL, now: new Date(), client: requestState(context).client },
        event,
        { invitation },
        form,
      );
      // The invitation proved the address: go straight to the person's own page.
      return redirect(portalPath);
    },
    formToObject(form),
  );
}

export default function RegisterInvited() {
  const { invitation, category, questions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { event, ctx, lang } = useEventData();
  const t = useT();
  return (
    <>
      <h1>{t("registration.register.title", { event: text(event.shortTitle, ctx) || text(event.title, ctx) })}</h1>
      <p>{t("registration.register.invited", { category: text(category.name, ctx) })}</p>
      <FormStatus result={result} />
      <RegistrationForm result={result} lang={lang} fixed={invitation} questions={{ fields: questions, categories: [category], ctx }} />
    </>
  );
}
