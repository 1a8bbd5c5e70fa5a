import { Link } from "react-router";
import { livestreams } from "../../../features/hybrid/join-session.ts";
import { sessionPersons } from "../../../features/programme/queries.ts";
import { getSession } from "../../../features/programme/save-session.ts";
import { languageName } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { guard, publishedEvent, services } from "../../server-helpers.ts";
import { L, text } from "../../ui/localized.tsx";
import type { Route } from "./+types/session";
import { type EventLayoutData, pageMeta, useEventData } from "./layout.tsx";

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const { db } = services(context);
    const event = await publishedEvent(context, params.slug);
    const session = await getSession(db, event.id, Number(params.sessionId));
    const [people, streams] = await Promise.all([sessionPersons(db, session.id), livestreams(db, event.id)]);
    // Only the public livestream: the meeting's own address goes to accredited participants, never here.
    return { session, people, livestream: streams.get(session.id) ?? null };
  });
}

export const meta: Route.MetaFunction = ({ loaderData: data, matches }) => {
  const layout = matches.find((m) => m?.id === "routes/event/layout")?.loaderData as EventLayoutData | undefined;
  if (!data || !layout) return [];
  const ctx = { lang: layout.lang, fallbacks: layout.event.languages };
  return pageMeta(layout, text(data.session.title, ctx), `/programme/${data.session.id}`, text(data.session.description, ctx));
};

const roleOrder = ["chair", "moderator", "keynote", "video_message", "speaker"] as const;

export default function SessionPage({ loaderData }: Route.ComponentProps) {
  const { session, people, livestream } = loaderData;
  const { event, parts, ctx, fmt, base, lang } = useEventData();
  const t = useT();
  const room = parts.rooms.find((r) => r.id === session.roomId);
  const track = parts.tracks.find((tr) => tr.id === session.trackId);
  const organiser = parts.organisations.find((o) => o.id === session.organiserId);
  return (
    <article>
      <p className="breadcrumb">
        <Link to={`${base}/programme`}>← {t("programme.title")}</Link>
      </p>
      <L as="h1" value={session.title} ctx={ctx} />
      <dl className="facts">
        <div>
          <dt>{t("session.when")}</dt>
          <dd>
            {fmt.day(new Date(session.startsAt))},{" "}
            <time dateTime={new Date(session.startsAt).toISOString()}>{fmt.range(new Date(session.startsAt), new Date(session.endsAt))}</time>
          </dd>
        </div>
        {room ? (
          <div>
            <dt>{t("session.room")}</dt>
            <dd>
              <L value={room.name} ctx={ctx} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("session.kind")}</dt>
          <dd>{t(`session.kinds.${session.kind}`)}</dd>
        </div>
        {livestream ? (
          <div>
            <dt>{t("hybrid.public.livestream")}</dt>
            <dd>
              <a href={livestream} rel="noopener">
                {t("hybrid.public.watch")}
              </a>
            </dd>
          </div>
        ) : null}
        {track ? (
          <div>
            <dt>{t("session.track")}</dt>
            <dd>
              <L value={track.name} ctx={ctx} />
            </dd>
          </div>
        ) : null}
        {organiser ? (
          <div>
            <dt>{t("session.organisedBy")}</dt>
            <dd>
              <L value={organiser.name} ctx={ctx} />
            </dd>
          </div>
        ) : null}
        {session.workingLanguage ? (
          <div>
            <dt>{t("session.workingLanguage")}</dt>
            <dd>{languageName(session.workingLanguage)}</dd>
          </div>
        ) : null}
        {session.interpretation.length > 0 ? (
          <div>
            <dt>{t("session.interpretationInto")}</dt>
            <dd>{session.interpretation.map((l) => languageName(l)).join(", ")}</dd>
          </div>
        ) : null}
      </dl>
      <L as="p" value={session.description} ctx={ctx} className="lead" />
      {roleOrder.map((role) => {
        const inRole = people.filter((p) => p.role === role);
        if (inRole.length === 0) return null;
        return (
          <section key={role} aria-labelledby={`role-${role}`}>
            <h2 id={`role-${role}`}>{t(`session.rolesPlural.${role}`, { count: inRole.length })}</h2>
            <ul className="people-list">
              {inRole.map(({ person }) => (
                <li key={person.id}>
                  <Link to={`${base}/speakers/${person.id}`}>
                    <L value={person.honorific} ctx={ctx} /> <L value={person.name} ctx={ctx} />
                  </Link>
                  {text(person.position, ctx) ? (
                    <>
                      , <L value={person.position} ctx={ctx} />
                    </>
                  ) : null}
                  {text(person.organisation, ctx) ? (
                    <>
                      , <L value={person.organisation} ctx={ctx} />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <p className="no-print">
        <a className="button secondary" href={`/e/${event.slug}/programme/${session.id}.ics?lang=${lang}`} download>
          {t("session.addToCalendar")}
        </a>
      </p>
    </article>
  );
}
