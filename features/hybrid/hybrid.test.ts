import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCategory, makeEvent, makeParticipant, makeRoom, makeSession } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import type { EventRow } from "../events/queries.ts";
import { createLink } from "../registration/links/links.ts";
import { onlineJoins } from "./schema.ts";

let app: TestServer;
let event: EventRow;
let owner: Staff;
let sessionId: number;
let roomId: number;
const db = () => app.services.db;
const joinUrl = "https://meet.example.org/j/12345?pwd=secret";
const ruChannel = "https://meet.example.org/j/12345-ru";
const json = (method: string, url: string, body?: unknown, lang = "en") =>
  app.fetch(url, {
    method,
    headers: { cookie: owner.cookie, "content-type": "application/json", "accept-language": lang },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const online = (id = sessionId) => `/api/v1/events/${event.slug}/sessions/${id}/online`;
const today = (offset = 0) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tashkent" }).format(new Date(Date.now() + offset * 86_400_000));

/** A participant of `category` with their personal link. */
async function withLink(categoryCode: string, status: "approved" | "withdrawn" | "pending" = "approved") {
  const p = await makeParticipant(db(), event, owner.userId, { category: categoryCode }, { status });
  const token = await createLink(db(), { eventId: event.id, purpose: "participant", participantId: p.id, expiresAt: new Date(Date.now() + 30 * 86_400_000) });
  return { ...p, token };
}

let onlineCode: string;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
  // From yesterday to tomorrow in Tashkent: the session running now (below) may have begun before midnight there.
  event = (await makeEvent(db(), { startDate: today(-1), endDate: today(1) })).event;
  owner = await staff(app, { email: "owner.hybrid@example.org", isAdmin: true });
  onlineCode = (await makeCategory(db(), event, owner.userId, { code: "online_delegate", attendance: "online" })).code;
  roomId = (await makeRoom(db(), event, { name: "Plenary Hall" })).id;
  // A session running now, so that screens show it as "now".
  const fmt = (d: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tashkent", dateStyle: "short", timeStyle: "short" }).format(d).replace(" ", "T");
  const start = new Date(Date.now() - 30 * 60_000);
  const end = new Date(Date.now() + 60 * 60_000);
  sessionId = (await makeSession(db(), event, owner.userId, { title: { en: "Opening plenary", ru: "Открытие" }, start: fmt(start), end: fmt(end), roomId })).id;
  const r = await json("PUT", online(), {
    provider: "zoom",
    joinUrl,
    channels: [{ lang: "ru", url: ruChannel }],
    livestreamUrl: "https://stream.example.org/live",
  });
  expect(r.status, await r.clone().text()).toBe(200);
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

describe("online participation", () => {
  it("an online participant's page lists the session with a personal link; joining records attendance, then redirects", async () => {
    const a = await withLink(onlineCode);
    const page = await (await app.fetch(`/en/e/${event.slug}/my/${a.token}`)).text();
    expect(page).toContain(`/join/${a.token}/${sessionId}`);
    expect(page).toContain(`/join/${a.token}/${sessionId}?channel=ru`);
    expect(page).not.toContain("meet.example.org");
    const first = await app.fetch(`/join/${a.token}/${sessionId}`);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(joinUrl);
    const ru = await app.fetch(`/join/${a.token}/${sessionId}?channel=ru`);
    expect(ru.headers.get("location")).toBe(ruChannel);
    const [join] = await db()
      .select()
      .from(onlineJoins)
      .where(and(eq(onlineJoins.sessionId, sessionId), eq(onlineJoins.participantId, a.id)));
    expect(join).toMatchObject({ joins: 2, channel: "ru" });
  });

  it("hides the links from an in-person participant, a withdrawn one and anonymous readers", async () => {
    const inPerson = await withLink("delegate");
    const withdrawn = await withLink(onlineCode, "withdrawn");
    const page = await (await app.fetch(`/en/e/${event.slug}/my/${inPerson.token}`)).text();
    expect(page).not.toContain("/join/");
    const refused = await app.fetch(`/join/${inPerson.token}/${sessionId}`, { headers: { "accept-language": "ru" } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("location")).toBeNull();
    const refusal = await refused.text();
    expect(refusal).toContain("онлайн");
    // Their link is good: the refusal leads back to their own page.
    expect(refusal).toContain(`href="/${event.languages[0]}/e/${event.slug}/my/${inPerson.token}"`);
    expect((await app.fetch(`/join/${withdrawn.token}/${sessionId}`)).status).toBe(403);
    expect((await app.fetch(`/join/not-a-real-token-at-all-0000000000/${sessionId}`)).status).toBe(404);
    // A bad link is said to be one, also for a session nobody follows online; and no way back is offered.
    const offline = await makeSession(db(), event, owner.userId, { start: `${event.startDate}T15:00`, end: `${event.startDate}T16:00` });
    const bad = await app.fetch(`/join/not-a-real-token-at-all-0000000000/${offline.id}`);
    expect(bad.status).toBe(404);
    const badText = await bad.text();
    expect(badText).toContain("This link is not valid");
    expect(badText).not.toContain("<a ");
    expect(await (await app.fetch(`/join/${inPerson.token}/${offline.id}`)).text()).toContain("This session is not followed online.");
    // The public pages show the livestream, never the meeting's address.
    for (const path of [`/en/e/${event.slug}/programme`, `/en/e/${event.slug}/programme/${sessionId}`, `/e/${event.slug}/schedule.json`]) {
      const body = await (await app.fetch(path)).text();
      expect(body, path).not.toContain("meet.example.org");
    }
    expect(await (await app.fetch(`/en/e/${event.slug}/programme/${sessionId}`)).text()).toContain("https://stream.example.org/live");
  });

  it("lets in-person participants join when the organiser allows it, and counts someone in the room and online once", async () => {
    const b = await withLink("delegate");
    const current = await (await json("GET", online())).json();
    const r = await json("PUT", online(), { ...current.online, allowInPerson: true, version: current.online.version });
    expect(r.status).toBe(200);
    expect((await app.fetch(`/join/${b.token}/${sessionId}`)).status).toBe(302);
    // The same person also entered the room, through a kiosk.
    await json("POST", `/api/v1/events/${event.slug}/badges/issue`, { participantIds: [b.id] });
    const { badges } = await (await json("GET", `/api/v1/events/${event.slug}/badges`)).json();
    const code = badges.find((x: { participantId: number }) => x.participantId === b.id).code;
    const list = (await (await json("POST", `/api/v1/events/${event.slug}/checkin-lists`, { name: { en: "Hall" }, kind: "room", roomId })).json()).checkinList;
    const kiosk = (await (await json("POST", `/api/v1/events/${event.slug}/kiosks`, { listId: list.id, name: "Hall door" })).json()).kiosk;
    const scan = await app.fetch("/api/v1/kiosk/scans", {
      method: "POST",
      headers: { authorization: `Bearer ${kiosk.token}`, "content-type": "application/json" },
      body: JSON.stringify({ scans: [{ nonce: crypto.randomUUID(), code, shown: "accepted", scannedAt: new Date().toISOString(), clockOffsetMs: 0 }] }),
    });
    expect(scan.status).toBe(200);
    const { attendance } = await (await json("GET", `/api/v1/events/${event.slug}/sessions/${sessionId}/attendance`)).json();
    const rows = attendance.filter((a: { participantId: number }) => a.participantId === b.id);
    expect(rows).toEqual([expect.objectContaining({ inPerson: true, online: true })]);
    const csv = await owner.get(`/admin/e/${event.slug}/sessions/${sessionId}/attendance.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\n").filter((l) => l.includes(b.familyName))).toHaveLength(1);
  });

  it("bad input: translated 4xx, never a 500", async () => {
    const bad = await json("PUT", online(), { provider: "zoom", joinUrl: "javascript:alert(1)" }, "ru");
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields.joinUrl).toMatch(/[а-я]/);
    const twice = await json("PUT", online(), {
      provider: "zoom",
      joinUrl,
      channels: [
        { lang: "ru", url: ruChannel },
        { lang: "ru", url: ruChannel },
      ],
    });
    expect(twice.status).toBe(422);
    expect((await json("PUT", online(), { provider: "skype", joinUrl })).status).toBe(422);
    const stale = await json("PUT", online(), { provider: "zoom", joinUrl, version: 1 });
    expect(stale.status).toBe(409);
    const other = (await makeEvent(db())).event;
    const otherSession = await makeSession(db(), other, owner.userId, { start: `${other.startDate}T10:00`, end: `${other.startDate}T11:00` });
    expect((await json("PUT", online(otherSession.id), { provider: "zoom", joinUrl })).status).toBe(404);
    expect((await app.fetch(`/join/x/abc`)).status).toBe(404);
  });
});

describe("venue screens", () => {
  it("show now and next per room and for the lobby, in the event's languages, without script, reloading themselves", async () => {
    for (const path of [`/en/e/${event.slug}/screens`, `/ru/e/${event.slug}/screens/${roomId}`]) {
      const res = await app.fetch(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html).toContain("Opening plenary");
      expect(html).toContain("Открытие");
      expect(html).toMatch(/http-equiv="refresh" content="30"/);
      expect(html).not.toContain("<script");
    }
    expect(await (await app.fetch(`/ru/e/${event.slug}/screens/${roomId}`)).text()).toContain("Сейчас");
    expect((await app.fetch(`/en/e/${event.slug}/screens/999999`)).status).toBe(404);
    expect((await app.fetch(`/en/e/${event.slug}/screens/abc`)).status).toBe(404);
  });
});
