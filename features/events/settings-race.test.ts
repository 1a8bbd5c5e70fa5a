import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeUser } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { staff } from "../../test/staff.ts";
import { getEventBySlug } from "./queries.ts";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

const decodeHtml = (s: string) =>
  s.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
const hidden = (page: string, name: string) => decodeHtml(page.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? "");
const row = (page: string, field: string) => page.match(new RegExp(`<tr data-field="${field.replace(".", "\\.")}">(.*?)</tr>`))?.[1];

describe("two organisers race on the event's settings", () => {
  it("shows the loser what the other changed, keeps their own changes, and saves the merge", async () => {
    const db = app.services.db;
    const owner = await makeUser(db, { isAdmin: true });
    const { event } = await makeEvent(db, { owner, languages: ["en", "ru"] });
    const first = await staff(app, { email: `first-${event.slug}@example.org`, role: "owner", eventId: event.id });
    const second = await staff(app, { email: `second-${event.slug}@example.org`, role: "owner", eventId: event.id });
    const path = `/admin/e/${event.slug}?index`;
    const [pageOfFirst, pageOfSecond] = await Promise.all([(await first.get(path)).text(), (await second.get(path)).text()]);
    const started = { version: hidden(pageOfFirst, "version"), _base: hidden(pageOfFirst, "_base") };
    expect(JSON.parse(started._base)).toMatchObject({ "title.en": event.title.en, languages: "en, ru" });
    const form = {
      intent: "save",
      languages: "en, ru",
      slug: event.slug,
      "title.en": event.title.en,
      "title.ru": event.title.ru,
      startDate: event.startDate,
      endDate: event.endDate,
      timezone: event.timezone,
      format: "hybrid",
    };

    // The second saves first: the city, and the Russian title.
    const won = await second.post(path, {
      ...form,
      "city.en": "Tashkent",
      "title.ru": "Конференция по воде",
      version: hidden(pageOfSecond, "version"),
      _base: hidden(pageOfSecond, "_base"),
    });
    expect(won.status).toBe(200);

    // The first changes the English title, and the Russian one differently.
    const lost = await first.post(path, { ...form, "title.en": "Water conference", "title.ru": "Водная конференция", ...started });
    expect(lost.status).toBe(409);
    const page = await lost.text();
    expect(page).toContain("Someone else saved this while you were editing");
    expect(row(page, "city.en")).toContain("Tashkent");
    expect(row(page, "city.en")).toContain("Their change");
    expect(row(page, "title.en")).toContain("Your change");
    expect(row(page, "title.ru")).toContain('name="choose:title.ru" checked="" value="yours"');
    expect(hidden(page, "version")).toBe(String(event.version + 1));
    expect(page).toContain('value="Water conference"');
    expect((await getEventBySlug(db, event.slug)).title.en).toBe(event.title.en);

    // Saving again, keeping their Russian title: both sides' changes are in.
    const merged = await first.post(path, {
      ...form,
      "title.en": "Water conference",
      "title.ru": "Водная конференция",
      "city.en": "Tashkent",
      "choose:title.ru": "theirs",
      version: hidden(page, "version"),
      _base: hidden(page, "_base"),
    });
    expect(merged.status).toBe(200);
    const saved = await getEventBySlug(db, event.slug);
    expect(saved).toMatchObject({ version: event.version + 2, title: { en: "Water conference", ru: "Конференция по воде" }, city: { en: "Tashkent" } });
  });
});
