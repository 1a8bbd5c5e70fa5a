// One document of the library as a reader sees it: symbol, title, day of issue, original language,
// summary, the files in each language, and the documents it revises or that revise it.
import type { LibraryEntryView } from "../../features/documents/view.ts";
import { useT } from "../i18n.ts";
import { type EntryLinks, FileLinks, issuedDay, OriginalMark } from "./library.tsx";
import { L, type LocalizeContext } from "./localized.tsx";

export interface RelatedView {
  parent: { symbol: string; title: Record<string, string> } | null;
  children: { symbol: string; title: Record<string, string>; suffix: string | null }[];
}

export function LibraryDocument({
  entry,
  related,
  ctx,
  timezone,
  formatDate,
  links,
}: {
  entry: LibraryEntryView;
  related: RelatedView;
  ctx: LocalizeContext;
  timezone: string;
  formatDate: (d: Date) => string;
  links: EntryLinks & { symbol: (symbol: string) => string };
}) {
  const t = useT();
  return (
    <>
      <p className="muted">
        <span className="symbol">{entry.symbol}</span> · {t(`library.kinds.${entry.kind}`)}
      </p>
      <h1>
        <L value={entry.title} ctx={ctx} />
      </h1>
      <p>
        {entry.issuedOn ? <>{t("library.issuedOn", { date: issuedDay(entry.issuedOn, timezone, formatDate) })} · </> : null}
        <OriginalMark language={entry.originalLanguage} />
      </p>
      {Object.keys(entry.summary).length > 0 ? <L value={entry.summary} ctx={ctx} as="p" /> : null}
      <h2>{t("library.files")}</h2>
      <FileLinks entry={entry} links={links} />
      {related.parent || related.children.length > 0 ? (
        <>
          <h2>{t("library.related")}</h2>
          <ul>
            {related.parent ? (
              <li>
                {t("library.extends")}{" "}
                <a href={links.symbol(related.parent.symbol)}>
                  <span className="symbol">{related.parent.symbol}</span> — <L value={related.parent.title} ctx={ctx} />
                </a>
              </li>
            ) : null}
            {related.children.map((child) => (
              <li key={child.symbol}>
                {t(`library.suffixes.${child.suffix ?? "Rev"}`)}:{" "}
                <a href={links.symbol(child.symbol)}>
                  <span className="symbol">{child.symbol}</span> — <L value={child.title} ctx={ctx} />
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
