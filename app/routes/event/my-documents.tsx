import { Link, useLoaderData } from "react-router";
import { getEventBySlug } from "../../../features/events/queries.ts";
import { delegateSeat } from "../../../features/negotiation/proponent.ts";
import { listDocuments } from "../../../features/negotiation/queries.ts";
import { Forbidden } from "../../../features/shared/errors.ts";
import { metaTranslator, useT } from "../../i18n.ts";
import { guard, privatePageHeaders, requestState, services } from "../../server-helpers.ts";
import { L } from "../../ui/localized.tsx";
import { revisionName } from "../../ui/negotiation.tsx";
import type { Route } from "./+types/my-documents";
import { useEventData } from "./layout.tsx";

export const headers = () => privatePageHeaders();
export const meta: Route.MetaFunction = ({ matches }) => [
  { title: metaTranslator(matches)("negotiation.page.documents") },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const { db } = services(context);
    const event = await getEventBySlug(db, params.slug);
    const seat = await delegateSeat(db, event, params.token, requestState(context).client, new Date());
    if (seat.standing === "none") throw Forbidden("negotiation.not_a_delegate");
    const documents = await listDocuments(db, event, "delegate");
    return {
      token: params.token,
      documents: documents
        .filter((d) => d.revisions.length > 0)
        .map(({ document, revisions }) => ({
          id: document.id,
          symbol: document.symbol,
          title: document.title,
          state: document.state,
          latest: revisions.at(-1)!.number,
        })),
    };
  });
}

export default function MyDocuments() {
  const { documents, token } = useLoaderData<typeof loader>();
  const { ctx, base } = useEventData();
  const t = useT();
  return (
    <>
      <h1>{t("negotiation.page.documents")}</h1>
      <p className="muted">{t("registration.portal.private")}</p>
      {documents.length === 0 ? (
        <p>{t("negotiation.page.noDocuments")}</p>
      ) : (
        <ul>
          {documents.map((d) => (
            <li key={d.id}>
              <Link to={`${base}/my/${token}/documents/${d.id}`}>
                {d.symbol} — <L value={d.title} ctx={ctx} />
              </Link>{" "}
              ({revisionName(t, d.latest)} · {t(`negotiation.documentState.${d.state}`)})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
