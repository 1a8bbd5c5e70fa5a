import type { Transporter } from "nodemailer";
import type { Database, Db } from "../db/index.ts";
import type { LiveHub } from "../features/live/hub.ts";
import type { ImportRunner } from "../features/registration/imports/import-jobs.ts";
import type { Config } from "./config.ts";
import type { Jobs } from "./jobs.ts";
import type { Notifications } from "./notifications.ts";
import type { PageCache } from "./page-cache.ts";

/** What one running instance holds; passed to every request, never imported as a global. */
export interface Services {
  config: Config;
  database: Database;
  db: Db;
  secret: string;
  mail: Transporter;
  /** Folder of the development SMTP sink, when the app runs one. */
  mailSinkDir: string | null;
  /** Rendered public pages and shared reads, by event; cleared through `notifications`. */
  cache: PageCache;
  /** Cache invalidation and wake-ups, in this instance and across instances (server/notifications.ts). */
  notifications: Notifications;
  /** This instance's followers of live topics (features/live/hub.ts). */
  live: LiveHub;
  /** Bulk imports of participants, run in the background of this process. */
  imports: ImportRunner;
  /** Scheduled jobs on pg-boss (server/jobs.ts). */
  jobs: Jobs;
}
