import { Form, Link, useLoaderData } from "react-router";
import { can } from "../../../features/access/policy.ts";
import { currentSeq } from "../../../features/live/publish.ts";
import { adoptRevision } from "../../../features/negotiation/adopt-revision.ts";
import { addBracket, markParagraph } from "../../../features/negotiation/bracket-paragraph.ts";
import { decideAmendment } from "../../../features/negotiation/decide-amendment.ts";
import { documentView, spanOfWords } from "../../../features/negotiation/document-view.ts";
import { loadDocument, loadRevision } from "../../../features/negotiation/documents.ts";
import { addParagraph, moveParagraph, updateParagraph } from "../../../features/negotiation/edit-paragraph.ts";
import { foldAmendments } from "../../../features/negotiation/fold-amendments.ts";
import { issueCorrigendum } from "../../../features/negotiation/issue-corrigendum.ts";
import { issueRevision } from "../../../features/negotiation/issue-revision.ts";
import { linkableDocuments, linkEarlierDocument, unlinkEarlierDocument } from "../../../features/negotiation/lineage.ts";
import { openDraft } from "../../../features/negotiation/open-draft.ts";
import { revisionForReader } from "../../../features/negotiation/queries.ts";
import { startSilence } from "../../../features/negotiation/start-silence.ts";
import { loadAmendment } from "../../../features/negotiation/submit-amendment.ts";
import { adoptionMethods, paragraphKinds } from "../../../features/negotiation/vocabulary.ts";
import { Invalid, NotFound } from "../../../features/shared/errors.ts";
import { text } from "../../../features/shared/localized.ts";
import { toId } from "../../../features/shared/validate.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { useKeptActionData, useLive, useRefreshWhenIdle } from "../../live.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, LocalizedField, SelectField } from "../../ui/form.tsx";
import { apiExportHref, Downloads, ParagraphItem, revisionName } from "../../ui/negotiation.tsx";
import { ParagraphForms } from "../../ui/negotiation-forms.tsx";
import { CorrigendaSection, CorrigendumForm, LineageForm, LineageSection, UnlinkForm } from "../../ui/negotiation-lineage.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/document";

const documentIdOf = (value: string) => {
  const id = toId(value);
  if (id === null) throw NotFound("negotiation.document_not_found");
  return id;
};
const num = (value: unknown) => (value === undefined || value === "" ? undefined : Number(value));

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "negotiation.read");
  const { db } = services(context);
  const liveSeq = await currentSeq(db, event.id);
  const view = await documentView(db, event, documentIdOf(params.documentId), "staff").catch(() => {
    throw new Response(null, { status: 404 });
  });
  const may = { draft: can(actor, "negotiation.draft"), chair: can(actor, "negotiation.chair") };
  const linkable = may.draft ? await linkableDocuments(db, event, view.document) : [];
  return { event, liveSeq, view, may, linkable };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "negotiation.read");
  const t = createTranslator(uiLanguage(request, context));
  const { db, jobs } = services(context);
  return staffAction(request, context, async ({ values, form, intent }) => {
    const ctx = commandContext(context, actor);
    const document = await loadDocument(db, event.id, documentIdOf(params.documentId));
    const revision = await loadRevision(db, document, Number(values.revision));
    const version = num(values.version);
    const paragraphId = num(values.paragraphId) ?? 0;
    const done = (key = "admin.saved") => ({ ok: true, message: t(key) }) satisfies ActionResult;
    switch (intent) {
      case "open":
        await openDraft(ctx, event, document, { renumber: values.renumber === "on" });
        return done("negotiation.page.draftOpened");
      case "issue":
        await issueRevision(ctx, event, document, revision, { version });
        return done("negotiation.page.issued");
      case "add":
        await addParagraph(ctx, event, document, revision, {
          kind: values.kind,
          text: values.text,
          afterParagraphId: num(values.afterParagraphId) ?? null,
          version,
        });
        return done();
      case "edit":
        await updateParagraph(ctx, event, document, revision, paragraphId, { text: values.text, version });
        return done();
      case "move":
        await moveParagraph(ctx, event, document, revision, paragraphId, { afterParagraphId: num(values.afterParagraphId) ?? null, version });
        return done();
      case "status":
        await markParagraph(ctx, event, document, revision, paragraphId, { status: values.status, version });
        return done();
      case "bracket": {
        const paragraph = view(await documentView(db, event, document.id, "staff", revision.number), paragraphId);
        const span = spanOfWords(paragraph.text[document.negotiatingLanguage] ?? "", String(values.words ?? ""));
        if (!span || !values.words) throw Invalid("validation", { words: "negotiation.span_mismatch" });
        const alternatives = [values.alt1, values.alt2].map((a) => String(a ?? "").trim()).filter(Boolean);
        await addBracket(ctx, event, document, revision, paragraphId, { ...span, alternatives: alternatives.map((text) => ({ text, heldBy: [] })), version });
        return done();
      }
      case "fold":
        await foldAmendments(ctx, event, document, revision, { amendmentIds: form.getAll("amendmentIds").map(Number), version });
        return done("negotiation.page.folded");
      case "decide": {
        const amendment = await loadAmendment(db, event.id, document.id, num(values.amendmentId) ?? 0);
        await decideAmendment(ctx, event, amendment, { state: values.state, version });
        return done();
      }
      case "silence":
        await startSilence(ctx, jobs, event, document, revision, { until: values.until, body: values.body, version });
        return done("negotiation.page.silenceStarted");
      case "adopt": {
        const votes = values.how === "vote" ? { yes: Number(values.yes), no: Number(values.no), abstain: Number(values.abstain) } : undefined;
        await adoptRevision(ctx, event, document, revision, { how: values.how, body: values.body, votes, version });
        return done("negotiation.page.adopted");
      }
      case "lineage":
        await linkEarlierDocument(ctx, event, document, {
          earlierDocumentId: num(values.earlierDocumentId),
          title: values.title,
          symbol: values.symbol,
          year: num(values.year),
          url: values.url,
          text: values.text,
        });
        return done("negotiation.lineage.linked");
      case "unlink":
        await unlinkEarlierDocument(ctx, event, document, num(values.lineageId) ?? 0);
        return done("negotiation.lineage.unlinked");
      case "corrigendum": {
        const { paragraphs } = await revisionForReader(db, document, revision.number, "staff");
        await issueCorrigendum(ctx, event, document, revision, paragraphs, {
          language: values.language,
          changes: [{ paragraphId, text: values.corrected }],
          note: values.note,
        });
        return done("negotiation.corrigendum.issued");
      }
      default:
        throw Invalid("validation", { intent: "invalid" });
    }
  });
}

function view(v: Awaited<ReturnType<typeof documentView>>, paragraphId: number) {
  const p = v.paragraphs.find((x) => x.paragraphId === paragraphId);
  if (!p) throw NotFound("negotiation.paragraph_not_found");
  return p;
}

export default function DocumentPage() {
  const { event, liveSeq, view: v, may, linkable } = useLoaderData<typeof loader>();
  const result = useKeptActionData<ActionResult>();
  const t = useT();
  const lang = useUiLang();
  const refresh = useRefreshWhenIdle();
  useLive(event.slug, [`drafting:${v.document.id}` as const], refresh, { since: liveSeq, onReset: refresh });
  const fmt = eventFormatter(lang, event.timezone);
  const names = (id: number) => text(v.delegations.find((d) => d.id === id)?.name ?? {}, lang, event.languages) || `#${id}`;
  const r = v.revision;
  const isDraft = r.state === "draft";
  const base = `/admin/e/${event.slug}/documents/${v.document.id}`;
  const hidden = (
    <>
      <Csrf />
      <input type="hidden" name="revision" value={r.number} />
      <input type="hidden" name="version" value={r.version} />
    </>
  );
  const numbered = v.paragraphs.filter((p) => p.number !== null);
  const afterOptions = [{ value: "", label: t("negotiation.page.atTop") }, ...numbered.map((p) => ({ value: p.paragraphId, label: p.number! }))];
  const open = v.amendments.filter((a) => a.state === "submitted" || a.state === "under_consideration");
  const collidesWith = (id: number) => v.collisions.filter((pair) => pair.includes(id)).map((pair) => (pair[0] === id ? pair[1] : pair[0]));
  const numberOf = (paragraphId: number) => v.paragraphs.find((p) => p.paragraphId === paragraphId)?.number ?? "—";
  return (
    <>
      <title>{`${v.document.symbol} · ${revisionName(t, r.number)}`}</title>
      <p className="breadcrumb">
        <Link to={`/admin/e/${event.slug}/documents`}>{t("negotiation.page.documents")}</Link>
      </p>
      <h1>
        {v.document.symbol} — {text(v.document.title, lang, event.languages)}
      </h1>
      <p aria-live="polite">
        <strong>{revisionName(t, r.number)}</strong> · {t(`negotiation.revisionState.${r.state}`)}
        {r.silenceUntil && r.state === "under_silence" ? <> · {t("negotiation.silenceUntil", { time: fmt.dateTime(new Date(r.silenceUntil)) })}</> : null}
      </p>
      <FormStatus result={result} />
      <nav aria-label={t("negotiation.page.revisions")}>
        <ul className="inline">
          {v.revisions.map((rev) => (
            <li key={rev.id}>
              {revisionName(t, rev.number)} ({t(`negotiation.revisionState.${rev.state}`)})
            </li>
          ))}
          {v.revisions.length > 1 ? (
            <li>
              <Link to={`${base}/redline?from=${v.revisions.at(-2)!.number}&to=${r.number}`}>{t("negotiation.page.redline")}</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <p className="muted">
        {Object.entries(r.aligned)
          .map(([l, n]) => `${l}: ${t("negotiation.alignedWith", { number: n })}`)
          .join(" · ")}
      </p>

      <Downloads
        href={apiExportHref(event.slug, v.document.id, r.number)}
        languages={event.languages}
        redline={v.revisions.length > 1 && r.number > 0 ? { from: r.number - 1, to: r.number } : null}
      />

      <h2>{t("negotiation.page.text")}</h2>
      <ol className="paragraphs">
        {v.paragraphs.map((p) => (
          <ParagraphItem key={p.paragraphId} paragraph={p} lang={lang} negotiatingLanguage={v.document.negotiatingLanguage} names={names}>
            {isDraft && may.draft && p.number !== null ? (
              <ParagraphForms paragraph={p} revision={r} languages={event.languages} afterOptions={afterOptions} result={result} />
            ) : null}
          </ParagraphItem>
        ))}
      </ol>

      {isDraft && may.draft ? (
        <>
          <Form method="post" className="stack">
            <h3>{t("negotiation.page.addParagraph")}</h3>
            {hidden}
            <SelectField
              name="kind"
              label={t("negotiation.page.kind")}
              options={paragraphKinds.map((k) => ({ value: k, label: t(`negotiation.paragraphKind.${k}`) }))}
              defaultValue="OP"
            />
            <SelectField
              name="afterParagraphId"
              label={t("negotiation.page.after")}
              options={afterOptions}
              defaultValue={numbered.at(-1)?.paragraphId ?? ""}
              scope="add"
            />
            <LocalizedField name="text" label={t("negotiation.page.paragraphText")} languages={event.languages} multiline scope="add" result={result} />
            <button type="submit" name="intent" value="add">
              {t("negotiation.page.addParagraph")}
            </button>
          </Form>
          <Form method="post">
            {hidden}
            <button type="submit" name="intent" value="issue">
              {t("negotiation.page.issue", { name: revisionName(t, r.number) })}
            </button>
          </Form>
        </>
      ) : null}
      {!isDraft && r.state !== "adopted" && may.draft && r.state !== "under_silence" ? (
        <Form method="post" className="stack">
          {hidden}
          <div className="field">
            <label>
              <input type="checkbox" name="renumber" /> {t("negotiation.page.renumber")}
            </label>
          </div>
          <button type="submit" name="intent" value="open">
            {t("negotiation.page.openDraft")}
          </button>
        </Form>
      ) : null}

      <CorrigendaSection view={v} lang={lang} languages={event.languages} dateOf={(iso) => fmt.dayShort(new Date(iso))} />
      {may.chair && r.state === "adopted" ? <CorrigendumForm hidden={hidden} languages={event.languages} paragraphs={numbered} result={result} /> : null}
      <LineageSection view={v} lang={lang} languages={event.languages}>
        {(id) => (may.draft ? <UnlinkForm hidden={hidden} lineageId={id} /> : null)}
      </LineageSection>
      {may.draft ? <LineageForm hidden={hidden} languages={event.languages} lang={lang} linkable={linkable} result={result} /> : null}

      <h2>{t("negotiation.page.amendments")}</h2>
      {v.amendments.length === 0 ? (
        <p>{t("negotiation.page.noAmendments")}</p>
      ) : (
        <Form method="post">
          {hidden}
          <TableRegion label={t("negotiation.page.amendments")}>
            <table>
              <thead>
                <tr>
                  {isDraft && may.draft ? <th scope="col">{t("negotiation.page.fold")}</th> : null}
                  <th scope="col">#</th>
                  <th scope="col">{t("negotiation.page.paragraph")}</th>
                  <th scope="col">{t("negotiation.page.proposal")}</th>
                  <th scope="col">{t("negotiation.page.by")}</th>
                  <th scope="col">{t("negotiation.page.state")}</th>
                </tr>
              </thead>
              <tbody>
                {v.amendments.map((a) => {
                  const collides = collidesWith(a.id);
                  return (
                    <tr key={a.id} className={collides.length > 0 ? "collides" : undefined}>
                      {isDraft && may.draft ? (
                        <td>
                          {open.includes(a) ? (
                            <input type="checkbox" name="amendmentIds" value={a.id} aria-label={t("negotiation.page.foldOne", { id: a.id })} />
                          ) : null}
                        </td>
                      ) : null}
                      <th scope="row">{a.id}</th>
                      <td>{numberOf(a.paragraphId)}</td>
                      <td>
                        {t(`negotiation.amendmentKind.${a.kind}`)}: {a.anchorText ? <del>{a.anchorText}</del> : null}{" "}
                        {a.proposedText ? <ins>{a.proposedText}</ins> : null}
                        {a.anchorState === "to_be_reviewed" ? <p className="muted">{t("negotiation.page.originally", { text: a.originalText })}</p> : null}
                        {collides.length > 0 ? (
                          <p className="warning">
                            {t("negotiation.collision")} ({collides.map((c) => `#${c}`).join(", ")})
                          </p>
                        ) : null}
                      </td>
                      <td>{[a.delegationId, ...a.cosponsors].map(names).join(", ")}</td>
                      <td>
                        {t(`negotiation.amendmentState.${a.state}`)} · {t(`negotiation.anchorState.${a.anchorState}`)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
          {isDraft && may.draft && open.length > 0 ? (
            <button type="submit" name="intent" value="fold">
              {t("negotiation.page.foldSelected")}
            </button>
          ) : null}
        </Form>
      )}
      {may.draft && open.length > 0 ? (
        <details>
          <summary>{t("negotiation.page.decide")}</summary>
          {open.map((a) => (
            <Form method="post" key={a.id} className="inline">
              <Csrf />
              <input type="hidden" name="revision" value={r.number} />
              <input type="hidden" name="version" value={a.version} />
              <input type="hidden" name="amendmentId" value={a.id} />
              <span>#{a.id} </span>
              <button type="submit" name="intent" value="decide">
                {t("negotiation.amendmentState.under_consideration")}
              </button>
              <input type="hidden" name="state" value="under_consideration" />
            </Form>
          ))}
          {open.map((a) => (
            <Form method="post" key={`n${a.id}`} className="inline">
              <Csrf />
              <input type="hidden" name="revision" value={r.number} />
              <input type="hidden" name="version" value={a.version} />
              <input type="hidden" name="amendmentId" value={a.id} />
              <input type="hidden" name="state" value="not_incorporated" />
              <span>#{a.id} </span>
              <button type="submit" name="intent" value="decide">
                {t("negotiation.amendmentState.not_incorporated")}
              </button>
            </Form>
          ))}
        </details>
      ) : null}

      {may.chair && r.state === "issued" ? (
        <>
          <Form method="post" className="stack">
            <h2>{t("negotiation.page.silence")}</h2>
            {hidden}
            <Field name="until" type="datetime-local" step={1} label={t("negotiation.page.until", { zone: event.timezone })} required result={result} />
            <LocalizedField name="body" label={t("negotiation.page.body")} languages={event.languages} result={result} />
            <button type="submit" name="intent" value="silence">
              {t("negotiation.page.startSilence")}
            </button>
          </Form>
          <Form method="post" className="stack">
            <h2>{t("negotiation.page.adopt")}</h2>
            {hidden}
            <SelectField
              name="how"
              label={t("negotiation.page.how")}
              options={adoptionMethods.map((m) => ({ value: m, label: t(`negotiation.adoptionMethod.${m}`) }))}
            />
            <fieldset>
              <legend>{t("negotiation.page.votes")}</legend>
              <Field name="yes" type="number" min={0} label={t("negotiation.page.inFavour")} />
              <Field name="no" type="number" min={0} label={t("negotiation.page.against")} />
              <Field name="abstain" type="number" min={0} label={t("negotiation.page.abstain")} />
            </fieldset>
            <LocalizedField name="body" label={t("negotiation.page.body")} languages={event.languages} required scope="adopt" result={result} />
            <button type="submit" name="intent" value="adopt">
              {t("negotiation.page.adopt")}
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}
