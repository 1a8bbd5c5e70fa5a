import { libraryDocumentBySymbol, relatedForReader, splitDocumentPath, withFiles } from "../../../features/documents/queries.ts";
import { publicReader } from "../../../features/documents/reader.ts";
import { entryView } from "../../../features/documents/view.ts";
import { documentView } from "../../../features/negotiation/document-view.ts";
import { documentBySymbol } from "../../../features/negotiation/documents.ts";
import { NotFound } from "../../../features/shared/errors.ts";
import { text as localized } from "../../../features/shared/localized.ts";
import { createTranslator, languageName } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { guard, publishedEvent, services } from "../../server-helpers.ts";
import { LibraryDocument } from "../../ui/library-document.tsx";
import { L, text } from "../../ui/localized.tsx";
import { apiExportHref, Downloads, ParagraphItem, symbolPath } from "../../ui/negotiation.tsx";
import { CorrigendaSection, LineageSection } from "../../ui/negotiation-lineage.tsx";
import type { Route } from "./+types/document";
import { type EventLayoutData, pageMeta, useEventData } from "./layout.tsx";

// A document at a stable address per symbol and language: /{lang}/e/{slug}/documents/TC/2030/1 (the symbol's
// slashes are path segments). A document of the library shows its files, each at …/TC/2030/1/{language}
// (served by features/documents/file-routes.ts; a refusal falls through to this page, which says why). An
// adopted outcome text is rendered from the adopted revision's snapshot, like its PDF, DOCX and Akoma Ntoso files.
export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const event = await publishedEvent(context, params.slug);
    const { db } = services(context);
    const path = params["*"] ?? "";
    const { symbol, language } = splitDocumentPath(path, event.languages);
    const library = await libraryDocumentBySymbol(db, event.id, symbol);
    if (library) {
      const entry = await withFiles(db, event, library, publicReader);
      // The file would have been served before this page: there is none in that language.
      if (language) throw NotFound("library.file_not_found");
      return { library: { entry: entryView(entry), related: await relatedForReader(db, event, library, publicReader) }, view: null };
    }
    const document = await documentBySymbol(db, event.id, path);
    const view = await documentView(db, event, document.id, "public");
    return { library: null, view };
  });
}

export const meta: Route.MetaFunction = ({ matches, loaderData }) => {
  const layout = matches.find((m) => m?.id === "routes/event/layout")?.loaderData as EventLayoutData | undefined;
  const doc = loaderData?.library?.entry ?? loaderData?.view?.document;
  return pageMeta(
    layout,
    doc && layout ? `${doc.symbol} — ${localized(doc.title, layout.lang, layout.event.languages)}` : "",
    doc ? `/documents/${symbolPath(doc.symbol)}` : "/documents",
  );
};

export default function PublicDocument({ loaderData }: Route.ComponentProps) {
  const { ctx, fmt, base, event } = useEventData();
  if (loaderData.library) {
    const links = {
      document: (e: { symbol: string }) => `${base}/documents/${symbolPath(e.symbol)}`,
      symbol: (symbol: string) => `${base}/documents/${symbolPath(symbol)}`,
      file: (e: { symbol: string }, language: string) => `${base}/documents/${symbolPath(e.symbol)}/${encodeURIComponent(language)}`,
    };
    return (
      <LibraryDocument
        entry={loaderData.library.entry}
        related={loaderData.library.related}
        ctx={ctx}
        timezone={event.timezone}
        formatDate={fmt.date}
        links={links}
      />
    );
  }
  return <OutcomeText view={loaderData.view!} />;
}

function OutcomeText({ view: v }: { view: NonNullable<Route.ComponentProps["loaderData"]["view"]> }) {
  const { ctx, fmt, event } = useEventData();
  const t = useT();
  const tr = createTranslator(ctx.lang);
  const names = (id: number) => text(v.delegations.find((d) => d.id === id)?.name ?? {}, ctx) || `#${id}`;
  const r = v.revision;
  return (
    <>
      <p className="muted">{v.document.symbol}</p>
      <h1>
        <L value={v.document.title} ctx={ctx} />
      </h1>
      <p>
        {r.adoptedAt ? t("negotiation.page.adoptedOn", { date: fmt.dayShort(new Date(r.adoptedAt)) }) : null}
        {r.adoptedBy ? (
          <>
            {" "}
            · <L value={r.adoptedBy} ctx={ctx} />
          </>
        ) : null}
        {r.adoptedHow ? <> · {tr(`negotiation.adoptionMethod.${r.adoptedHow}`)}</> : null}
      </p>
      <p>
        {t("negotiation.page.original", { language: languageName(v.document.negotiatingLanguage) })}
        {r.aligned[ctx.lang] !== undefined && r.aligned[ctx.lang] !== r.number ? <> · {t("negotiation.alignedWith", { number: r.aligned[ctx.lang] })}</> : null}
      </p>
      <ol className="paragraphs">
        {v.paragraphs
          .filter((p) => p.number !== null)
          .map((p) => (
            <ParagraphItem key={p.paragraphId} paragraph={p} lang={ctx.lang} negotiatingLanguage={v.document.negotiatingLanguage} names={names} />
          ))}
      </ol>
      <CorrigendaSection view={v} lang={ctx.lang} languages={ctx.fallbacks} dateOf={(iso) => fmt.dayShort(new Date(iso))} />
      <LineageSection view={v} lang={ctx.lang} languages={ctx.fallbacks} />
      <Downloads href={apiExportHref(event.slug, v.document.id, r.number)} languages={event.languages} />
      {v.statements.length > 0 ? (
        <>
          <h2>{t("negotiation.page.statements")}</h2>
          <ul>
            {v.statements.map((s) => (
              <li key={s.id}>
                <strong>
                  {t(`negotiation.statementKind.${s.kind}`)} — {names(s.delegationId)}
                </strong>{" "}
                <span lang={s.text[ctx.lang] ? ctx.lang : s.originalLanguage}>{s.text[ctx.lang] ?? s.text[s.originalLanguage]}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
