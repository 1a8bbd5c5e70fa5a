import { Form, Link, useActionData, useLoaderData, useSearchParams } from "react-router";
import { getEventBySlug } from "../../../features/events/queries.ts";
import { fileRules, maxSizeText } from "../../../features/files/kinds.ts";
import { fileStore } from "../../../features/files/store.ts";
import { delegationForToken, delegationMembers } from "../../../features/registration/delegations/delegations.ts";
import { nominateMember, setHeadOfDelegation, uploadNominationLetter, withdrawMember } from "../../../features/registration/delegations/nominations.ts";
import { substituteMember } from "../../../features/registration/delegations/substitute-member.ts";
import { toFieldView } from "../../../features/registration/forms/form-field-view.ts";
import { listFormFields } from "../../../features/registration/forms/form-fields.ts";
import { listCategories } from "../../../features/registration/review/queries.ts";
import { inactiveStatuses } from "../../../features/registration/vocabulary.ts";
import { resolveText } from "../../../features/shared/localized.ts";
import { formToObject } from "../../../features/shared/validate.ts";
import { createTranslator, interfaceLanguages, languageName } from "../../../i18n/index.ts";
import type { ActionResult } from "../../admin.ts";
import { metaTranslator, useT } from "../../i18n.ts";
import { guard, linkAction, pageLanguage, privatePageHeaders, requestState, services } from "../../server-helpers.ts";
import { Field, FormStatus, SelectField } from "../../ui/form.tsx";
import { text } from "../../ui/localized.tsx";
import { CustomFields, hasFileQuestion } from "../../ui/registration-form.tsx";
import type { Route } from "./+types/delegation-portal";
import { useEventData } from "./layout.tsx";

export const headers = () => privatePageHeaders();
export const meta: Route.MetaFunction = ({ loaderData, matches, params }) => [
  {
    title: loaderData
      ? metaTranslator(matches)("registration.portal.delegationTitle", {
          delegation: resolveText(loaderData.delegation.name, params.lang, Object.keys(loaderData.delegation.name)).text,
        })
      : "",
  },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const { db } = services(context);
    const event = await getEventBySlug(db, params.slug);
    const delegation = await delegationForToken(db, event, params.token, requestState(context).client);
    const [members, categories, letter, questions] = await Promise.all([
      delegationMembers(db, delegation.id),
      listCategories(db, event.id),
      delegation.letterFileId ? fileStore.head(db, event.id, delegation.letterFileId, ["letter"]) : null,
      listFormFields(db, event.id),
    ]);
    // A nominee is Head of Delegation or gets the delegation's category: the questions asked of either are shown.
    const nomineeCategories = categories.filter(
      (c) =>
        c.code === "hod" ||
        (delegation.defaultCategoryId ? c.id === delegation.defaultCategoryId : c.code === (delegation.kind === "state" ? "delegate" : "organisation")),
    );
    return {
      delegation: {
        id: delegation.id,
        name: delegation.name,
        quota: delegation.quota,
        deadline: delegation.deadline,
        focalPointName: delegation.focalPointName,
        headParticipantId: delegation.headParticipantId,
        focalPointLang: delegation.focalPointLang,
      },
      members: members.map((m) => ({
        id: m.id,
        name: `${m.honorific ? `${m.honorific} ` : ""}${m.givenName} ${m.familyName}`,
        email: m.email,
        status: m.status,
        categoryId: m.categoryId,
      })),
      categories: categories.map((c) => ({ id: c.id, name: c.name })),
      nomineeCategories: nomineeCategories.map((c) => ({ id: c.id, name: c.name })),
      questions: questions.map(toFieldView),
      letter: letter ? { filename: letter.filename } : null,
      open: delegation.deadline > new Date(),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, config } = services(context);
  const lang = await pageLanguage(context, params);
  const t = createTranslator(lang);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  // A refused nomination gives back what was typed, so the form refills (files excepted).
  const typed = intent === "nominate" || intent === "replace" ? formToObject(form) : undefined;
  return linkAction(
    lang,
    async () => {
      const event = await getEventBySlug(db, params.slug);
      const client = requestState(context).client;
      const delegation = await delegationForToken(db, event, params.token, client);
      const ctx = { db, now: new Date(), publicUrl: config.PUBLIC_URL, client };
      if (intent === "nominate") {
        await nominateMember(ctx, event, delegation, form);
        return { ok: true as const, message: t("registration.portal.nominated") };
      }
      if (intent === "replace") {
        const { replaced, replacement } = await substituteMember(ctx, event, delegation, params.token, form.get("participantId"), form);
        return {
          ok: true as const,
          message: t("registration.portal.replaced", {
            replaced: `${replaced.givenName} ${replaced.familyName}`,
            replacement: `${replacement.givenName} ${replacement.familyName}`,
          }),
        };
      }
      if (intent === "letter") await uploadNominationLetter(ctx, event, delegation, form.get("letter") as File | null);
      else if (intent === "head") await setHeadOfDelegation(ctx, event, delegation, form.get("participantId"));
      else if (intent === "withdraw") await withdrawMember(ctx, event, delegation, form.get("participantId"));
      else return { ok: false as const, error: { code: "bad_request", message: t("error.bad_request"), fields: {} } };
      return { ok: true as const, message: t("registration.portal.saved") };
    },
    typed,
  );
}

export default function DelegationPortal() {
  const { delegation, members, categories, nomineeCategories, questions, letter, open } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { event, ctx, fmt } = useEventData();
  const t = useT();
  const typed = (name: string) => (result && !result.ok && typeof result.values?.[name] === "string" ? (result.values[name] as string) : undefined);
  const used = members.filter((m) => !(inactiveStatuses as string[]).includes(m.status)).length;
  // "Replace" on a member's row opens the nomination form for their successor (?replace=id), quota full or not.
  const [search] = useSearchParams();
  const replacing = result?.ok ? undefined : members.find((m) => String(m.id) === search.get("replace") && !(inactiveStatuses as string[]).includes(m.status));
  const deadline = fmt.dateTime(new Date(delegation.deadline));
  return (
    <>
      <h1>{t("registration.portal.delegationTitle", { delegation: text(delegation.name, ctx) })}</h1>
      <p className="muted">
        {t("registration.portal.focalPoint", { name: delegation.focalPointName })} · {t("registration.portal.private")}
      </p>
      <p>{open ? t("registration.portal.deadline", { deadline }) : t("registration.portal.deadlinePassed", { deadline })}</p>
      <FormStatus result={result} />

      <h2>{t("registration.portal.members")}</h2>
      <p role="status">{t("registration.portal.quota", { used, quota: delegation.quota })}</p>
      {members.length === 0 ? (
        <p>{t("registration.portal.noMembers")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("registration.portal.givenName")}</th>
              <th scope="col">{t("registration.portal.category")}</th>
              <th scope="col">{t("registration.portal.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("admin.access.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const active = !(inactiveStatuses as string[]).includes(m.status);
              return (
                <tr key={m.id}>
                  <td>
                    {m.name}
                    {delegation.headParticipantId === m.id ? (
                      <>
                        {" "}
                        <span className="tag">{t("registration.portal.head")}</span>
                      </>
                    ) : null}
                    <br />
                    <span className="muted">{m.email}</span>
                  </td>
                  <td>{text(categories.find((c) => c.id === m.categoryId)?.name, ctx)}</td>
                  <td>{t(`registration.statuses.${m.status}`)}</td>
                  <td>
                    {open && active ? (
                      <div className="actions">
                        {delegation.headParticipantId !== m.id ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="head" />
                            <input type="hidden" name="participantId" value={m.id} />
                            <button type="submit" className="secondary">
                              {t("registration.portal.makeHead")}
                            </button>
                          </Form>
                        ) : null}
                        <Link to={`?replace=${m.id}#nominate`} className="button secondary" aria-label={`${t("registration.portal.replace")}: ${m.name}`}>
                          {t("registration.portal.replace")}
                        </Link>
                        <Form method="post">
                          <input type="hidden" name="intent" value="withdraw" />
                          <input type="hidden" name="participantId" value={m.id} />
                          <button type="submit" className="danger" aria-label={`${t("registration.portal.withdraw")}: ${m.name}`}>
                            {t("registration.portal.withdraw")}
                          </button>
                        </Form>
                      </div>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h2>{t("registration.portal.letter")}</h2>
      <p>{letter ? t("registration.portal.letterUploaded", { filename: letter.filename }) : t("registration.portal.letterMissing")}</p>
      {open ? (
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="letter" />
          <Field
            name="letter"
            type="file"
            accept={fileRules.letter.types.join(",")}
            label={t("registration.portal.letter")}
            hint={t("registration.portal.letterHint", { max: maxSizeText("letter") })}
            result={result}
            required
          />
          <p>
            <button type="submit">{t("registration.portal.uploadLetter")}</button>
          </p>
        </Form>
      ) : null}

      {open && (used < delegation.quota || replacing) ? (
        <>
          <h2 id="nominate">{replacing ? t("registration.portal.replaceTitle", { name: replacing.name }) : t("registration.portal.nominate")}</h2>
          {replacing ? <p className="hint">{t("registration.portal.replaceHint")}</p> : null}
          <Form
            method="post"
            className="stack"
            encType={hasFileQuestion({ fields: questions, categories: nomineeCategories }) ? "multipart/form-data" : undefined}
          >
            <input type="hidden" name="intent" value={replacing ? "replace" : "nominate"} />
            {replacing ? <input type="hidden" name="participantId" value={replacing.id} /> : null}
            <div className="row">
              <Field
                name="honorific"
                label={t("registration.portal.honorific")}
                result={result}
                autoComplete="honorific-prefix"
                defaultValue={typed("honorific")}
              />
              <Field
                name="givenName"
                label={t("registration.portal.givenName")}
                result={result}
                required
                autoComplete="off"
                defaultValue={typed("givenName")}
              />
              <Field
                name="familyName"
                label={t("registration.portal.familyName")}
                result={result}
                required
                autoComplete="off"
                defaultValue={typed("familyName")}
              />
            </div>
            <div className="row">
              <Field
                name="givenNameLocal"
                label={t("registration.portal.givenNameLocal")}
                result={result}
                autoComplete="off"
                defaultValue={typed("givenNameLocal")}
              />
              <Field
                name="familyNameLocal"
                label={t("registration.portal.familyNameLocal")}
                result={result}
                autoComplete="off"
                defaultValue={typed("familyNameLocal")}
              />
            </div>
            <div className="row">
              <Field name="position" label={t("registration.portal.position")} result={result} defaultValue={typed("position")} />
              <Field name="organisation" label={t("registration.portal.organisation")} result={result} defaultValue={typed("organisation")} />
            </div>
            <div className="row">
              <Field
                name="email"
                type="email"
                label={t("registration.portal.email")}
                result={result}
                required
                autoComplete="off"
                defaultValue={typed("email")}
              />
              <SelectField
                name="lang"
                label={t("registration.portal.lang")}
                result={result}
                defaultValue={delegation.focalPointLang}
                options={interfaceLanguages.map((l) => ({ value: l, label: languageName(l) }))}
              />
            </div>
            <label>
              <input type="checkbox" name="head" defaultChecked={typed("head") === "on"} /> {t("registration.portal.isHead")}
            </label>
            <CustomFields fields={questions} categories={nomineeCategories} ctx={ctx} result={result} />
            <p>
              <button type="submit">{replacing ? t("registration.portal.replaceSubmit") : t("registration.portal.nominateSubmit")}</button>
            </p>
          </Form>
        </>
      ) : null}
      <p className="muted">{text(event.title, ctx)}</p>
    </>
  );
}
