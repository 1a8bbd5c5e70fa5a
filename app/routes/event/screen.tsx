import { nowAndNext } from "../../../features/programme/now-next.ts";
import { NotFound } from "../../../features/shared/errors.ts";
import { toId } from "../../../features/shared/validate.ts";
import { dayKey, eventFormatter, zonedToUtc } from "../../../i18n/format.ts";
import { htmlLang, interfaceLanguages } from "../../../i18n/index.ts";
import { metaTranslator, useT } from "../../i18n.ts";
import { guard, publishedEvent, services } from "../../server-helpers.ts";
import { text } from "../../ui/localized.tsx";
import type { Route } from "./+types/screen";

/**
 * The venue's screens: "now" and "next" for one room, or for every room in the lobby. Large type, the
 * titles in each of the event's languages, and no script: the page reloads itself every 30 seconds.
 */
export const headers = () => ({ "cache-control": "no-store" });

export const meta: Route.MetaFunction = ({ matches }) => [
  { title: metaTranslator(matches)("screens.title") },
  { httpEquiv: "refresh", content: "30" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const { db } = services(context);
    const event = await publishedEvent(context, params.slug);
    if (!event.languages.includes(params.lang) && !(interfaceLanguages as readonly string[]).includes(params.lang)) throw NotFound();
    const roomId = params.roomId === undefined ? undefined : (toId(params.roomId) ?? 0);
    const at = new Date();
    const day = dayKey(at, event.timezone);
    const dayEnds = new Date(zonedToUtc(`${day}T00:00`, event.timezone)!.getTime() + 86_400_000);
    const rooms = await nowAndNext(db, event.id, at, dayEnds, roomId);
    if (roomId !== undefined && rooms.length === 0) throw NotFound();
    return {
      event: { title: event.title, shortTitle: event.shortTitle, languages: event.languages, timezone: event.timezone },
      lang: params.lang,
      at: at.toISOString(),
      lobby: roomId === undefined,
      rooms: rooms.map((r) => ({
        ...r,
        now: r.now && { ...r.now, startsAt: r.now.startsAt.toISOString(), endsAt: r.now.endsAt.toISOString() },
        next: r.next && { ...r.next, startsAt: r.next.startsAt.toISOString(), endsAt: r.next.endsAt.toISOString() },
      })),
    };
  });
}

export default function Screen({ loaderData }: Route.ComponentProps) {
  const { event, lang, rooms, at, lobby } = loaderData;
  const t = useT();
  const fmt = eventFormatter(lang, event.timezone);
  // The page's language first, then the event's other languages, each marked as such.
  const languages = [lang, ...event.languages.filter((l) => l !== lang)];
  return (
    <main className={`screen ${lobby ? "lobby" : ""}`} id="main">
      <header>
        <h1>
          {lobby
            ? text(event.shortTitle, { lang, fallbacks: event.languages }) || text(event.title, { lang, fallbacks: event.languages })
            : text(rooms[0].roomName, { lang, fallbacks: event.languages })}
        </h1>
        <p className="screen-clock">{fmt.time(new Date(at))}</p>
      </header>
      {rooms.map((room) => (
        <section key={room.roomId} aria-labelledby={`room-${room.roomId}`} className="screen-room">
          {lobby ? (
            <h2 id={`room-${room.roomId}`}>{text(room.roomName, { lang, fallbacks: event.languages })}</h2>
          ) : (
            <h2 id={`room-${room.roomId}`} className="visually-hidden">
              {text(room.roomName, { lang, fallbacks: event.languages })}
            </h2>
          )}
          <div className="screen-slot">
            <p className="screen-label">{t("screens.now")}</p>
            {room.now ? (
              <>
                <p className="screen-time">{fmt.range(new Date(room.now.startsAt), new Date(room.now.endsAt))}</p>
                <Titles value={room.now.title} languages={languages} />
              </>
            ) : (
              <p className="screen-title">{t("screens.nothingNow")}</p>
            )}
          </div>
          <div className="screen-slot">
            <p className="screen-label">{t("screens.next")}</p>
            {room.next ? (
              <>
                <p className="screen-time">{fmt.range(new Date(room.next.startsAt), new Date(room.next.endsAt))}</p>
                <Titles value={room.next.title} languages={languages} />
              </>
            ) : (
              <p className="screen-title">{t("screens.nothingNext")}</p>
            )}
          </div>
        </section>
      ))}
    </main>
  );
}

/** A title in each language that has one, the page's language first and largest. */
function Titles({ value, languages }: { value: Record<string, string>; languages: string[] }) {
  return (
    <>
      {languages
        .filter((l) => value[l])
        .map((l, i) => (
          <p key={l} lang={htmlLang(l)} dir={l === "ar" ? "rtl" : undefined} className={i === 0 ? "screen-title" : "screen-title other"}>
            {value[l]}
          </p>
        ))}
    </>
  );
}
