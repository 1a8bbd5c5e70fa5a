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

/**
 * Rendered public pages, kept in memory for anonymous readers, keyed by path and query (absolute URLs
 * in pages come from PUBLIC_URL, never from Host). Any successful write clears it (see app.ts); with
 * several instances on one PostgreSQL the clear travels by NOTIFY (start.ts).
 */
export class PageCache {
  private entries = new Map<string, CachedPage>();
  private reads = new Map<string, Promise<unknown>>();
  private readonly maxEntries: number;
  generation = 0;

  constructor(maxEntries = 2000) {
    this.maxEntries = maxEntries;
  }

  get(key: string): CachedPage | undefined {
    return this.entries.get(key);
  }

  set(key: string, generation: number, value: { body: Uint8Array; headers: Record<string, string>; status: number }): CachedPage | undefined {
    // A write during rendering makes the page stale before it is stored: drop it.
    if (generation !== this.generation) return undefined;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const etag = value.headers.etag ?? `"${createHash("sha1").update(value.body).digest("base64url")}"`;
    const headers: Record<string, string> = {};
    for (const [name, v] of Object.entries(value.headers)) {
      if (!unstored.has(name)) headers[name] = v;
    }
    Object.assign(headers, { etag, "content-length": String(value.body.byteLength), "x-cache": "hit" });
    const entry = { body: value.body, headers, status: value.status, etag };
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Public data behind the pages (an event, its parts, its programme), shared by the renders of anonymous
   * reads, so that a page not yet cached (another language, a filter) does not query again. Cleared with
   * the pages; a failed load is not kept. Callers must treat the value as read-only.
   */
  read<T>(key: string, load: () => Promise<T>): Promise<T> {
    let value = this.reads.get(key) as Promise<T> | undefined;
    if (!value) {
      const loading = load();
      value = loading;
      if (this.reads.size >= this.maxEntries) this.reads.clear();
      this.reads.set(key, loading);
      loading.catch(() => {
        if (this.reads.get(key) === loading) this.reads.delete(key);
      });
    }
    return value;
  }

  clear() {
    this.generation++;
    this.entries.clear();
    this.reads.clear();
  }
}

/** Headers that belong to one response (or one connection), never to a stored page. */
const unstored = new Set(["set-cookie", "date", "connection", "keep-alive", "transfer-encoding", "content-length", "x-cache"]);

/** Whether a request may be answered from the cache: an anonymous read of a page outside /admin and /api. */
export function isAnonymousRead(method: string | undefined, path: string, cookie: string | null | undefined): boolean {
  return (method === "GET" || method === "HEAD") && !hasSessionCookie(cookie) && !path.startsWith("/admin") && !path.startsWith("/api/");
}

/** Any mention of the session cookie sends the request through the app, which reads it properly. */
function hasSessionCookie(cookie: string | null | undefined): boolean {
  return !!cookie && cookie.includes(sessionCookieName);
}

const programmePath = /^\/[a-z]{2,3}(-[A-Za-z]{2,4})?\/e\/[a-z0-9-]+\/programme\/?$/;
const kinds = new Set<string>(sessionKinds);
const smallId = /^[1-9]\d{0,8}$/;

/**
 * The URL of the page a public request really asks for: the query parameters that page reads, with values
 * it accepts, in a fixed order; everything else dropped. Random query strings (`?zz=123`) then share the
 * canonical page instead of each rendering and storing a copy that pushes the real pages out.
 */
export function canonicalPageUrl(url: string): string {
  const q = url.indexOf("?");
  if (q === -1) return url;
  const pathname = url.slice(0, q);
  if (!programmePath.test(pathname)) return pathname;
  const asked = new URLSearchParams(url.slice(q + 1));
  const kept = new URLSearchParams();
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
  if (!url || url.charCodeAt(0) !== 47 /* "/" */) return false;
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
