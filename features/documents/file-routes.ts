import { type Context, Hono, type Next } from "hono";
import { isInterfaceLanguage } from "../../i18n/index.ts";
import { clientAddress } from "../api/http.ts";
import { type EventRow, findEventBySlug } from "../events/queries.ts";
import { fileResponse } from "../files/respond.ts";
import { fileStore } from "../files/store.ts";
import { isAppError } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import type { LibraryReader } from "./access.ts";
import { fileForReader, libraryDocumentBySymbol, splitDocumentPath } from "./queries.ts";
import { participantReader, publicReader } from "./reader.ts";

/** A language segment as URLs write it (`en`, `uz-Cyrl`); no segment of a symbol ever looks like one (symbols.ts). */
const languageSegment = /\/[a-z]{2,3}(?:-[A-Za-z]{2,4})?$/;

/**
 * A document's file at its stable address, for the public (`/{lang}/e/{slug}/documents/{symbol}/{language}`)
 * and for a participant through their personal link (`/{lang}/e/{slug}/my/{token}/library/{symbol}/{language}`).
 * The reader's access is checked on every download. Anything else (a page, a refusal) goes on to the pages,
 * which render the document or say, translated, why it cannot be read.
 */
export function libraryFileRoutes(services: Services) {
  const app = new Hono();
  const { db } = services;

  /** `readerOf` resolves who reads (a link is looked up only for a path that names a file); null: not here. */
  async function serve(c: Context, next: Next, slug: string, rest: string, readerOf: (event: EventRow) => Promise<LibraryReader | null>) {
    if (!languageSegment.test(rest)) return next();
    let path: string;
    try {
      path = rest.split("/").map(decodeURIComponent).join("/");
    } catch {
      return next();
    }
    const event = await findEventBySlug(db, slug);
    // The page's language is one of the event's or of the interface's, as for every page of the event.
    const lang = c.req.param("lang") ?? "";
    if (!event || !(event.languages.includes(lang) || isInterfaceLanguage(lang))) return next();
    const { symbol, language } = splitDocumentPath(path, event.languages);
    const document = language ? await libraryDocumentBySymbol(db, event.id, symbol) : undefined;
    if (!document || !language) return next();
    try {
      const reader = await readerOf(event);
      if (!reader) return next();
      const file = await fileForReader(db, event, document, language, reader);
      const head = await fileStore.head(db, event.id, file.fileId, ["document"]);
      if (!head) return next();
      return fileResponse(db, c.req.raw, head, {
        disposition: "attachment",
        filename: `${document.symbol.replaceAll("/", "_")}_${language}`,
        // Who may read it can change, and a new version keeps the address: caches ask again each time.
        cacheControl: reader.kind === "public" ? "public, no-cache" : "private, no-store",
      });
    } catch (error) {
      if (isAppError(error)) return next();
      throw error;
    }
  }

  app.get("/:lang/e/:slug/documents/*", async (c, next) => {
    const { slug } = c.req.param();
    const rest = c.req.path.slice(c.req.path.indexOf("/documents/") + "/documents/".length);
    // A draft event has no public pages, nor files.
    return serve(c, next, slug, rest, async (event) => (event.status === "published" ? publicReader : null));
  });

  app.get("/:lang/e/:slug/my/:token/library/*", async (c, next) => {
    const { slug, token } = c.req.param();
    const rest = c.req.path.slice(c.req.path.indexOf("/library/") + "/library/".length);
    return serve(c, next, slug, rest, (event) => participantReader(db, event, token, clientAddress(c, services.config.TRUST_PROXY), new Date()));
  });

  return app;
}
