import { data, Link } from "react-router";
import { listLibrary } from "../../../features/documents/queries.ts";
import { publicReader } from "../../../features/documents/reader.ts";
import { normaliseQuery } from "../../../features/documents/search.ts";
import { entryView, matchesOutcome } from "../../../features/documents/view.ts";
import { documentKinds } from "../../../features/documents/vocabulary.ts";
import { listDocuments } from "../../../features/negotiation/queries.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { guard, publishedEvent, services } from "../../server-helpers.ts";
import { type EntryLinks, LibraryEntry, LibrarySearch } from "../../ui/library.tsx";
import { L } from "../../ui/localized.tsx";
import { symbolPath } from "../../ui/negotiation.tsx";
import type { Route } from "./+types/documents";
import { type EventLayoutData, pageMeta, useEventData } from "./layout.tsx";

// The event's documents: the library's public ones and the adopted outcome texts, grouped by kind, with a
// search (a GET form: `?q=`). A search's answer is never kept by the page cache (every query is its own page).
export async function loader({ params, context, request }: Route.LoaderArgs) {
  return guard(async () => {
    const event = await publishedEvent(context, params.slug);
    const { db } = services(context);
    const q = normaliseQuery(new URL(request.url).searchParams.get("q"));
    const [library, outcomes] = await Promise.all([listLibrary(db, event, publicReader, { q }), listDocuments(db, event, "public")]);
    const payload = {
      q,
      entries: library.map(entryView),
      outcomes: outcomes
        .filter(({ document }) => !q || matchesOutcome(q, document))
        .map(({ document, revisions }) => ({
          id: document.id,
          symbol: document.symbol,
          title: document.title,
          adoptedAt: revisions.at(-1)?.adoptedAt?.toISOString() ?? null,
        })),
    };
    return data(payload, q ? { headers: { "cache-control": "no-store" } } : undefined);
  });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: Route.MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m?.id === "routes/event/layout")?.loaderData as EventLayoutData | undefined;
  return pageMeta(layout, layout ? createTranslator(layout.uiLang)("library.public.title") : "", "/documents");
};

export default function PublicDocuments({ loaderData }: Route.ComponentProps) {
  const { ctx, fmt, base, event } = useEventData();
  const t = useT();
  const { q, entries, outcomes } = loaderData;
  const links: EntryLinks = {
    document: (e) => `${base}/documents/${symbolPath(e.symbol)}`,
    file: (e, language) => `${base}/documents/${symbolPath(e.symbol)}/${encodeURIComponent(language)}`,
  };
  const outcomeList =
    outcomes.length > 0 ? (
      <ul>
        {outcomes.map((d) => (
          <li key={d.id}>
            <Link to={`${base}/documents/${symbolPath(d.symbol)}`}>
              <span className="symbol">{d.symbol}</span> — <L value={d.title} ctx={ctx} />
            </Link>
            {d.adoptedAt ? <> ({t("negotiation.page.adoptedOn", { date: fmt.dayShort(new Date(d.adoptedAt)) })})</> : null}
          </li>
        ))}
      </ul>
    ) : null;
  // Adopted outcome texts of the negotiation room stand with the library's outcome documents.
  const kinds = documentKinds.filter((kind) => entries.some((e) => e.kind === kind) || (kind === "outcome_document" && outcomes.length > 0));
  const total = entries.length + outcomes.length;
  return (
    <>
      <h1>{t("library.public.title")}</h1>
      <LibrarySearch q={q} action={`${base}/documents`} label={t("library.public.searchLabel")} />
      {q ? (
        <section aria-labelledby="results">
          <h2 id="results" aria-live="polite">
            {t("library.results", { count: total, q })}
          </h2>
          {entries.map((entry) => (
            <LibraryEntry key={entry.id} entry={entry} ctx={ctx} timezone={event.timezone} formatDate={fmt.date} links={links} />
          ))}
          {outcomeList}
        </section>
      ) : total === 0 ? (
        <p>{t("library.public.none")}</p>
      ) : (
        kinds.map((kind) => (
          <section key={kind} aria-labelledby={`kind-${kind}`}>
            <h2 id={`kind-${kind}`}>{t(`library.kinds.${kind}`)}</h2>
            {entries
              .filter((entry) => entry.kind === kind)
              .map((entry) => (
                <LibraryEntry key={entry.id} entry={entry} ctx={ctx} timezone={event.timezone} formatDate={fmt.date} links={links} />
              ))}
            {kind === "outcome_document" ? outcomeList : null}
          </section>
        ))
      )}
    </>
  );
}
