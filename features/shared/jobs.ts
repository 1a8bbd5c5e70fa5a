import type { DbOrTx } from "../../db/index.ts";

/**
 * Background work on pg-boss (server/jobs.ts, docs/decisions/0014-one-job-system.md): every batch job
 * has its name here and its handler registered by the server. Features queue jobs through `JobQueue`,
 * always inside the transaction of the change that asks for them, so a job exists exactly when the change
 * committed.
 */
export const jobNames = {
  /** Runs a confirmed participants import, batch after batch (features/registration/imports/import-jobs.ts). */
  registrationImport: "registration-import",
  /** Renders a badge print run, part after part (features/badges/print-run.ts). */
  badgePrint: "badge-print",
  /** Adopts a revision at the end of its silence procedure, if nothing broke it (features/negotiation/conclude-silence.ts). */
  negotiationSilence: "negotiation-silence",
} as const;
export type JobName = (typeof jobNames)[keyof typeof jobNames];

export interface JobData {
  "registration-import": { importId: number };
  "badge-print": { batchId: number };
  "negotiation-silence": { revisionId: number };
}

export interface JobQueue {
  /**
   * Queues a job in the caller's transaction. `singletonKey` keeps one job per key queued or running
   * (an import confirmed twice runs once). `startAfter` holds the job until that instant (a deadline).
   */
  send<N extends JobName>(tx: DbOrTx, name: N, data: JobData[N], options?: { singletonKey?: string; startAfter?: Date }): Promise<void>;
}
