import { Link } from "react-router";
import { listDocuments } from "../../../features/negotiation/queries.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { guard, publishedEvent, services } from "../../server-helpers.ts";
import { L } from "../../ui/localized.tsx";
import { symbolPath } from "../../ui/negotiation.tsx";
import type { Route } from "./+types/documents";
import { type EventLayoutData, pageMeta, useEventData } from "./layout.tsx";

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const event = await publishedEvent(context, params.slug);
    const documents = await listDocuments(services(context).db, event, "public");
    return {
      documents: documents.map(({ document, revisions }) => ({
        id: document.id,
        symbol: document.symbol,
        title: document.title,
        adoptedAt: revisions.at(-1)?.adoptedAt?.toISOString() ?? null,
      })),
    };
  });
}

export const meta: Route.MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m?.id === "routes/event/layout")?.loaderData as EventLayoutData | undefined;
  return pageMeta(layout, layout ? createTranslator(layout.uiLang)("negotiation.page.adoptedTexts") : "", "/documents");
};

export default function PublicDocuments({ loaderData }: Route.ComponentProps) {
  const { ctx, fmt, base } = useEventData();
  const t = useT();
  return (
    <>
      <h1>{t("negotiation.page.adoptedTexts")}</h1>
      {loaderData.documents.length === 0 ? (
        <p>{t("negotiation.page.noAdopted")}</p>
      ) : (
        <ul>
          {loaderData.documents.map((d) => (
            <li key={d.id}>
              <Link to={`${base}/documents/${symbolPath(d.symbol)}`}>
                {d.symbol} — <L value={d.title} ctx={ctx} />
              </Link>
              {d.adoptedAt ? <> ({t("negotiation.page.adoptedOn", { date: fmt.dayShort(new Date(d.adoptedAt)) })})</> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
