import { Hono } from "hono";
import { contentDisposition } from "../files/respond.ts";
import { exportRevision, isExportFormat } from "../negotiation/exports/export-revision.ts";
import { documentForReader } from "../negotiation/queries.ts";
import { NotFound } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { negotiationHttp, revisionNumber } from "./negotiation-http.ts";

/**
 * `GET /events/:slug/documents/:documentId/revisions/:number/export.docx|.pdf|.xml?lang=ru&compare=1`: a
 * revision as a file, for the readers who may read it (staff: drafts too; delegates through their link:
 * issued revisions; the public: adopted texts), named with the document's symbol.
 */
export function negotiationExportRoutes(services: Services) {
  const api = new Hono();
  const { db } = services;
  const http = negotiationHttp(services);

  api.get("/events/:slug/documents/:documentId/revisions/:number/:file{export\\.[a-z]+}", async (c) => {
    const format = c.req.param("file").slice("export.".length);
    if (!isExportFormat(format)) throw NotFound();
    const { event, reader } = await http.reader(c);
    const { document } = await documentForReader(db, event, (await http.documentOf(c, event)).id, reader);
    const compare = c.req.query("compare");
    const file = await exportRevision(
      db,
      event,
      document,
      revisionNumber(c.req.param("number")),
      reader,
      { format, lang: c.req.query("lang"), compare: compare === undefined ? null : revisionNumber(compare) },
      services.config.PUBLIC_URL,
    );
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": file.contentType,
      "content-disposition": contentDisposition("attachment", file.filename),
      "x-content-type-options": "nosniff",
      // Who may read a revision depends on who asks; an adopted text never changes, but stays out of shared caches like the rest of the API.
      "cache-control": "private, no-store",
    });
  });

  return api;
}
