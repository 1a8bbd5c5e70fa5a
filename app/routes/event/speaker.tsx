import { Link } from "react-router";
import { personSessions } from "../../../features/programme/queries.ts";
import { getPerson } from "../../../features/programme/save-person.ts";
import { useT } from "../../i18n.ts";
import { guard, publishedEvent, services } from "../../server-helpers.ts";
import { L, text } from "../../ui/localized.tsx";
import type { Route } from "./+types/speaker";
import { type EventLayoutData, pageMeta, useEventData } from "./layout.tsx";

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const { db } = services(context);
    const event = await publishedEvent(context, params.slug);
    const person = await getPerson(db, event.id, Number(params.personId));
    const parts = await personSessions(db, person.id);
    return { person, parts };
  });
}

export const meta: Route.MetaFunction = ({ loaderData: data, matches }) => {
  const layout = matches.find((m) => m?.id === "routes/event/layout")?.loaderData as EventLayoutData | undefined;
  if (!data || !layout) return [];
  return pageMeta(layout, text(data.person.name, { lang: layout.lang, fallbacks: layout.event.languages }), `/speakers/${data.person.id}`);
};

export default function Speaker({ loaderData }: Route.ComponentProps) {
  const { person, parts } = loaderData;
  const { ctx, fmt, base } = useEventData();
  const t = useT();
  return (
    <article>
      <p className="breadcrumb">
        <Link to={`${base}/speakers`}>← {t("speakers.title")}</Link>
      </p>
      <h1>
        <L value={person.honorific} ctx={ctx} /> <L value={person.name} ctx={ctx} />
      </h1>
      {text(person.position, ctx) ? <L as="p" value={person.position} ctx={ctx} /> : null}
      {text(person.organisation, ctx) ? <L as="p" value={person.organisation} ctx={ctx} /> : null}
      <h2>{t("speakers.sessions")}</h2>
      <ul>
        {parts.map((s) => (
          <li key={`${s.id}-${s.role}`}>
            {t(`session.roles.${s.role}`)}:{" "}
            <Link to={`${base}/programme/${s.id}`}>
              <L value={s.title} ctx={ctx} />
            </Link>{" "}
            <span className="muted">
              ({fmt.dayShort(new Date(s.startsAt))}, {fmt.range(new Date(s.startsAt), new Date(s.endsAt))})
            </span>
          </li>
        ))}
      </ul>
    </article>
  );
}
