import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { events } from "../events/schema.ts";
import { sessions } from "../programme/schema.ts";
import { participantForToken } from "../registration/links/portal.ts";
import type { LinkContext } from "../shared/context.ts";
import { AppError, NotFound } from "../shared/errors.ts";
import { toId } from "../shared/validate.ts";
import { onlineJoins, sessionOnline } from "./schema.ts";

/** Whether a participant may join sessions online: accredited (approved), online, or in person where the session allows it. */
export function mayJoinOnline(participant: { status: string }, category: { attendance: string }, online: { allowInPerson: boolean }): boolean {
  return participant.status === "approved" && (category.attendance === "online" || online.allowInPerson);
}

/**
 * A participant follows their personal link to a session: the link is checked, their accreditation too,
 * the join is recorded against it (once per session, however often they come back), and only then is the
 * provider's address given, for a redirect. A channel picks an interpretation language.
 */
export async function joinSession(ctx: LinkContext, token: string, sessionId: unknown, channel: string | null): Promise<string> {
  const id = toId(sessionId);
  // The session and its event first, then the link (a bad link is said to be one, whatever the session),
  // then its online settings: past the link, a refusal can offer the way back to the person's own page.
  const [found] = id
    ? await ctx.db
        .select({ event: events, online: sessionOnline })
        .from(sessions)
        .innerJoin(events, eq(events.id, sessions.eventId))
        .leftJoin(sessionOnline, eq(sessionOnline.sessionId, sessions.id))
        .where(eq(sessions.id, id))
    : [];
  if (!found) throw NotFound("hybrid.no_online_session");
  const { participant, category } = await participantForToken(ctx.db, found.event, token, ctx.client);
  const back = { back: `/${found.event.languages[0]}/e/${found.event.slug}/my/${token}` };
  if (!found.online) throw new AppError(404, "hybrid.no_online_session", { details: back });
  if (!mayJoinOnline(participant, category, found.online)) throw new AppError(403, "hybrid.not_online", { details: back });
  // Sent as the Location header: in its serialised form (spaces and quotes escaped), as the URL parser writes it.
  const target = URL.parse((channel ? found.online.channels.find((c) => c.lang === channel)?.url : found.online.joinUrl) ?? "")?.href;
  if (!target) throw new AppError(404, "hybrid.no_channel", { details: back });
  await ctx.db
    .insert(onlineJoins)
    .values({
      eventId: found.event.id,
      sessionId: found.online.sessionId,
      participantId: participant.id,
      channel,
      firstJoinedAt: ctx.now,
      lastJoinedAt: ctx.now,
    })
    .onConflictDoUpdate({
      target: [onlineJoins.sessionId, onlineJoins.participantId],
      set: { lastJoinedAt: ctx.now, joins: sql`${onlineJoins.joins} + 1`, channel },
    });
  return target;
}

/** The sessions a participant may join online, with their channels' languages (never the addresses). */
export async function onlineSessionsFor(db: DbOrTx, eventId: number, participant: { status: string }, category: { attendance: string }) {
  if (participant.status !== "approved") return [];
  const rows = await db
    .select({
      id: sessions.id,
      title: sessions.title,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      channels: sessionOnline.channels,
      allowInPerson: sessionOnline.allowInPerson,
    })
    .from(sessionOnline)
    .innerJoin(sessions, eq(sessions.id, sessionOnline.sessionId))
    .where(and(eq(sessionOnline.eventId, eventId)))
    .orderBy(asc(sessions.startsAt));
  return rows
    .filter((r) => mayJoinOnline(participant, category, r))
    .map((r) => ({ id: r.id, title: r.title, startsAt: r.startsAt, endsAt: r.endsAt, channels: r.channels.map((c) => c.lang) }));
}

/** Public livestreams by session, for the public programme. */
export async function livestreams(db: DbOrTx, eventId: number): Promise<Map<number, string>> {
  const rows = await db
    .select({ id: sessionOnline.sessionId, url: sessionOnline.livestreamUrl })
    .from(sessionOnline)
    .where(and(eq(sessionOnline.eventId, eventId), sql`${sessionOnline.livestreamUrl} is not null`));
  return new Map(rows.map((r) => [r.id, r.url!]));
}

/** Every session with its online settings (none for sessions not online), for the staff page. */
export async function sessionsWithOnline(db: DbOrTx, eventId: number) {
  return db
    .select({ id: sessions.id, title: sessions.title, startsAt: sessions.startsAt, endsAt: sessions.endsAt, online: sessionOnline })
    .from(sessions)
    .leftJoin(sessionOnline, eq(sessionOnline.sessionId, sessions.id))
    .where(eq(sessions.eventId, eventId))
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
}
