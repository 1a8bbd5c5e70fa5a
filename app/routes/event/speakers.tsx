import { Link } from "react-router";
import { createTranslator } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { guard, publicProgramme, publishedEvent } from "../../server-helpers.ts";
import { L, text } from "../../ui/localized.tsx";
import type { Route } from "./+types/speakers";
import { type EventLayoutData, pageMeta, useEventData } from "./layout.tsx";

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const event = await publishedEvent(context, params.slug);
    const { sessions, persons } = await publicProgramme(context, event);
    // Everyone who has a part in the programme, each with the sessions they take part in.
    const speaking = persons
      .map((person) => ({
        person,
        sessions: sessions
          .filter((s) => s.people.some((p) => p.personId === person.id))
          .map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, role: s.people.find((p) => p.personId === person.id)!.role })),
      }))
      .filter((entry) => entry.sessions.length > 0);
    return { speaking };
  });
}

export const meta: Route.MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m?.id === "routes/event/layout")?.loaderData as EventLayoutData | undefined;
  return pageMeta(layout, layout ? createTranslator(layout.uiLang)("speakers.title") : "", "/speakers");
};

export default function Speakers({ loaderData }: Route.ComponentProps) {
  const { ctx, fmt, base } = useEventData();
  const t = useT();
  return (
    <>
      <h1>{t("speakers.title")}</h1>
      <p role="status">{t("speakers.count", { count: loaderData.speaking.length })}</p>
      <ul className="speakers">
        {loaderData.speaking.map(({ person, sessions }) => (
          <li key={person.id}>
            <h2>
              <Link to={`${base}/speakers/${person.id}`}>
                <L value={person.honorific} ctx={ctx} /> <L value={person.name} ctx={ctx} />
              </Link>
            </h2>
            {text(person.position, ctx) || text(person.organisation, ctx) ? (
              <p>{[text(person.position, ctx), text(person.organisation, ctx)].filter(Boolean).join(", ")}</p>
            ) : null}
            <ul>
              {sessions.map((s) => (
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
          </li>
        ))}
      </ul>
    </>
  );
}
