import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { staff } from "../../test/staff.ts";
import { events, pages } from "../events/schema.ts";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.stop();
});

const html = async (path: string) => {
  const res = await app.fetch(path);
  return { status: res.status, body: await res.text(), res };
};

describe("the public conference website", () => {
  it.each([
    ["/en/e/tashkent-2022", '<html lang="en"', "Opening ceremony"],
    ["/ru/e/tashkent-2022", '<html lang="ru"', "Организаторы"],
    ["/uz/e/tashkent-2022", '<html lang="uz-Latn"', "Tashkilotchilar"],
  ])("%s is in its language", async (path, lang, text) => {
    const page = await html(path === "/en/e/tashkent-2022" ? `${path}/programme` : path);
    expect(page.status).toBe(200);
    expect(page.body).toContain(lang);
    expect(page.body).toContain(text);
  });

  it("says on every page which details are invented demo values", async () => {
    for (const path of ["/en/e/tashkent-2022/programme", "/ru/e/tashkent-2022/speakers"]) {
      expect((await html(path)).body).toMatch(/<p class="notice">(Demo|Демонстрация)/);
    }
  });

  it("marks text that falls back to the default language with its own lang", async () => {
    // The demo's Uzbek (Cyrillic) version has its title and description only: the rest falls back to English, marked.
    const { body } = await html("/uz-Cyrl/e/tashkent-2022");
    expect(body).toContain('<html lang="uz-Cyrl"');
    expect(body).toContain(`<p class="lead">Гибрид форматда ўтказиладиган`);
    expect(body).toContain("Тошкент конференцияси 2022");
    expect(body).toMatch(/lang="en"[^>]*>Demo: the programme follows the public announcement/);
  });

  it("links every language version and the default with hreflang, and carries Open Graph tags", async () => {
    const { body } = await html("/ru/e/tashkent-2022/programme");
    for (const lang of ["en", "ru", "uz-Latn", "x-default"]) expect(body).toContain(`hrefLang="${lang}"`);
    expect(body).toContain('property="og:title"');
    expect(body).toContain(`property="og:locale" content="ru_RU"`);
    expect(body).toContain('href="http://localhost:');
  });

  it("keeps the language switcher on the same page", async () => {
    const { body } = await html("/en/e/tashkent-2022/programme?track=1");
    expect(body).toContain('href="/ru/e/tashkent-2022/programme?track=1"');
  });

  it("filters the programme without JavaScript, and ships no script", async () => {
    const all = await html("/en/e/tashkent-2022/programme");
    const sideEvents = await html("/en/e/tashkent-2022/programme?kind=side_event");
    expect(all.body).not.toContain("<script");
    expect(sideEvents.body).toContain("Showing 3 of 16 sessions");
    expect(sideEvents.body).not.toContain("Opening ceremony</a>");
  });

  it("uses Russian plural forms", async () => {
    const { body } = await html("/ru/e/tashkent-2022/programme?kind=side_event");
    expect(body).toContain("Показано 3 из 16 заседаний");
  });

  it.each([
    "/de/e/tashkent-2022",
    "/xx",
    "/en/e/no-such-event",
    "/en/e/tashkent-2022/programme/999999",
    "/en/e/tashkent-2022/programme/not-a-number",
    "/en/e/tashkent-2022/speakers/424242",
    "/en/e/tashkent-2022/pages/nothing-here",
    "/no/such/page/at/all",
  ])("answers %s with a translated 404", async (path) => {
    const page = await html(path);
    expect(page.status).toBe(404);
    expect(page.body).toContain("Page not found");
  });

  it("shows a 404 in Russian for a Russian address", async () => {
    const page = await html("/ru/e/tashkent-2022/programme/999999");
    expect(page.status).toBe(404);
    expect(page.body).toContain("Страница не найдена");
  });

  it("renders Markdown pages without letting HTML through", async () => {
    const [event] = await app.services.db.select().from(events).where(eq(events.slug, "tashkent-2022"));
    await app.services.db.insert(pages).values({
      eventId: event.id,
      slug: "unsafe",
      title: { en: "Unsafe" },
      body: { en: "**bold** <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))" },
    });
    app.services.cache.clear();
    const { body } = await html("/en/e/tashkent-2022/pages/unsafe");
    expect(body).toContain("<strong>bold</strong>");
    expect(body).not.toContain("<script>alert");
    expect(body).not.toContain("<img src");
    expect(body).not.toContain('href="javascript:');
  });

  it("caches pages for anonymous readers and drops the cache on any write", async () => {
    await html("/en/e/tashkent-2022/programme");
    const cached = await html("/en/e/tashkent-2022/programme");
    expect(cached.res.headers.get("x-cache")).toBe("hit");
    const organiser = await staff(app, { email: "organiser@example.org" });
    const res = await organiser.post("/admin/e/tashkent-2022/venue", { kind: "room", "name.en": "Briefing room" });
    expect(res.status).toBe(200);
    const fresh = await html("/en/e/tashkent-2022/programme");
    expect(fresh.res.headers.get("x-cache")).toBeNull();
    expect(fresh.body).toContain("Briefing room");
  });

  it("answers a cached page with the same headers, to HEAD too, and 304 for a current ETag", async () => {
    app.services.cache.clear();
    const head = await app.fetch("/ru/e/tashkent-2022/speakers", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("x-cache")).toBeNull();
    const miss = await html("/ru/e/tashkent-2022/speakers");
    expect(miss.status).toBe(200);
    expect(miss.body).toContain("<html");
    const etag = miss.res.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const hit = await html("/ru/e/tashkent-2022/speakers");
    expect(hit.res.headers.get("x-cache")).toBe("hit");
    expect(hit.body).toBe(miss.body);
    for (const name of ["content-type", "x-frame-options", "x-content-type-options", "referrer-policy", "etag"]) {
      expect(hit.res.headers.get(name)).toBe(miss.res.headers.get(name));
    }
    const headHit = await app.fetch("/ru/e/tashkent-2022/speakers", { method: "HEAD" });
    expect(headHit.status).toBe(200);
    expect(headHit.headers.get("x-cache")).toBe("hit");
    expect(headHit.headers.get("content-length")).toBe(String(Buffer.byteLength(miss.body)));
    expect(await headHit.text()).toBe("");
    const current = await app.fetch("/ru/e/tashkent-2022/speakers", { headers: { "if-none-match": etag! } });
    expect(current.status).toBe(304);
    expect(await current.text()).toBe("");
    const stale = await app.fetch("/ru/e/tashkent-2022/speakers", { headers: { "if-none-match": '"stale"' } });
    expect(stale.status).toBe(200);
  });

  it("gives signed-in staff fresh pages, and anonymous readers fresh data after a write", async () => {
    await html("/uz/e/tashkent-2022/programme");
    const organiser = await staff(app, { email: "organiser@example.org" });
    const staffPage = await app.fetch("/uz/e/tashkent-2022/programme", { headers: { cookie: organiser.cookie } });
    expect(staffPage.headers.get("x-cache")).toBeNull();
    expect(await staffPage.text()).not.toContain("Press room");
    expect((await organiser.post("/admin/e/tashkent-2022/venue", { kind: "room", "name.en": "Press room" })).status).toBe(200);
    // A page never cached before (a filter) must not be rendered from data read before the write.
    const filtered = await html("/uz/e/tashkent-2022/programme?kind=plenary");
    expect(filtered.res.headers.get("x-cache")).toBeNull();
    expect(filtered.body).toContain("Press room");
  });

  it("hides a draft event from the public", async () => {
    await app.services.db.update(events).set({ status: "draft" }).where(eq(events.slug, "tashkent-2022"));
    app.services.cache.clear();
    expect((await html("/en/e/tashkent-2022")).status).toBe(404);
    expect((await html("/en")).body).not.toContain("tashkent-2022");
    await app.services.db.update(events).set({ status: "published" }).where(eq(events.slug, "tashkent-2022"));
    app.services.cache.clear();
  });
});

describe("hostile addresses and input never cause a 500", () => {
  it.each([
    "/en/e/%00",
    "/en/e/tashkent-2022/programme/99999999999",
    "/en/e/tashkent-2022/speakers/-1",
    "/en/e/tashkent-2022/pages/%00",
    "/en/e/TASHKENT-2022",
    "/en/e/tashkent-2022/programme?track=1e309&room=-5&kind=%00",
  ])("%s", async (path) => {
    const res = await app.fetch(path);
    expect(res.status).toBeLessThan(500);
  });

  it("a NUL byte in a form is refused with 422 and nothing is saved", async () => {
    const organiser = await staff(app, { email: "organiser@example.org" });
    const res = await organiser.post("/admin/e/tashkent-2022/venue", { kind: "room", "name.en": "Bad\u0000room" });
    expect(res.status).toBe(422);
    const signIn = await app.fetch("/admin/sign-in", {
      method: "POST",
      body: new URLSearchParams({ email: "a\u0000@example.org", password: "x" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(signIn.status).toBe(422);
  });

  it("staff forms with ids out of range answer 4xx", async () => {
    const organiser = await staff(app, { email: "organiser@example.org" });
    expect((await organiser.post("/admin/e/tashkent-2022/venue", { kind: "room", id: "99999999999", "name.en": "X" })).status).toBeLessThan(500);
    expect((await organiser.post("/admin/e/tashkent-2022/sessions/99999999999", { kind: "plenary" })).status).toBe(404);
    expect((await organiser.get("/admin/e/tashkent-2022/people/abc")).status).toBe(404);
    expect((await organiser.get("/admin/e/tashkent-2022/audit?page=1e30")).status).toBeLessThan(500);
  });
});
