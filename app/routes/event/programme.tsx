import { Form, redirect } from "react-router";
import { sessionKinds } from "../../../features/programme/vocabulary.ts";
import { dayKey } from "../../../i18n/format.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { useT } from "../../i18n.ts";
import { guard, publicEventParts, publicProgramme, publishedEvent } from "../../server-helpers.ts";
import { L, text } from "../../ui/localized.tsx";
import type { Route } from "./+types/programme";
import { type EventLayoutData, pageMeta, useEventData } from "./layout.tsx";
import { type CardSession, SessionCard } from "./session-card.tsx";

export async function loader({ params, context, request }: Route.LoaderArgs) {
  return guard(async () => {
    const event = await publishedEvent(context, params.slug);
    const [{ sessions, persons }, parts] = await Promise.all([publicProgramme(context, event), publicEventParts(context, event)]);
    const url = new URL(request.url);
    const search = url.searchParams;
    const filters = { track: Number(search.get("track")) || null, room: Number(search.get("room")) || null, kind: search.get("kind") || null };
    // A track or room that is not the event's (a stale link, or numbers tried at random to fill the page cache):
    // to the page without that filter, which renders nothing new and stores nothing (only pages are kept).
    const unknownTrack = filters.track !== null && !parts.tracks.some((t) => t.id === filters.track);
    const unknownRoom = filters.room !== null && !parts.rooms.some((r) => r.id === filters.room);
    if (unknownTrack || unknownRoom) {
      if (unknownTrack) search.delete("track");
      if (unknownRoom) search.delete("room");
      throw redirect(`${url.pathname}${search.size ? `?${search}` : ""}`);
    }
    const shown = sessions.filter(
      (s) => (!filters.track || s.trackId === filters.track) && (!filters.room || s.roomId === filters.room) && (!filters.kind || s.kind === filters.kind),
    );
    // Loader data is also serialised for hydration (public pages do not use it): send only what the cards show.
    const cards: CardSession[] = shown.map(({ description: _description, updatedAt: _updatedAt, version: _version, ...card }) => card);
    return { sessions: cards, total: sessions.length, persons: persons.map((p) => ({ id: p.id, name: p.name, honorific: p.honorific })), filters };
  });
}

export const meta: Route.MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m?.id === "routes/event/layout")?.loaderData as EventLayoutData | undefined;
  return pageMeta(layout, layout ? createTranslator(layout.uiLang)("programme.title") : "", "/programme");
};

/** Days, each a list of time slots; sessions sharing a start time run in parallel. */
function groupByDay(sessions: CardSession[], timeZone: string) {
  const days = new Map<string, Map<number, CardSession[]>>();
  for (const s of sessions) {
    const day = dayKey(new Date(s.startsAt), timeZone);
    const slots = days.get(day) ?? new Map<number, CardSession[]>();
    const start = new Date(s.startsAt).getTime();
    slots.set(start, [...(slots.get(start) ?? []), s]);
    days.set(day, slots);
  }
  return [...days].map(([day, slots]) => ({ day, slots: [...slots.values()] }));
}

export default function Programme({ loaderData }: Route.ComponentProps) {
  const { event, parts, ctx, fmt, base } = useEventData();
  const t = useT();
  const { sessions, total, persons, filters } = loaderData;
  const days = groupByDay(sessions, event.timezone);
  const personName = (id: number) => {
    const person = persons.find((p) => p.id === id);
    return person ? <L value={person.name} ctx={ctx} /> : null;
  };
  return (
    <>
      <h1>{t("programme.title")}</h1>
      <Form method="get" className="filters no-print" aria-label={t("programme.filters")}>
        <label>
          {t("programme.track")}
          <select name="track" defaultValue={filters.track ?? ""}>
            <option value="">{t("programme.all")}</option>
            {parts.tracks.map((tr) => (
              <option key={tr.id} value={tr.id}>
                {text(tr.name, ctx)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("programme.kind")}
          <select name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">{t("programme.all")}</option>
            {sessionKinds.map((k) => (
              <option key={k} value={k}>
                {t(`session.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("programme.room")}
          <select name="room" defaultValue={filters.room ?? ""}>
            <option value="">{t("programme.all")}</option>
            {parts.rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {text(r.name, ctx)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("programme.apply")}</button>
      </Form>
      <p className="count" role="status">
        {t("programme.count", { shown: sessions.length, total })}
      </p>
      {days.length === 0 ? <p>{t("programme.empty")}</p> : null}
      {days.map(({ day, slots }) => (
        <section key={day} aria-labelledby={`day-${day}`} className="day">
          <h2 id={`day-${day}`}>{fmt.day(new Date(slots[0][0].startsAt))}</h2>
          {slots.map((slot) => (
            <div key={String(slot[0].startsAt)} className={slot.length > 1 ? "slot parallel" : "slot"}>
              {slot.map((s) => (
                <SessionCard
                  key={s.id}
                  session={s}
                  parts={parts}
                  ctx={ctx}
                  base={base}
                  range={fmt.range(new Date(s.startsAt), new Date(s.endsAt))}
                  personName={personName}
                />
              ))}
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
