import { useLoaderData } from "react-router";
import { libraryDocumentBySymbol, relatedForReader, splitDocumentPath, withFiles } from "../../../features/documents/queries.ts";
import { participantReader } from "../../../features/documents/reader.ts";
import { entryView } from "../../../features/documents/view.ts";
import { getEventBySlug } from "../../../features/events/queries.ts";
import { NotFound } from "../../../features/shared/errors.ts";
import { useT } from "../../i18n.ts";
import { guard, privatePageHeaders, requestState, services } from "../../server-helpers.ts";
import { LibraryDocument } from "../../ui/library-document.tsx";
import { symbolPath } from "../../ui/negotiation.tsx";
import type { Route } from "./+types/my-library-document";
import { useEventData } from "./layout.tsx";

// One document through a participant's personal link; its files are served at …/{symbol}/{language}
// (features/documents/file-routes.ts), and a refused download falls through to here, which says why.
export const headers = () => privatePageHeaders();
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const { db } = services(context);
    const event = await getEventBySlug(db, params.slug);
    const reader = await participantReader(db, event, params.token, requestState(context).client, new Date());
    const { symbol, language } = splitDocumentPath(params["*"] ?? "", event.languages);
    const document = await libraryDocumentBySymbol(db, event.id, symbol);
    if (!document) throw NotFound("library.document_not_found");
    const entry = await withFiles(db, event, document, reader);
    if (language) throw NotFound("library.file_not_found");
    return { entry: entryView(entry), related: await relatedForReader(db, event, document, reader), token: params.token };
  });
}

export default function MyLibraryDocument() {
  const { entry, related, token } = useLoaderData<typeof loader>();
  const { ctx, fmt, base, event } = useEventData();
  const t = useT();
  const mine = `${base}/my/${token}/library`;
  const links = {
    document: (e: { symbol: string }) => `${mine}/${symbolPath(e.symbol)}`,
    symbol: (symbol: string) => `${mine}/${symbolPath(symbol)}`,
    file: (e: { symbol: string }, language: string) => `${mine}/${symbolPath(e.symbol)}/${encodeURIComponent(language)}`,
  };
  return (
    <>
      <LibraryDocument entry={entry} related={related} ctx={ctx} timezone={event.timezone} formatDate={fmt.date} links={links} />
      <p>
        <a href={mine}>{t("library.mine.title")}</a>
      </p>
    </>
  );
}
