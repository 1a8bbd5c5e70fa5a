import { Hono } from "hono";
import type { Services } from "../../server/services.ts";

/** Public feeds: `/e/:slug/programme.ics`, `schedule.xml`, `schedule.json`, `/sitemap.xml`, `/robots.txt`. */
export function feedRoutes(_services: Services) {
  return new Hono();
}
