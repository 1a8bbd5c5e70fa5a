// How the negotiation room's texts read on every page: a paragraph with its number, status and brackets,
// a word-level redline, and the concordance of numbers between two revisions. Server-rendered and hydrated alike.
import type { Change } from "../../features/negotiation/anchors.ts";
import type { ConcordanceRow, SnapshotParagraph } from "../../features/negotiation/redline.ts";
import type { Bracket } from "../../features/negotiation/vocabulary.ts";
import { htmlLang, languageName } from "../../i18n/index.ts";
import { useT } from "../i18n.ts";

/** A symbol in a URL: its slashes kept as path segments ("TC/2030/L.1"), everything else encoded. */
export const symbolPath = (symbol: string) => symbol.split("/").map(encodeURIComponent).join("/");

export const revisionName = (t: ReturnType<typeof useT>, number: number) => t("negotiation.revisionName", { number });

/** A paragraph's text in one language; in the negotiating language its brackets are shown with their alternatives. */
export function ParagraphText({ text, brackets, names }: { text: string; brackets: Bracket[]; names: (id: number) => string }) {
  const t = useT();
  if (brackets.length === 0) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const b of [...brackets].sort((x, y) => x.start - y.start)) {
    if (b.start < at) continue;
    parts.push(text.slice(at, b.start));
    parts.push(
      <span key={b.id} className="bracket">
        [{text.slice(b.start, b.end)}]
        {b.alternatives.length > 0 ? (
          <span className="alternatives">
            {b.alternatives.map((alt, i) => (
              <span key={`${b.id}-${i}`} className="alternative">
                {" "}
                ({t("negotiation.alternative", { number: i + 1 })}: “{alt.text}”
                {alt.heldBy.length > 0 ? <>, {t("negotiation.heldBy", { delegations: alt.heldBy.map(names).join(", ") })}</> : null})
              </span>
            ))}
          </span>
        ) : null}
      </span>,
    );
    at = b.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** Word changes as insertions and deletions, announced as such (not only by colour). */
export function RedlineText({ changes }: { changes: Change[] }) {
  const t = useT();
  return (
    <>
      {changes.map((c, i) =>
        c.kind === "same" ? (
          <span key={i}>{c.text}</span>
        ) : c.kind === "added" ? (
          <ins key={i}>
            <span className="visually-hidden">{t("negotiation.page.inserted", { text: c.text })}</span>
            <span aria-hidden="true">{c.text}</span>
          </ins>
        ) : (
          <del key={i}>
            <span className="visually-hidden">{t("negotiation.page.deleted", { text: c.text })}</span>
            <span aria-hidden="true">{c.text}</span>
          </del>
        ),
      )}
    </>
  );
}

/** One paragraph as a list item: number, status, text in the reader's language (else the negotiating one). */
export function ParagraphItem({
  paragraph,
  lang,
  negotiatingLanguage,
  names,
  children,
}: {
  paragraph: SnapshotParagraph;
  lang: string;
  negotiatingLanguage: string;
  names: (id: number) => string;
  children?: React.ReactNode;
}) {
  const t = useT();
  const shownLang = paragraph.text[lang] ? lang : negotiatingLanguage;
  const struck = paragraph.number === null;
  const corrections = ("corrections" in paragraph ? (paragraph.corrections as { number: number; language: string }[]) : []).filter(
    (c) => c.language === shownLang,
  );
  const body =
    shownLang === negotiatingLanguage ? (
      <ParagraphText text={paragraph.text[shownLang] ?? ""} brackets={paragraph.brackets} names={names} />
    ) : (
      paragraph.text[shownLang]
    );
  return (
    <li id={`p-${paragraph.paragraphId}`} className={`paragraph paragraph-${paragraph.kind} status-${paragraph.status}`}>
      <span className="paragraph-number">{paragraph.number ?? "—"}</span> <span className="tag">{t(`negotiation.paragraphStatus.${paragraph.status}`)}</span>{" "}
      {corrections.length > 0 ? <span className="tag">{corrections.map((c) => t("negotiation.corrigendum.mark", { number: c.number })).join(" ")}</span> : null}{" "}
      <span className="paragraph-text" lang={htmlLang(shownLang)} dir={shownLang === "ar" ? "rtl" : "auto"} data-paragraph={paragraph.paragraphId}>
        {struck ? <del>{body}</del> : body}
      </span>
      {children}
    </li>
  );
}

export function ConcordanceTable({ rows, caption }: { rows: ConcordanceRow[]; caption: string }) {
  const t = useT();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("negotiation.page.oldNumber")}</th>
          <th scope="col">{t("negotiation.page.newNumber")}</th>
          <th scope="col">{t("negotiation.page.change")}</th>
          <th scope="col">{t("negotiation.page.textChanged")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.paragraphId}>
            <td>{r.oldNumber ?? "—"}</td>
            <td>{r.newNumber ?? "—"}</td>
            <td>{t(`negotiation.concordance.${r.change}`)}</td>
            <td>{r.textChanged ? t("negotiation.page.yes") : t("negotiation.page.no")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type ExportFormat = "pdf" | "docx" | "xml";
/** Where a file of the revision is: its format, language, and the revision a redline compares it with. */
export type ExportHref = (format: ExportFormat, lang: string, compare?: number) => string;

/** The address of a revision's file in the API (staff through their session, the public for adopted texts). */
export const apiExportHref =
  (slug: string, documentId: number, number: number): ExportHref =>
  (format, lang, compare) =>
    `/api/v1/events/${encodeURIComponent(slug)}/documents/${documentId}/revisions/${number}/export.${format}?lang=${encodeURIComponent(lang)}${compare === undefined ? "" : `&compare=${compare}`}`;

/**
 * A revision's files, one line per language: PDF, Word and Akoma Ntoso, and the redline (PDF, Word) against
 * an earlier revision when one is given. Plain links: they work without JavaScript.
 */
export function Downloads({ href, languages, redline }: { href: ExportHref; languages: readonly string[]; redline?: { from: number; to: number } | null }) {
  const t = useT();
  return (
    <section aria-labelledby="downloads">
      <h2 id="downloads">{t("negotiation.page.downloads")}</h2>
      <ul>
        {languages.map((l) => (
          <li key={l}>
            <span lang={htmlLang(l)}>{languageName(l)}</span>:{" "}
            <a href={href("pdf", l)} hrefLang={htmlLang(l)} download>
              {t("negotiation.page.export.pdf")}
            </a>
            {" · "}
            <a href={href("docx", l)} hrefLang={htmlLang(l)} download>
              {t("negotiation.page.export.docx")}
            </a>
            {" · "}
            <a href={href("xml", l)} hrefLang={htmlLang(l)} download>
              {t("negotiation.page.export.akn_xml")}
            </a>
            {redline ? (
              <>
                {" · "}
                {t("negotiation.page.redlineOf", { from: revisionName(t, redline.from), to: revisionName(t, redline.to) })}:{" "}
                <a href={href("pdf", l, redline.from)} hrefLang={htmlLang(l)} download>
                  {t("negotiation.page.export.pdf")}
                </a>
                {" · "}
                <a href={href("docx", l, redline.from)} hrefLang={htmlLang(l)} download>
                  {t("negotiation.page.export.docx")}
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
