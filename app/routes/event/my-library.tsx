import { useLoaderData } from "react-router";
import { listLibrary } from "../../../features/documents/queries.ts";
import { participantReader } from "../../../features/documents/reader.ts";
import { normaliseQuery } from "../../../features/documents/search.ts";
import { byKind, entryView } from "../../../features/documents/view.ts";
import { getEventBySlug } from "../../../features/events/queries.ts";
import { useT } from "../../i18n.ts";
import { guard, privatePageHeaders, requestState, services } from "../../server-helpers.ts";
import { type EntryLinks, LibraryEntry, LibrarySearch } from "../../ui/library.tsx";
import { symbolPath } from "../../ui/negotiation.tsx";
import type { Route } from "./+types/my-library";
import { useEventData } from "./layout.tsx";

// The documents a participant may read (public ones, and those for accredited participants, their category
// or their delegation), through their personal link: never cached, never indexed.
export const headers = () => privatePageHeaders();
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export async function loader({ params, context, request }: Route.LoaderArgs) {
  return guard(async () => {
    const { db } = services(context);
    const event = await getEventBySlug(db, params.slug);
    const reader = await participantReader(db, event, params.token, requestState(context).client, new Date());
    const q = normaliseQuery(new URL(request.url).searchParams.get("q"));
    const entries = (await listLibrary(db, event, reader, { q })).map(entryView);
    return { q, entries, token: params.token, approved: reader.kind === "participant" && reader.approved };
  });
}

export default function MyLibrary() {
  const { q, entries, token, approved } = useLoaderData<typeof loader>();
  const { ctx, fmt, base, event } = useEventData();
  const t = useT();
  const mine = `${base}/my/${token}/library`;
  const links: EntryLinks = {
    document: (e) => `${mine}/${symbolPath(e.symbol)}`,
    file: (e, language) => `${mine}/${symbolPath(e.symbol)}/${encodeURIComponent(language)}`,
  };
  return (
    <>
      <h1>{t("library.mine.title")}</h1>
      <p className="muted">{t("registration.portal.private")}</p>
      {approved ? null : <p className="alert warning">{t("library.mine.notYet")}</p>}
      <LibrarySearch q={q} action={mine} label={t("library.public.searchLabel")} />
      {q ? <h2 aria-live="polite">{t("library.results", { count: entries.length, q })}</h2> : null}
      {entries.length === 0 && !q ? <p>{t("library.public.none")}</p> : null}
      {q
        ? entries.map((entry) => <LibraryEntry key={entry.id} entry={entry} ctx={ctx} timezone={event.timezone} formatDate={fmt.date} links={links} />)
        : byKind(entries).map((group) => (
            <section key={group.kind} aria-labelledby={`kind-${group.kind}`}>
              <h2 id={`kind-${group.kind}`}>{t(`library.kinds.${group.kind}`)}</h2>
              {group.entries.map((entry) => (
                <LibraryEntry key={entry.id} entry={entry} ctx={ctx} timezone={event.timezone} formatDate={fmt.date} links={links} />
              ))}
            </section>
          ))}
      <p>
        <a href={`${base}/my/${token}`}>{t("library.mine.back")}</a>
      </p>
    </>
  );
}
