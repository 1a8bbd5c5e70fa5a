import { PgBoss } from "pg-boss";
import type { Database } from "../db/index.ts";
import { purgeRateLimits } from "../features/access/rate-limit.ts";
import { purgeLiveMessages } from "../features/live/publish.ts";
import { purgeExpiredPersonalData } from "../features/registration/privacy/retention.ts";

/** Scheduled work, on pg-boss: the same database as the app, so several instances share one schedule (ADR 0009). */
export const queues = {
  /** Hourly: ID data and photos of events past their retention date (features/registration/privacy/retention.ts). */
  retentionPurge: "retention-purge",
  /** Hourly: rate-limit counters whose window ended over a day ago (features/access/rate-limit.ts). */
  rateLimitPurge: "rate-limit-purge",
  /** Every ten minutes: live messages older than an hour, kept only for clients that reconnect (features/live/publish.ts). */
  livePurge: "live-purge",
} as const;

export interface Jobs {
  /** Queues a job now (a test, or an operator who will not wait for the hour). */
  runNow(queue: (typeof queues)[keyof typeof queues]): Promise<void>;
  stop(): Promise<void>;
}

/** `afterWrite` gets the events a job changed: their cached pages must forget. */
export async function startJobs(database: Database, afterWrite: (eventIds: number[]) => void | Promise<void>): Promise<Jobs> {
  const boss = new PgBoss({ ...database.jobs, schema: "pgboss" });
  // pg-boss reports failures of its own maintenance here; without a listener they would crash the process.
  boss.on("error", (error) => console.error(`jobs: ${error.message}`));
  await boss.start();
  await boss.createQueue(queues.retentionPurge);
  // After a downtime the purge runs once for the hours it missed, not once per hour.
  await boss.schedule(queues.retentionPurge, "7 * * * *", null, { tz: "UTC", missed: "once" });
  await boss.work(queues.retentionPurge, async () => {
    const purged = await purgeExpiredPersonalData(database.db, new Date());
    if (purged.length) await afterWrite(purged.map((p) => p.eventId));
  });
  await boss.createQueue(queues.livePurge);
  await boss.schedule(queues.livePurge, "*/10 * * * *", null, { tz: "UTC", missed: "once" });
  await boss.work(queues.livePurge, async () => {
    await purgeLiveMessages(database.db, new Date());
  });
  await boss.createQueue(queues.rateLimitPurge);
  await boss.schedule(queues.rateLimitPurge, "23 * * * *", null, { tz: "UTC", missed: "once" });
  await boss.work(queues.rateLimitPurge, async () => {
    await purgeRateLimits(database.db, new Date());
  });
  return {
    async runNow(queue) { await boss.send(queue, null); },
    stop: () => boss.stop({ graceful: true, timeout: 5_000 }),
  };
}
