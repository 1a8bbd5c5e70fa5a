import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sessionCookieName } from "../features/access/auth.ts";
import { sessionKinds } from "../features/programme/schema.ts";

export interface CachedPage {
  body: Uint8Array;
  /** The final headers, as the app sent them (security headers included), plus `x-cache: hit`. */
  headers: Record<string, string>;
  status: number;
  etag: string;
}

/** Pages of one event, named by its slug; `instanceScope` holds the rest (home, event list, other 404s). */
export type CacheScope = string;
export const instanceScope: CacheScope = "";

/** What a write makes stale: one event's pages and reads (with the instance-wide pages), everything, or nothing public. */
export type Invalidation = { slug: string } | "everything" | "nothing";

interface Entry extends CachedPage {
  scope: CacheScope;
  expires: number;
  /** Past its time-to-live, one request is rendering it again: the rest still get this one meanwhile. */
  renewing?: boolean;
  /** What the entry holds in memory, as counted against the bound: body, headers and a fixed overhead. */
  bytes: number;
}

/** Per entry, besides its body and headers: the key, the entry object, the Map slot (an estimate). */
const entryOverheadBytes = 256;

/** The size a page is counted at: its body, its headers (name and value, as UTF-16 strings), the overhead. */
export function entryBytes(key: string, body: Uint8Array, headers: Record<string, string>): number {
  let bytes = body.byteLength + entryOverheadBytes + 2 * key.length;
  for (const name in headers) bytes += 2 * (name.length + headers[name].length);
  return bytes;
}

/**
 * Rendered public pages, kept in memory for anonymous readers, keyed by path and query (absolute URLs
 * in pages come from PUBLIC_URL, never from Host), each in the scope of its event. A write clears its
 * event's scope and the instance-wide one (server/notifications.ts; docs/decisions/0010-cache-by-event.md);
 * entries also expire after `ttlMs`, a safety net for a change that reached no invalidation. The pages
 * kept are bounded by their size (`maxBytes`, PAGE_CACHE_MB): past it, the least recently used go first.
 */
export class PageCache {
  /** In order of use, least recent first (a hit moves its entry to the end). */
  readonly #entries = new Map<string, Entry>();
  readonly #reads = new Map<string, { scope: CacheScope; value: Promise<unknown>; expires: number }>();
  readonly #maxBytes: number;
  readonly #maxReads: number;
  readonly #ttlMs: number;
  #bytes = 0;
  /** Counts clears; a render remembers it at its start (`mark()`) and stores only if its scope was not cleared since. */
  #clock = 0;
  #everythingAt = 0;
  readonly #scopeAt = new Map<CacheScope, number>();

  readonly #graceMs: number;

  constructor(options: { maxBytes?: number; maxReads?: number; ttlMs?: number; graceMs?: number } = {}) {
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.#maxReads = options.maxReads ?? 2000;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#graceMs = options.graceMs ?? 5_000;
  }

  /** Taken before a render reads anything: what it renders is current as of this mark. */
  mark(): number {
    return this.#clock;
  }

  get(key: string): CachedPage | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const now = Date.now();
    if (entry.expires <= now) {
      // Past its time-to-live (a safety net: no write announced a change). The first reader renders it
      // again; the others are still answered from this page for up to `graceMs`, instead of every reader
      // of a busy page rendering it at once. A write clears it outright (`clear`), with no such grace.
      if (entry.renewing) {
        this.#delete(key, entry);
      } else {
        entry.renewing = true;
        entry.expires = now + this.#graceMs;
      }
      return undefined;
    }
    // Most recently used: to the end of the order.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, mark: number, value: { body: Uint8Array; headers: Record<string, string>; status: number }): CachedPage | undefined {
    const scope = scopeOfPath(key);
    // A write during rendering makes the page stale before it is stored: drop it.
    if (this.#clearedSince(scope, mark)) return undefined;
    const etag = value.headers.etag ?? `"${createHash("sha1").update(value.body).digest("base64url")}"`;
    const headers: Record<string, string> = {};
    for (const [name, v] of Object.entries(value.headers)) {
      if (!unstored.has(name)) headers[name] = v;
    }
    Object.assign(headers, { etag, "content-length": String(value.body.byteLength), "x-cache": "hit" });
    const bytes = entryBytes(key, value.body, headers);
    const entry: Entry = { body: value.body, headers, status: value.status, etag, scope, expires: Date.now() + this.#ttlMs, bytes };
    const previous = this.#entries.get(key);
    if (previous) this.#delete(key, previous);
    // A page larger than the whole bound is served, never kept.
    if (bytes > this.#maxBytes) return entry;
    for (const [oldest, old] of this.#entries) {
      if (this.#bytes + bytes <= this.#maxBytes) break;
      this.#delete(oldest, old);
    }
    this.#entries.set(key, entry);
    this.#bytes += bytes;
    return entry;
  }

  #delete(key: string, entry: Entry) {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  /**
   * Data behind the pages (an event, its parts, its programme, staff's counts), shared by renders, so that
   * a page not yet cached (another language, a filter) does not query again. `scope` is the slug of the
   * event the value belongs to; a write to that event forgets it. A failed load is not kept. Callers must
   * treat the value as read-only.
   */
  read<T>(scope: CacheScope, key: string, load: () => Promise<T>): Promise<T> {
    const found = this.#reads.get(key);
    if (found && found.expires > Date.now()) return found.value as Promise<T>;
    const loading = load();
    if (this.#reads.size >= this.#maxReads) this.#reads.clear();
    const entry = { scope, value: loading, expires: Date.now() + this.#ttlMs };
    this.#reads.set(key, entry);
    loading.catch(() => {
      if (this.#reads.get(key) === entry) this.#reads.delete(key);
    });
    return loading;
  }

  /** The shared reads of one event, for code that takes a plain memo (features/registration/review/queries.ts `CountMemo`). */
  scoped(slug: CacheScope): { read<T>(key: string, load: () => Promise<T>): Promise<T> } {
    return { read: (key, load) => this.read(slug, key, load) };
  }

  /** Forgets one event's pages and reads, with the instance-wide pages (home, lists of events); null forgets everything. */
  clear(slug: string | null = null) {
    const at = ++this.#clock;
    if (slug === null || this.#scopeAt.size >= 10_000) {
      this.#everythingAt = at;
      this.#scopeAt.clear();
      this.#entries.clear();
      this.#bytes = 0;
      this.#reads.clear();
      return;
    }
    this.#scopeAt.set(slug, at);
    this.#scopeAt.set(instanceScope, at);
    for (const [key, entry] of this.#entries) {
      if (entry.scope === slug || entry.scope === instanceScope) this.#delete(key, entry);
    }
    for (const [key, entry] of this.#reads) {
      if (entry.scope === slug || entry.scope === instanceScope) this.#reads.delete(key);
    }
  }

  /** How many pages are kept (tests). */
  get size(): number {
    return this.#entries.size;
  }

  /** What the kept pages count for against `maxBytes` (tests). */
  get bytes(): number {
    return this.#bytes;
  }

  #clearedSince(scope: CacheScope, mark: number): boolean {
    return this.#everythingAt > mark || (this.#scopeAt.get(scope) ?? 0) > mark;
  }
}

/** The event a page belongs to: `/{lang}/e/{slug}/…`; anything else is instance-wide. */
export function scopeOfPath(pathAndQuery: string): CacheScope {
  const match = /^\/[^/?]+\/e\/([^/?]+)/.exec(pathAndQuery);
  return (match && decodeSegment(match[1])) ?? instanceScope;
}

/** A write changes only what the user's account holds (no public page, no shared read). */
const accountWrite = /^\/admin\/(sign-in|sign-out|locale|forgot|reset\/[^/]+)\/?$/;
/** A kiosk writes scans only: no page and no shared read shows them (staff read counts fresh). */
const kioskWrite = /^\/api\/v1\/kiosk\//;
/** Staff pages and the API name their event in the path; at its root are the event's own settings. */
const staffOrApiWrite = /^\/(?:admin\/e|api\/v1\/events)\/([^/]+)(\/.+)?\/?$/;
/** Public and link pages (registration, a focal point's portal, a participant's own page). */
const publicWrite = /^\/[^/]+\/e\/([^/]+)(?:\/.*)?$/;

/**
 * What a successful write through `path` makes stale. The event's own settings may change its slug,
 * status or title, which instance-wide pages show and a 404 of the new slug was kept for: everything. A
 * write whose event the path does not tell clears everything, the safe default.
 */
export function invalidationOf(path: string): Invalidation {
  if (accountWrite.test(path) || kioskWrite.test(path)) return "nothing";
  const staff = staffOrApiWrite.exec(path);
  const match = staff ?? publicWrite.exec(path);
  if (!match || (staff && !staff[2])) return "everything";
  const slug = decodeSegment(match[1]);
  return slug && /^[a-z0-9][a-z0-9-]*$/.test(slug) ? { slug } : "everything";
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Headers that belong to one response (or one connection), never to a stored page. */
const unstored = new Set(["set-cookie", "date", "connection", "keep-alive", "transfer-encoding", "content-length", "x-cache"]);

/** Whether a request may be answered from the cache: an anonymous read of a page outside /admin and /api. */
export function isAnonymousRead(method: string | undefined, path: string, cookie: string | null | undefined): boolean {
  // The kiosk's page runs script with a nonce fresh for each answer: never a stored copy.
  return (
    (method === "GET" || method === "HEAD") &&
    !hasSessionCookie(cookie) &&
    !path.startsWith("/admin") &&
    !path.startsWith("/api/") &&
    !path.startsWith("/kiosk")
  );
}

/** Any mention of the session cookie sends the request through the app, which reads it properly. */
function hasSessionCookie(cookie: string | null | undefined): boolean {
  return !!cookie && cookie.includes(sessionCookieName);
}

/** `/{lang}/e/{slug}/my/{token}/documents/{id}/revisions/{n}/export.{format}` (app/routes/event/my-document-export.tsx). */
const delegateExportPath = /^\/[a-z]{2,3}(-[A-Za-z]{2,4})?\/e\/[a-z0-9-]+\/my\/[A-Za-z0-9_-]+\/documents\/\d+\/revisions\/\d+\/export\.[a-z]+$/;
const programmePath = /^\/[a-z]{2,3}(-[A-Za-z]{2,4})?\/e\/[a-z0-9-]+\/programme\/?$/;
/** The documents page and a participant's library search with `?q=` (their answers are never stored: `no-store`). */
const documentsPath = /^\/[a-z]{2,3}(-[A-Za-z]{2,4})?\/e\/[a-z0-9-]+\/(documents|my\/[^/]+\/library)\/?$/;
const kinds = new Set<string>(sessionKinds);
const smallId = /^[1-9]\d{0,8}$/;

/** A focal point's page: `/{lang}/e/{slug}/delegation/{token}`. */
const delegationPortalPath = /^\/[^/]+\/e\/[^/]+\/delegation\/[^/]+$/;

/**
 * The URL of the page a public request really asks for: the query parameters that page reads, with values
 * it accepts, in a fixed order; everything else dropped. Random query strings (`?zz=123`) then share the
 * canonical page instead of each rendering and storing a copy that pushes the real pages out.
 */
export function canonicalPageUrl(url: string): string {
  const q = url.indexOf("?");
  if (q === -1) return url;
  const pathname = url.slice(0, q);
  const asked = new URLSearchParams(url.slice(q + 1));
  // A focal point's page opens the form to replace one member (?replace=id); the page is private, never stored.
  if (delegationPortalPath.test(pathname)) {
    const replace = asked.get("replace");
    return replace && smallId.test(replace) ? `${pathname}?replace=${replace}` : pathname;
  }
  const kept = new URLSearchParams();
  if (delegateExportPath.test(pathname)) {
    // A delegate's download (private, never stored): its language and the revision a redline compares with.
    const lang = asked.get("lang");
    const compare = asked.get("compare");
    if (lang && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(lang)) kept.set("lang", lang);
    if (compare && /^\d{1,5}$/.test(compare)) kept.set("compare", compare);
    return kept.size ? `${pathname}?${kept}` : pathname;
  }
  if (documentsPath.test(pathname)) {
    const search = (asked.get("q") ?? "").replace(/\s+/g, " ").trim().slice(0, 200);
    if (search) kept.set("q", search);
    return search ? `${pathname}?${kept.toString()}` : pathname;
  }
  if (!programmePath.test(pathname)) return pathname;
  const track = asked.get("track");
  const room = asked.get("room");
  const kind = asked.get("kind");
  if (track && smallId.test(track)) kept.set("track", track);
  if (room && smallId.test(room)) kept.set("room", room);
  if (kind && kinds.has(kind)) kept.set("kind", kind);
  const search = kept.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/** `If-None-Match` names the stored version: the reader's copy is current. */
export function notModified(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === etag || t === `W/${etag}`;
  });
}

/**
 * Answers a cached page straight from node:http, before Hono and the Fetch API conversion: the cheap
 * path for the common case. Returns false when the request must go through the app.
 */
export function serveFromCache(cache: PageCache, req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url;
  if (url?.charCodeAt(0) !== 47 /* "/" */) return false;
  if (!isAnonymousRead(req.method, url, req.headers.cookie)) return false;
  const hit = cache.get(canonicalPageUrl(url));
  if (!hit) return false;
  if (hit.status === 200 && notModified(req.headers["if-none-match"], hit.etag)) {
    res.writeHead(304, notModifiedHeaders(hit));
    res.end();
    return true;
  }
  // For HEAD, node:http sends the headers (content-length included) and leaves the body out.
  res.writeHead(hit.status, hit.headers);
  res.end(hit.body);
  return true;
}

/** A 304 repeats the validator and the caching headers only. */
export function notModifiedHeaders(hit: CachedPage): Record<string, string> {
  const headers: Record<string, string> = { etag: hit.etag, "x-cache": "hit" };
  for (const name of ["cache-control", "vary", "content-location", "expires"]) {
    if (hit.headers[name]) headers[name] = hit.headers[name];
  }
  return headers;
}
