import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import type { Services } from "../../server/services.ts";
import { NotFound } from "../shared/errors.ts";
import { events, files } from "./schema.ts";

/** `/files/:id`: uploaded logos of published events (checked at upload: real PNG, JPEG or WebP). */
export function fileRoutes(services: Services) {
  const app = new Hono();
  app.get("/files/:id{[0-9]+}", async (c) => {
    const [file] = await services.db.select({ data: files.data, contentType: files.contentType, sha256: files.sha256 })
      .from(files).innerJoin(events, eq(events.id, files.eventId))
      .where(and(eq(files.id, Number(c.req.param("id"))), eq(events.status, "published")));
    if (!file) throw NotFound();
    if (c.req.header("if-none-match") === `"${file.sha256}"`) return c.body(null, 304);
    return c.body(Buffer.from(file.data, "base64"), 200, {
      "content-type": file.contentType,
      etag: `"${file.sha256}"`,
      "cache-control": "public, max-age=3600",
      "x-content-type-options": "nosniff",
    });
  });
  return app;
}
