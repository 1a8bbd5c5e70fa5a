import { Form, useActionData, useLoaderData } from "react-router";
import { getEventBySlug } from "../../../features/events/queries.ts";
import { fileRules, maxSizeText } from "../../../features/files/kinds.ts";
import { onlineSessionsFor } from "../../../features/hybrid/join-session.ts";
import { attachmentNames } from "../../../features/registration/forms/custom-answers.ts";
import { answerFileIds, fieldAppliesTo, toFieldView, unansweredQuestions } from "../../../features/registration/forms/form-field-view.ts";
import { listFormFields } from "../../../features/registration/forms/form-fields.ts";
import { editDeadline, participantForToken, updateOwnRegistration, withdrawOwnRegistration } from "../../../features/registration/links/portal.ts";
import { maskedIdNumber, missingItems, savePersonalData, uploadPhoto } from "../../../features/registration/privacy/personal-data.ts";
import { idDocumentTypes, inactiveStatuses } from "../../../features/registration/vocabulary.ts";
import { formToObject } from "../../../features/shared/validate.ts";
import { createTranslator, interfaceLanguages, languageName } from "../../../i18n/index.ts";
import type { ActionResult } from "../../admin.ts";
import { metaTranslator, useT } from "../../i18n.ts";
import { guard, linkAction, pageLanguage, privatePageHeaders, requestState, services } from "../../server-helpers.ts";
import { Field, FormStatus, SelectField } from "../../ui/form.tsx";
import { L, text } from "../../ui/localized.tsx";
import { CustomFields, hasFileQuestion } from "../../ui/registration-form.tsx";
import type { Route } from "./+types/my-registration";
import { useEventData } from "./layout.tsx";

export const headers = () => privatePageHeaders();
export const meta: Route.MetaFunction = ({ loaderData, matches }) => [
  { title: loaderData ? `${loaderData.participant.name} · ${metaTranslator(matches)(`registration.statuses.${loaderData.participant.status}`)}` : "" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const { db } = services(context);
    const event = await getEventBySlug(db, params.slug);
    const row = await participantForToken(db, event, params.token, requestState(context).client);
    const { participant: p, category, delegation } = row;
    const questions = (await listFormFields(db, event.id)).filter((q) => fieldAppliesTo(q, category.id));
    const fileNames = await attachmentNames(db, event.id, answerFileIds(questions, p.custom));
    return {
      questions: questions.map(toFieldView),
      answers: p.custom,
      fileNames: Object.fromEntries(fileNames),
      identity: {
        nationality: p.nationality,
        idDocumentType: p.idDocumentType,
        idDocumentExpiry: p.idDocumentExpiry,
        arrival: p.arrival,
        departure: p.departure,
        idMasked: maskedIdNumber(services(context).secret, p.idDocumentNumberEnc),
        hasBirthDate: !!p.birthDateEnc,
        hasPhoto: !!p.photoFileId,
      },
      required: category.requiredFields,
      missing: missingItems(row),
      participant: {
        version: p.version,
        status: p.status,
        statusReason: p.statusReason,
        name: `${p.honorific ? `${p.honorific} ` : ""}${p.givenName} ${p.familyName}`,
        localName: [p.givenNameLocal, p.familyNameLocal].filter(Boolean).join(" "),
        email: p.email,
        position: p.position,
        organisation: p.organisation,
        phone: p.phone,
        dietary: p.dietary,
        accessibility: p.accessibility,
        interpretationLanguage: p.interpretationLanguage,
        lang: p.lang,
        consentList: p.consentList,
      },
      category: { id: category.id, name: category.name, colour: category.colour, letter: category.letter },
      delegation: delegation ? { name: delegation.name } : null,
      deadline: editDeadline(event, delegation, p),
      // Join links go through the personal link (/join/…): the provider's addresses never reach this page.
      online: (await onlineSessionsFor(db, event.id, p, category)).map((s) => ({ ...s, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
      token: params.token,
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, secret, config } = services(context);
  const lang = await pageLanguage(context, params);
  const t = createTranslator(lang);
  const form = await request.formData();
  // A refused change of details gives back the answers typed, so the page refills them (files excepted).
  const typed = form.get("intent") ? undefined : { custom: formToObject(form).custom };
  return linkAction(
    lang,
    async () => {
      const event = await getEventBySlug(db, params.slug);
      const client = requestState(context).client;
      const row = await participantForToken(db, event, params.token, client);
      const ctx = { db, now: new Date(), publicUrl: config.PUBLIC_URL, client };
      if (form.get("intent") === "identity") {
        await savePersonalData(ctx, secret, event, row, formToObject(form));
        return { ok: true as const, message: t("registration.portal.saved") };
      }
      if (form.get("intent") === "photo") {
        await uploadPhoto(ctx, event, row, form.get("photo") as File | null);
        return { ok: true as const, message: t("registration.portal.saved") };
      }
      if (form.get("intent") === "withdraw") {
        await withdrawOwnRegistration(ctx, event, row);
        return { ok: true as const, message: t("registration.portal.withdrawn") };
      }
      await updateOwnRegistration(ctx, event, row, form);
      return { ok: true as const, message: t("registration.portal.saved") };
    },
    typed,
  );
}

export default function MyRegistration() {
  const {
    participant: p,
    category,
    delegation,
    deadline,
    identity,
    required,
    missing,
    questions,
    answers,
    fileNames,
    online,
    token,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { event, ctx, fmt, base } = useEventData();
  const t = useT();
  const open = new Date(deadline) > new Date() && !(inactiveStatuses as string[]).includes(p.status);
  const unanswered = unansweredQuestions(questions, category.id, answers);
  return (
    <>
      <h1>{t("registration.portal.myTitle", { event: text(event.shortTitle, ctx) || text(event.title, ctx) })}</h1>
      <p className="muted">{t("registration.portal.private")}</p>
      <FormStatus result={result} />
      <dl className="facts">
        <div>
          <dt>{t("registration.portal.givenName")}</dt>
          <dd>
            {p.name}
            {p.localName ? <> / {p.localName}</> : null}
          </dd>
        </div>
        <div>
          <dt>{t("registration.portal.status")}</dt>
          <dd>
            <strong className={`status status-${p.status}`}>{t(`registration.statuses.${p.status}`)}</strong>
            {p.statusReason ? <> — {p.statusReason}</> : null}
          </dd>
        </div>
        <div>
          <dt>{t("registration.portal.category")}</dt>
          <dd>
            <span className="category-letter" style={{ background: category.colour }} aria-hidden="true">
              {category.letter}
            </span>{" "}
            <L value={category.name} ctx={ctx} />
          </dd>
        </div>
        {delegation ? (
          <div>
            <dt>{t("registration.portal.delegation")}</dt>
            <dd>
              <L value={delegation.name} ctx={ctx} />
            </dd>
          </div>
        ) : null}
      </dl>

      {missing.length + unanswered.length > 0 ? (
        <div className="alert warning">
          <p>{t("registration.portal.missing")}</p>
          <ul>
            {missing.map((m) => (
              <li key={m}>{t(`registration.portal.items.${m}`)}</li>
            ))}
            {unanswered.map((q) => (
              <li key={q.key}>
                <L value={q.label} ctx={ctx} />
              </li>
            ))}
          </ul>
        </div>
      ) : required.length > 0 || questions.some((q) => q.required) ? (
        <p className="alert ok">{t("registration.portal.complete")}</p>
      ) : null}

      {online.length > 0 ? (
        <section aria-labelledby="join-online">
          <h2 id="join-online">{t("hybrid.portal.title")}</h2>
          <p className="muted">{t("hybrid.portal.personal")}</p>
          <ul className="join-list">
            {online.map((s) => (
              <li key={s.id}>
                {/* The day too: sessions of both days otherwise read as if they overlapped. */}
                <L value={s.title} ctx={ctx} /> · {fmt.dayShort(new Date(s.startsAt))}, {fmt.range(new Date(s.startsAt), new Date(s.endsAt))}{" "}
                <a href={`/join/${token}/${s.id}`}>{t("hybrid.portal.join")}</a>
                {s.channels.length > 0 ? (
                  <>
                    {" · "}
                    {t("hybrid.portal.interpretation")}{" "}
                    {s.channels.map((l) => (
                      <a key={l} href={`/join/${token}/${s.id}?channel=${encodeURIComponent(l)}`} hrefLang={l}>
                        {languageName(l)}{" "}
                      </a>
                    ))}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {(inactiveStatuses as string[]).includes(p.status) ? null : (
        <p>
          <a href={`${base}/my/${token}/library`}>{t("library.mine.link")}</a>
        </p>
      )}

      <h2>{t("registration.portal.details")}</h2>
      <p>{open ? t("registration.portal.editUntil", { deadline: fmt.dateTime(new Date(deadline)) }) : t("registration.portal.editClosed")}</p>
      <Form method="post" className="stack" encType={hasFileQuestion({ fields: questions, categories: [category] }) ? "multipart/form-data" : undefined}>
        <input type="hidden" name="version" value={p.version} />
        <fieldset disabled={!open}>
          <div className="row">
            <Field name="position" label={t("registration.portal.position")} defaultValue={p.position} result={result} />
            <Field name="organisation" label={t("registration.portal.organisation")} defaultValue={p.organisation} result={result} />
          </div>
          <div className="row">
            <Field name="phone" type="tel" label={t("registration.portal.phone")} defaultValue={p.phone} result={result} autoComplete="tel" />
            <SelectField
              name="lang"
              label={t("registration.portal.lang")}
              defaultValue={p.lang}
              result={result}
              options={interfaceLanguages.map((l) => ({ value: l, label: languageName(l) }))}
            />
            <SelectField
              name="interpretationLanguage"
              label={t("registration.portal.interpretationLanguage")}
              defaultValue={p.interpretationLanguage ?? ""}
              result={result}
              options={[{ value: "", label: "—" }, ...["en", "ru", "uz", "ar", "fr", "zh"].map((l) => ({ value: l, label: languageName(l) }))]}
            />
          </div>
          <Field name="dietary" label={t("registration.portal.dietary")} defaultValue={p.dietary} result={result} />
          <Field name="accessibility" label={t("registration.portal.accessibility")} defaultValue={p.accessibility} result={result} />
          <CustomFields fields={questions} categories={[category]} ctx={ctx} result={result} current={answers} fileNames={fileNames} />
          <label>
            <input type="checkbox" name="consentList" defaultChecked={p.consentList} /> {t("registration.portal.consentList")}
          </label>
          <p>
            <button type="submit">{t("registration.portal.save")}</button>
          </p>
        </fieldset>
      </Form>
      <h2>{t("registration.portal.identity")}</h2>
      <p className="muted">{t("registration.portal.identityHint")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="identity" />
        <input type="hidden" name="version" value={p.version} />
        <fieldset disabled={!open}>
          <div className="row">
            <Field
              name="nationality"
              label={t("registration.portal.nationality")}
              defaultValue={identity.nationality}
              maxLength={2}
              result={result}
              required={required.includes("nationality")}
            />
            <SelectField
              name="idDocumentType"
              label={t("registration.portal.idDocumentType")}
              defaultValue={identity.idDocumentType ?? ""}
              result={result}
              options={[{ value: "", label: "—" }, ...idDocumentTypes.map((d) => ({ value: d, label: t(`registration.portal.idDocumentTypes.${d}`) }))]}
            />
          </div>
          <div className="row">
            <Field
              name="idDocumentNumber"
              label={t("registration.portal.idDocumentNumber")}
              autoComplete="off"
              result={result}
              hint={identity.idMasked ? t("registration.portal.idDocumentNumberOnFile", { masked: identity.idMasked }) : undefined}
            />
            <Field
              name="idDocumentExpiry"
              type="date"
              label={t("registration.portal.idDocumentExpiry")}
              defaultValue={identity.idDocumentExpiry}
              result={result}
            />
            <Field
              name="birthDate"
              type="date"
              label={t("registration.portal.birthDate")}
              autoComplete="bday"
              result={result}
              hint={identity.hasBirthDate ? t("registration.portal.birthDateOnFile") : undefined}
            />
          </div>
          <div className="row">
            <Field name="arrival" type="date" label={t("registration.portal.arrival")} defaultValue={identity.arrival} result={result} />
            <Field name="departure" type="date" label={t("registration.portal.departure")} defaultValue={identity.departure} result={result} />
          </div>
          <p>
            <button type="submit">{t("registration.portal.save")}</button>
          </p>
        </fieldset>
      </Form>

      <h2>{t("registration.portal.photo")}</h2>
      {identity.hasPhoto ? <p>{t("registration.portal.photoOnFile")}</p> : null}
      {open ? (
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="photo" />
          <Field
            name="photo"
            type="file"
            accept={fileRules.photo.types.join(",")}
            label={t("registration.portal.photo")}
            hint={t("registration.portal.photoHint", { max: maxSizeText("photo") })}
            result={result}
            required
          />
          <p>
            <button type="submit">{t("registration.portal.uploadPhoto")}</button>
          </p>
        </Form>
      ) : null}

      {!(inactiveStatuses as string[]).includes(p.status) ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="withdraw" />
          <label>
            <input type="checkbox" name="confirm" required /> {t("registration.portal.withdrawConfirm")}
          </label>
          <p>
            <button type="submit" className="danger">
              {t("registration.portal.withdrawSelf")}
            </button>
          </p>
        </Form>
      ) : null}
    </>
  );
}
