import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { createRequestHandler, RouterContextProvider, type ServerBuild } from "react-router";
import { type RequestState, requestContext, servicesContext } from "../app/context.ts";
import { isDatabaseUnavailable, isRefusedValue } from "../db/index.ts";
import { csrfToken, sessionCookieName, userForSessionToken } from "../features/access/auth.ts";
import { bodyLimit } from "../features/api/body-limit.ts";
import { clientAddress } from "../features/api/http.ts";
import { apiRoutes } from "../features/api/routes.ts";
import { badgeRoutes } from "../features/badges/routes.ts";
import { checkinRoutes } from "../features/checkin/routes.ts";
import { libraryFileRoutes } from "../features/documents/file-routes.ts";
import { fileRoutes } from "../features/events/file-routes.ts";
import { feedRoutes } from "../features/feeds/routes.ts";
import { type FileKind, fileRules, formatBytes, maxSizeText } from "../features/files/kinds.ts";
import { hybridRoutes } from "../features/hybrid/routes.ts";
import { liveRoutes } from "../features/live/routes.ts";
import { AppError, BadRequest, isAppError, presentError, TooLarge } from "../features/shared/errors.ts";
import { createTranslator, htmlLang, isInterfaceLanguage, negotiateLanguage, textDirection } from "../i18n/index.ts";
import { isKioskPage, kioskAssetRoutes } from "./kiosk-assets.ts";
import { type CachedPage, canonicalPageUrl, invalidationOf, isAnonymousRead, notModified, notModifiedHeaders } from "./page-cache.ts";
import type { ServerServices as Services } from "./services.ts";

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
type Env = {
  Variables: { pageToStore?: { key: string; mark: number; body: Uint8Array; status: number }; nonce?: string; rendered?: () => void };
};

export function createApp(services: Services, build: ServerBuild) {
  const app = new Hono<Env>();
  const handleDocument = createRequestHandler(build, "production");

  app.onError(async (error, c) => {
    if (isAppError(error)) return c.json(presentError(error, createTranslator(requestLanguage(c))), error.status);
    // Hono's own guards (the cross-site form check) speak through HTTPException.
    if (error instanceof HTTPException) {
      const status = error.status === 403 ? 403 : 400;
      return c.json(presentError(new AppError(status, status === 403 ? "csrf" : "bad_request"), createTranslator(requestLanguage(c))), status);
    }
    if (isRefusedValue(error)) {
      // A value no input check caught and the database refused: the caller's mistake, said without the value.
      console.warn(`value refused by the database: ${c.req.method} ${c.req.routePath}`);
      if (!c.req.path.startsWith("/api/") && !isFeed(c.req.path)) return badRequestPage(uiLanguageOf(c));
      return c.json(presentError(new AppError(422, "value_refused"), createTranslator(requestLanguage(c))), 422);
    }
    if (isDatabaseUnavailable(error) || !(await services.database.ping())) {
      console.error(`database unavailable: ${c.req.method} ${c.req.routePath}`);
      if (!c.req.path.startsWith("/api/") && !isFeed(c.req.path)) return unavailablePage(uiLanguageOf(c));
      return c.json(presentError(new AppError(503, "unavailable"), createTranslator(requestLanguage(c))), 503, {
        "retry-after": "5",
        "cache-control": "no-store",
      });
    }
    console.error("unhandled:", error instanceof Error ? error.stack : error);
    return c.json({ error: { code: "internal", message: createTranslator(requestLanguage(c))("error.internal"), fields: {} } }, 500);
  });

  // Outermost: a page is stored with the headers every other middleware has added (security headers
  // included), so that server/start.ts can answer a hit straight from node:http.
  app.use(async (c, next) => {
    try {
      await next();
      const page = c.get("pageToStore");
      if (!page || c.res.status !== page.status) return;
      const stored = services.cache.set(page.key, page.mark, { body: page.body, headers: Object.fromEntries(c.res.headers), status: c.res.status });
      if (stored) c.res.headers.set("etag", stored.etag);
    } finally {
      // Readers of the same page that arrived during this render now find it stored (or render it themselves).
      c.get("rendered")?.();
    }
  });
  /** Anonymous pages being rendered, by cache key: one render each, however many readers ask at once. */
  const rendering = new Map<string, Promise<void>>();
  // Content-Security-Policy on every answer that has none of its own (files set a sandbox of their own).
  app.use(async (c, next) => {
    await next();
    if (c.res.headers.has("content-security-policy")) return;
    const html = c.res.headers.get("content-type")?.startsWith("text/html");
    c.res.headers.set(
      "content-security-policy",
      html ? pagePolicy(c.get("nonce"), isKioskPage(c.req.path) ? "kiosk" : "page") : "default-src 'none'; frame-ancestors 'none'",
    );
  });
  // Same-origin referrers: links with tokens never leak to other sites, and forms posted without JavaScript keep their Origin header.
  app.use(secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: undefined, xFrameOptions: "DENY", referrerPolicy: "same-origin" }));
  // No address of ours takes a NUL character (`?q=%00`): PostgreSQL cannot hold one in text, so such a
  // request is refused here, before any page or endpoint reads its parameters.
  app.use(async (c, next) => {
    const query = c.req.url.indexOf("?");
    if (query < 0 || !/%00/i.test(c.req.url.slice(query))) return next();
    if (c.req.path.startsWith("/api/") || isFeed(c.req.path)) return c.json(presentError(BadRequest("bad_request"), createTranslator(requestLanguage(c))), 400);
    return badRequestPage(uiLanguageOf(c));
  });
  // Forms and API writes must come from our own pages: a cross-site POST is refused before anything runs.
  // A request with an Authorization header (an API or kiosk token) is not a form: no page of another site
  // can add that header without a CORS preflight, which is never granted. So an integration's POST or
  // DELETE without a body (and without an Origin, as servers send them) is not mistaken for one.
  const sameOrigin = csrf({ origin: (origin, c) => origin === services.config.PUBLIC_URL || sameHost(origin, c.req.header("host")) });
  app.use((c, next) => (c.req.header("authorization") ? next() : sameOrigin(c, next)));
  // A body larger than the page can take is refused before it is read, in the words of the limit that
  // applies: the file's own (features/files/kinds.ts) on pages that take one kind of file, else the request's.
  const limits = new Map<FileKind | null, ReturnType<typeof bodyLimit>>([
    ...uploadPages.map(
      ({ kind }) =>
        [
          kind,
          bodyLimit({
            maxSize: fileRules[kind].maxBytes + formOverheadBytes,
            onError: (c) => refuse(c, TooLarge("upload.too_large", { max: maxSizeText(kind) })),
          }),
        ] as const,
    ),
    [null, bodyLimit({ maxSize: otherFormsMaxBytes, onError: (c) => refuse(c, TooLarge("body.too_large", { max: formatBytes(otherFormsMaxBytes) })) })],
  ]);
  app.use((c, next) => limits.get(uploadKindOf(c.req.path))!(c, next));
  // Staff pages and authenticated API answers carry personal data: no browser or proxy may keep them.
  app.use(async (c, next) => {
    await next();
    const personal = c.req.path.startsWith("/admin") || (c.req.path.startsWith("/api/") && (c.req.header("authorization") || getCookie(c, sessionCookieName)));
    if (personal && !c.res.headers.get("cache-control")?.includes("no-store")) c.res.headers.set("cache-control", "private, no-store");
  });
  // A successful write makes its event's pages and shared reads stale (and the instance-wide pages), here and on other instances.
  app.use(async (c, next) => {
    await next();
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.res.status < 400) services.notifications.invalidate(invalidationOf(c.req.path));
  });

  app.get("/healthz", async (c) => c.json({ status: "ok", database: services.database.kind }));
  app.get("/favicon.ico", (c) => c.body(favicon, 200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" }));
  app.use(
    "/assets/*",
    serveStatic({
      root: path.join(root, "build/client"),
      onFound: (_p, c) => {
        c.header("cache-control", "public, max-age=31536000, immutable");
      },
    }),
  );

  app.route("/", kioskAssetRoutes());
  app.route("/api/v1", liveRoutes(services));
  app.route("/api/v1", badgeRoutes(services));
  app.route("/api/v1", checkinRoutes(services));
  app.route("/", hybridRoutes(services));
  app.route("/api/v1", apiRoutes(services));
  app.route("/", feedRoutes(services));
  app.route("/", fileRoutes(services));
  app.route("/", libraryFileRoutes(services));

  app.all("*", async (c) => {
    const sessionToken = getCookie(c, sessionCookieName);
    // A read of a public page: its data is the same for everyone, signed in or not.
    const publicRead = isAnonymousRead(c.req.method, c.req.path, null);
    const anonymousRead = !sessionToken && publicRead;
    const url = new URL(c.req.url);
    // An anonymous read renders the canonical page (only the query parameters the page reads), under one key.
    const cacheKey = anonymousRead ? canonicalPageUrl(url.pathname + url.search) : url.pathname + url.search;
    const request = anonymousRead && cacheKey !== url.pathname + url.search ? new Request(new URL(cacheKey, url), c.req.raw) : c.req.raw;
    if (anonymousRead) {
      // Usually answered before Hono (server/start.ts); this serves the rest (say, a cookie that only looks like ours).
      const hit = services.cache.get(cacheKey);
      if (hit) return cachedAnswer(c, hit);
      if (c.req.method === "GET") {
        const pending = rendering.get(cacheKey);
        if (pending) {
          // Someone is rendering this page right now (just cleared by a write, or past its time-to-live):
          // wait for it rather than render it once more.
          await pending;
          const rendered = services.cache.get(cacheKey);
          if (rendered) return cachedAnswer(c, rendered);
        } else {
          let done = () => {};
          rendering.set(
            cacheKey,
            new Promise<void>((resolve) => {
              done = resolve;
            }),
          );
          c.set("rendered", () => {
            rendering.delete(cacheKey);
            done();
          });
        }
      }
    }
    const mark = services.cache.mark();
    // Staff pages, the kiosk and a delegate's negotiation room hydrate: their scripts carry a nonce fresh for
    // each answer. Public pages run no script.
    const nonce = c.req.path.startsWith("/admin") || isKioskPage(c.req.path) || isDelegateRoom(c.req.path) ? randomBytes(16).toString("base64") : undefined;
    if (nonce) c.set("nonce", nonce);
    const user = await userForSessionToken(services.db, sessionToken);
    const state: RequestState = {
      user,
      sessionToken: user ? sessionToken : undefined,
      csrf: user && sessionToken ? csrfToken(services.secret, sessionToken) : null,
      client: clientAddress(c, services.config.TRUST_PROXY),
      // Public data comes from the shared reads for every reader (a write to the event clears them on every
      // instance); only the page itself is kept for anonymous readers alone (docs/decisions/0010, addendum).
      sharedReads: publicRead,
      nonce,
    };
    const context = new RouterContextProvider();
    context.set(servicesContext, services);
    context.set(requestContext, state);
    const response = await handleDocument(request, context);
    if (response.status >= 500 && state.failure === "value") return badRequestPage(uiLanguageOf(c));
    if (response.status >= 500 && (state.failure === "database" || !(await services.database.ping()))) {
      return unavailablePage(uiLanguageOf(c));
    }
    // Only a GET stores: the body of a HEAD answer is not the page.
    if (anonymousRead && c.req.method === "GET" && (response.status === 200 || response.status === 404) && isHtml(response) && !isPrivate(response)) {
      const body = new Uint8Array(await response.arrayBuffer());
      const headers = Object.fromEntries(response.headers);
      delete headers["set-cookie"];
      c.set("pageToStore", { key: cacheKey, mark, body, status: response.status });
      return new Response(body as BodyInit, { status: response.status, headers });
    }
    return response;
  });

  return app;
}

/** A stored page, or a 304 when the reader holds it already. */
function cachedAnswer(c: Context, hit: CachedPage): Response {
  if (hit.status === 200 && notModified(c.req.header("if-none-match"), hit.etag)) return new Response(null, { status: 304, headers: notModifiedHeaders(hit) });
  return new Response(hit.body as BodyInit, { status: hit.status, headers: hit.headers });
}

function uiLanguageOf(c: Context): string {
  const first = c.req.path.split("/")[1];
  return isInterfaceLanguage(first) ? first : requestLanguage(c);
}

/** A plain page, translated, that asks the reader to try again: the one thing to show while the database is away. */
function unavailablePage(lang: string): Response {
  const t = createTranslator(lang);
  return plainPage(lang, 503, t("page.unavailable.title"), t("error.unavailable"), null, { "retry-after": "5" });
}

/** A request that carried something no page can use (a value the database refused, a NUL in the address). */
function badRequestPage(lang: string): Response {
  const t = createTranslator(lang);
  return plainPage(lang, 400, t("page.badRequest.title"), t("error.bad_request"), { href: "/", label: t("page.badRequest.home") });
}

/** A page of its own, translated, for the few answers given before React Router runs. */
function plainPage(
  lang: string,
  status: number,
  title: string,
  message: string,
  back: { href: string; label: string } | null,
  headers: Record<string, string> = {},
): Response {
  const link = back ? `<p><a href="${escapeHtml(back.href)}">${escapeHtml(back.label)}</a></p>` : "";
  const html = `<!doctype html><html lang="${htmlLang(lang)}" dir="${textDirection(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${link}</main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers } });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The policy of an HTML page: our own styles, images and fetches only; scripts only with the answer's
 * nonce (staff pages), or none at all (public pages). Style attributes stay allowed: colours of categories
 * and tracks are data; no `<style>` element can be injected.
 */
/** A delegate's documents through their personal link (`/{lang}/e/{slug}/my/{token}/documents…`): live, with selection. */
export const isDelegateRoom = (path: string) => /^\/[^/]+\/e\/[^/]+\/my\/[^/]+\/documents(\/|$)/.test(path);

export function pagePolicy(nonce: string | undefined, kind: "page" | "kiosk" = "page"): string {
  // The kiosk decodes QR codes with WebAssembly, shows photos kept in IndexedDB (blob: URLs) and works offline through its service worker.
  const kiosk = kind === "kiosk";
  return [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}'${kiosk ? " 'wasm-unsafe-eval'" : ""}` : "script-src 'none'",
    ...(kiosk ? ["worker-src 'self'", "manifest-src 'self'", "media-src 'self' blob:"] : []),
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    kiosk ? "img-src 'self' data: blob:" : "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Machine-readable answers (feeds, files) that speak JSON when they fail. */
function isFeed(pathname: string): boolean {
  return /^\/e\/[^/]+\/[^/]+\.(ics|xml|json)$/.test(pathname) || pathname === "/sitemap.xml" || pathname.startsWith("/files/");
}

/** Pages that take one kind of file (app/routes/admin/import.tsx, delegations-import.tsx, organisations.tsx, event-settings.tsx, library-document.tsx; the library's API upload). */
const uploadPages: { path: RegExp; kind: FileKind }[] = [
  { path: /^\/admin\/e\/[^/]+\/library\/\d+\/?$/, kind: "document" },
  { path: /^\/api\/v1\/events\/[^/]+\/library\/\d+\/files\/[^/]+$/, kind: "document" },
  { path: /^\/admin\/e\/[^/]+\/(delegations\/)?import\/?$/, kind: "import" },
  { path: /^\/admin\/e\/[^/]+\/organisations\/?$/, kind: "logo" },
  // The event settings take the event's logo.
  { path: /^\/admin\/e\/[^/]+\/?$/, kind: "logo" },
];
const uploadKindOf = (pathname: string): FileKind | null => uploadPages.find((p) => p.path.test(pathname))?.kind ?? null;
/** What a multipart form adds around its file (boundaries, the other fields). */
const formOverheadBytes = 64 * 1024;
/** Other forms carry at most a letter, or a photo and file answers (5 MB each, checked again by their commands). */
const otherFormsMaxBytes = 6 * 1024 * 1024;

/** The rest of an oversized body is never read: the connection cannot be reused. */
function refuse(c: Context, error: AppError) {
  const lang = uiLanguageOf(c);
  const t = createTranslator(lang);
  // A form posted without JavaScript gets a page that says what the limit is, with the way back; scripts and the API get JSON.
  if (!c.req.path.startsWith("/api/") && c.req.header("accept")?.includes("text/html")) {
    const back = { href: c.req.path, label: t("page.tooLarge.back") };
    return plainPage(lang, 413, t("page.tooLarge.title"), presentError(error, t).error.message, back, { connection: "close" });
  }
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
