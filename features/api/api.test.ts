import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { staff } from "../../test/staff.ts";
import { createAuthSession } from "../access/auth.ts";
import { type Role, roleGrants, sideEventGrants, users } from "../access/schema.ts";
import { events } from "../events/schema.ts";
import { sessions } from "../programme/schema.ts";

const slug = "tashkent-2022";
let app: TestServer;
let eventId: number;
let organiser: string;
let admin: string;

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as a client would.
type Json = Record<string, any>;

beforeAll(async () => {
  app = await startTestServer();
  const [event] = await app.services.db.select().from(events).where(eq(events.slug, slug));
  eventId = event.id;
  organiser = await cookieFor("organiser@example.org");
  admin = await cookieFor("admin@example.org");
});
afterAll(async () => {
  await app?.stop();
});

/** A signed-in browser of that user (created, with the role in the demo event, when asked). */
async function cookieFor(email: string, role?: Role, event = () => eventId): Promise<string> {
  const db = app.services.db;
  let [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user)
    [user] = await db
      .insert(users)
      .values({ email, name: email.split("@")[0] })
      .returning();
  if (role)
    await db
      .insert(roleGrants)
      .values({ eventId: event(), userId: user.id, role })
      .onConflictDoUpdate({ target: [roleGrants.eventId, roleGrants.userId], set: { role } });
  return `plenary_session=${await createAuthSession(db, user.id)}`;
}

async function call(method: string, path: string, options: { cookie?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.raw !== undefined || options.body !== undefined) {
    headers["content-type"] ??= "application/json";
    body = options.raw ?? JSON.stringify(options.body);
  }
  const res = await app.fetch(`/api/v1${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Json };
}

const sessionsPath = `/events/${slug}/sessions`;
const draftSession = (overrides: Json = {}) => ({
  kind: "plenary",
  title: { en: "Informal consultations", ru: "Неформальные консультации" },
  start: "2022-03-04T16:00",
  end: "2022-03-04T17:00",
  ...overrides,
});
const ru = { "accept-language": "ru-RU,ru;q=0.9,en;q=0.5" };

async function demoSession(title: string) {
  const rows = await app.services.db.select().from(sessions).where(eq(sessions.eventId, eventId));
  return rows.find((s) => s.title.en === title)!;
}

describe("reading", () => {
  it("gives an event with localized fields as objects, and resolved strings only when asked", async () => {
    const plain = await call("GET", `/events/${slug}`);
    expect(plain.status).toBe(200);
    expect(plain.body.event.title).toMatchObject({ en: expect.stringContaining("Regional Cooperation"), ru: expect.stringContaining("Региональное") });
    expect(plain.body.event).not.toHaveProperty("titleText");
    expect(plain.body.event.languages).toEqual(["en", "ru", "uz", "uz-Cyrl"]);
    expect(plain.body.event.rooms.map((r: Json) => r.name.en)).toContain("Plenary Hall");

    const russian = await call("GET", `/events/${slug}?lang=ru`);
    expect(russian.body.event.titleText).toMatch(/^Региональное сотрудничество/);
    expect(russian.body.event.rooms[0].nameText).toBe("Пленарный зал");
    expect(russian.body.event.url).toBe(`${app.url}/ru/e/${slug}`);
  });

  it("lists sessions with room, track and people", async () => {
    const res = await call("GET", `${sessionsPath}?lang=ru`);
    expect(res.status).toBe(200);
    const count = (await app.services.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.eventId, eventId))).length;
    expect(res.body.sessions).toHaveLength(count);
    const opening = res.body.sessions.find((s: Json) => s.title.en === "Opening ceremony");
    expect(opening).toMatchObject({
      kind: "opening",
      titleText: "Церемония открытия",
      start: "2022-03-03T09:30",
      end: "2022-03-03T11:00",
      startsAt: "2022-03-03T09:30:00+05:00",
      room: { nameText: "Пленарный зал" },
      track: { slug: "conference" },
    });
    expect(opening.people[0]).toMatchObject({ role: "chair", nameText: "Директор ИСМИ" });
    expect(opening.people).toHaveLength(12);
  });

  it("gives one session with its version as ETag", async () => {
    const opening = await demoSession("Opening ceremony");
    const res = await call("GET", `${sessionsPath}/${opening.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(`"${opening.version}"`);
    expect(res.body.session).toMatchObject({ id: opening.id, version: opening.version, url: `${app.url}/en/e/${slug}/programme/${opening.id}` });
  });

  it("answers what is not there with a translated JSON 404", async () => {
    for (const path of [
      `/events/nope`,
      "/events/%00",
      `${sessionsPath}/%00`,
      `${sessionsPath}/999999`,
      `${sessionsPath}/abc`,
      `${sessionsPath}/99999999999999`,
      `/events/${slug}?lang=xx`,
      "/no-such-endpoint",
    ]) {
      const res = await call("GET", path, { headers: ru });
      expect(res.status, path).toBe(404);
      expect(res.body.error.message, path).toMatch(/[а-я]/);
    }
    expect((await call("GET", "/events/nope", { headers: ru })).body.error).toMatchObject({ code: "event.not_found", message: "Такого мероприятия нет." });
    // A NUL in the query string is refused before anything reads it (server/app.ts).
    const nul = await call("GET", `/events/${slug}?lang=%00`, { headers: ru });
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toMatch(/[а-я]/);
  });

  it("shows a draft event to its staff and administrators only", async () => {
    const [draft] = await app.services.db
      .insert(events)
      .values({
        slug: "draft-2030",
        title: { en: "Draft conference" },
        startDate: "2030-05-01",
        endDate: "2030-05-02",
        timezone: "Europe/Vienna",
        languages: ["en"],
      })
      .returning();
    const viewer = await cookieFor("draft-viewer@example.org", "viewer", () => draft.id);
    expect((await call("GET", "/events/draft-2030")).status).toBe(404);
    expect((await call("GET", "/events/draft-2030", { cookie: organiser })).status).toBe(404); // a role in another event is not enough
    expect((await call("GET", "/events/draft-2030", { cookie: viewer })).status).toBe(200);
    expect((await call("GET", "/events/draft-2030/sessions", { cookie: admin })).body).toEqual({ sessions: [] });
    expect((await call("POST", "/events/draft-2030/sessions", { cookie: organiser, body: draftSession() })).status).toBe(404);
  });
});

describe("openapi.json", () => {
  it("documents every endpoint, the error shape and If-Match, from the zod schemas", async () => {
    const res = await call("GET", "/openapi.json");
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/events/{slug}", "/events/{slug}/sessions", "/events/{slug}/sessions/{sessionId}", "/openapi.json"]),
    );
    expect(Object.keys(doc.paths["/events/{slug}/sessions/{sessionId}"])).toEqual(["get", "put", "delete"]);
    expect(doc.components.parameters.ifMatch).toMatchObject({ name: "If-Match", in: "header" });
    expect(doc.components.schemas.SessionInput.required).toEqual(["kind", "title", "start", "end"]);
    expect(doc.components.schemas.SessionInput.properties.kind.enum).toContain("side_event");
    expect(doc.components.schemas.Error.properties.error.required).toEqual(["code", "message", "fields"]);
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie", name: "plenary_session" });
  });

  it("describes the answers the API really gives", async () => {
    const doc = (await call("GET", "/openapi.json")).body;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = (name: string, value: unknown) => {
      const check = ajv.compile(doc.components.schemas[name]);
      expect(check(value) ? [] : check.errors, name).toEqual([]);
    };
    const list = await call("GET", `${sessionsPath}?lang=ru`);
    for (const session of list.body.sessions) validate("Session", session);
    validate("Event", (await call("GET", `/events/${slug}?lang=uz`)).body.event);
    validate("Error", (await call("POST", sessionsPath, { cookie: organiser, body: draftSession({ end: "2022-03-04T15:00" }) })).body);
    const created = await call("POST", sessionsPath, { cookie: organiser, body: draftSession({ title: { en: "Documented" } }) });
    validate("SavedSession", created.body);
    validate("SessionInput", draftSession());
  });
});

describe("writing", () => {
  it("refuses anyone not signed in (401) and a viewer (403)", async () => {
    const anonymous = await call("POST", sessionsPath, { body: draftSession(), headers: ru });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toMatchObject({ code: "auth.required", message: "Войдите в систему." });
    const viewer = await cookieFor("viewer@example.org", "viewer");
    const forbidden = await call("POST", sessionsPath, { cookie: viewer, body: draftSession(), headers: ru });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatchObject({ code: "forbidden", message: "У вас нет прав на это действие." });
    const opening = await demoSession("Opening ceremony");
    expect((await call("PUT", `${sessionsPath}/${opening.id}`, { cookie: viewer, body: draftSession({ version: 1 }) })).status).toBe(403);
    expect((await call("DELETE", `${sessionsPath}/${opening.id}`, { cookie: viewer })).status).toBe(403);
    expect((await call("DELETE", `${sessionsPath}/${opening.id}`)).status).toBe(401);
  });

  it("answers malformed JSON with 400, another media type with 415, and a huge body with 413", async () => {
    const bad = await call("POST", sessionsPath, { cookie: organiser, raw: '{"kind": "plenary", ', headers: ru });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "bad_request", message: "Не удалось прочитать запрос." });
    const form = await call("POST", sessionsPath, {
      cookie: organiser,
      raw: "kind=plenary",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url },
    });
    expect(form.status).toBe(415);
    const huge = await call("POST", sessionsPath, { cookie: organiser, body: draftSession({ description: { en: "x".repeat(300_000) } }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("body.too_large");
  });

  it("never answers bad input with a 500", async () => {
    for (const body of [
      null,
      [],
      "text",
      42,
      { kind: 5 },
      { kind: "plenary", title: "not an object", start: 1, end: {} },
      draftSession({ roomId: "x", people: [{ personId: -1 }] }),
      draftSession({ start: "2022-13-45T99:99" }),
      draftSession({ title: { en: "Null\u0000byte" } }),
    ]) {
      const res = await call("POST", sessionsPath, { cookie: organiser, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe("validation");
    }
  });

  it("answers JSON nested 10,000 deep with a translated 400, not a 500", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const res = await call("POST", sessionsPath, { cookie: organiser, raw: deep, headers: ru });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "json_too_deep", message: "Вложенность запроса превышает 32 уровней." });
    const objects = await call("POST", sessionsPath, { cookie: organiser, raw: `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}` });
    expect(objects.status).toBe(400);
    // Brackets inside strings are text, not nesting.
    const brackets = await call("POST", sessionsPath, { cookie: organiser, body: draftSession({ title: { en: "[".repeat(5_000) } }) });
    expect(brackets.status).toBe(201);
  });

  it("ignores a form field name of 10,000 segments instead of failing", async () => {
    const who = await staff(app, { email: "organiser@example.org" });
    const res = await who.post(`/admin/e/${slug}/venue`, { [Array.from({ length: 10_000 }, () => "a").join(".")]: "x", "name.en": "Deep room", kind: "room" });
    expect(res.status).toBeLessThan(400);
    expect(await (await who.get(`/admin/e/${slug}/venue`)).text()).toContain("Deep room");
  });

  it("answers validation errors with 422 and a translated message per field", async () => {
    const cases: [Json, string, string][] = [
      [draftSession({ title: { en: "" } }), "title.en", "Обязательное поле."],
      [draftSession({ end: "2022-03-04T15:00" }), "end", "Заседание должно заканчиваться позже, чем начинается."],
      [draftSession({ title: { en: "Consultations", fr: "Consultations" } }), "title.fr", "Этот язык не входит в языки мероприятия."],
      [draftSession({ start: "2022-03-10T09:00", end: "2022-03-10T10:00" }), "start", "Заседание должно проходить в даты мероприятия."],
    ];
    for (const [body, field, message] of cases) {
      const res = await call("POST", sessionsPath, { cookie: organiser, body, headers: ru });
      expect(res.status, field).toBe(422);
      expect(res.body.error.message).toBe("Проверьте отмеченные поля.");
      expect(res.body.error.fields[field], field).toBe(message);
    }
    const english = await call("POST", `${sessionsPath}?lang=en`, { cookie: organiser, body: cases[1][0], headers: ru });
    expect(english.body.error.fields.end).toBe("The session must end after it starts.");
  });

  it("creates a session (201) with Location, ETag and no warnings", async () => {
    const res = await call("POST", sessionsPath, { cookie: organiser, body: draftSession() });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([]);
    expect(res.body.session).toMatchObject({
      title: { en: "Informal consultations" },
      start: "2022-03-04T16:00",
      end: "2022-03-04T17:00",
      version: 1,
      room: null,
    });
    expect(res.headers.get("location")).toBe(`${app.url}/api/v1${sessionsPath}/${res.body.session.id}`);
    expect(res.headers.get("etag")).toBe('"1"');
    const [row] = await app.services.db.select().from(sessions).where(eq(sessions.id, res.body.session.id));
    expect(row.startsAt.toISOString()).toBe("2022-03-04T11:00:00.000Z");
  });

  it("saves a room double booking with a translated warning", async () => {
    const opening = await demoSession("Opening ceremony");
    const res = await call("POST", sessionsPath, {
      cookie: organiser,
      headers: ru,
      body: draftSession({ kind: "press", title: { en: "Doorstep" }, start: "2022-03-03T10:00", end: "2022-03-03T10:30", roomId: opening.roomId }),
    });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([
      { code: "session.room_double_booked", message: "В это время зал занят другим заседанием.", values: { sessionId: opening.id } },
    ]);
  });

  it("updates with If-Match, or with version in the body, and requires one of them", async () => {
    const created = (await call("POST", sessionsPath, { cookie: organiser, body: draftSession({ title: { en: "To be renamed" } }) })).body.session;
    const noVersion = await call("PUT", `${sessionsPath}/${created.id}`, { cookie: organiser, body: draftSession() });
    expect(noVersion.status).toBe(422);
    expect(noVersion.body.error.fields).toHaveProperty("version");
    // A client may send back what it read, changed: unknown fields are ignored.
    const renamed = await call("PUT", `${sessionsPath}/${created.id}`, {
      cookie: organiser,
      headers: { "if-match": '"1"' },
      body: { ...created, title: { en: "Renamed" } },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.session).toMatchObject({ title: { en: "Renamed" }, version: 2, start: created.start });
    expect(renamed.headers.get("etag")).toBe('"2"');
    const byBody = await call("PUT", `${sessionsPath}/${created.id}`, { cookie: organiser, body: { ...renamed.body.session, title: { en: "Renamed again" } } });
    expect(byBody.status).toBe(200);
    expect(byBody.body.session.version).toBe(3);
    expect((await call("PUT", `${sessionsPath}/${created.id}`, { cookie: organiser, headers: { "if-match": "yesterday" }, body: created })).status).toBe(400);
  });

  it("lets the first of two concurrent edits win; the second gets 409 and loses nothing of the first", async () => {
    const created = (await call("POST", sessionsPath, { cookie: organiser, body: draftSession({ title: { en: "Contested" } }) })).body.session;
    const path = `${sessionsPath}/${created.id}`;
    const first = await call("PUT", path, {
      cookie: organiser,
      headers: { "if-match": '"1"' },
      body: { ...created, title: { en: "First edit" }, description: { en: "Agreed wording" } },
    });
    expect(first.status).toBe(200);
    const second = await call("PUT", path, { cookie: admin, headers: { "if-match": '"1"', ...ru }, body: { ...created, title: { en: "Second edit" } } });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("conflict.stale");
    expect(second.body.error.message).toMatch(/^Пока вы редактировали, кто-то другой сохранил эту запись/);
    expect(second.body.error.details).toMatchObject({ version: 2, session: { title: { en: "First edit" }, description: { en: "Agreed wording" } } });
    const now = (await call("GET", path)).body.session;
    expect(now).toMatchObject({ version: 2, title: { en: "First edit" }, description: { en: "Agreed wording" } });

    // Truly at the same time: exactly one wins, and what is stored is the winner's.
    const racers = await Promise.all(
      ["Left", "Right"].map((title) => call("PUT", path, { cookie: organiser, headers: { "if-match": '"2"' }, body: { ...now, title: { en: title } } })),
    );
    expect(racers.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = racers.find((r) => r.status === 200)!.body.session.title.en;
    expect((await call("GET", path)).body.session).toMatchObject({ version: 3, title: { en: winner } });
  });

  it("deletes (204), refusing a stale If-Match", async () => {
    const created = (await call("POST", sessionsPath, { cookie: organiser, body: draftSession({ title: { en: "Cancelled" } }) })).body.session;
    const path = `${sessionsPath}/${created.id}`;
    expect((await call("DELETE", path, { cookie: organiser, headers: { "if-match": '"7"' } })).status).toBe(409);
    const res = await app.fetch(`/api/v1${path}`, { method: "DELETE", headers: { cookie: organiser, "if-match": '"1"' } });
    expect(res.status).toBe(204);
    expect((await call("GET", path)).status).toBe(404);
  });
});

describe("side-event partners", () => {
  it("edit the side events granted to them, and nothing else", async () => {
    const rats = await demoSession("Side event: the role of SCO RATS in cooperation among Central Asian States under the Joint Plan of Action");
    const osce = await demoSession("Side event: gender aspects of work with women and children returning from conflict zones");
    const partner = await cookieFor("partner@example.org", "side_event_partner");
    const [user] = await app.services.db.select().from(users).where(eq(users.email, "partner@example.org"));
    await app.services.db.insert(sideEventGrants).values({ userId: user.id, sessionId: rats.id });

    const read = async (id: number) => (await call("GET", `${sessionsPath}/${id}`)).body.session;
    const notGranted = await call("PUT", `${sessionsPath}/${osce.id}`, {
      cookie: partner,
      headers: { "if-match": `"${osce.version}"` },
      body: { ...(await read(osce.id)), title: { en: "Taken over" } },
    });
    expect(notGranted.status).toBe(403);

    const mine = await read(rats.id);
    const granted = await call("PUT", `${sessionsPath}/${rats.id}`, {
      cookie: partner,
      headers: { "if-match": `"${mine.version}"` },
      body: { ...mine, description: { en: "Hosted by SCO RATS." } },
    });
    expect(granted.status).toBe(200);
    expect(granted.body.session.description).toEqual({ en: "Hosted by SCO RATS." });

    const otherKind = await call("PUT", `${sessionsPath}/${rats.id}`, {
      cookie: partner,
      headers: { "if-match": "*" },
      body: { ...granted.body.session, kind: "plenary" },
    });
    expect(otherKind.status).toBe(403);
    expect((await call("POST", sessionsPath, { cookie: partner, body: draftSession({ kind: "side_event" }) })).status).toBe(403);
    expect((await call("DELETE", `${sessionsPath}/${rats.id}`, { cookie: partner })).status).toBe(403);
    const [row] = await app.services.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, osce.id), eq(sessions.eventId, eventId)));
    expect(row.title.en).toBe(osce.title.en);
  });
});
