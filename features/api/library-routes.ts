import { type Context, Hono, type MiddlewareHandler } from "hono";
import { isoWithOffset } from "../../i18n/format.ts";
import { type Actor, can } from "../access/policy.ts";
import { type LibraryReader, readsEverything } from "../documents/access.ts";
import { createLibraryDocument } from "../documents/create-library-document.ts";
import { issueLibraryDocument, setLibraryAccess, updateLibraryDocument, withdrawLibraryDocument } from "../documents/edit-library-document.ts";
import {
  fileForReader,
  fileVersions,
  type LibraryDocumentRow,
  type LibraryFile,
  type ListedDocument,
  listLibrary,
  loadLibraryDocument,
  withFiles,
} from "../documents/queries.ts";
import { participantReader, publicReader, staffReader } from "../documents/reader.ts";
import { symbolPath } from "../documents/symbols.ts";
import { uploadLibraryFile } from "../documents/upload-library-file.ts";
import type { EventRow } from "../events/queries.ts";
import { fileRules, maxSizeText } from "../files/kinds.ts";
import { fileResponse } from "../files/respond.ts";
import { fileStore } from "../files/store.ts";
import { type AppError, Conflict, Forbidden, Invalid, isAppError, NotFound, presentError, TooLarge } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { bodyLimit } from "./body-limit.ts";
import { clientAddress, etag, eventForRequest, eventForWrite, ifMatchVersion, isPlainObject, messageTranslator, readJson } from "./http.ts";
import type { LibraryDocumentOutput, LibraryFileOutput } from "./library-schemas.ts";
import { linkHeader } from "./negotiation-http.ts";

/**
 * The documents library: read by staff (every state), by a participant through their link in the
 * `Plenary-Link` header (what their access allows), by anyone (public documents); written by staff with
 * `library.edit` (a session or a write token). The same commands as the pages.
 */
export function libraryApiRoutes(services: Services, limit: MiddlewareHandler) {
  const api = new Hono();
  const { db } = services;
  const base = `${services.config.PUBLIC_URL}/api/v1/events`;
  const context = (actor: Actor) => ({ db, actor, now: new Date(), publicUrl: services.config.PUBLIC_URL });
  const fileLimit = bodyLimit({
    maxSize: fileRules.document.maxBytes,
    onError: (c) => c.json(presentError(TooLarge("upload.too_large", { max: maxSizeText("document") }), messageTranslator(c)), 413, { connection: "close" }),
  });

  /** Who reads: a participant through the link header, else staff (session or token), else anyone. */
  async function reader(c: Context): Promise<{ event: EventRow; reader: LibraryReader }> {
    const access = await eventForRequest(services, c);
    const token = c.req.header(linkHeader);
    if (token !== undefined) {
      return {
        event: access.event,
        reader: await participantReader(db, access.event, token.trim(), clientAddress(c, services.config.TRUST_PROXY), new Date()),
      };
    }
    return { event: access.event, reader: access.actor ? staffReader(access.actor) : publicReader };
  }

  const documentOf = (c: Context, event: EventRow) => loadLibraryDocument(db, event.id, c.req.param("documentId"));

  function presentFile(event: EventRow, document: LibraryDocumentRow, f: LibraryFile): LibraryFileOutput {
    return {
      language: f.language,
      version: f.version,
      contentType: f.contentType,
      size: f.size,
      filename: f.filename,
      uploadedAt: isoWithOffset(f.uploadedAt, event.timezone),
      url: `${base}/${event.slug}/library/${document.id}/files/${encodeURIComponent(f.language)}?version=${f.version}`,
    };
  }

  async function present(event: EventRow, d: ListedDocument, who: LibraryReader, parentSymbol: string | null): Promise<LibraryDocumentOutput> {
    const staff = readsEverything(who);
    return {
      id: d.id,
      symbol: d.symbol,
      series: d.series,
      parentSymbol,
      suffix: d.suffix,
      kind: d.kind,
      title: d.title,
      summary: d.summary,
      originalLanguage: d.originalLanguage,
      issuedOn: d.issuedOn,
      state: d.state,
      access: d.access,
      ...(staff ? { categoryIds: d.accessCategoryIds, delegationIds: d.accessDelegationIds } : {}),
      publicUrl: `${services.config.PUBLIC_URL}/${event.languages[0]}/e/${event.slug}/documents/${symbolPath(d.symbol)}`,
      files: d.files.map((f) => presentFile(event, d, f)),
      ...(staff ? { versions: (await fileVersions(db, event, d)).map((f) => presentFile(event, d, f)) } : {}),
      version: d.version,
    };
  }

  async function answer(event: EventRow, row: LibraryDocumentRow, who: LibraryReader) {
    const listed = await withFiles(db, event, row, who);
    const parent = row.parentId ? await loadLibraryDocument(db, event.id, row.parentId).catch(() => null) : null;
    return { document: await present(event, listed, who, parent?.symbol ?? null) };
  }

  async function staff(c: Context) {
    const access = await eventForWrite(services, c);
    if (!can(access.actor, "library.edit")) throw Forbidden();
    return { event: access.event, actor: access.actor, ctx: context(access.actor) };
  }

  /** A 409 that shows the document as it is now, so the client can merge its change into it. */
  async function stale(event: EventRow, id: number, who: LibraryReader): Promise<AppError> {
    const current = await loadLibraryDocument(db, event.id, id).catch(() => null);
    return Conflict("conflict.stale", current ? { version: current.version, ...(await answer(event, current, who)) } : { deleted: true });
  }

  /** A versioned write: the version from `If-Match` (or the body), a lost race answered with the document as it is. */
  async function versioned(
    c: Context,
    work: (event: EventRow, document: LibraryDocumentRow, ctx: ReturnType<typeof context>, body: unknown) => Promise<LibraryDocumentRow>,
  ) {
    const { event, actor, ctx } = await staff(c);
    const document = await documentOf(c, event);
    const raw = c.req.header("content-type") ? await readJson(c) : {};
    const version = ifMatchVersion(c, document.version);
    const body = isPlainObject(raw) && version !== undefined ? { ...raw, version } : raw;
    try {
      const saved = await work(event, document, ctx, body);
      return c.json(await answer(event, saved, staffReader(actor)), 200, { etag: etag(saved.version) });
    } catch (error) {
      if (isAppError(error) && error.code === "conflict.stale") throw await stale(event, document.id, staffReader(actor));
      throw error;
    }
  }

  api.get("/events/:slug/library", async (c) => {
    const { event, reader: who } = await reader(c);
    const documents = await listLibrary(db, event, who, { q: c.req.query("q") });
    const symbols = new Map(documents.map((d) => [d.id, d.symbol]));
    return c.json({ documents: await Promise.all(documents.map((d) => present(event, d, who, d.parentId ? (symbols.get(d.parentId) ?? null) : null))) });
  });

  api.post("/events/:slug/library", limit, async (c) => {
    const { event, actor, ctx } = await staff(c);
    const document = await createLibraryDocument(ctx, event, await readJson(c));
    return c.json(await answer(event, document, staffReader(actor)), 201, {
      etag: etag(document.version),
      location: `${base}/${event.slug}/library/${document.id}`,
    });
  });

  api.get("/events/:slug/library/:documentId", async (c) => {
    const { event, reader: who } = await reader(c);
    const document = await documentOf(c, event);
    const body = await answer(event, document, who);
    return c.json(body, 200, { etag: etag(document.version) });
  });

  api.put("/events/:slug/library/:documentId", limit, (c) => versioned(c, (event, document, ctx, body) => updateLibraryDocument(ctx, event, document, body)));
  api.put("/events/:slug/library/:documentId/access", limit, (c) => versioned(c, (event, document, ctx, body) => setLibraryAccess(ctx, event, document, body)));
  api.post("/events/:slug/library/:documentId/issue", limit, (c) =>
    versioned(c, (event, document, ctx, body) => issueLibraryDocument(ctx, event, document, body)),
  );
  api.post("/events/:slug/library/:documentId/withdrawal", limit, (c) =>
    versioned(c, (event, document, ctx, body) => withdrawLibraryDocument(ctx, event, document, body)),
  );

  // The file's bytes are the body (its type read from them, never from the header); its name in `?filename=`.
  api.put("/events/:slug/library/:documentId/files/:language", fileLimit, async (c) => {
    const { event, ctx } = await staff(c);
    const document = await documentOf(c, event);
    const body = c.req.raw.body;
    if (!body) throw Invalid("validation", { file: "upload.empty" });
    const filename = (c.req.query("filename") ?? "").slice(0, 200);
    const saved = await uploadLibraryFile(ctx, event, document, { language: c.req.param("language"), filename, body });
    const file = (await fileVersions(db, event, document)).find((f) => f.id === saved.id)!;
    return c.json({ file: presentFile(event, document, file), textFound: saved.textFound }, 201, {
      location: `${base}/${event.slug}/library/${document.id}/files/${encodeURIComponent(file.language)}?version=${file.version}`,
    });
  });

  api.get("/events/:slug/library/:documentId/files/:language", async (c) => {
    const { event, reader: who } = await reader(c);
    const document = await documentOf(c, event);
    const asked = c.req.query("version");
    const version = asked === undefined ? undefined : /^\d{1,6}$/.test(asked) ? Number(asked) : -1;
    if (version === -1) throw NotFound("library.file_not_found");
    const file = await fileForReader(db, event, document, c.req.param("language"), who, version);
    const head = await fileStore.head(db, event.id, file.fileId, ["document"]);
    if (!head) throw NotFound("library.file_not_found");
    return fileResponse(db, c.req.raw, head, {
      disposition: "attachment",
      filename: `${document.symbol.replaceAll("/", "_")}_${file.language}`,
      cacheControl: "private, no-store",
    });
  });

  return api;
}
