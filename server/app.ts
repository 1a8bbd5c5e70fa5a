import path from "node:path";
import { fileURLToPath } from "node:url";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono, type Context } from "hono";
import { getCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";
import { createRequestHandler, RouterContextProvider, type ServerBuild } from "react-router";
import { requestContext, servicesContext, type RequestState } from "../app/context.ts";
import { csrfToken, sessionCookieName, userForSessionToken } from "../features/access/auth.ts";
import { apiRoutes } from "../features/api/routes.ts";
import { fileRoutes } from "../features/events/file-routes.ts";
import { feedRoutes } from "../features/feeds/routes.ts";
import { createTranslator, negotiateLanguage, isInterfaceLanguage } from "../i18n/index.ts";
import { fileRules, formatBytes, maxSizeText, type FileKind } from "../features/files/kinds.ts";
import { AppError, isAppError, presentError, TooLarge } from "../features/shared/errors.ts";
import { HTTPException } from "hono/http-exception";
import { bodyLimit } from "hono/body-limit";
import { isAnonymousRead, notModified, notModifiedHeaders } from "./page-cache.ts";
import type { Services } from "./services.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const favicon = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f4e79"/><path d="M9 24V8h8a5 5 0 0 1 0 10h-4v6z" fill="#fff"/></svg>',
);

/** The language of an error answer: `?lang=`, else `Accept-Language`. */
export function requestLanguage(c: Context): string {
  const asked = c.req.query("lang");
  return isInterfaceLanguage(asked) ? asked : negotiateLanguage(c.req.header("accept-language"));
}

/** A rendered page the catch-all hands to the outermost middleware, to be stored with its final headers. */
type Env = { Variables: { pageToStore?: { key: string; generation: number; body: Uint8Array; status: number } } };

export function createApp(services: Services, build: ServerBuild) {
  const app = new Hono<Env>();
  const handleDocument = createRequestHandler(build, "production");

  app.onError((error, c) => {
    if (isAppError(error)) return c.json(presentError(error, createTranslator(requestLanguage(c))), error.status);
    // Hono's own guards (the cross-site form check) speak through HTTPException.
    if (error instanceof HTTPException) {
      const status = error.status === 403 ? 403 : 400;
      return c.json(presentError(new AppError(status, status === 403 ? "csrf" : "bad_request"), createTranslator(requestLanguage(c))), status);
    }
    console.error("unhandled:", error instanceof Error ? error.stack : error);
    return c.json({ error: { code: "internal", message: createTranslator(requestLanguage(c))("error.internal"), fields: {} } }, 500);
  });

  // Outermost: a page is stored with the headers every other middleware has added (security headers
  // included), so that server/start.ts can answer a hit straight from node:http.
  app.use(async (c, next) => {
    await next();
    const page = c.get("pageToStore");
    if (!page || c.res.status !== page.status) return;
    const stored = services.cache.set(page.key, page.generation, { body: page.body, headers: Object.fromEntries(c.res.headers), status: c.res.status });
    if (stored) c.res.headers.set("etag", stored.etag);
  });
  // Same-origin referrers: links with tokens never leak to other sites, and forms posted without JavaScript keep their Origin header.
  app.use(secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: undefined, xFrameOptions: "DENY", referrerPolicy: "same-origin" }));
  // Forms and API writes must come from our own pages: a cross-site POST is refused before anything runs.
  app.use(csrf({ origin: (origin, c) => origin === services.config.PUBLIC_URL || sameHost(origin, c.req.header("host")) }));
  // A body larger than the page can take is refused before it is read, in the words of the limit that
  // applies: the file's own (features/files/kinds.ts) on pages that take one kind of file, else the request's.
  const limits = new Map<FileKind | null, ReturnType<typeof bodyLimit>>([
    ...uploadPages.map(({ kind }) => [kind, bodyLimit({ maxSize: fileRules[kind].maxBytes + formOverheadBytes, onError: (c) => refuse(c, TooLarge("upload.too_large", { max: maxSizeText(kind) })) })] as const),
    [null, bodyLimit({ maxSize: otherFormsMaxBytes, onError: (c) => refuse(c, TooLarge("body.too_large", { max: formatBytes(otherFormsMaxBytes) })) })],
  ]);
  app.use((c, next) => limits.get(uploadKindOf(c.req.path))!(c, next));
  // Every successful write makes the rendered public pages stale.
  app.use(async (c, next) => {
    await next();
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.res.status < 400) services.cache.clear();
  });

  app.get("/healthz", async (c) => c.json({ status: "ok", database: services.database.kind }));
  app.get("/favicon.ico", (c) => c.body(favicon, 200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" }));
  app.use("/assets/*", serveStatic({ root: path.join(root, "build/client"), onFound: (_p, c) => {
    c.header("cache-control", "public, max-age=31536000, immutable");
  } }));

  app.route("/api/v1", apiRoutes(services));
  app.route("/", feedRoutes(services));
  app.route("/", fileRoutes(services));

  app.all("*", async (c) => {
    const sessionToken = getCookie(c, sessionCookieName);
    const anonymousRead = !sessionToken && isAnonymousRead(c.req.method, c.req.path, null);
    const url = new URL(c.req.url);
    const cacheKey = url.pathname + url.search;
    if (anonymousRead) {
      // Usually answered before Hono (server/start.ts); this serves the rest (say, a cookie that only looks like ours).
      const hit = services.cache.get(cacheKey);
      if (hit && hit.status === 200 && notModified(c.req.header("if-none-match"), hit.etag)) return new Response(null, { status: 304, headers: notModifiedHeaders(hit) });
      if (hit) return new Response(hit.body as BodyInit, { status: hit.status, headers: hit.headers });
    }
    const generation = services.cache.generation;
    const user = await userForSessionToken(services.db, sessionToken);
    const state: RequestState = {
      user,
      sessionToken: user ? sessionToken : undefined,
      csrf: user && sessionToken ? csrfToken(services.secret, sessionToken) : null,
      client: clientAddress(c, services.config.TRUST_PROXY),
      sharedReads: anonymousRead,
    };
    const context = new RouterContextProvider();
    context.set(servicesContext, services);
    context.set(requestContext, state);
    const response = await handleDocument(c.req.raw, context);
    // Only a GET stores: the body of a HEAD answer is not the page.
    if (anonymousRead && c.req.method === "GET" && (response.status === 200 || response.status === 404) && isHtml(response) && !isPrivate(response)) {
      const body = new Uint8Array(await response.arrayBuffer());
      const headers = Object.fromEntries(response.headers);
      delete headers["set-cookie"];
      c.set("pageToStore", { key: cacheKey, generation, body, status: response.status });
      return new Response(body as BodyInit, { status: response.status, headers });
    }
    return response;
  });

  return app;
}

/** Pages that take one kind of file (app/routes/admin/import.tsx, organisations.tsx). */
const uploadPages: { path: RegExp; kind: FileKind }[] = [
  { path: /^\/admin\/e\/[^/]+\/import\/?$/, kind: "import" },
  { path: /^\/admin\/e\/[^/]+\/organisations\/?$/, kind: "logo" },
];
const uploadKindOf = (pathname: string): FileKind | null => uploadPages.find((p) => p.path.test(pathname))?.kind ?? null;
/** What a multipart form adds around its file (boundaries, the other fields). */
const formOverheadBytes = 64 * 1024;
/** Other forms carry at most a letter, or a photo and file answers (5 MB each, checked again by their commands). */
const otherFormsMaxBytes = 6 * 1024 * 1024;

/** The rest of an oversized body is never read: the connection cannot be reused. */
function refuse(c: Context, error: AppError) {
  return c.json(presentError(error, createTranslator(requestLanguage(c))), 413, { connection: "close" });
}

/** Personal pages (reached by a link) say `private, no-store`: they are never kept. */
function isPrivate(response: Response) {
  return /no-store|private/.test(response.headers.get("cache-control") ?? "");
}

function isHtml(response: Response) {
  return response.headers.get("content-type")?.startsWith("text/html") ?? false;
}

/** A page served from this host (reached as localhost or 127.0.0.1 alike) may post to it. */
function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The address rate limits count by. Behind a reverse proxy (TRUST_PROXY=true) every connection comes from the
 * proxy, so the address is the last X-Forwarded-For entry: the one the proxy itself appended.
 */
function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
