import { and, gte, inArray, like, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { TooManyRequests } from "../shared/errors.ts";
import { rateLimits } from "./schema.ts";

/**
 * Fixed-window counters in the database, so every instance sees the same count.
 * Throws 429 once `limit` hits happened within `windowMs`.
 */
export async function hitRateLimit(db: DbOrTx, key: string, limit: number, windowMs: number, now = new Date()): Promise<void> {
  const count = await countHit(db, key, windowMs, now);
  if (count > limit) throw TooManyRequests();
}

/** Adds one to a counter (a new window when the last one ran out) and returns the count in the window. */
export async function countHit(db: DbOrTx, key: string, windowMs: number, now = new Date()): Promise<number> {
  const windowStart = new Date(now.getTime() - windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < ${windowStart.toISOString()}::timestamptz then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} < ${windowStart.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count });
  return row?.count ?? 1;
}

/**
 * Throws 429 when a counter already holds `limit` hits in its window, without adding one: failures are
 * counted by `countHit` after the fact, so attempts that succeed never use up anyone's allowance.
 */
export async function checkRateLimit(db: DbOrTx, keys: readonly string[], limit: number, windowMs: number, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - windowMs);
  const rows = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(inArray(rateLimits.key, [...keys]), gte(rateLimits.windowStart, since)));
  if (rows.some((r) => r.count >= limit)) throw TooManyRequests();
}

/** Forgets the counters under a prefix (a password was reset: its failed sign-ins no longer count). */
export async function clearRateLimits(db: DbOrTx, prefix: string): Promise<void> {
  await db.delete(rateLimits).where(like(rateLimits.key, `${prefix.replace(/[\\%_]/g, "\\$&")}%`));
}

/** Counters whose window ended long ago are rows nobody reads: the scheduled purge drops them (server/jobs.ts). */
export async function purgeRateLimits(db: DbOrTx, now = new Date(), olderThanMs = 24 * 3_600_000): Promise<number> {
  const rows = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - olderThanMs)))
    .returning({ key: rateLimits.key });
  return rows.length;
}

/**
 * A per-instance counter in memory, for lookups too frequent to write each one to the database (a link
 * page viewed). Several instances each allow `limit`; that bounds guessing just as well, since a link has
 * 256 random bits and the limit only keeps one client from hogging the server.
 */
export class MemoryRateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(limit: number, windowMs: number, maxKeys = 50_000) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
  }

  hit(key: string, now = Date.now()): void {
    let window = this.windows.get(key);
    if (!window || window.start <= now - this.windowMs) {
      if (!window && this.windows.size >= this.maxKeys) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    if (window.count > this.limit) throw TooManyRequests();
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (window.start <= now - this.windowMs) this.windows.delete(key);
    // Under a flood of distinct clients, start afresh rather than grow without bound.
    if (this.windows.size >= this.maxKeys) this.windows.clear();
  }
}
