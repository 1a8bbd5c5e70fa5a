import type { Transporter } from "nodemailer";
import type { Database, Db } from "../../db/index.ts";
import type { LiveHub } from "../live/hub.ts";
import type { Config } from "./config.ts";
import type { JobQueue } from "./jobs.ts";

/**
 * What one running instance holds, as features and pages see it; passed to every request, never imported
 * as a global. The server's own view (server/services.ts) adds the concrete cache, notifications and jobs.
 */
export interface Services {
  config: Config;
  database: Database;
  db: Db;
  secret: string;
  mail: Transporter;
  /** Folder of the development SMTP sink, when the app runs one. */
  mailSinkDir: string | null;
  /** Public data shared by the renders of anonymous reads, by event (server/page-cache.ts). */
  cache: SharedReads;
  /** This instance's followers of live topics (features/live/hub.ts). */
  live: LiveHub;
  /** Background jobs on pg-boss, queued in the transaction that asks for them (features/shared/jobs.ts). */
  jobs: JobQueue;
}

/** The part of the page cache that loaders use: reads shared until their event is written to. */
export interface SharedReads {
  read<T>(scope: string, key: string, load: () => Promise<T>): Promise<T>;
  scoped(scope: string): { read<T>(key: string, load: () => Promise<T>): Promise<T> };
}
