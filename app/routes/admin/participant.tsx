import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { handOverBadge, reprintBadge, revokeBadge } from "../../../features/badges/print-badges.ts";
import { badgeView } from "../../../features/badges/queries.ts";
import { participantMail } from "../../../features/mail/queries.ts";
import { attachmentNames } from "../../../features/registration/forms/custom-answers.ts";
import { answerFileIds, answerOf, answerText, fieldAppliesTo, toFieldView } from "../../../features/registration/forms/form-field-view.ts";
import { listFormFields } from "../../../features/registration/forms/form-fields.ts";
import { editDeadline } from "../../../features/registration/links/portal.ts";
import { recordPaperDetails } from "../../../features/registration/paper/record-paper-details.ts";
import { type RevealedIdData, revealPersonalData } from "../../../features/registration/privacy/reveal-personal-data.ts";
import { possibleDuplicatesOf } from "../../../features/registration/review/duplicates.ts";
import { getParticipantForStaff, listCategories } from "../../../features/registration/review/queries.ts";
import { reopenOwnPage } from "../../../features/registration/review/reopen-own-page.ts";
import { reviewParticipants } from "../../../features/registration/review/review-participants.ts";
import { updateParticipant } from "../../../features/registration/review/update-participant.ts";
import { idDocumentTypes, recordSources, reviewableStatuses } from "../../../features/registration/vocabulary.ts";
import { BadRequest, Conflict } from "../../../features/shared/errors.ts";
import { text } from "../../../features/shared/localized.ts";
import { toId } from "../../../features/shared/validate.ts";
import { eventFormatter, utcToZonedInput } from "../../../i18n/format.ts";
import { createTranslator, interfaceLanguages, languageName } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { countryName } from "../../ui/country.ts";
import { DuplicateWarning } from "../../ui/duplicate-warning.tsx";
import { Csrf, Field, FormStatus, fileLimit, SelectField } from "../../ui/form.tsx";
import { ParticipantMail } from "../../ui/participant-mail.tsx";
import { PersonDataActions } from "../../ui/person-data-actions.tsx";
import { CustomFields, hasFileQuestion } from "../../ui/registration-form.tsx";
import { Stamp } from "../../ui/stamp.tsx";
import type { Route } from "./+types/participant";
import type { StaffEventData } from "./event-layout.tsx";

/** The page holds personal data: never kept by a browser or a proxy. */
export const headers = () => ({ "cache-control": "private, no-store" });

async function loadParticipant(context: Route.LoaderArgs["context"], eventId: number, participantId: string) {
  const id = toId(participantId);
  const row = id ? await getParticipantForStaff(services(context).db, eventId, id) : undefined;
  if (!row) throw new Response(null, { status: 404 });
  return row;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  const row = await loadParticipant(context, event.id, params.participantId);
  // The sealed values and the identity hash never leave the server; the page only learns whether they exist.
  const { idDocumentNumberEnc, birthDateEnc, identityHash: _hash, custom: answers, ...participant } = row.participant;
  const mayReview = can(actor, "registrations.review");
  const lang = uiLanguage(request, context);
  const questions = await listFormFields(services(context).db, event.id);
  const fileNames = await attachmentNames(services(context).db, event.id, answerFileIds(questions, answers));
  return {
    participant: { ...participant, hasIdDocumentNumber: !!idDocumentNumberEnc, hasBirthDate: !!birthDateEnc },
    category: row.category,
    delegation: row.delegation,
    reviewer: row.reviewer,
    // Country names come from the server's ICU data, so the hydrated page shows the same text.
    countryName: countryName(participant.country, lang),
    nationalityName: countryName(participant.nationality, lang),
    categories: mayReview ? (await listCategories(services(context).db, event.id)).map((c) => ({ id: c.id, name: c.name })) : [],
    may: {
      review: mayReview,
      personalData: can(actor, "personal_data.read"),
      erase: can(actor, "personal_data.read") && can(actor, "registrations.manage"),
      record: can(actor, "participants.record"),
      reopen: can(actor, "participants.reopen"),
      printBadges: can(actor, "badges.print"),
      manageBadges: can(actor, "badges.manage"),
    },
    badge: can(actor, "badges.print") ? await badgeView(services(context).db, event.id, row.participant.id) : null,
    ownPage: {
      /** When the person's own page closes: their delegation's deadline, or the first day; later if reopened. */
      closes: editDeadline(event, row.delegation?.deadline ? { deadline: row.delegation.deadline } : null, row.participant),
      open: editDeadline(event, row.delegation?.deadline ? { deadline: row.delegation.deadline } : null, row.participant) > new Date(),
      suggestion: `${utcToZonedInput(new Date(Date.now() + 7 * 86_400_000), event.timezone).slice(0, 10)}T18:00`,
    },
    mail: await participantMail(services(context).db, event.id, row.participant.id),
    duplicates: await possibleDuplicatesOf(services(context).db, event.id, row.participant.id),
    questions: questions.map(toFieldView),
    answers,
    fileNames: Object.fromEntries(fileNames),
  };
}

/** The person's badge at the badge desk: its version, printed or not, handed over; reprint or withdraw it. */
function BadgeSection({ badge, mayManage, timezone }: { badge: NonNullable<Awaited<ReturnType<typeof badgeView>>>; mayManage: boolean; timezone: string }) {
  const t = useT();
  const fmt = eventFormatter(useUiLang(), timezone);
  return (
    <section aria-labelledby="badge">
      <h2 id="badge">{t("badges.section")}</h2>
      {badge.version === null ? (
        <p>{t("badges.notIssued")}</p>
      ) : (
        <ul>
          <li>{t("badges.version", { version: badge.version })}</li>
          <li>{badge.printedVersion ? t("badges.printedVersion", { version: badge.printedVersion }) : t("badges.notPrinted")}</li>
          {badge.handedOverAt ? (
            <li>
              {t("badges.handedOver")}: <Stamp at={badge.handedOverAt}>{fmt.dateTime(new Date(badge.handedOverAt))}</Stamp>
            </li>
          ) : null}
        </ul>
      )}
      <Form method="post" className="actions">
        <Csrf />
        {/* Only a printed badge in force can be handed over: the version in force must be the one printed. */}
        {badge.version !== null && badge.printedVersion === badge.version && !badge.handedOverAt && !badge.revokedAt ? (
          <button type="submit" name="intent" value="handOver">
            {t("badges.handOver")}
          </button>
        ) : null}{" "}
        {badge.eligible ? (
          <button type="submit" name="intent" value="reprint" className="secondary">
            {t("badges.reprint")}
          </button>
        ) : null}{" "}
        {mayManage && badge.version !== null && !badge.revokedAt ? (
          <button type="submit" name="intent" value="revokeBadge" className="danger">
            {t("badges.revoke")}
          </button>
        ) : null}
      </Form>
    </section>
  );
}

type ParticipantActionResult = ActionResult & { revealed?: RevealedIdData };

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.read");
  await loadParticipant(context, event.id, params.participantId);
  const { secret } = services(context);
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ form, values, intent }) => {
    const ctx = commandContext(context, actor);
    if (intent === "handOver") {
      await handOverBadge(ctx, event, params.participantId);
      return { ok: true, message: t("badges.handedOverDone") } satisfies ActionResult;
    }
    if (intent === "reprint") {
      const badge = await reprintBadge({ ...ctx, secret }, event, params.participantId);
      return { ok: true, message: t("badges.reprinted", { version: badge.version }) } satisfies ActionResult;
    }
    if (intent === "revokeBadge") {
      await revokeBadge(ctx, event, params.participantId);
      return { ok: true, message: t("badges.revoked") } satisfies ActionResult;
    }
    if (intent === "reveal") {
      const result: ParticipantActionResult = { ok: true, revealed: await revealPersonalData({ ...ctx, secret }, event, params.participantId) };
      return result;
    }
    if (intent === "status") {
      const item = { id: params.participantId, version: values.version };
      const outcome = await reviewParticipants(ctx, event, { status: values.status, reason: values.reason, items: [item] });
      // Changed by someone (or another form of this page) since it was read: say so, never "changed".
      if (outcome.conflicts.length > 0) throw Conflict("conflict.stale");
      const warnings = outcome.waitlistedForCapacity.length ? [t("registration.admin.participant.waitlistedForCapacity")] : [];
      return { ok: true, message: t("registration.admin.participant.statusChanged"), warnings } satisfies ActionResult;
    }
    if (intent === "edit") {
      await updateParticipant({ ...ctx, secret }, event, params.participantId, form);
      return { ok: true, message: t("admin.saved") } satisfies ActionResult;
    }
    if (intent === "record") {
      const photo = form.get("photo");
      const { changes } = await recordPaperDetails({ ...ctx, secret }, event, params.participantId, values, photo instanceof File ? photo : null);
      return {
        ok: true,
        message: t(changes.length ? "registration.admin.participant.recorded" : "registration.admin.participant.recordedNothing"),
      } satisfies ActionResult;
    }
    if (intent === "reopen" || intent === "close") {
      const saved = await reopenOwnPage(ctx, event, params.participantId, values, intent === "close");
      const fmt = eventFormatter(uiLanguage(request, context), event.timezone);
      const message = saved.reopenedUntil
        ? t("registration.admin.participant.reopened", { deadline: fmt.dateTime(saved.reopenedUntil) })
        : t("registration.admin.participant.closedAgain");
      return { ok: true, message } satisfies ActionResult;
    }
    throw BadRequest("bad_request");
  });
}

export default function Participant() {
  const {
    participant: p,
    category,
    delegation,
    reviewer,
    countryName,
    nationalityName,
    categories,
    may,
    mail,
    questions,
    answers,
    fileNames,
    ownPage,
    badge,
  } = useLoaderData<typeof loader>();
  const { event } = useRouteLoaderData("routes/admin/event-layout") as StaffEventData;
  const result = useActionData<typeof action>() as ParticipantActionResult | undefined;
  const t = useT();
  const lang = useUiLang();
  const fmt = eventFormatter(lang, event.timezone);
  /** Calendar dates (arrival, expiry, birth) have no time zone: read and shown as UTC days. */
  const day = (iso: string | null) => (iso ? eventFormatter(lang, "UTC").date(new Date(`${iso}T00:00:00Z`)) : "—");
  const tr = (key: string, values?: Record<string, string | number>) => t(`registration.admin.participant.${key}`, values);
  const yesNo = (v: boolean) => t(v ? "registration.admin.yes" : "registration.admin.no");
  const or = (v: string | null | undefined) => v || "—";
  const name = `${p.givenName} ${p.familyName}`;
  const localName = [p.givenNameLocal, p.familyNameLocal].filter(Boolean).join(" ");
  const queue = `/admin/e/${event.slug}/registrations`;
  const revealed = result?.ok ? result.revealed : undefined;
  const row = (label: string, value: React.ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  // A refused edit shows what was typed, not what is stored, so nothing needs typing twice (also without JavaScript).
  const typed = result && !result.ok && result.values?.intent === "edit" ? result.values : undefined;
  // The event's own questions asked of this category, and any other answered before (in another category).
  const asked = questions.filter((q) => answerOf(answers, q.key) !== undefined || fieldAppliesTo(q, category.id));
  const words = {
    yes: t("registration.admin.yes"),
    no: t("registration.admin.no"),
    fileNames: new Map(Object.entries(fileNames).map(([id, n]) => [Number(id), n])),
  };
  // Each form shows its own field errors only.
  const editing = typed ? result : undefined;
  const changing = result && !result.ok && result.values?.intent === "status" ? result : undefined;
  const recording = result && !result.ok && result.values?.intent === "record" ? result : undefined;
  const reopening = result && !result.ok && (result.values?.intent === "reopen" || result.values?.intent === "close") ? result : undefined;
  const recordTyped = (key: string) => (typeof recording?.values?.[key] === "string" ? (recording.values[key] as string) : undefined);
  const edit = <K extends keyof typeof p>(key: K) => (typed && typeof typed[key] === "string" ? (typed[key] as string) : (p[key] as string | number | null));

  return (
    <>
      <title>{name}</title>
      <p>
        <Link to={queue}>← {tr("back")}</Link>
      </p>
      <h1>
        {p.honorific ? `${p.honorific} ${name}` : name}
        {localName ? (
          <>
            {" "}
            <span className="muted">{`/ ${localName}`}</span>
          </>
        ) : null}
      </h1>
      <FormStatus result={result} />
      <DuplicateWarning slug={event.slug} />

      <div className="participant-summary">
        {p.photoFileId ? <img src={`${queue}/${p.id}/photo`} alt={tr("photoOf", { name })} width={150} className="participant-photo" /> : null}
        <dl className="facts">
          {row(
            tr("status"),
            <>
              <strong className={`status status-${p.status}`}>{t(`registration.statuses.${p.status}`)}</strong>
              {p.statusReason ? <> — {p.statusReason}</> : null}
              {p.reviewedAt ? (
                <>
                  <br />
                  <span className="muted" suppressHydrationWarning>
                    {tr("reviewedBy", { name: reviewer?.name ?? reviewer?.email ?? "—", date: fmt.dateTime(new Date(p.reviewedAt)) })}
                  </span>
                </>
              ) : null}
            </>,
          )}
          {row(
            tr("category"),
            <>
              <span className="category-letter" style={{ background: category.colour }} aria-hidden="true">
                {category.letter}
              </span>{" "}
              {text(category.name, lang, event.languages)}
            </>,
          )}
          {row(
            tr("delegation"),
            delegation?.id ? <Link to={`${queue}?delegation=${delegation.id}`}>{text(delegation.name, lang, event.languages)}</Link> : "—",
          )}
          {row(tr("registered"), <Stamp at={p.createdAt}>{fmt.dateTime(new Date(p.createdAt))}</Stamp>)}
        </dl>
      </div>

      <h2>{tr("person")}</h2>
      <dl className="facts">
        {row(tr("honorific"), or(p.honorific))}
        {row(tr("givenName"), p.givenName)}
        {row(tr("familyName"), p.familyName)}
        {row(tr("givenNameLocal"), or(p.givenNameLocal))}
        {row(tr("familyNameLocal"), or(p.familyNameLocal))}
        {row(tr("position"), or(p.position))}
        {row(tr("organisation"), or(p.organisation))}
        {row(tr("country"), p.country ? `${countryName} (${p.country})` : "—")}
        {row(tr("nationality"), p.nationality ? `${nationalityName} (${p.nationality})` : "—")}
        {row(tr("email"), <a href={`mailto:${p.email}`}>{p.email}</a>)}
        {row(tr("phone"), or(p.phone))}
        {row(tr("lang"), languageName(p.lang))}
      </dl>

      <h2>{tr("travel")}</h2>
      <dl className="facts">
        {row(tr("arrival"), day(p.arrival))}
        {row(tr("departure"), day(p.departure))}
        {row(tr("dietary"), or(p.dietary))}
        {row(tr("accessibility"), or(p.accessibility))}
        {row(tr("interpretationLanguage"), p.interpretationLanguage ? languageName(p.interpretationLanguage) : "—")}
        {row(tr("consentList"), yesNo(p.consentList))}
        {row(tr("consentData"), yesNo(p.consentData))}
      </dl>

      {asked.length ? (
        <>
          <h2>{t("fields.answers")}</h2>
          <dl className="facts">
            {asked.map((q) => {
              const value = answerOf(answers, q.key);
              const shown = q.type === "date" && typeof value === "string" ? day(value) : answerText(q, value, lang, event.languages, words);
              const download = q.type === "file" && typeof value === "number";
              return (
                <div key={q.key}>
                  {/* The organisers' words, in whichever language they were written: laid out by their own direction. */}
                  <dt dir="auto">{text(q.label, lang, event.languages)}</dt>
                  <dd dir="auto">
                    {download ? (
                      <a href={`${queue}/${p.id}/answers/${q.key}`} download>
                        {shown}
                      </a>
                    ) : (
                      or(shown)
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      ) : null}

      <h2 id="id-data">{tr("idData")}</h2>
      {revealed ? (
        <>
          {revealed.unreadable ? (
            <p className="alert warning" role="status">
              {tr("unreadable")}
            </p>
          ) : null}
          <dl className="facts" aria-labelledby="id-data">
            {row(tr("idDocumentType"), or(revealed.idDocumentType))}
            {row(tr("idDocumentNumber"), or(revealed.idDocumentNumber))}
            {row(tr("idDocumentExpiry"), day(revealed.idDocumentExpiry))}
            {row(tr("birthDate"), day(revealed.birthDate))}
          </dl>
        </>
      ) : (
        <>
          <dl className="facts" aria-labelledby="id-data">
            {row(tr("idDocument"), p.hasIdDocumentNumber || p.idDocumentType ? "••••" : "—")}
            {row(tr("birthDate"), p.hasBirthDate ? "••••" : "—")}
          </dl>
          {may.personalData ? (
            <Form method="post">
              <Csrf />
              <p className="hint">{tr("revealHint")}</p>
              <p>
                <button type="submit" name="intent" value="reveal" className="secondary">
                  {tr("reveal")}
                </button>
              </p>
            </Form>
          ) : null}
        </>
      )}

      {badge ? <BadgeSection badge={badge} mayManage={may.manageBadges} timezone={event.timezone} /> : null}

      <ParticipantMail messages={mail} slug={event.slug} timezone={event.timezone} />
      {may.personalData ? <PersonDataActions slug={event.slug} participantId={p.id} mayErase={may.erase} /> : null}

      {may.review ? (
        <>
          <h2 id="change-status">{tr("changeStatus")}</h2>
          <Form method="post" className="stack" key={`status-${p.version}`} aria-labelledby="change-status">
            <Csrf />
            <input type="hidden" name="version" value={p.version} />
            <SelectField
              name="status"
              scope="status"
              label={tr("newStatus")}
              result={changing}
              defaultValue={p.status === "withdrawn" ? "pending" : p.status}
              options={reviewableStatuses.map((s) => ({ value: s, label: t(`registration.statuses.${s}`) }))}
            />
            <Field name="reason" scope="status" label={tr("reason")} result={changing} maxLength={500} />
            <p>
              <button type="submit" name="intent" value="status">
                {tr("changeStatusSubmit")}
              </button>
            </p>
          </Form>

          <h2 id="edit">{tr("edit")}</h2>
          <Form
            method="post"
            className="stack"
            key={`edit-${p.version}`}
            aria-labelledby="edit"
            encType={hasFileQuestion({ fields: questions, categories }) ? "multipart/form-data" : undefined}
          >
            <Csrf />
            <input type="hidden" name="version" value={p.version} />
            <div className="row">
              <Field name="honorific" label={tr("honorific")} defaultValue={edit("honorific")} result={editing} maxLength={40} />
              <Field name="givenName" label={tr("givenName")} defaultValue={edit("givenName")} result={editing} maxLength={100} required />
              <Field name="familyName" label={tr("familyName")} defaultValue={edit("familyName")} result={editing} maxLength={100} required />
            </div>
            <div className="row">
              <Field name="givenNameLocal" label={tr("givenNameLocal")} defaultValue={edit("givenNameLocal")} result={editing} maxLength={100} />
              <Field name="familyNameLocal" label={tr("familyNameLocal")} defaultValue={edit("familyNameLocal")} result={editing} maxLength={100} />
            </div>
            <div className="row">
              <Field name="position" label={tr("position")} defaultValue={edit("position")} result={editing} maxLength={200} />
              <Field name="organisation" label={tr("organisation")} defaultValue={edit("organisation")} result={editing} maxLength={200} />
            </div>
            <div className="row">
              <Field name="country" label={tr("country")} hint={tr("countryHint")} defaultValue={edit("country")} result={editing} maxLength={2} size={3} />
              <Field name="email" type="email" label={tr("email")} defaultValue={edit("email")} result={editing} maxLength={254} required />
              <Field name="phone" type="tel" label={tr("phone")} defaultValue={edit("phone")} result={editing} maxLength={40} />
            </div>
            <div className="row">
              <SelectField
                name="categoryId"
                label={tr("category")}
                result={editing}
                defaultValue={edit("categoryId")}
                options={categories.map((c) => ({ value: c.id, label: text(c.name, lang, event.languages) }))}
              />
              <SelectField
                name="lang"
                label={tr("lang")}
                result={editing}
                defaultValue={edit("lang")}
                options={interfaceLanguages.map((l) => ({ value: l, label: languageName(l) }))}
              />
            </div>
            <CustomFields
              fields={questions}
              categories={categories}
              ctx={{ lang, fallbacks: event.languages }}
              result={typed ? result : undefined}
              current={answers}
              fileNames={fileNames}
              staff
              scope="edit"
            />
            <p>
              <button type="submit" name="intent" value="edit">
                {t("admin.save")}
              </button>
            </p>
          </Form>
        </>
      ) : null}

      {may.record ? (
        <>
          <h2 id="record">{tr("record")}</h2>
          <p className="hint" id="record-hint">
            {tr("recordHint")}
          </p>
          <Form
            method="post"
            className="stack"
            key={`record-${p.version}`}
            aria-labelledby="record"
            aria-describedby="record-hint"
            encType="multipart/form-data"
          >
            <Csrf />
            <input type="hidden" name="version" value={p.version} />
            <SelectField
              name="source"
              scope="record"
              label={tr("source")}
              result={recording}
              required
              defaultValue={recordTyped("source") ?? ""}
              options={[{ value: "", label: tr("sourceChoose") }, ...recordSources.map((s) => ({ value: s, label: tr(`sources.${s}`) }))]}
            />
            <fieldset>
              <legend>{tr("consentList")}</legend>
              <label>
                <input type="radio" name="consentList" value="yes" defaultChecked={(recordTyped("consentList") ?? (p.consentList ? "yes" : "no")) === "yes"} />{" "}
                {t("registration.admin.yes")}
              </label>{" "}
              <label>
                <input type="radio" name="consentList" value="no" defaultChecked={(recordTyped("consentList") ?? (p.consentList ? "yes" : "no")) === "no"} />{" "}
                {t("registration.admin.no")}
              </label>
            </fieldset>
            <SelectField
              name="lang"
              scope="record"
              label={tr("lang")}
              result={recording}
              defaultValue={recordTyped("lang") ?? p.lang}
              options={interfaceLanguages.map((l) => ({ value: l, label: languageName(l) }))}
            />
            <fieldset>
              <legend>{tr("idData")}</legend>
              <div className="row">
                <Field
                  name="nationality"
                  scope="record"
                  label={tr("nationality")}
                  hint={tr("countryHint")}
                  result={recording}
                  defaultValue={recordTyped("nationality") ?? p.nationality}
                  maxLength={2}
                  size={3}
                />
                <SelectField
                  name="idDocumentType"
                  scope="record"
                  label={tr("idDocumentType")}
                  result={recording}
                  defaultValue={recordTyped("idDocumentType") ?? p.idDocumentType ?? ""}
                  options={[{ value: "", label: "—" }, ...idDocumentTypes.map((d) => ({ value: d, label: t(`registration.portal.idDocumentTypes.${d}`) }))]}
                />
              </div>
              <div className="row">
                <Field name="idDocumentNumber" scope="record" label={tr("idDocumentNumber")} hint={tr("keepIfEmpty")} result={recording} autoComplete="off" />
                <Field
                  name="idDocumentExpiry"
                  type="date"
                  scope="record"
                  label={tr("idDocumentExpiry")}
                  result={recording}
                  defaultValue={recordTyped("idDocumentExpiry") ?? p.idDocumentExpiry}
                />
                <Field name="birthDate" type="date" scope="record" label={tr("birthDate")} hint={tr("keepIfEmpty")} result={recording} />
              </div>
            </fieldset>
            <Field
              name="photo"
              type="file"
              accept="image/jpeg,image/png"
              scope="record"
              label={tr("photo")}
              hint={tr("photoHint")}
              result={recording}
              {...fileLimit(t, "photo")}
            />
            <p>
              <button type="submit" name="intent" value="record">
                {tr("recordSubmit")}
              </button>
            </p>
          </Form>
        </>
      ) : null}

      {may.reopen ? (
        <>
          <h2 id="own-page">{tr("ownPage")}</h2>
          <p suppressHydrationWarning>
            {ownPage.open
              ? tr("ownPageOpenUntil", { deadline: fmt.dateTime(new Date(ownPage.closes)) })
              : tr("ownPageClosed", { deadline: fmt.dateTime(new Date(ownPage.closes)) })}
          </p>
          <Form method="post" className="stack" key={`reopen-${p.version}`} aria-labelledby="own-page">
            <Csrf />
            <input type="hidden" name="version" value={p.version} />
            <Field
              name="until"
              type="datetime-local"
              scope="reopen"
              label={tr("reopenUntil")}
              hint={tr("reopenHint", { zone: event.timezone })}
              result={reopening}
              required
              defaultValue={ownPage.suggestion}
            />
            <p className="actions">
              <button type="submit" name="intent" value="reopen">
                {tr("reopenSubmit")}
              </button>
              {p.reopenedUntil ? (
                <button type="submit" name="intent" value="close" className="secondary" formNoValidate>
                  {tr("closeAgain")}
                </button>
              ) : null}
            </p>
          </Form>
        </>
      ) : null}
    </>
  );
}
