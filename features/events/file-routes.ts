import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { fileResponse } from "../files/respond.ts";
import { storedFiles } from "../files/schema.ts";
import { headColumns } from "../files/store.ts";
import { NotFound } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { events } from "./schema.ts";

/** `/files/:id`: public files (logos) of published events; everything else is served by routes that check access. */
export function fileRoutes(services: Services) {
  const app = new Hono();
  app.get("/files/:id{[0-9]+}", async (c) => {
    const id = Number(c.req.param("id"));
    const [file] =
      Number.isSafeInteger(id) && id <= 2_147_483_647
        ? await services.db
            .select(headColumns)
            .from(storedFiles)
            .innerJoin(events, eq(events.id, storedFiles.eventId))
            .where(and(eq(storedFiles.id, id), eq(storedFiles.visibility, "public"), eq(events.status, "published")))
        : [];
    if (!file) throw NotFound();
    return fileResponse(services.db, c.req.raw, file, { disposition: "inline" });
  });
  return app;
}
