import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeRoom, makeSession, makeUser } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import type { EventRow } from "../events/queries.ts";
import { sessions } from "./schema.ts";

let app: TestServer;
let event: EventRow;
let first: Staff;
let second: Staff;
let hallA: number;
let hallB: number;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const db = app.services.db;
  const owner = await makeUser(db, { isAdmin: true });
  ({ event } = await makeEvent(db, { owner, languages: ["en", "ru"], startDate: "2030-05-14", endDate: "2030-05-15", timezone: "Asia/Tashkent" }));
  first = await staff(app, { email: "first-organiser@example.org", role: "organiser", eventId: event.id });
  second = await staff(app, { email: "second-organiser@example.org", role: "programme_editor", eventId: event.id });
  hallA = (await makeRoom(db, event, { name: "Hall A" })).id;
  hallB = (await makeRoom(db, event, { name: "Hall B" })).id;
});
afterAll(async () => {
  await app?.stop();
});

const decodeHtml = (s: string) =>
  s.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
const hidden = (page: string, name: string) => decodeHtml(page.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? "");
/** The row of the comparison for one field. */
const row = (page: string, field: string) => page.match(new RegExp(`<tr data-field="${field.replace(".", "\\.")}">(.*?)</tr>`))?.[1];

describe("a lost edit race", () => {
  it("shows the loser what the other changed, keeps their own changes, and saves the merge on the latest version", async () => {
    const session = await makeSession(app.services.db, event, first.userId, {
      title: { en: "Ministerial dialogue", ru: "Министерский диалог" },
      start: "2030-05-14T10:00",
      end: "2030-05-14T11:00",
      roomId: hallA,
    });
    const path = `/admin/e/${event.slug}/sessions/${session.id}`;
    // Both open the form: it carries the version and the values they started from.
    const [pageOfFirst, pageOfSecond] = await Promise.all([(await first.get(path)).text(), (await second.get(path)).text()]);
    const started = { version: hidden(pageOfFirst, "version"), _base: hidden(pageOfFirst, "_base") };
    expect(started.version).toBe(String(session.version));
    expect(JSON.parse(started._base)).toMatchObject({ "title.en": "Ministerial dialogue", roomId: String(hallA) });
    const form = { kind: "plenary", start: "2030-05-14T10:00", end: "2030-05-14T11:00", "title.en": "Ministerial dialogue", "title.ru": "Министерский диалог" };

    // The second organiser saves first: another room, and the Russian title.
    const won = await second.post(path, {
      ...form,
      roomId: String(hallB),
      "title.ru": "Министерский диалог высокого уровня",
      version: hidden(pageOfSecond, "version"),
      _base: hidden(pageOfSecond, "_base"),
    });
    expect(won.status).toBe(200);

    // The first changes the English title and the description, and the Russian title too, differently.
    const lost = await first.post(path, {
      ...form,
      roomId: String(hallA),
      "title.en": "High-level ministerial dialogue",
      "title.ru": "Диалог министров",
      "description.en": "Ministers take the floor in turn.",
      ...started,
    });
    expect(lost.status).toBe(409);
    const page = await lost.text();
    expect(page).toContain("Someone else saved this while you were editing");
    // Field by field: the room is theirs, the English title and description are mine, the Russian title is a choice.
    expect(row(page, "roomId")).toContain("Hall B");
    expect(row(page, "roomId")).toContain("Their change");
    expect(row(page, "title.en")).toContain("High-level ministerial dialogue");
    expect(row(page, "title.en")).toContain("Your change");
    expect(row(page, "description.en")).toContain("Your change");
    // Their own value is chosen until they choose otherwise.
    expect(row(page, "title.ru")).toContain('name="choose:title.ru" checked="" value="yours"');
    expect(row(page, "title.ru")).toContain('name="choose:title.ru" value="theirs"');
    expect(row(page, "title.ru")).toContain("Министерский диалог высокого уровня");
    expect(row(page, "title.ru")).toContain("Диалог министров");
    expect(row(page, "start")).toBeUndefined(); // nobody changed it
    // The form now holds the merge and the latest version, so the next save is not refused again.
    expect(hidden(page, "version")).toBe(String(session.version + 1));
    expect(page).toMatch(new RegExp(`<option value="${hallB}" selected="">Hall B</option>`));
    expect(page).toContain('value="High-level ministerial dialogue"');
    const [unchanged] = await app.services.db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(unchanged.title.en).toBe("Ministerial dialogue");

    // Saving again, keeping their Russian title: both sides' changes are in, on the latest version.
    const merged = await first.post(path, {
      ...form,
      roomId: String(hallB),
      "title.en": "High-level ministerial dialogue",
      "title.ru": "Диалог министров",
      "description.en": "Ministers take the floor in turn.",
      "choose:title.ru": "theirs",
      version: hidden(page, "version"),
      _base: hidden(page, "_base"),
    });
    expect(merged.status).toBe(200);
    const [saved] = await app.services.db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(saved).toMatchObject({
      version: session.version + 2,
      roomId: hallB,
      title: { en: "High-level ministerial dialogue", ru: "Министерский диалог высокого уровня" },
      description: { en: "Ministers take the floor in turn." },
    });
  });

  it("makes every difference a choice when the form does not say where it started, and answers in the reader's language", async () => {
    const session = await makeSession(app.services.db, event, first.userId, { title: "Closing", start: "2030-05-15T16:00", end: "2030-05-15T17:00" });
    const path = `/admin/e/${event.slug}/sessions/${session.id}`;
    const form = { kind: "plenary", start: "2030-05-15T16:00", end: "2030-05-15T17:00", "title.en": "Closing", "title.ru": "Closing" };
    expect((await second.post(path, { ...form, "title.en": "Closing plenary", version: String(session.version) })).status).toBe(200);
    const lost = await first.post(`${path}?lang=ru`, { ...form, "title.ru": "Закрытие", version: String(session.version), _base: "not json" });
    expect(lost.status).toBe(409);
    const page = await lost.text();
    expect(page).toContain("Пока вы редактировали, это сохранил кто-то другой");
    expect(row(page, "title.en")).toContain('name="choose:title.en"');
    expect(row(page, "title.ru")).toContain('name="choose:title.ru"');
  });
});
