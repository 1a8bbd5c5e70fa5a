import type { Db } from "../../db/index.ts";
import { currentSeq, type LiveNotice, messagesSince, storedMessage } from "./publish.ts";
import type { LiveMessage, LiveTopic } from "./topics.ts";

export interface LiveHandlers {
  message(message: LiveMessage): void;
  /** Messages were missed and cannot be replayed: the client should reload what it shows. */
  reset(seq: number): void;
  /** Caught up: everything up to `seq` has been sent (or did not concern these topics). */
  ready(seq: number): void;
}

interface Subscription extends LiveHandlers {
  eventId: number;
  topics: ReadonlySet<string>;
  /** The last number this subscriber is known to be up to. */
  last: number;
  /** Live messages held while the subscriber catches up from the table. */
  held: LiveMessage[] | null;
}

/**
 * This instance's followers of live topics, fed by the notifications (server/notifications.ts). A new or
 * reconnecting follower is registered first, then caught up from `live_messages`, then given what arrived
 * meanwhile: nothing is lost between the replay and the live stream, and nothing is sent twice.
 */
export class LiveHub {
  readonly #db: Db;
  readonly #byEvent = new Map<number, Set<Subscription>>();
  /** Deliveries in order of arrival, even when one has to read its message from the table. */
  #queue: Promise<void> = Promise.resolve();

  constructor(db: Db) {
    this.#db = db;
  }

  get subscriberCount(): number {
    let n = 0;
    for (const subs of this.#byEvent.values()) n += subs.size;
    return n;
  }

  /** Follows `topics` of the event from `since` (a Last-Event-ID), or from now. Returns the unsubscribe. */
  async subscribe(eventId: number, topics: readonly LiveTopic[], since: number | null, handlers: LiveHandlers): Promise<() => void> {
    const sub: Subscription = { ...handlers, eventId, topics: new Set(topics), last: 0, held: [] };
    let subs = this.#byEvent.get(eventId);
    if (!subs) this.#byEvent.set(eventId, (subs = new Set()));
    subs.add(sub);
    const unsubscribe = () => {
      subs.delete(sub);
      if (subs.size === 0 && this.#byEvent.get(eventId) === subs) this.#byEvent.delete(eventId);
    };
    try {
      await this.#catchUp(sub, since);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /** A NOTIFY on the live channel. */
  deliver(notice: LiveNotice): void {
    const subs = this.#byEvent.get(notice.e);
    if (!subs || ![...subs].some((s) => s.topics.has(notice.t))) return;
    this.#queue = this.#queue
      .then(async () => {
        const message = notice.d ? ({ seq: notice.s, topic: notice.t, data: notice.d } as LiveMessage) : await storedMessage(this.#db, notice.e, notice.s);
        if (!message) return;
        for (const sub of this.#byEvent.get(notice.e) ?? []) {
          if (sub.topics.has(message.topic)) this.#send(sub, message);
        }
      })
      .catch((error) => console.error("live:", error instanceof Error ? error.message : error));
  }

  /** After the listening connection was lost: notifications may have been missed, so every follower catches up from the table. */
  async recover(): Promise<void> {
    const all = [...this.#byEvent.values()].flatMap((subs) => [...subs]);
    for (const sub of all) sub.held ??= [];
    await Promise.all(
      all.map((sub) =>
        this.#catchUp(sub, sub.last).catch((error) => {
          console.error("live catch-up:", error instanceof Error ? error.message : error);
          sub.held = null;
        }),
      ),
    );
  }

  #send(sub: Subscription, message: LiveMessage) {
    if (sub.held) sub.held.push(message);
    else if (message.seq > sub.last) {
      sub.last = message.seq;
      sub.message(message);
    }
  }

  async #catchUp(sub: Subscription, since: number | null) {
    if (since === null) {
      sub.last = await currentSeq(this.#db, sub.eventId);
    } else {
      const { messages, current, complete } = await messagesSince(this.#db, sub.eventId, [...sub.topics] as LiveTopic[], since);
      if (complete) {
        for (const message of messages) {
          sub.last = message.seq;
          sub.message(message);
        }
        sub.last = Math.max(sub.last, current, since);
      } else {
        sub.last = current;
        sub.reset(current);
      }
    }
    const held = sub.held ?? [];
    sub.held = null;
    for (const message of held) this.#send(sub, message);
    sub.ready(sub.last);
  }
}
