import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/server.ts";
import { staff } from "../test/staff.ts";
import { canonicalPageUrl } from "./page-cache.ts";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.stop();
});

describe("canonical page URLs", () => {
  it.each([
    ["/en/e/x/programme?zz=123", "/en/e/x/programme"],
    ["/en/e/x/programme?kind=side_event&zz=1", "/en/e/x/programme?kind=side_event"],
    ["/en/e/x/programme?room=2&track=1", "/en/e/x/programme?track=1&room=2"],
    ["/en/e/x/programme?track=abc&kind=nonsense&room=99999999999", "/en/e/x/programme"],
    ["/en/e/x?page=2", "/en/e/x"],
    ["/ru/e/x/speakers?track=1", "/ru/e/x/speakers"],
    ["/en/e/x/programme", "/en/e/x/programme"],
    [
      "/en/e/x/my/tok_en-1/documents/3/revisions/2/export.pdf?zz=1&compare=1&lang=ru",
      "/en/e/x/my/tok_en-1/documents/3/revisions/2/export.pdf?lang=ru&compare=1",
    ],
    ["/en/e/x/my/t/documents/3/revisions/2/export.docx?lang=<x>&compare=last", "/en/e/x/my/t/documents/3/revisions/2/export.docx"],
    ["/en/e/x/my/t/documents/3?lang=ru", "/en/e/x/my/t/documents/3"],
    // The documents' search keeps its words (whitespace folded), and nothing else.
    ["/en/e/x/documents?q=water++management&zz=1", "/en/e/x/documents?q=water+management"],
    ["/en/e/x/documents?q=%20%20", "/en/e/x/documents"],
    ["/ru/e/x/my/abc/library?q=%D0%B1%D0%B5%D0%B9%D0%B4%D0%B6", "/ru/e/x/my/abc/library?q=%D0%B1%D0%B5%D0%B9%D0%B4%D0%B6"],
    ["/en/e/x/documents/TC/2022/1?q=x", "/en/e/x/documents/TC/2022/1"],
  ])("%s → %s", (url, canonical) => {
    expect(canonicalPageUrl(url)).toBe(canonical);
  });
});

describe("random query strings", () => {
  it("get the canonical page from the cache instead of a new render each", async () => {
    const first = await app.fetch("/en/e/tashkent-2022/programme");
    expect(first.status).toBe(200);
    const canonical = await first.text();
    for (let i = 0; i < 20; i++) {
      const res = await app.fetch(`/en/e/tashkent-2022/programme?zz=${Math.random()}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-cache")).toBe("hit");
      expect(await res.text()).toBe(canonical);
    }
  });

  it("render a page not yet cached as the canonical page: no stray parameter is echoed in its links", async () => {
    const res = await app.fetch("/en/e/tashkent-2022/speakers?zz=evil");
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).not.toContain("zz=evil");
    const again = await app.fetch("/en/e/tashkent-2022/speakers?yy=2");
    expect(again.headers.get("x-cache")).toBe("hit");
  });

  it("keep the filters a page reads", async () => {
    const side = await (await app.fetch("/en/e/tashkent-2022/programme?kind=side_event&zz=1")).text();
    const all = await (await app.fetch("/en/e/tashkent-2022/programme")).text();
    expect(side).not.toBe(all);
    expect(side).toContain('href="/ru/e/tashkent-2022/programme?kind=side_event"');
  });
});

describe("a filter naming no track or room of the event", () => {
  it("redirects to the page without it, renders nothing and stores nothing", async () => {
    const programme = await (await app.fetch("/en/e/tashkent-2022/programme")).text();
    const room = Number(/<select name="room"[\s\S]*?<option value="(\d+)"/.exec(programme)?.[1]);
    expect(room).toBeGreaterThan(0);
    const kept = await app.fetch(`/en/e/tashkent-2022/programme?room=${room}`, { redirect: "manual" });
    expect(kept.status).toBe(200);

    const stored = { size: app.services.cache.size, bytes: app.services.cache.bytes };
    for (let i = 0; i < 20; i++) {
      const res = await app.fetch(`/en/e/tashkent-2022/programme?room=${900_000_000 + i}&kind=side_event`, { redirect: "manual" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/en/e/tashkent-2022/programme?kind=side_event");
    }
    expect({ size: app.services.cache.size, bytes: app.services.cache.bytes }).toEqual(stored);

    const track = await app.fetch(`/ru/e/tashkent-2022/programme?track=987654321&room=${room}`, { redirect: "manual" });
    expect(track.status).toBe(302);
    expect(track.headers.get("location")).toBe(`/ru/e/tashkent-2022/programme?room=${room}`);
    // Followed, the redirect lands on the page it names.
    const followed = await app.fetch("/en/e/tashkent-2022/programme?room=987654321", { redirect: "follow" });
    expect(followed.status).toBe(200);
    expect(await followed.text()).toBe(programme);
  });
});

describe("staff pages with personal data", () => {
  it("say private, no-store", async () => {
    const organiser = await staff(app, { email: "organiser@example.org" });
    for (const path of ["/admin", "/admin/e/tashkent-2022", "/admin/e/tashkent-2022/registrations", "/admin/e/tashkent-2022/delegations"]) {
      const res = await organiser.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
    }
    const api = await app.fetch("/api/v1/events/tashkent-2022/registrations", { headers: { cookie: organiser.cookie } });
    expect(api.status).toBe(200);
    expect(api.headers.get("cache-control")).toContain("no-store");
  });
});
