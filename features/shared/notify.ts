import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";

/**
 * The database notification channels the app listens on (server/notifications.ts), named in one place.
 * A NOTIFY sent inside a transaction is delivered when it commits and dropped when it rolls back, on
 * PostgreSQL and on PGlite alike: a feature signals "after commit" just by notifying in its transaction.
 */
export const channels = {
  /** Pages and shared reads to forget: `{ i: instance, s: event slug | null }` (null: everything). */
  cache: "plenary_cache",
  /** A live message was stored (features/live/publish.ts). */
  live: "plenary_live",
  /** Mail was queued: the outbox worker looks now rather than at its next poll. */
  outbox: "plenary_outbox",
} as const;
export type Channel = (typeof channels)[keyof typeof channels];

/** PostgreSQL refuses a payload of 8000 bytes or more. */
export const maxPayloadBytes = 7900;

export async function notify(db: DbOrTx, channel: Channel, payload = ""): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${channel}, ${payload})`);
}
