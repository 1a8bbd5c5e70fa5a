// A browser's EventSource cannot send headers, and a personal link must never travel in a URL (logs keep
// URLs). A page reached through a participant's link therefore gets a ticket: who the link resolved to,
// for one event, until an expiry, signed with the instance secret. It grants following that event's
// topics a link holder may follow (features/live/topics.ts), nothing else, and names no link.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface TicketHolder {
  eventId: number;
  participantId: number;
  delegationId: number;
}

/** Twelve hours: a day of negotiations; the page gets a fresh one on every load. */
const lifetimeMs = 12 * 60 * 60 * 1000;

const sign = (secret: string, body: string) => createHmac("sha256", `live-ticket:${secret}`).update(body).digest("base64url");

export function liveTicket(secret: string, holder: TicketHolder, now = new Date()): string {
  const body = `${holder.eventId}.${holder.participantId}.${holder.delegationId}.${Math.floor((now.getTime() + lifetimeMs) / 1000)}`;
  return `${body}.${sign(secret, body)}`;
}

/** The holder a ticket names, if it is intact, of this event and not expired; null otherwise. */
export function readTicket(secret: string, ticket: string, eventId: number, now = new Date()): TicketHolder | null {
  const match = /^([1-9]\d{0,9})\.([1-9]\d{0,9})\.([1-9]\d{0,9})\.(\d{1,12})\.([\w-]{43})$/.exec(ticket);
  if (!match) return null;
  const body = ticket.slice(0, ticket.lastIndexOf("."));
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(match[5]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Number(match[1]) !== eventId || Number(match[4]) * 1000 <= now.getTime()) return null;
  return { eventId, participantId: Number(match[2]), delegationId: Number(match[3]) };
}
