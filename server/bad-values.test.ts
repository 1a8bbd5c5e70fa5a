import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../features/access/schema.ts";
import type { EventRow } from "../features/events/queries.ts";
import { sessions } from "../features/programme/schema.ts";
import { participants } from "../features/registration/schema.ts";
import { makeEvent, makeParticipant, makeRoom, makeSession } from "../test/factories.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { type Staff, staff } from "../test/staff.ts";

/**
 * Values no column of ours can hold: a NUL character, half of a UTF-16 surrogate pair, a number beyond
 * PostgreSQL's `integer`, a time beyond the year 9999. Each is refused with a translated 4xx before it
 * reaches the database, or, where no check knows it, when the database refuses it (server/app.ts), and
 * nothing is stored. Before, each of these answered 500.
 */
let app: TestServer;
let event: EventRow;
let organiser: Staff;
let registrationId: number;
let sessionId: number;
const db = () => app.services.db;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  event = (await makeEvent(db(), { languages: ["en", "ru"] })).event;
  organiser = await staff(app, { email: `organiser-${event.slug}@example.org`, role: "organiser", eventId: event.id });
  registrationId = (await makeParticipant(db(), event, organiser.userId)).id;
  const room = await makeRoom(db(), event);
  sessionId = (await makeSession(db(), event, organiser.userId, { start: "2030-05-14T09:00", end: "2030-05-14T10:00", roomId: room.id })).id;
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

const api = (path: string) => `/api/v1/events/${event.slug}${path}`;
const sendJson = (method: string, path: string, text: string, headers: Record<string, string> = {}) =>
  app.fetch(path, { method, headers: { cookie: organiser.cookie, "content-type": "application/json", "accept-language": "ru", ...headers }, body: text });

describe("a NUL character in the address", () => {
  it("is a translated 400 on public pages, staff pages and the API alike, for anyone", async () => {
    const page = await app.fetch(`/ru/e/${event.slug}/documents?q=%00`);
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("Запрос не распознан");
    expect((await organiser.get(`/admin/e/${event.slug}/registrations?q=%00`)).status).toBe(400);
    expect((await organiser.get(`/admin/e/${event.slug}/library?q=a%00b`)).status).toBe(400);
    const answer = await app.fetch(api("/registrations?q=%00"), { headers: { cookie: organiser.cookie, "accept-language": "ru" } });
    expect(answer.status).toBe(400);
    expect((await answer.json()).error).toMatchObject({ code: "bad_request", message: "Не удалось прочитать запрос." });
    // The same words without it are served as before.
    expect((await app.fetch(`/ru/e/${event.slug}/documents?q=water`)).status).toBe(200);
  });
});

describe("half of a surrogate pair in JSON", () => {
  it("is a 422 naming the field, and nothing is stored or audited", async () => {
    const audited = await db().$count(auditLog, eq(auditLog.eventId, event.id));
    const review = await sendJson("POST", api(`/registrations/${registrationId}/review`), '{"status":"rejected","reason":"bad \\udc00","version":1}');
    expect(review.status).toBe(422);
    expect(Object.keys((await review.json()).error.fields)).toEqual(["reason"]);
    const [session] = await db().select().from(sessions).where(eq(sessions.id, sessionId));
    const title = await sendJson(
      "PUT",
      api(`/sessions/${sessionId}`),
      `{"kind":"break","title":{"en":"Coffee \\ud800 break"},"start":"2030-05-14T11:00","end":"2030-05-14T11:30","version":${session.version}}`,
    );
    expect(title.status).toBe(422);
    expect((await title.json()).error.fields).toHaveProperty(["title.en"]);
    const [after] = await db().select().from(participants).where(eq(participants.id, registrationId));
    expect(after.status).toBe("pending");
    expect(await db().$count(auditLog, eq(auditLog.eventId, event.id))).toBe(audited);
  });
});

describe("numbers beyond the database's integer", () => {
  it("are a 422 naming the field in the API and in staff forms, never a 500", async () => {
    const [session] = await db().select().from(sessions).where(eq(sessions.id, sessionId));
    const body = { kind: "break", title: { en: "Coffee" }, start: "2030-05-14T11:00", end: "2030-05-14T11:30", version: session.version };
    for (const [change, field] of [
      [{ roomId: 2_147_483_648 }, "roomId"],
      [{ people: [{ personId: 2_147_483_648, role: "speaker" }] }, "people"],
      [{ version: 2_147_483_648 }, "version"],
    ] as const) {
      const res = await sendJson("PUT", api(`/sessions/${sessionId}`), JSON.stringify({ ...body, ...change }));
      expect(res.status, field).toBe(422);
      expect(
        Object.keys((await res.json()).error.fields).some((key) => key.startsWith(field)),
        field,
      ).toBe(true);
    }
    const design = await sendJson("POST", api("/badge-designs"), JSON.stringify({ categoryId: 2_147_483_648 }));
    expect(design.status).toBe(422);
    const list = await sendJson("POST", api("/checkin-lists"), JSON.stringify({ name: { en: "Main" }, kind: "door", roomId: 2_147_483_648 }));
    expect(list.status).toBe(422);
    const page = await organiser.post(`/admin/e/${event.slug}/pages/new`, { intent: "save", slug: "big-number", "title.en": "T", position: "2147483648" });
    expect(page.status).toBe(422);
    const kiosk = await organiser.post(`/admin/e/${event.slug}/doors`, { intent: "kiosk", listId: "2147483648", name: "x" });
    expect(kiosk.status).toBeGreaterThanOrEqual(400);
    expect(kiosk.status).toBeLessThan(500);
  });
});

describe("a value no check knows and the database refuses", () => {
  it("is the caller's 422, translated, not a 500", async () => {
    // A time the request may carry (year 9999 at UTC−14:00) that becomes the year 10000 in UTC.
    const res = await app.fetch(api(`/registrations?updatedSince=${encodeURIComponent("9999-12-31T23:59:59-14:00")}`), {
      headers: { cookie: organiser.cookie, "accept-language": "ru" },
    });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe("value_refused");
    expect(error.message).toMatch(/[а-я]/);
  });
});
