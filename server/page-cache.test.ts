import { describe, expect, it } from "vitest";
import { entryBytes, invalidationOf, PageCache, scopeOfPath } from "./page-cache.ts";

const page = (text: string) => ({ body: new TextEncoder().encode(text), headers: { "content-type": "text/html" }, status: 200 });

describe("what a write makes stale", () => {
  it.each([
    ["/admin/e/tashkent-2022/sessions/12", { slug: "tashkent-2022" }],
    ["/admin/e/tashkent-2022/import", { slug: "tashkent-2022" }],
    ["/api/v1/events/tashkent-2022/sessions", { slug: "tashkent-2022" }],
    ["/en/e/tashkent-2022/register", { slug: "tashkent-2022" }],
    ["/ru/e/tashkent-2022/my/abc", { slug: "tashkent-2022" }],
    ["/en/e/%74ashkent-2022/register", { slug: "tashkent-2022" }],
    // The event's own settings may change its slug, title or status, which other pages show.
    ["/admin/e/tashkent-2022", "everything"],
    ["/admin/e/tashkent-2022/", "everything"],
    ["/admin/events/new", "everything"],
    ["/admin/e/Not%20A%20Slug/sessions", "everything"],
    ["/somewhere/else", "everything"],
    ["/admin/sign-in", "nothing"],
    ["/admin/sign-out", "nothing"],
    ["/admin/locale", "nothing"],
    ["/admin/reset/abc", "nothing"],
    // Scans change no page nor shared read: thousands a second must not clear the cache (nor notify other instances).
    ["/api/v1/kiosk/scans", "nothing"],
  ])("%s", (path, expected) => {
    expect(invalidationOf(path)).toEqual(expected);
  });

  it("files a page under its event, anything else under the instance", () => {
    expect(scopeOfPath("/en/e/tashkent-2022/programme?kind=plenary")).toBe("tashkent-2022");
    expect(scopeOfPath("/uz/e/tashkent-2022")).toBe("tashkent-2022");
    expect(scopeOfPath("/")).toBe("");
    expect(scopeOfPath("/en")).toBe("");
  });
});

describe("the page cache", () => {
  it("clears one event's pages and reads with the instance-wide ones, and keeps the other events'", async () => {
    const cache = new PageCache();
    const mark = cache.mark();
    cache.set("/en/e/one/programme", mark, page("one"));
    cache.set("/en/e/two/programme", mark, page("two"));
    cache.set("/en", mark, page("list"));
    let loads = 0;
    const load = async () => ++loads;
    await cache.read("one", "programme:1", load);
    await cache.read("two", "programme:2", load);
    cache.clear("one");
    expect(cache.get("/en/e/one/programme")).toBeUndefined();
    expect(cache.get("/en")).toBeUndefined();
    expect(cache.get("/en/e/two/programme")).toBeDefined();
    await cache.read("one", "programme:1", load);
    await cache.read("two", "programme:2", load);
    expect(loads).toBe(3);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it("does not store a page rendered while its event (or everything) was written, but does one of another event", () => {
    const cache = new PageCache();
    const mark = cache.mark();
    cache.clear("one");
    expect(cache.set("/en/e/one/programme", mark, page("stale"))).toBeUndefined();
    expect(cache.set("/en", mark, page("stale list"))).toBeUndefined();
    expect(cache.set("/en/e/two/programme", mark, page("fine"))).toBeDefined();
    cache.clear();
    expect(cache.set("/en/e/two/speakers", mark, page("stale"))).toBeUndefined();
    expect(cache.set("/en/e/two/speakers", cache.mark(), page("fresh"))).toBeDefined();
  });

  it("lets entries expire: a safety net for a change no write announced", async () => {
    const cache = new PageCache({ ttlMs: 30 });
    cache.set("/en/e/one", cache.mark(), page("one"));
    let loads = 0;
    await cache.read("one", "k", async () => ++loads);
    expect(cache.get("/en/e/one")).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cache.get("/en/e/one")).toBeUndefined();
    await cache.read("one", "k", async () => ++loads);
    expect(loads).toBe(2);
  });

  it("answers the others from an expired page while one reader renders it again, for a short grace only", async () => {
    const cache = new PageCache({ ttlMs: 30, graceMs: 40 });
    cache.set("/en/e/one", cache.mark(), page("old"));
    await new Promise((resolve) => setTimeout(resolve, 40));
    // The first reader past the time-to-live gets nothing (it renders); the next ones get the old page.
    expect(cache.get("/en/e/one")).toBeUndefined();
    expect(cache.get("/en/e/one")?.body).toEqual(page("old").body);
    // Its new render replaces it.
    cache.set("/en/e/one", cache.mark(), page("new"));
    expect(cache.get("/en/e/one")?.body).toEqual(page("new").body);
    // Expired again, and this time the render never lands: once the grace is over, the page is gone.
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(cache.get("/en/e/one")).toBeUndefined();
    expect(cache.get("/en/e/one")?.body).toEqual(page("new").body);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cache.get("/en/e/one")).toBeUndefined();
    expect(cache.get("/en/e/one")).toBeUndefined();
    // A write clears at once, grace or not.
    cache.set("/en/e/one", cache.mark(), page("again"));
    cache.clear("one");
    expect(cache.get("/en/e/one")).toBeUndefined();
  });

  it("keeps pages within its size in bytes, body and headers counted, forgetting the least recently used first", () => {
    const body = (n: number) => ({
      body: new Uint8Array(n),
      headers: { "content-type": "text/html; charset=utf-8", "x-example": "y".repeat(100) },
      status: 200,
    });
    const size = entryBytes("/en/e/one/a", body(10_000).body, {
      ...body(10_000).headers,
      etag: `"${"e".repeat(27)}"`,
      "content-length": "10000",
      "x-cache": "hit",
    });
    // Room for three pages of this size, not four.
    const cache = new PageCache({ maxBytes: size * 3 + size / 2 });
    const mark = cache.mark();
    for (const name of ["a", "b", "c"]) cache.set(`/en/e/one/${name}`, mark, body(10_000));
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBe(size * 3);
    // "a" is read again: "b" is now the least recently used, and goes when "d" comes.
    expect(cache.get("/en/e/one/a")).toBeDefined();
    cache.set("/en/e/one/d", mark, body(10_000));
    expect(cache.get("/en/e/one/b")).toBeUndefined();
    for (const name of ["a", "c", "d"]) expect(cache.get(`/en/e/one/${name}`)).toBeDefined();
    expect(cache.bytes).toBe(size * 3);
    // A page of twice the size pushes out two of the others, the least recently used ("c", then "d"; "a" was read last but one).
    cache.get("/en/e/one/c");
    cache.get("/en/e/one/d");
    cache.get("/en/e/one/a");
    cache.set("/en/e/one/e", mark, body(20_000 + 1_000));
    expect(cache.get("/en/e/one/c")).toBeUndefined();
    expect(cache.get("/en/e/one/d")).toBeUndefined();
    expect(cache.get("/en/e/one/a")).toBeDefined();
    expect(cache.get("/en/e/one/e")).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(size * 3 + size / 2);
  });

  it("counts the headers too: long headers take the room of body bytes", () => {
    const short = entryBytes("/k", new Uint8Array(100), { a: "b" });
    const long = entryBytes("/k", new Uint8Array(100), { a: "b".repeat(1000) });
    expect(long - short).toBe(2 * 999);
  });

  it("serves but never keeps a page larger than the whole bound, and replacing a page frees its old size", () => {
    const cache = new PageCache({ maxBytes: 5_000 });
    const mark = cache.mark();
    const big = cache.set("/en/e/one/big", mark, page("x".repeat(10_000)));
    expect(big?.body.byteLength).toBe(10_000);
    expect(cache.get("/en/e/one/big")).toBeUndefined();
    expect(cache.bytes).toBe(0);
    cache.set("/en/e/one/p", mark, page("x".repeat(1_000)));
    const once = cache.bytes;
    cache.set("/en/e/one/p", mark, page("y".repeat(1_000)));
    expect(cache.bytes).toBe(once);
    expect(cache.size).toBe(1);
  });

  it("gives back the bytes of what a write clears", () => {
    const cache = new PageCache();
    const mark = cache.mark();
    cache.set("/en/e/one/programme", mark, page("one"));
    cache.set("/en/e/two/programme", mark, page("two"));
    const two = cache.bytes / 2;
    cache.clear("one");
    expect(cache.bytes).toBe(two);
    cache.clear();
    expect(cache.bytes).toBe(0);
  });
});
