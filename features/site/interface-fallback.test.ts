import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { staff } from "../../test/staff.ts";
import { events } from "../events/schema.ts";
import { updateEvent } from "../events/update-event.ts";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

const page = async (path: string) => (await app.fetch(path)).text();

describe("an event in German and Kazakh, whose interface falls back to a language the organiser chose", () => {
  it("shows buttons and labels in that language, the document in it, and the content marked with its own", async () => {
    const { event, owner } = await makeEvent(app.services.db, { languages: ["de", "kk", "ru"] });
    const organiser = await staff(app, { email: `owner-${event.slug}@example.org`, role: "owner", eventId: event.id });
    const settings = `/admin/e/${event.slug}?index`;
    const form = (interfaceLanguage: string) => ({
      intent: "save",
      version: String(event.version),
      languages: "de, kk, ru",
      slug: event.slug,
      "title.de": "Wasserkonferenz",
      "title.kk": "Су конференциясы",
      "title.ru": "Конференция по воде",
      startDate: event.startDate,
      endDate: event.endDate,
      timezone: event.timezone,
      format: "hybrid",
      interfaceLanguage,
    });
    // An interface Plenary does not have is refused, in the staff member's language.
    const refused = await organiser.post(`${settings}&lang=ru`, form("de"));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Недопустимое значение");
    expect((await organiser.post(settings, form("ru"))).status).toBe(200);
    expect(owner.id).toBeGreaterThan(0);

    for (const [lang, title] of [
      ["de", "Wasserkonferenz"],
      ["kk", "Су конференциясы"],
    ] as const) {
      const html = await page(`/${lang}/e/${event.slug}/programme`);
      expect(html).toContain('<html lang="ru" dir="ltr" data-ui="ru"');
      expect(html).toContain("Программа");
      expect(html).toContain(`<span lang="${lang}">${title}</span>`);
    }
    // A page in an interface language is unchanged.
    const ru = await page(`/ru/e/${event.slug}/programme`);
    expect(ru).toContain('<html lang="ru"');
    expect(ru).toContain("Конференция по воде");
  });

  it("falls back to English unless told otherwise, and marks German text inside it", async () => {
    const { event, owner } = await makeEvent(app.services.db, { languages: ["de", "en"] });
    const actor = { userId: owner.id, isAdmin: true, role: null, sideEventIds: [] };
    await updateEvent({ db: app.services.db, actor, now: new Date(), publicUrl: "" }, event, {
      slug: event.slug,
      title: { de: "Wasserkonferenz", en: "Water conference" },
      startDate: event.startDate,
      endDate: event.endDate,
      timezone: event.timezone,
      languages: ["de", "en"],
      format: "hybrid",
      version: event.version,
    });
    const html = await page(`/de/e/${event.slug}`);
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('<span lang="de">Wasserkonferenz</span>');
  });
});

describe("personal-link and registration pages in a content-only language", () => {
  it("fall back to the event's interface language for titles, errors and the document, published or not", async () => {
    const { event } = await makeEvent(app.services.db, { languages: ["de", "ru"], status: "draft", openRegistration: true });
    await app.services.db.update(events).set({ interfaceLanguage: "ru" }).where(eq(events.id, event.id));
    // A focal point's link before the site is published: the page's interface is the event's choice.
    const portal = await app.fetch(`/de/e/${event.slug}/delegation/not-a-real-link`);
    const html = await portal.text();
    expect(html).toContain('<html lang="ru" dir="ltr" data-ui="ru"');
    expect(html).not.toContain('lang="en"');
    // The public form's refusal speaks the same language, title included.
    await app.services.db.update(events).set({ status: "published" }).where(eq(events.id, event.id));
    const refused = await app.fetch(`/de/e/${event.slug}/register`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ givenName: "", familyName: "", email: "not-an-email" }),
    });
    expect(refused.status).toBe(404);
    const answer = await refused.text();
    expect(answer).toContain('<html lang="ru"');
    expect(answer).toMatch(/<title>[^<]*Зарегистрироваться/);
    expect(answer).toContain("Регистрация в этой категории не открыта.");
    expect(answer).not.toContain("Registration is not open");
  });
});

describe("a text in several languages on a staff form", () => {
  it("shows staff which languages are still missing", async () => {
    const { event } = await makeEvent(app.services.db, { languages: ["en", "ru", "fr"] });
    await app.services.db
      .update(events)
      .set({ title: { en: "Water conference" } })
      .where(eq(events.id, event.id));
    const organiser = await staff(app, { email: `owner-${event.slug}@example.org`, role: "owner", eventId: event.id });
    const html = await (await organiser.get(`/admin/e/${event.slug}`)).text();
    const title = html.slice(
      html.indexOf('<fieldset class="localized localized-many"><legend>Title'),
      html.indexOf("</fieldset>", html.indexOf("<legend>Title")),
    );
    expect(title).toContain("1 of 3 languages");
    expect(title.match(/not translated yet/g)).toHaveLength(2);
  });
});
