// The documents library as readers see it: entries grouped by kind, each with its symbol, title, day of
// issue, original language and a link per language's file; the search form. Shared by the public page,
// a participant's own page and (in part) the staff pages. No script needed.
import type { LibraryEntryView } from "../../features/documents/view.ts";
import { formatBytes } from "../../features/files/kinds.ts";
import { zonedToUtc } from "../../i18n/format.ts";
import { htmlLang, languageName } from "../../i18n/index.ts";
import { useT, useUiLang } from "../i18n.ts";
import { L, type LocalizeContext } from "./localized.tsx";

const typeLabels: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "application/vnd.oasis.opendocument.text": "ODT",
};

export const fileTypeLabel = (contentType: string) => typeLabels[contentType] ?? contentType;

/** A day of issue (`YYYY-MM-DD`) as the event's formatter writes a date. */
export function issuedDay(day: string, timezone: string, format: (d: Date) => string): string {
  return format(zonedToUtc(`${day}T12:00`, timezone) ?? new Date(`${day}T12:00:00Z`));
}

/** A language's name in the reader's interface language ("английский"), for "Original: …". */
export function languageInLanguage(lang: string, uiLang: string): string {
  try {
    return new Intl.DisplayNames([htmlLang(uiLang)], { type: "language", fallback: "none" }).of(lang) ?? languageName(lang);
  } catch {
    return languageName(lang);
  }
}

export function OriginalMark({ language }: { language: string }) {
  const t = useT();
  const uiLang = useUiLang();
  // As UN documents mark it, in capitals: "Original: ENGLISH", « Original : ANGLAIS ».
  return <>{t("library.original", { language: languageInLanguage(language, uiLang).toLocaleUpperCase(htmlLang(uiLang)) })}</>;
}

export interface EntryLinks {
  document: (entry: LibraryEntryView) => string;
  file: (entry: LibraryEntryView, language: string) => string;
}

/** The files of an entry, one link per language, named in that language. */
export function FileLinks({ entry, links }: { entry: LibraryEntryView; links: EntryLinks }) {
  const t = useT();
  if (entry.files.length === 0) return <p className="muted">{t("library.noFiles")}</p>;
  return (
    <ul className="inline-list" aria-label={t("library.filesOf", { symbol: entry.symbol })}>
      {entry.files.map((f) => (
        <li key={f.language}>
          <a href={links.file(entry, f.language)} hrefLang={htmlLang(f.language)} lang={htmlLang(f.language)} type={f.contentType}>
            {languageName(f.language)}
          </a>{" "}
          <span className="muted">
            ({fileTypeLabel(f.contentType)}, {formatBytes(f.size)})
          </span>
        </li>
      ))}
    </ul>
  );
}

export function LibraryEntry({
  entry,
  ctx,
  timezone,
  formatDate,
  links,
  headingLevel = 3,
}: {
  entry: LibraryEntryView;
  ctx: LocalizeContext;
  timezone: string;
  formatDate: (d: Date) => string;
  links: EntryLinks;
  headingLevel?: 2 | 3;
}) {
  const t = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="library-entry">
      <Heading>
        <a href={links.document(entry)}>
          <span className="symbol">{entry.symbol}</span> — <L value={entry.title} ctx={ctx} />
        </a>
      </Heading>
      <p className="muted">
        {entry.issuedOn ? <>{t("library.issuedOn", { date: issuedDay(entry.issuedOn, timezone, formatDate) })} · </> : null}
        <OriginalMark language={entry.originalLanguage} />
        {entry.foundIn?.length ? <> · {t("library.foundIn", { languages: entry.foundIn.map(languageName).join(", ") })}</> : null}
      </p>
      {Object.keys(entry.summary).length > 0 ? <L value={entry.summary} ctx={ctx} as="p" /> : null}
      <FileLinks entry={entry} links={links} />
    </article>
  );
}

/** A search that works without script: a GET form that reloads the page with `?q=`. */
export function LibrarySearch({ q, action, label }: { q: string; action: string; label: string }) {
  const t = useT();
  return (
    <search>
      <form method="get" action={action} className="search-form">
        <label htmlFor="library-q">{label}</label> <input id="library-q" type="search" name="q" defaultValue={q} maxLength={200} />{" "}
        <button type="submit">{t("library.search")}</button>
        {q ? (
          <>
            {" "}
            <a href={action}>{t("library.clearSearch")}</a>
          </>
        ) : null}
      </form>
    </search>
  );
}
