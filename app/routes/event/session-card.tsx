import { Fragment } from "react";
import { Link } from "react-router";
import type { ProgrammeSession } from "../../../features/programme/queries.ts";
import { useT } from "../../i18n.ts";
import { L, type LocalizeContext } from "../../ui/localized.tsx";
import type { EventLayoutData } from "./layout.tsx";

type Parts = EventLayoutData["parts"];
const roleOrder = ["chair", "moderator", "keynote", "speaker", "video_message"] as const;
/** What a card shows of a session: no description (the programme page leaves it out of its data). */
export type CardSession = Omit<ProgrammeSession, "description" | "updatedAt" | "version">;

export function SessionCard({
  session,
  parts,
  ctx,
  base,
  range,
  personName,
}: {
  session: CardSession;
  parts: Parts;
  ctx: LocalizeContext;
  base: string;
  range: string;
  personName: (id: number) => React.ReactNode;
}) {
  const t = useT();
  const room = parts.rooms.find((r) => r.id === session.roomId);
  const track = parts.tracks.find((tr) => tr.id === session.trackId);
  const organiser = parts.organisations.find((o) => o.id === session.organiserId);
  // Everyone who takes part, by role in the order a programme lists them: the minister speaking at a press
  // conference shows as much as its moderator.
  const groups = roleOrder.map((role) => ({ role, ids: session.people.filter((p) => p.role === role).map((p) => p.personId) })).filter((g) => g.ids.length > 0);
  return (
    <article className={`session kind-${session.kind}`} style={track ? { borderInlineStartColor: track.color } : undefined}>
      <p className="session-meta">
        <time>{range}</time>
        {room ? (
          <>
            {" "}
            · <L value={room.name} ctx={ctx} />
          </>
        ) : null}
        {" · "}
        <span className="kind">{t(`session.kinds.${session.kind}`)}</span>
      </p>
      <h3>
        {session.kind === "break" ? (
          <L value={session.title} ctx={ctx} />
        ) : (
          <Link to={`${base}/programme/${session.id}`}>
            <L value={session.title} ctx={ctx} />
          </Link>
        )}
      </h3>
      {track && session.kind !== "break" ? (
        <p className="track">
          <L value={track.name} ctx={ctx} />
        </p>
      ) : null}
      {organiser ? (
        <p className="organiser">
          {t("session.organisedBy")} <L value={organiser.acronym[ctx.lang] ? organiser.acronym : organiser.name} ctx={ctx} />
        </p>
      ) : null}
      {groups.length > 0 ? (
        <p className="people">
          {groups.map((g, i) => (
            <span key={g.role}>
              {i > 0 ? "; " : ""}
              {t(`session.rolesPlural.${g.role}`, { count: g.ids.length })}:{" "}
              {g.ids.map((id, j) => (
                <Fragment key={id}>
                  {j > 0 ? ", " : ""}
                  {personName(id)}
                </Fragment>
              ))}
            </span>
          ))}
        </p>
      ) : null}
      {session.interpretation.length > 0 ? (
        <p className="languages">{t("session.interpretation", { languages: session.interpretation.map((l) => l.toUpperCase()).join(", ") })}</p>
      ) : null}
    </article>
  );
}
