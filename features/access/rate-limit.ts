import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { TooManyRequests } from "../shared/errors.ts";
import { rateLimits } from "./schema.ts";

/**
 * A fixed-window counter in the database, so every instance sees the same count.
 * Throws 429 once `limit` hits happened within `windowMs`.
 */
export async function hitRateLimit(db: DbOrTx, key: string, limit: number, windowMs: number, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - windowMs);
  const [row] = await db.insert(rateLimits).values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < ${windowStart.toISOString()}::timestamptz then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} < ${windowStart.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count });
  if (row && row.count > limit) throw TooManyRequests();
}
