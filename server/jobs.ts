import { sql } from "drizzle-orm";
import { fromDrizzle, PgBoss } from "pg-boss";
import type { Database } from "../db/index.ts";
import { inPgliteTransaction } from "../db/index.ts";
import { purgeRateLimits } from "../features/access/rate-limit.ts";
import { runPrint } from "../features/badges/print-run.ts";
import { purgeLiveMessages } from "../features/live/publish.ts";
import { concludeSilence } from "../features/negotiation/conclude-silence.ts";
import { closeEndedRegistration } from "../features/registration/close-ended-registration.ts";
import { requeueUnfinishedImports, runImport } from "../features/registration/imports/import-jobs.ts";
import { purgeExpiredPersonalData } from "../features/registration/privacy/retention.ts";
import { type JobData, type JobName, type JobQueue, jobNames } from "../features/shared/jobs.ts";

/** Scheduled work, on pg-boss: the same database as the app, so several instances share one schedule (ADR 0009). */
export const queues = {
  /** Hourly: ID data and photos of events past their retention date (features/registration/privacy/retention.ts). */
  retentionPurge: "retention-purge",
  /** Hourly: rate-limit counters whose window ended over a day ago (features/access/rate-limit.ts). */
  rateLimitPurge: "rate-limit-purge",
  /** Hourly: open registration of events whose last day has ended in their time zone (features/registration/close-ended-registration.ts). */
  registrationClose: "registration-close",
  /** Every ten minutes: live messages older than an hour, kept only for clients that reconnect (features/live/publish.ts). */
  livePurge: "live-purge",
} as const;

export interface Jobs extends JobQueue {
  /** Queues a scheduled job now (a test, or an operator who will not wait for the hour). */
  runNow(queue: (typeof queues)[keyof typeof queues]): Promise<void>;
  /** Resolves once no job of that name is queued, waiting to retry or running (tests and benchmarks). */
  idle(name: JobName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A worker that dies (kill -9, a lost machine) stops refreshing its jobs' heartbeats: after this many
 * seconds without one, pg-boss fails the job and another worker, on any instance, retries it.
 */
const heartbeatSeconds = 10;

/** `afterWrite` gets the events a job changed: their cached pages must forget. */
export async function startJobs(database: Database, afterWrite: (eventIds: number[]) => void | Promise<void>, secret: string): Promise<Jobs> {
  // Supervision every 10 s: a job whose heartbeat stopped is failed, and retried, within half a minute.
  const boss = new PgBoss({ ...database.jobs, schema: "pgboss", superviseIntervalSeconds: 10 });
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
  await boss.createQueue(queues.registrationClose);
  await boss.schedule(queues.registrationClose, "37 * * * *", null, { tz: "UTC", missed: "once" });
  await boss.work(queues.registrationClose, async () => {
    const closed = await closeEndedRegistration(database.db, new Date());
    // The public registration pages of those events must forget they were open.
    if (closed.length) await afterWrite(closed);
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

  // Participants imports: one job per import (a second confirm queues nothing), retried on another worker
  // when this one stops or dies; the import itself resumes after its last committed batch.
  let stopping = false;
  await boss.createQueue(jobNames.registrationImport, {
    policy: "exclusive",
    heartbeatSeconds,
    retryLimit: 20,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 60,
  });
  await boss.work<JobData["registration-import"]>(jobNames.registrationImport, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    const result = await runImport(database.db, job.data.importId, { shouldStop: () => stopping, afterBatch: (eventId) => void afterWrite([eventId]) });
    // Stopped between two batches (this process is shutting down): fail it, so that it is retried.
    if (result === "stopped") throw new Error("stopped before the end; to be resumed");
    // Each batch was a write: the event's counts and public pages (the list of participants) forget.
    if (result) await afterWrite([result.eventId]);
  });

  // Badge print runs: one job per run, resumed after its last stored part (features/badges/print-run.ts).
  await boss.createQueue(jobNames.badgePrint, { policy: "exclusive", heartbeatSeconds, retryLimit: 20, retryDelay: 2, retryBackoff: true, retryDelayMax: 60 });
  await boss.work<JobData["badge-print"]>(jobNames.badgePrint, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    const result = await runPrint(database.db, secret, job.data.batchId, { shouldStop: () => stopping });
    if (result === "stopped") throw new Error("stopped before the end; to be resumed");
  });

  // Silence procedures: one job per revision and deadline, held until the deadline; it adopts the text if
  // nothing broke the silence, and is retried if it ran early (a clock behind the database's).
  await boss.createQueue(jobNames.negotiationSilence, { retryLimit: 50, retryDelay: 5, retryBackoff: true, retryDelayMax: 300 });
  await boss.work<JobData["negotiation-silence"]>(jobNames.negotiationSilence, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    const outcome = await concludeSilence(database.db, job.data.revisionId, new Date());
    if (outcome.result === "early") throw new Error("silence deadline not reached yet");
    if (outcome.result === "adopted") await afterWrite([outcome.eventId]);
  });

  const jobs: Jobs = {
    async send(tx, name, data, options = {}) {
      await boss.send(name, data as object, {
        db: fromDrizzle(tx as never, sql as never),
        singletonKey: options.singletonKey,
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      });
    },
    async runNow(queue) {
      // The embedded database has one connection: pg-boss's own would wait behind an open transaction forever.
      if (inPgliteTransaction()) throw new Error("runNow inside a transaction of the embedded database: queue jobs with send(tx, …)");
      await boss.send(queue, null);
    },
    async idle(name) {
      for (;;) {
        // node-postgres and PGlite both answer with `rows`.
        const result = await database.db.execute(
          sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${name} AND state IN ('created', 'retry', 'active')`,
        );
        if ((result as unknown as { rows: { n: number }[] }).rows[0].n === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      stopping = true;
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
  // Imports a previous process left queued or running, and whose job is gone, get one again.
  await requeueUnfinishedImports(database.db, jobs);
  return jobs;
}
