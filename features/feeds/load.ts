import type { DbOrTx } from "../../db/index.ts";
import { createTranslator, isInterfaceLanguage, type Translate } from "../../i18n/index.ts";
import { type EventRow, getPublishedEvent, loadEventParts } from "../events/queries.ts";
import { loadProgramme, type ProgrammeSession } from "../programme/queries.ts";
import { NotFound } from "../shared/errors.ts";
import { type Localized, resolveText } from "../shared/localized.ts";

/**
 * `?lang=` of a feed: one of the event's content languages or an interface language; absent, the
 * event's default. Anything else is a 404, as for the pages.
 */
export function feedLanguage(event: Pick<EventRow, "languages">, asked: string | undefined): string {
  if (asked === undefined || asked === "") return event.languages[0];
  if (event.languages.includes(asked) || isInterfaceLanguage(asked)) return asked;
  throw NotFound("language.not_found");
}

export type FeedPerson = Awaited<ReturnType<typeof loadProgramme>>["persons"][number];
export type EventParts = Awaited<ReturnType<typeof loadEventParts>>;

export interface FeedData {
  event: EventRow;
  lang: string;
  parts: EventParts;
  sessions: ProgrammeSession[];
  persons: Map<number, FeedPerson>;
  /** Localized text in the feed's language, falling back to the event's languages in order. */
  text: (value: Localized | null | undefined) => string;
  t: Translate;
  publicUrl: string;
}

/**
 * Whether a string from a URL can be an event slug at all. Checked before any query: PostgreSQL
 * refuses some strings (a NUL byte) with an error that must not become a 500.
 */
export function isSlugShaped(slug: string | undefined): slug is string {
  return !!slug && /^[a-z0-9][a-z0-9-]{0,99}$/.test(slug);
}

/** A published event with everything a feed shows, in one language. */
export async function loadFeed(db: DbOrTx, publicUrl: string, slug: string, askedLang: string | undefined): Promise<FeedData> {
  if (!isSlugShaped(slug)) throw NotFound("event.not_found");
  const event = await getPublishedEvent(db, slug);
  const lang = feedLanguage(event, askedLang);
  const [parts, programme] = await Promise.all([loadEventParts(db, event.id), loadProgramme(db, event.id)]);
  return {
    event,
    lang,
    parts,
    sessions: programme.sessions,
    persons: new Map(programme.persons.map((p) => [p.id, p])),
    text: (value) => resolveText(value, lang, event.languages).text,
    t: createTranslator(lang),
    publicUrl,
  };
}

/** The public page of a session, in the feed's language. */
export function sessionPageUrl(feed: Pick<FeedData, "publicUrl" | "lang" | "event">, sessionId: number): string {
  return `${feed.publicUrl}/${feed.lang}/e/${feed.event.slug}/programme/${sessionId}`;
}

/** Session ids in URLs are positive integers that fit the database's integer column. */
export function parseId(raw: string | undefined): number | null {
  if (!raw || !/^[1-9][0-9]{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : null;
}

/** People of a session by role, in programme order: `Chair: A; Speakers: B, C`. */
export function peopleLines(feed: FeedData, session: ProgrammeSession): string[] {
  const byRole = new Map<string, string[]>();
  for (const link of session.people) {
    const person = feed.persons.get(link.personId);
    if (!person) continue;
    const name = [feed.text(person.honorific), feed.text(person.name)].filter(Boolean).join(" ");
    byRole.set(link.role, [...(byRole.get(link.role) ?? []), name]);
  }
  return [...byRole].map(([role, names]) => `${feed.t(`session.rolesPlural.${role}`, { count: names.length })}: ${names.join(", ")}`);
}
