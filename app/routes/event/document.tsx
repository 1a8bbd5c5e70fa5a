import { documentView } from "../../../features/negotiation/document-view.ts";
import { documentBySymbol } from "../../../features/negotiation/documents.ts";
import { text as localized } from "../../../features/shared/localized.ts";
import { createTranslator, languageName } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { guard, publishedEvent, services } from "../../server-helpers.ts";
import { L, text } from "../../ui/localized.tsx";
import { apiExportHref, Downloads, ParagraphItem, symbolPath } from "../../ui/negotiation.tsx";
import { CorrigendaSection, LineageSection } from "../../ui/negotiation-lineage.tsx";
import type { Route } from "./+types/document";
import { type EventLayoutData, pageMeta, useEventData } from "./layout.tsx";

// An adopted text at a stable address per symbol and language: /{lang}/e/{slug}/documents/TC/2030/L.1.
// Rendered from the adopted revision's snapshot, like its PDF, DOCX and Akoma Ntoso files.
export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const event = await publishedEvent(context, params.slug);
    const { db } = services(context);
    const document = await documentBySymbol(db, event.id, params["*"] ?? "");
    const view = await documentView(db, event, document.id, "public");
    return { view };
  });
}

export const meta: Route.MetaFunction = ({ matches, loaderData }) => {
  const layout = matches.find((m) => m?.id === "routes/event/layout")?.loaderData as EventLayoutData | undefined;
  const doc = loaderData?.view.document;
  return pageMeta(
    layout,
    doc && layout ? `${doc.symbol} — ${localized(doc.title, layout.lang, layout.event.languages)}` : "",
    doc ? `/documents/${symbolPath(doc.symbol)}` : "/documents",
  );
};

export default function PublicDocument({ loaderData }: Route.ComponentProps) {
  const { view: v } = loaderData;
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
