import type { Services } from "../features/shared/services.ts";
import type { Jobs } from "./jobs.ts";
import type { Notifications } from "./notifications.ts";
import type { PageCache } from "./page-cache.ts";

/** The instance as the server holds it: the features' view (features/shared/services.ts) with its concrete parts. */
export interface ServerServices extends Services {
  /** Rendered public pages and shared reads, by event; cleared through `notifications`. */
  cache: PageCache;
  /** Cache invalidation and wake-ups, in this instance and across instances (server/notifications.ts). */
  notifications: Notifications;
  /** Background and scheduled jobs on pg-boss (server/jobs.ts). */
  jobs: Jobs;
}
