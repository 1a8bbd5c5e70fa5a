// What an outcome document continues and how its adopted text was corrected: shown alike to staff, delegates
// and the public, from the document view (features/negotiation/lineage.ts, issue-corrigendum.ts); and the
// staff's forms to correct a language and to name an earlier document.

import { Form } from "react-router";
import type { DocumentView } from "../../features/negotiation/document-view.ts";
import { type Localized, text } from "../../features/shared/localized.ts";
import { languageName } from "../../i18n/index.ts";
import type { ActionResult } from "../admin.ts";
import { useT } from "../i18n.ts";
import { Field, LocalizedField, SelectField } from "./form.tsx";
import { symbolPath } from "./negotiation.tsx";

export function LineageSection({
  view,
  lang,
  languages,
  children,
}: {
  view: Pick<DocumentView, "lineage" | "paragraphs">;
  lang: string;
  languages: readonly string[];
  /** Staff: a form to remove each entry. */
  children?: (entryId: number) => React.ReactNode;
}) {
  const t = useT();
  if (view.lineage.length === 0) return null;
  const numberOf = (paragraphId: number) => view.paragraphs.find((p) => p.paragraphId === paragraphId)?.number ?? "—";
  const name = (title: Localized) => text(title, lang, languages) || text(title, lang, Object.keys(title));
  return (
    <section aria-labelledby="lineage-heading">
      <h2 id="lineage-heading">{t("negotiation.lineage.heading")}</h2>
      <ul>
        {view.lineage.map((entry) => {
          const title = entry.earlier ? name(entry.earlier.title) : name(entry.title);
          const symbol = entry.earlier?.symbol ?? entry.symbol;
          const href = entry.earlier ? `/${lang}/e/${entry.earlier.eventSlug}/documents/${symbolPath(entry.earlier.symbol)}` : entry.url || null;
          const label = (
            <>
              <bdi>{title}</bdi>
              {symbol ? (
                <>
                  {" "}
                  (<bdi>{symbol}</bdi>)
                </>
              ) : null}
              {entry.year ? <>, {entry.year}</> : null}
            </>
          );
          return (
            <li key={entry.id}>
              {href ? <a href={href}>{label}</a> : label}
              {entry.language ? (
                <p className="muted">
                  {t("negotiation.lineage.carried", { count: entry.carried.length, language: languageName(entry.language) })}
                  {entry.carried.length > 0 ? ": " : null}
                  {entry.carried.map((c, i) => (
                    <span key={c.paragraphId}>
                      {i > 0 ? ", " : null}
                      {t(`negotiation.lineage.${c.kind}`, { number: numberOf(c.paragraphId), from: c.from })}
                    </span>
                  ))}
                </p>
              ) : null}
              {children?.(entry.id)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function CorrigendaSection({
  view,
  lang,
  languages,
  dateOf,
}: {
  view: Pick<DocumentView, "corrigenda" | "document">;
  lang: string;
  languages: readonly string[];
  dateOf: (iso: string) => string;
}) {
  const t = useT();
  if (view.corrigenda.length === 0) return null;
  return (
    <section aria-labelledby="corrigenda-heading">
      <h2 id="corrigenda-heading">{t("negotiation.corrigendum.heading")}</h2>
      <ul>
        {view.corrigenda.map((c) => (
          <li key={c.id}>
            <strong>
              <bdi>{`${view.document.symbol}/Corr.${c.number}`}</bdi>
            </strong>{" "}
            · {t("negotiation.corrigendum.only", { language: languageName(c.language) })} · {dateOf(c.issuedAt)} ·{" "}
            {t("negotiation.corrigendum.paragraphs", { count: c.paragraphs })}
            {text(c.note, lang, languages) ? <> — {text(c.note, lang, languages)}</> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The chair's form: corrected wording of one paragraph in one language of the adopted text. */
export function CorrigendumForm({
  hidden,
  languages,
  paragraphs,
  result,
}: {
  hidden: React.ReactNode;
  languages: readonly string[];
  paragraphs: { paragraphId: number; number: string | null }[];
  result?: ActionResult;
}) {
  const t = useT();
  return (
    <Form method="post" className="stack">
      <h2>{t("negotiation.corrigendum.issue")}</h2>
      <p className="hint">{t("negotiation.corrigendum.hint")}</p>
      {hidden}
      <SelectField
        name="language"
        label={t("negotiation.corrigendum.language")}
        options={languages.map((l) => ({ value: l, label: languageName(l) }))}
        scope="corr"
        result={result}
      />
      <SelectField
        name="paragraphId"
        label={t("negotiation.page.paragraph")}
        options={paragraphs.map((p) => ({ value: p.paragraphId, label: p.number ?? "—" }))}
        scope="corr"
      />
      <Field name="corrected" label={t("negotiation.corrigendum.text")} required scope="corr" result={result}>
        <textarea id="f-corr-corrected" name="corrected" rows={4} required />
      </Field>
      <LocalizedField name="note" label={t("negotiation.corrigendum.note")} languages={languages} scope="corr" result={result} />
      <button type="submit" name="intent" value="corrigendum">
        {t("negotiation.corrigendum.issue")}
      </button>
    </Form>
  );
}

export function UnlinkForm({ hidden, lineageId }: { hidden: React.ReactNode; lineageId: number }) {
  const t = useT();
  return (
    <Form method="post" className="inline">
      {hidden}
      <input type="hidden" name="lineageId" value={lineageId} />
      <button type="submit" name="intent" value="unlink">
        {t("negotiation.lineage.unlink")}
      </button>
    </Form>
  );
}

/** Names an earlier document: an adopted one of this instance, or one known by reference, with its text if pasted. */
export function LineageForm({
  hidden,
  languages,
  lang,
  linkable,
  result,
}: {
  hidden: React.ReactNode;
  languages: readonly string[];
  lang: string;
  linkable: { id: number; symbol: string; title: Localized }[];
  result?: ActionResult;
}) {
  const t = useT();
  return (
    <details>
      <summary>{t("negotiation.lineage.add")}</summary>
      <Form method="post" className="stack">
        {hidden}
        <SelectField
          name="earlierDocumentId"
          label={t("negotiation.lineage.earlierDocument")}
          options={[
            { value: "", label: t("negotiation.lineage.byReference") },
            ...linkable.map((d) => ({ value: d.id, label: `${d.symbol} — ${text(d.title, lang, languages)}` })),
          ]}
          scope="lineage"
          result={result}
        />
        <LocalizedField name="title" label={t("negotiation.lineage.title")} languages={languages} scope="lineage" result={result} />
        <Field name="symbol" label={t("negotiation.page.symbol")} scope="lineage" result={result} />
        <Field name="year" type="number" min={1900} max={2200} label={t("negotiation.lineage.year")} scope="lineage" result={result} />
        <Field name="url" type="url" label={t("negotiation.lineage.url")} scope="lineage" result={result} />
        <LocalizedField
          name="text"
          label={t("negotiation.lineage.text")}
          hint={t("negotiation.lineage.textHint")}
          languages={languages}
          multiline
          rows={6}
          scope="lineage"
          result={result}
        />
        <button type="submit" name="intent" value="lineage">
          {t("negotiation.lineage.link")}
        </button>
      </Form>
    </details>
  );
}
