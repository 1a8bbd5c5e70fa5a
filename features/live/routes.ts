import type { Context } from "hono";
import { Hono } from "hono";
import { clientAddress, eventForRequest } from "../api/http.ts";
import type { EventRow } from "../events/queries.ts";
import { type DelegateSeat, delegateSeat, participantSeat } from "../negotiation/proponent.ts";
import { AppError, BadRequest, isAppError } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { readTicket } from "./ticket.ts";
import { type LiveMessage, type LiveTopic, type LiveViewer, mayFollow, parseTopic } from "./topics.ts";

const maxTopics = 10;
/** Answers that mean a stream's credentials no longer open it. */
const refusals = new Set([401, 403, 404, 410]);

/**
 * `GET /api/v1/events/:slug/live?topics=a,b`: server-sent events of the event's topics. The event is
 * found as the API finds it (drafts for staff only, else 404); each topic is checked against the
 * viewer (features/live/topics.ts). A reconnecting client sends `Last-Event-ID` (or `?since=`) and gets
 * what it missed first. The same check runs again at every heartbeat: a stream whose token was revoked,
 * whose session ended, or whose role or link no longer allows a topic is ended (`event: revoked`), and
 * the browser's reconnect is then refused.
 */
export function liveRoutes(services: Services) {
  const live = new Hono();
  live.get("/events/:slug/live", async (c) => {
    const { event, actor } = await eventForRequest(services, c);
    const topics = requestedTopics(c.req.query("topics"));
    const viewer: LiveViewer = { actor, link: await linkViewer(services, c, event) };
    for (const topic of topics) {
      if (!mayFollow(viewer, topic)) throw new AppError(403, "live.topic_forbidden", { values: { topic } });
    }
    const since = position(c.req.header("last-event-id") ?? c.req.query("since"));
    const mayStillFollow = async () => {
      try {
        const now = await eventForRequest(services, c);
        const viewer: LiveViewer = { actor: now.actor, link: await linkViewer(services, c, now.event) };
        return now.event.id === event.id && topics.every((topic) => mayFollow(viewer, topic));
      } catch (error) {
        // Refused (no such credential, event or right any more): the stream ends. Anything else (the
        // database briefly away, link lookups rate-limited for a crowded address) is no reason to end it.
        return !(isAppError(error) && refusals.has(error.status));
      }
    };
    return c.body(stream(services, event.id, topics, since, mayStillFollow), 200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      // nginx would otherwise hold the stream back in its buffer.
      "x-accel-buffering": "no",
    });
  });
  return live;
}

/**
 * A participant's personal link behind the request: in the `Plenary-Link` header (API clients), or as a
 * ticket the page gave the browser (`?ticket=`, features/live/ticket.ts), since EventSource sends no
 * headers. Only a member of a delegation with a standing counts; a bad link or ticket is refused.
 */
async function linkViewer(services: Services, c: Context, event: EventRow): Promise<LiveViewer["link"]> {
  const header = c.req.header("plenary-link");
  const ticket = c.req.query("ticket");
  let seat: DelegateSeat | null = null;
  if (header !== undefined) seat = await delegateSeat(services.db, event, header.trim(), clientAddress(c, services.config.TRUST_PROXY), new Date());
  else if (ticket !== undefined) {
    const holder = readTicket(services.secret, ticket, event.id);
    if (!holder) throw new AppError(403, "live.ticket_invalid");
    seat = await participantSeat(services.db, event.id, holder.participantId);
    if (seat && seat.delegationId !== holder.delegationId) seat = null;
  }
  if (!seat || seat.standing === "none") return undefined;
  return { purpose: "participant", participantId: seat.participantId, delegationId: seat.delegationId };
}

function requestedTopics(value: string | undefined): LiveTopic[] {
  const names = [
    ...new Set(
      (value ?? "")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  if (names.length === 0 || names.length > maxTopics) throw BadRequest("live.topics_missing");
  return names.map((name) => {
    const topic = parseTopic(name);
    if (!topic) throw new AppError(400, "live.topic_unknown", { values: { topic: name.slice(0, 40) } });
    return topic;
  });
}

/** A Last-Event-ID we gave: a message number. Anything else starts from now. */
function position(value: string | undefined): number | null {
  return value && /^[0-9]{1,10}$/.test(value) ? Number(value) : null;
}

const encoder = new TextEncoder();

function stream(
  services: Services,
  eventId: number,
  topics: LiveTopic[],
  since: number | null,
  mayStillFollow: () => Promise<boolean>,
): ReadableStream<Uint8Array> {
  let closed = false;
  let checking = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  const close = () => {
    closed = true;
    clearInterval(heartbeat);
    unsubscribe?.();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      // How long a browser waits before reconnecting after the stream broke.
      write("retry: 2000\n\n");
      heartbeat = setInterval(() => {
        write(": ping\n\n");
        if (checking || closed) return;
        checking = true;
        void mayStillFollow().then((allowed) => {
          checking = false;
          if (allowed || closed) return;
          write("event: revoked\ndata: {}\n\n");
          close();
          controller.close();
        });
      }, services.config.LIVE_HEARTBEAT_MS);
      services.live
        .subscribe(eventId, topics, since, {
          message: (m: LiveMessage) => write(`id: ${m.seq}\ndata: ${JSON.stringify({ topic: m.topic, data: m.data })}\n\n`),
          reset: (seq) => write(`id: ${seq}\nevent: reset\ndata: {}\n\n`),
          // Moves the browser's Last-Event-ID on, so a reconnect resumes from here even if nothing came yet.
          ready: (seq) => write(`id: ${seq}\nevent: ready\ndata: ${seq}\n\n`),
        })
        .then(
          (stop) => {
            if (closed) stop();
            else unsubscribe = stop;
          },
          (error) => {
            console.error("live:", error instanceof Error ? error.message : error);
            close();
            controller.error(error);
          },
        );
    },
    cancel: close,
  });
}
