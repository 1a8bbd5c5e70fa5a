import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminActor, makeEvent } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { savePerson } from "../programme/save-person.ts";
import { saveSession } from "../programme/save-session.ts";
import { openCategories } from "../registration/register.ts";

/** A new event, made from scratch as a secretariat makes it, not the demo: pages must not assume demo data. */
let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

const html = async (path: string) => {
  const res = await app.fetch(path);
  expect(res.status, path).toBe(200);
  return (await res.text()).replaceAll("&#x27;", "'").replaceAll("<!-- -->", "");
};

describe("a new event's pages", () => {
  it("show the title where there is no short title, and no separator before a missing city", async () => {
    const { event } = await makeEvent(app.services.db);
    const page = await html(`/en/e/${event.slug}`);
    const header = /<p class="site-title"><a[^>]*>([^<]*)<\/a><\/p>\s*<p class="site-dates">([\s\S]*?)<\/p>/.exec(page);
    expect(header?.[1]).toBe(event.title.en);
    expect(header?.[2]).not.toContain("·");
  });

  it("show every person of a session on its card: a press conference's minister as well as its moderator", async () => {
    const { event, owner } = await makeEvent(app.services.db);
    const ctx = { db: app.services.db, actor: adminActor(owner.id), now: new Date(), publicUrl: app.url };
    const minister = await savePerson(ctx, event, null, { name: { en: "Minister Example" } });
    const moderator = await savePerson(ctx, event, null, { name: { en: "Moderator Example" } });
    const adviser = await savePerson(ctx, event, null, { name: { en: "Adviser Example" } });
    await saveSession(ctx, event, null, {
      kind: "press",
      title: { en: "Press conference" },
      start: `${event.startDate}T12:00`,
      end: `${event.startDate}T12:30`,
      people: [
        { personId: moderator.id, role: "moderator" },
        { personId: minister.id, role: "speaker" },
        { personId: adviser.id, role: "speaker" },
      ],
    });
    const page = await html(`/en/e/${event.slug}/programme`);
    expect(page).toContain("Moderator: Moderator Example");
    expect(page).toContain("Speakers: Minister Example, Adviser Example");
    const ru = await html(`/ru/e/${event.slug}/programme`);
    // Names typed in English only are marked as English on the Russian page.
    expect(ru.replace(/<[^>]+>/g, "")).toContain("Выступающие: Minister Example, Adviser Example");
  });

  it("start with open registration closed, whatever the default categories", async () => {
    const { event } = await makeEvent(app.services.db);
    expect(await openCategories(app.services.db, event.id)).toEqual([]);
    const res = await app.fetch(`/en/e/${event.slug}/register`);
    expect(await res.text()).not.toContain('name="givenName"');
  });
});

describe("feed links", () => {
  it("carry the page's language", async () => {
    const { event } = await makeEvent(app.services.db);
    const page = await html(`/ru/e/${event.slug}`);
    for (const feed of ["programme.ics", "schedule.xml", "schedule.json"]) expect(page).toContain(`/e/${event.slug}/${feed}?lang=ru`);
  });
});
