import { describe, expect, it } from "vitest";
import { invalidationOf, PageCache, scopeOfPath } from "./page-cache.ts";

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
});
