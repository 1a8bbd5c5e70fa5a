import { randomBytes } from "node:crypto";
import { inArray } from "drizzle-orm";
import pg from "pg";
import type { Database } from "../db/index.ts";
import { events } from "../features/events/schema.ts";
import type { LiveHub } from "../features/live/hub.ts";
import type { LiveNotice } from "../features/live/publish.ts";
import { type Channel, channels, notify } from "../features/shared/notify.ts";
import type { Invalidation, PageCache } from "./page-cache.ts";

/** How tests and operators find the listening connection in `pg_stat_activity`. */
export const listenerApplicationName = "plenary-listen";

export interface NotificationTargets {
  cache: PageCache;
  live: LiveHub;
  wakeOutbox(): void;
  /** What else an instance keeps of an event until it is written to (kiosk sessions): forget it. */
  forget(slug: string | null): void;
}

/**
 * The one way changes travel inside an instance and between instances (docs/decisions/0010-cache-by-event.md,
 * 0011-live-channel.md). With PostgreSQL it owns one dedicated LISTEN connection, reconnecting with back-off
 * when it is lost; as notifications may have been missed meanwhile, every cache is then cleared and live
 * followers catch up from their table. The embedded database delivers its NOTIFYs in process.
 *
 * - cache: a write clears its event's pages (and kiosk sessions) here at once, and tells the other instances.
 * - live: features/live/publish.ts notifies in the publishing transaction; delivered here after commit.
 * - outbox: features/mail/outbox.ts notifies when it queues mail; the worker looks at once.
 */
export class Notifications {
  readonly #database: Database;
  readonly #targets: NotificationTargets;
  /** Our own cache notices come back to us: this tells them apart. */
  readonly #instance = randomBytes(8).toString("hex");
  #listener: Listener | null = null;
  #onReconnect: (() => void) | null = null;

  private constructor(database: Database, targets: NotificationTargets) {
    this.#database = database;
    this.#targets = targets;
  }

  static async start(database: Database, targets: NotificationTargets, url?: string): Promise<Notifications> {
    const notifications = new Notifications(database, targets);
    const receive = (channel: Channel, payload: string) => notifications.#receive(channel, payload);
    if (database.embedded) {
      const pglite = database.embedded;
      const stops = await Promise.all([channels.live, channels.outbox].map((channel) => pglite.listen(channel, (payload) => receive(channel, payload))));
      notifications.#listener = {
        stop: async () => {
          await Promise.all(stops.map((stop) => stop()));
        },
      };
    } else {
      if (!url) throw new Error("notifications: PostgreSQL needs its URL");
      notifications.#listener = await PostgresListener.connect(url, Object.values(channels), receive, () => notifications.#reconnected());
    }
    return notifications;
  }

  /**
   * After a successful write: forget what it made stale, here at once (the redirect that follows must see the
   * change) and on the other instances by NOTIFY.
   */
  invalidate(what: Invalidation): void {
    if (what === "nothing") return;
    const slug = what === "everything" ? null : what.slug;
    this.#targets.cache.clear(slug);
    this.#targets.forget(slug);
    if (this.#database.kind !== "postgres") return;
    notify(this.#database.db, channels.cache, JSON.stringify({ i: this.#instance, s: slug }))
      // The others' entries still expire (PageCache's TTL); the write itself succeeded.
      .catch((error) => console.error("notify cache:", error instanceof Error ? error.message : error));
  }

  /** Writes made outside a request (a job, an import's batch) name their events by id. */
  async invalidateEvents(eventIds: readonly number[]): Promise<void> {
    if (eventIds.length === 0) return;
    try {
      const rows = await this.#database.db
        .select({ slug: events.slug })
        .from(events)
        .where(inArray(events.id, [...new Set(eventIds)]));
      for (const { slug } of rows) this.invalidate({ slug });
      if (rows.length < new Set(eventIds).size) this.invalidate("everything");
    } catch (error) {
      console.error("invalidate:", error instanceof Error ? error.message : error);
      this.invalidate("everything");
    }
  }

  /** Tests: called after the listening connection was re-established and caches cleared. */
  set onReconnect(callback: (() => void) | null) {
    this.#onReconnect = callback;
  }

  async stop(): Promise<void> {
    await this.#listener?.stop();
    this.#listener = null;
  }

  #receive(channel: Channel, payload: string) {
    try {
      if (channel === channels.outbox) this.#targets.wakeOutbox();
      else if (channel === channels.live) this.#targets.live.deliver(JSON.parse(payload) as LiveNotice);
      else if (channel === channels.cache) {
        const notice = JSON.parse(payload) as { i: string; s: string | null };
        if (notice.i !== this.#instance) {
          this.#targets.cache.clear(notice.s);
          this.#targets.forget(notice.s);
        }
      }
    } catch (error) {
      console.error(`notification on ${channel}:`, error instanceof Error ? error.message : error);
    }
  }

  #reconnected() {
    this.#targets.cache.clear(null);
    this.#targets.forget(null);
    this.#targets.wakeOutbox();
    void this.#targets.live.recover().finally(() => this.#onReconnect?.());
  }
}

interface Listener {
  stop(): Promise<void>;
}

/**
 * A dedicated connection that only LISTENs (a pooled one would be handed to queries and lose its LISTENs).
 * When it ends or fails (a restart, `pg_terminate_backend`, a network cut) it is replaced, with back-off.
 */
class PostgresListener implements Listener {
  readonly #url: string;
  readonly #channels: readonly Channel[];
  readonly #receive: (channel: Channel, payload: string) => void;
  readonly #reconnected: () => void;
  #client: pg.Client | null = null;
  #attempts = 0;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  private constructor(url: string, list: readonly Channel[], receive: (channel: Channel, payload: string) => void, reconnected: () => void) {
    this.#url = url;
    this.#channels = list;
    this.#receive = receive;
    this.#reconnected = reconnected;
  }

  static async connect(url: string, list: readonly Channel[], receive: (channel: Channel, payload: string) => void, reconnected: () => void) {
    const listener = new PostgresListener(url, list, receive, reconnected);
    await listener.#open();
    return listener;
  }

  async #open() {
    const client = new pg.Client({ connectionString: this.#url, application_name: listenerApplicationName });
    // Without an 'error' listener a lost connection would crash the process.
    client.on("error", (error) => this.#lost(client, error));
    client.on("end", () => this.#lost(client));
    client.on("notification", (n) => {
      if (this.#client === client) this.#receive(n.channel as Channel, n.payload ?? "");
    });
    try {
      await client.connect();
      for (const channel of this.#channels) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    if (this.#stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
  }

  #lost(client: pg.Client, error?: Error) {
    if (this.#client !== client) return;
    this.#client = null;
    if (this.#stopped) return;
    console.error(`notifications: listening connection lost${error ? ` (${error.message})` : ""}; reconnecting`);
    client.end().catch(() => {});
    this.#schedule();
  }

  #schedule() {
    // 100 ms, 200 ms, 400 ms … at most 5 s between attempts.
    const delay = Math.min(100 * 2 ** this.#attempts, 5_000);
    this.#attempts++;
    this.#timer = setTimeout(async () => {
      if (this.#stopped) return;
      try {
        await this.#open();
      } catch (error) {
        console.error(`notifications: reconnecting failed (${error instanceof Error ? error.message : error})`);
        this.#schedule();
        return;
      }
      this.#attempts = 0;
      if (!this.#stopped) this.#reconnected();
    }, delay);
  }

  async stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }
}
