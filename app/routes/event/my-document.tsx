import { useRef } from "react";
import { Form, Link, useLoaderData } from "react-router";
import { getEventBySlug } from "../../../features/events/queries.ts";
import { currentSeq } from "../../../features/live/publish.ts";
import { liveTicket } from "../../../features/live/ticket.ts";
import { addStatement } from "../../../features/negotiation/add-statement.ts";
import { objectToSilence } from "../../../features/negotiation/break-silence.ts";
import { cosponsorAmendment, withdrawAmendment } from "../../../features/negotiation/decide-amendment.ts";
import { documentView, spanOfWords } from "../../../features/negotiation/document-view.ts";
import { loadDocument, loadRevision, paragraphVersion } from "../../../features/negotiation/documents.ts";
import { delegateSeat } from "../../../features/negotiation/proponent.ts";
import { loadAmendment, submitAmendment } from "../../../features/negotiation/submit-amendment.ts";
import { statementKinds } from "../../../features/negotiation/vocabulary.ts";
import { Forbidden, Invalid, NotFound } from "../../../features/shared/errors.ts";
import { formToObject, toId } from "../../../features/shared/validate.ts";
import { createTranslator, languageName } from "../../../i18n/index.ts";
import type { ActionResult } from "../../admin.ts";
import { metaTranslator, useT } from "../../i18n.ts";
import { useKeptActionData, useLive, useRefreshWhenIdle } from "../../live.ts";
import { guard, linkAction, pageLanguage, privatePageHeaders, requestState, services } from "../../server-helpers.ts";
import { Field, FormStatus, SelectField } from "../../ui/form.tsx";
import { L, text } from "../../ui/localized.tsx";
import { Downloads, ParagraphItem, revisionName } from "../../ui/negotiation.tsx";
import { CorrigendaSection, LineageSection } from "../../ui/negotiation-lineage.tsx";
import type { Route } from "./+types/my-document";
import { useEventData } from "./layout.tsx";

// A delegate's room, through their personal link: the latest issued revision, amendments proposed by
// selecting words (or typing them), co-sponsoring, objections during a silence, statements once adopted.
// The page hydrates to follow the document live and to turn a selection into an amendment's span.
export const handle = { hydrate: true };
export const headers = () => privatePageHeaders();
export const meta: Route.MetaFunction = ({ loaderData, matches }) => [
  {
    title: loaderData
      ? `${loaderData.view.document.symbol} · ${metaTranslator(matches)("negotiation.revisionName", { number: loaderData.view.revision.number })}`
      : "",
  },
  { name: "robots", content: "noindex" },
];

const documentIdOf = (value: string) => {
  const id = toId(value);
  if (id === null) throw NotFound("negotiation.document_not_found");
  return id;
};

async function seatFor(context: Route.LoaderArgs["context"], slug: string, token: string) {
  const { db } = services(context);
  const event = await getEventBySlug(db, slug);
  const seat = await delegateSeat(db, event, token, requestState(context).client, new Date());
  if (seat.standing === "none") throw Forbidden("negotiation.not_a_delegate");
  return { event, seat };
}

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const { db, secret } = services(context);
    const { event, seat } = await seatFor(context, params.slug, params.token);
    const [liveSeq, view] = await Promise.all([currentSeq(db, event.id), documentView(db, event, documentIdOf(params.documentId), "delegate")]);
    return {
      liveSeq,
      view,
      token: params.token,
      delegationId: seat.delegationId,
      mayPropose: seat.standing !== "observer",
      ticket: liveTicket(secret, { eventId: event.id, participantId: seat.participantId, delegationId: seat.delegationId }),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const lang = await pageLanguage(context, params);
  const t = createTranslator(lang);
  const form = await request.formData();
  const values = formToObject(form);
  return linkAction(
    lang,
    async () => {
      const { db, config } = services(context);
      const { event, seat } = await seatFor(context, params.slug, params.token);
      const ctx = { db, now: new Date(), publicUrl: config.PUBLIC_URL, client: requestState(context).client };
      const who = { by: "delegate" as const, seat };
      const document = await loadDocument(db, event.id, documentIdOf(params.documentId));
      const revision = await loadRevision(db, document, Number(values.revision));
      const intent = String(values.intent ?? "");
      if (intent === "amend") {
        const paragraphId = Number(values.paragraphId);
        const version = await paragraphVersion(db, revision, paragraphId);
        const words = String(values.words ?? "");
        const kind = String(values.kind);
        const base = version.text[document.negotiatingLanguage] ?? "";
        const span = words ? spanOfWords(base, words, values.start === undefined || values.start === "" ? undefined : Number(values.start)) : null;
        if (!span) throw Invalid("validation", { words: words ? "negotiation.span_mismatch" : "required" });
        const at = kind === "insert" ? { start: span.end, end: span.end, text: "" } : { ...span, text: words };
        await submitAmendment(ctx, event, document, who, { revision: revision.number, paragraphId, kind, ...at, proposedText: values.proposedText ?? "" });
        return { ok: true as const, message: t("negotiation.page.submitted") };
      }
      if (intent === "cosponsor" || intent === "withdraw") {
        const amendment = await loadAmendment(db, event.id, document.id, Number(values.amendmentId) || 0);
        if (intent === "cosponsor") await cosponsorAmendment(ctx, event, amendment, who);
        else await withdrawAmendment(ctx, event, amendment, who, amendment.version);
        return { ok: true as const, message: t("admin.saved") };
      }
      if (intent === "object") {
        await objectToSilence(ctx, event, document, revision, who, { note: values.note ?? "" });
        return { ok: true as const, message: t("negotiation.page.objected") };
      }
      if (intent === "statement") {
        const lang = String(values.originalLanguage ?? "");
        await addStatement(ctx, event, document, revision, who, { kind: values.kind, originalLanguage: lang, text: { [lang]: values.statement ?? "" } });
        return { ok: true as const, message: t("admin.saved") };
      }
      throw Invalid("validation", { intent: "invalid" });
    },
    values,
  );
}

export default function MyDocument() {
  const { view: v, liveSeq, ticket, token, delegationId, mayPropose } = useLoaderData<typeof loader>();
  const result = useKeptActionData<ActionResult>();
  const { event, ctx, fmt, base } = useEventData();
  const t = useT();
  const refresh = useRefreshWhenIdle();
  useLive(event.slug, [`drafting:${v.document.id}` as const], refresh, {
    since: liveSeq,
    ticket,
    onReset: refresh,
  });
  const names = (id: number) => text(v.delegations.find((d) => d.id === id)?.name ?? {}, ctx) || `#${id}`;
  const r = v.revision;
  const form = useRef<HTMLFormElement>(null);
  const numbered = v.paragraphs.filter((p) => p.number !== null);
  const open = v.amendments.filter((a) => a.state === "submitted" || a.state === "under_consideration");
  const numberOf = (paragraphId: number) => v.paragraphs.find((p) => p.paragraphId === paragraphId)?.number ?? "—";
  const typed = result && !result.ok ? (result.values ?? {}) : {};

  /** Words selected in a paragraph become the amendment's paragraph, words and (when exact) offset. */
  const takeSelection = () => {
    const selection = window.getSelection();
    const f = form.current;
    if (!selection || selection.isCollapsed || !f) return;
    const range = selection.getRangeAt(0);
    const holder = (range.startContainer.parentElement ?? null)?.closest<HTMLElement>("[data-paragraph]");
    if (!holder?.contains(range.endContainer)) return;
    const id = holder.dataset.paragraph!;
    const before = document.createRange();
    before.setStart(holder, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const paragraph = v.paragraphs.find((p) => String(p.paragraphId) === id);
    (f.elements.namedItem("paragraphId") as HTMLSelectElement).value = id;
    (f.elements.namedItem("words") as HTMLInputElement).value = selection.toString();
    // With brackets shown, the text on screen is not the paragraph's own: the server finds the words instead.
    (f.elements.namedItem("start") as HTMLInputElement).value = paragraph && paragraph.brackets.length === 0 ? String(before.toString().length) : "";
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to={`${base}/my/${token}/documents`}>{t("negotiation.page.documents")}</Link>
      </p>
      <h1>
        {v.document.symbol} — <L value={v.document.title} ctx={ctx} />
      </h1>
      <p aria-live="polite" id="revision-status">
        <strong>{revisionName(t, r.number)}</strong> · {t(`negotiation.revisionState.${r.state}`)}
        {r.state === "under_silence" && r.silenceUntil ? <> · {t("negotiation.silenceUntil", { time: fmt.dateTime(new Date(r.silenceUntil)) })}</> : null}
      </p>
      <FormStatus result={result} />
      <Downloads
        href={(format, l, compare) =>
          `${base}/my/${token}/documents/${v.document.id}/revisions/${r.number}/export.${format}?lang=${encodeURIComponent(l)}${compare === undefined ? "" : `&compare=${compare}`}`
        }
        languages={event.languages}
        redline={r.number > 0 && v.revisions.some((rev) => rev.number === r.number - 1) ? { from: r.number - 1, to: r.number } : null}
      />
      <p className="muted">{t("negotiation.page.selectHint")}</p>
      <ol className="paragraphs" onMouseUp={takeSelection} onKeyUp={takeSelection}>
        {v.paragraphs.map((p) => (
          <ParagraphItem key={p.paragraphId} paragraph={p} lang={ctx.lang} negotiatingLanguage={v.document.negotiatingLanguage} names={names} />
        ))}
      </ol>

      {mayPropose && (r.state === "issued" || r.state === "under_silence") ? (
        <Form method="post" className="stack" ref={form}>
          <h2>{t("negotiation.page.propose")}</h2>
          {r.state === "under_silence" ? <p className="warning">{t("negotiation.page.breaksSilence")}</p> : null}
          <input type="hidden" name="revision" value={r.number} />
          <input type="hidden" name="start" defaultValue="" />
          <SelectField
            name="paragraphId"
            label={t("negotiation.page.paragraph")}
            options={numbered.map((p) => ({ value: p.paragraphId, label: p.number! }))}
            defaultValue={String(typed.paragraphId ?? "")}
            result={result}
          />
          <SelectField
            name="kind"
            label={t("negotiation.page.kind")}
            options={(["replace", "delete", "insert"] as const).map((k) => ({ value: k, label: t(`negotiation.amendmentKind.${k}`) }))}
            defaultValue={String(typed.kind ?? "replace")}
          />
          <Field
            name="words"
            label={t("negotiation.page.oldWords", { language: languageName(v.document.negotiatingLanguage) })}
            hint={t("negotiation.page.oldWordsHint")}
            defaultValue={String(typed.words ?? "")}
            required
            result={result}
          />
          <Field name="proposedText" label={t("negotiation.page.newWords")} defaultValue={String(typed.proposedText ?? "")} result={result} />
          <p className="actions">
            <button type="submit" name="intent" value="amend">
              {t("negotiation.page.submit")}
            </button>
          </p>
        </Form>
      ) : null}

      <h2>{t("negotiation.page.amendments")}</h2>
      {v.amendments.length === 0 ? (
        <p>{t("negotiation.page.noAmendments")}</p>
      ) : (
        <ul className="amendments">
          {v.amendments.map((a) => (
            <li key={a.id}>
              <strong>
                #{a.id} · {numberOf(a.paragraphId)}
              </strong>{" "}
              {t(`negotiation.amendmentKind.${a.kind}`)}: {a.anchorText ? <del>{a.anchorText}</del> : null}{" "}
              {a.proposedText ? <ins>{a.proposedText}</ins> : null} — {[a.delegationId, ...a.cosponsors].map(names).join(", ")} ·{" "}
              {t(`negotiation.amendmentState.${a.state}`)} · {t(`negotiation.anchorState.${a.anchorState}`)}
              {mayPropose && open.includes(a) ? (
                <Form method="post" className="inline">
                  <input type="hidden" name="revision" value={r.number} />
                  <input type="hidden" name="amendmentId" value={a.id} />
                  {a.delegationId === delegationId ? (
                    <button type="submit" name="intent" value="withdraw">
                      {t("negotiation.page.withdraw", { id: a.id })}
                    </button>
                  ) : a.cosponsors.includes(delegationId) ? null : (
                    <button type="submit" name="intent" value="cosponsor">
                      {t("negotiation.page.cosponsor", { id: a.id })}
                    </button>
                  )}
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {mayPropose && r.state === "under_silence" ? (
        <Form method="post" className="stack">
          <h2>{t("negotiation.page.object")}</h2>
          <input type="hidden" name="revision" value={r.number} />
          <Field name="note" label={t("negotiation.page.objectionNote")} result={result} />
          <button type="submit" name="intent" value="object">
            {t("negotiation.page.object")}
          </button>
        </Form>
      ) : null}

      <CorrigendaSection view={v} lang={ctx.lang} languages={ctx.fallbacks} dateOf={(iso) => fmt.dayShort(new Date(iso))} />
      <LineageSection view={v} lang={ctx.lang} languages={ctx.fallbacks} />
      {r.state === "adopted" ? (
        <>
          <h2>{t("negotiation.page.statements")}</h2>
          <ul>
            {v.statements.map((s) => (
              <li key={s.id} lang={s.originalLanguage}>
                {t(`negotiation.statementKind.${s.kind}`)} — {names(s.delegationId)}: {s.text[ctx.lang] ?? s.text[s.originalLanguage]}
              </li>
            ))}
          </ul>
          {mayPropose ? (
            <Form method="post" className="stack">
              <input type="hidden" name="revision" value={r.number} />
              <SelectField
                name="kind"
                label={t("negotiation.page.statementKind")}
                options={statementKinds.map((k) => ({ value: k, label: t(`negotiation.statementKind.${k}`) }))}
                scope="st"
              />
              <SelectField
                name="originalLanguage"
                label={t("negotiation.page.originalLanguage")}
                options={event.languages.map((l) => ({ value: l, label: languageName(l) }))}
                defaultValue={ctx.lang}
                scope="st"
              />
              <Field name="statement" label={t("negotiation.page.statementText")} required result={result}>
                <textarea id="f-statement" name="statement" rows={5} required />
              </Field>
              <button type="submit" name="intent" value="statement">
                {t("negotiation.page.addStatement")}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </>
  );
}
