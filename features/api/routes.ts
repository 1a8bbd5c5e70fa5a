import { Hono } from "hono";
import type { Services } from "../../server/services.ts";

/** `/api/v1`: filled in by the API module. */
export function apiRoutes(_services: Services) {
  return new Hono();
}
