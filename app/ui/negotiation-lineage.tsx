// What an outcome document continues and how its adopted text was corrected: shown alike to staff, delegates
// and the public, from the document view (features/negotiation/lineage.ts, issue-corrigendum.ts).
import type { DocumentView } from "../../features/negotiation/document-view.ts";
import { type Localized, text } from "../../features/shared/localized.ts";
import { languageName } from "../../i18n/index.ts";
import { useT } from "../i18n.ts";
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
