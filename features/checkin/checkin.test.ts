import { readFileSync } from "node:fs";
import { and, count, countDistinct, eq, gte, lt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zonedToUtc } from "../../i18n/format.ts";
import { adminActor, categoryOf, importParticipants, makeEvent, makeParticipant, makeRoom } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { decodeBase45, encodeBase45 } from "../badges/base45.ts";
import { decodeCode } from "../badges/code.ts";
import { verifyEd25519 } from "../badges/keys.ts";
import type { EventRow } from "../events/queries.ts";
import { updateParticipant } from "../registration/review/update-participant.ts";
import { participants } from "../registration/schema.ts";
import type { DoorCounts } from "./counts.ts";
import { KioskState, type SyncPayload } from "./kiosk-state.ts";
import { listPeople, presence, scanOutcomes, scans } from "./schema.ts";

let app: TestServer;
let event: EventRow;
let owner: Staff;
const db = () => app.services.db;
const today = (offsetDays = 0) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tashkent" }).format(new Date(Date.now() + offsetDays * 86_400_000));

const json = (who: Staff, method: string, path: string, body?: unknown) =>
  app.fetch(path, {
    method,
    headers: { cookie: who.cookie, "content-type": "application/json", "accept-language": "en" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const api = (path: string) => `/api/v1/events/${event.slug}${path}`;

/** A kiosk as a device runs it: registered by staff, synced over HTTP, deciding offline, pushing its queue. */
interface Device {
  id: number;
  token: string;
  state: KioskState;
  sync(): Promise<void>;
  push(options?: { loseResponse?: boolean; batch?: number }): Promise<{ nonce: string; verdict: string; reason: string | null; duplicateOf: unknown }[]>;
}

async function device(listId: number, name: string): Promise<Device> {
  const res = await json(owner, "POST", api("/kiosks"), { listId, name });
  expect(res.status).toBe(201);
  const { kiosk } = await res.json();
  expect(kiosk.link).toMatch(/\/kiosk#[A-Za-z0-9_-]{43}$/);
  const state = new KioskState(verifyEd25519);
  const auth = { authorization: `Bearer ${kiosk.token}` };
  return {
    id: kiosk.id,
    token: kiosk.token,
    state,
    async sync() {
      for (let more = true; more; ) {
        const r = await app.fetch(`/api/v1/kiosk/sync?${state.syncQuery()}`, { headers: auth });
        expect(r.status).toBe(200);
        more = state.applySync((await r.json()) as SyncPayload, new Date());
      }
    },
    async push(options = {}) {
      const all = [];
      while (state.queue.length > 0) {
        const batch = state.nextBatch(options.batch ?? 500);
        const r = await app.fetch("/api/v1/kiosk/scans", {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ scans: batch }),
        });
        expect(r.status).toBe(200);
        const { receipts } = await r.json();
        // A response lost on the way: the kiosk never heard it, keeps the batch, and sends it again.
        if (options.loseResponse) {
          options = { ...options, loseResponse: false };
          continue;
        }
        state.acknowledge(receipts.map((x: { nonce: string }) => x.nonce));
        all.push(...receipts);
      }
      return all;
    },
  };
}

let main: number;
let gate2: number;
let hall: number;
let hallRoom: number;
let delegate: { id: number };
let people: number[];

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const made = await makeEvent(db(), { startDate: today(), endDate: today(1), timezone: "Asia/Tashkent" });
  event = made.event;
  owner = await staff(app, { email: "owner.checkin@example.org", isAdmin: true });
  delegate = await categoryOf(db(), event, "delegate");
  const p = [];
  for (let i = 0; i < 4; i++) p.push(await makeParticipant(db(), event, owner.userId, {}, { status: "approved" }));
  people = p.map((x) => x.id);
  hallRoom = (await makeRoom(db(), event, { name: "Plenary Hall" })).id;
  const list = async (body: unknown) => {
    const r = await json(owner, "POST", api("/checkin-lists"), body);
    expect(r.status, await r.clone().text()).toBe(201);
    return (await r.json()).checkinList.id as number;
  };
  main = await list({ name: { en: "Main entrance", ru: "Главный вход" }, kind: "door" });
  gate2 = await list({ name: { en: "Gate 2" }, kind: "door" });
  hall = await list({ name: { en: "Plenary Hall" }, kind: "room", roomId: hallRoom });
  const issued = await json(owner, "POST", api("/badges/issue"), {});
  expect(issued.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

async function codeOf(participantId: number): Promise<string> {
  const r = await json(owner, "GET", api("/badges"));
  const { badges } = await r.json();
  return badges.find((b: { participantId: number }) => b.participantId === participantId).code;
}

/**
 * The staff's per-list counts read tables kept beside the scans (counts.ts): they must say what counting
 * today's scans themselves says (people let in by a scan that repeats none, repeats, refusals).
 */
async function expectCountsAsTheScansSay(): Promise<DoorCounts> {
  const from = zonedToUtc(`${today()}T00:00`, event.timezone)!;
  const to = new Date(from.getTime() + 86_400_000);
  const counted = await db()
    .select({
      listId: scans.listId,
      people: countDistinct(sql`case when ${scans.shown} <> 'refused' and ${scanOutcomes.duplicateOf} is null then ${scans.participantId} end`),
      duplicates: count(scanOutcomes.duplicateOf),
      refused: count(sql`case when ${scans.shown} = 'refused' then 1 end`),
    })
    .from(scans)
    .leftJoin(scanOutcomes, eq(scanOutcomes.scanId, scans.id))
    .where(and(eq(scans.eventId, event.id), gte(scans.scannedAt, from), lt(scans.scannedAt, to)))
    .groupBy(scans.listId);
  const expected = counted
    .map((r) => ({ listId: r.listId, people: Number(r.people), duplicates: Number(r.duplicates), refused: Number(r.refused) }))
    .sort((a, b) => a.listId - b.listId);
  const { counts } = await (await json(owner, "GET", api("/checkin/counts"))).json();
  expect(counts.lists).toEqual(expected);
  return counts;
}

describe("the code on the badge", () => {
  it("base45 follows RFC 9285", () => {
    expect(encodeBase45(new TextEncoder().encode("AB"))).toBe("BB8");
    expect(encodeBase45(new TextEncoder().encode("Hello!!"))).toBe("%69 VD92EX0");
    expect(new TextDecoder().decode(decodeBase45("QED8WEX0")!)).toBe("ietf!");
    expect(decodeBase45("GGW")).toBeNull();
    expect(decodeBase45("a")).toBeNull();
  });

  it("holds ids, a version, a category and a window, no personal data, and fits 128 characters", async () => {
    const code = await codeOf(people[0]);
    expect(code).toHaveLength(128);
    expect(code).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    const decoded = decodeCode(code)!;
    expect(decoded.claims).toMatchObject({ eventId: event.id, participantId: people[0], version: 1, categoryId: delegate.id });
    const [row] = await db().select().from(participants).where(eq(participants.id, people[0]));
    expect(code).not.toContain(row.familyName.toUpperCase());
  });
});

describe("kiosks at the doors", () => {
  it("refuses a forged code, a code of another person's altered id, and garbage, online and offline", async () => {
    const k = await device(main, "Forgery test");
    await k.sync();
    const good = await codeOf(people[1]);
    const bytes = decodeBase45(good)!;
    bytes[30] ^= 1; // a bit of the signature
    const forged = encodeBase45(bytes);
    const other = decodeBase45(good)!;
    other[8] ^= 1; // the participant id
    const renamed = encodeBase45(other);
    expect(k.state.scan(forged, new Date()).decision).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(k.state.scan(renamed, new Date()).decision).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(k.state.scan("HELLO WORLD", new Date()).decision).toMatchObject({ ok: false, reason: "unreadable" });
    // Even if a tampered kiosk showed them as accepted, the server's verdict refuses them.
    for (const s of k.state.queue) s.shown = "accepted";
    const receipts = await k.push();
    expect(receipts.map((r) => r.verdict)).toEqual(["refused", "refused", "refused"]);
    expect(receipts.map((r) => r.reason)).toEqual(["bad_signature", "bad_signature", "unreadable"]);
    // A forged code names nobody: no presence for the person it pretends to be.
    const [p] = await db()
      .select()
      .from(presence)
      .where(and(eq(presence.eventId, event.id), eq(presence.participantId, people[1])));
    expect(p).toBeUndefined();
  });

  it("two offline kiosks let the same badge through seconds apart: both scans kept, the second flagged, the person counted once", async () => {
    const a = await device(main, "Main entrance 1");
    const b = await device(gate2, "Gate 2");
    await Promise.all([a.sync(), b.sync()]);
    const code = await codeOf(people[2]);
    const t = Date.now();
    expect(a.state.scan(code, new Date(t)).decision.ok).toBe(true);
    expect(b.state.scan(code, new Date(t + 4000)).decision.ok).toBe(true);
    // The later one syncs first: the order is decided by when the scans happened, not by when they arrived.
    const [second] = await b.push();
    expect(second.duplicateOf).toBeNull();
    const [first] = await a.push();
    expect(first.duplicateOf).toBeNull();
    const rows = await db().select().from(scans).where(eq(scans.participantId, people[2]));
    expect(rows).toHaveLength(2);
    const counts = await (await json(owner, "GET", api("/checkin/counts"))).json();
    const at = (id: number) => counts.counts.lists.find((l: { listId: number }) => l.listId === id);
    expect(at(main)).toMatchObject({ people: 1, duplicates: 0 });
    expect(at(gate2)).toMatchObject({ people: 0, duplicates: 1 });
    const dup = await (await json(owner, "GET", api("/checkin/duplicates"))).json();
    expect(dup.duplicates.find((d: { participantId: number }) => d.participantId === people[2])).toMatchObject({ listId: gate2 });
    // The staff's page names the person, linked to their registration.
    const [person] = await db().select().from(participants).where(eq(participants.id, people[2]));
    const doors = await (await owner.get(`/admin/e/${event.slug}/doors`)).text();
    expect(doors).toContain(`href="/admin/e/${event.slug}/registrations/${people[2]}">${person.familyName}<!-- -->, <!-- -->${person.givenName}</a>`);
    // Gate 2's kiosk learns of it on its next push (here: a retry of the same scan answers the same, with the flag).
    b.state.queue.push({
      nonce: rows.find((r) => r.listId === gate2)!.nonce,
      code,
      shown: "accepted",
      shownReason: null,
      overrideReason: null,
      scannedAt: new Date(t + 4000).toISOString(),
      clockOffsetMs: 0,
    });
    const [again] = await b.push();
    expect(again.duplicateOf).toMatchObject({ listId: main });
    expect(await db().select().from(scans).where(eq(scans.participantId, people[2]))).toHaveLength(2);
    await expectCountsAsTheScansSay();
  });

  it("a late exit scan between two entries: the second entry no longer repeats the first, and is counted again", async () => {
    const person = await makeParticipant(db(), event, owner.userId, {}, { status: "approved" });
    await json(owner, "POST", api("/badges/issue"), { participantIds: [person.id] });
    const code = await codeOf(person.id);
    const exitList = (await (await json(owner, "POST", api("/checkin-lists"), { name: { en: "Exit" }, kind: "door", direction: "exit" })).json()).checkinList
      .id as number;
    const door = await device(main, "Late exit: entrance");
    const exit = await device(exitList, "Late exit: exit");
    await Promise.all([door.sync(), exit.sync()]);
    const t = Date.now() - 60_000;
    door.state.scan(code, new Date(t));
    door.state.scan(code, new Date(t + 20_000));
    const [, second] = await door.push();
    expect(second.duplicateOf).toMatchObject({ listId: main });
    const flagged = async () =>
      (await (await json(owner, "GET", api("/checkin/duplicates"))).json()).duplicates.filter((d: { participantId: number }) => d.participantId === person.id);
    expect(await flagged()).toHaveLength(1);
    // The exit kiosk was offline: its scan, made between the two entries, arrives last.
    exit.state.scan(code, new Date(t + 10_000));
    await exit.push();
    expect(await flagged()).toHaveLength(0);
    const [row] = await db()
      .select()
      .from(presence)
      .where(and(eq(presence.eventId, event.id), eq(presence.participantId, person.id)));
    expect(row).toMatchObject({ inVenue: true });
    // A retry of the second entry now answers that it repeats nothing.
    door.state.queue.push({
      nonce: second.nonce,
      code,
      shown: "accepted",
      shownReason: null,
      overrideReason: null,
      scannedAt: new Date(t + 20_000).toISOString(),
      clockOffsetMs: 0,
    });
    const [again] = await door.push();
    expect(again.duplicateOf).toBeNull();
    await expectCountsAsTheScansSay();
  });

  it("a reprint revokes the old code at once online, and offline after the next sync; a revoked badge opens nothing", async () => {
    const k = await device(main, "Reprint test");
    await k.sync();
    const old = await codeOf(people[3]);
    const r = await json(owner, "POST", api(`/badges/${people[3]}/reprint`));
    expect(r.status).toBe(200);
    const fresh = (await r.json()).badge.code;
    expect(decodeCode(fresh)!.claims.version).toBe(2);
    // Offline, before the sync: the kiosk cannot know yet; the server refuses it when the scan arrives.
    expect(k.state.scan(old, new Date()).decision.ok).toBe(true);
    const [receipt] = await k.push();
    expect(receipt).toMatchObject({ verdict: "refused", reason: "revoked" });
    await k.sync();
    expect(k.state.scan(old, new Date()).decision).toMatchObject({ ok: false, reason: "revoked" });
    expect(k.state.scan(fresh, new Date()).decision.ok).toBe(true);
    await k.push();

    expect((await json(owner, "POST", api(`/badges/${people[3]}/revoke`))).status).toBe(204);
    await k.sync();
    expect(k.state.scan(fresh, new Date()).decision).toMatchObject({ ok: false, reason: "revoked" });
    const [online] = await k.push();
    expect(online).toMatchObject({ verdict: "refused", reason: "revoked" });
  });

  it("a category changed while a kiosk is offline: refused by the server at once, by the kiosk after its sync, until the new badge", async () => {
    const person = await makeParticipant(db(), event, owner.userId, {}, { status: "approved" });
    await json(owner, "POST", api("/badges/issue"), { participantIds: [person.id] });
    const code = await codeOf(person.id);
    const k = await device(main, "Category test");
    await k.sync();
    const observer = await categoryOf(db(), event, "observer");
    const ctx = { db: db(), actor: adminActor(owner.userId), now: new Date(), publicUrl: "http://localhost", secret: app.services.secret };
    await updateParticipant(ctx, event, person.id, {
      givenName: person.givenName,
      familyName: person.familyName,
      email: person.email,
      country: "UZ",
      categoryId: String(observer.id),
      lang: "en",
      version: String(person.version),
    });
    expect(k.state.scan(code, new Date()).decision.ok).toBe(true);
    const [receipt] = await k.push();
    expect(receipt).toMatchObject({ verdict: "refused", reason: "superseded" });
    await k.sync();
    expect(k.state.scan(code, new Date()).decision).toMatchObject({ ok: false, reason: "superseded" });
    await json(owner, "POST", api("/badges/issue"), { participantIds: [person.id] });
    const next = await codeOf(person.id);
    expect(decodeCode(next)!.claims).toMatchObject({ version: 2, categoryId: observer.id });
    await k.sync();
    expect(k.state.scan(next, new Date()).decision.ok).toBe(true);
    expect(k.state.scan(code, new Date()).decision).toMatchObject({ ok: false, reason: "revoked" });
    await k.push();
  });

  it("entering room B leaves room A; an operator's override needs a reason and is kept", async () => {
    const otherRoom = (await makeRoom(db(), event, { name: "Room B" })).id;
    const roomB = (await (await json(owner, "POST", api("/checkin-lists"), { name: { en: "Room B" }, kind: "room", roomId: otherRoom })).json()).checkinList.id;
    const inHall = await device(hall, "Hall door");
    const inB = await device(roomB, "Room B door");
    await Promise.all([inHall.sync(), inB.sync()]);
    const code = await codeOf(people[0]);
    const t = Date.now();
    inHall.state.scan(code, new Date(t));
    await inHall.push();
    let [p] = await db()
      .select()
      .from(presence)
      .where(and(eq(presence.eventId, event.id), eq(presence.participantId, people[0])));
    expect(p.roomId).toBe(hallRoom);
    const { scan } = inB.state.scan("NOT A BADGE", new Date(t + 60_000));
    expect(() => inB.state.override(scan.nonce, " ", new Date(t + 60_000))).toThrow();
    inB.state.scan(code, new Date(t + 60_000));
    await inB.push();
    [p] = await db()
      .select()
      .from(presence)
      .where(and(eq(presence.eventId, event.id), eq(presence.participantId, people[0])));
    expect(p.roomId).toBe(otherRoom);
    const counts = await expectCountsAsTheScansSay();
    expect(counts.lists.find((l) => l.listId === roomB)).toMatchObject({ people: 1, refused: 1 });
  });

  it("a print station marks badges printed and lets nobody in", async () => {
    const person = await makeParticipant(db(), event, owner.userId, {}, { status: "approved" });
    await json(owner, "POST", api("/badges/issue"), { participantIds: [person.id] });
    const before = await (await json(owner, "GET", api("/checkin/counts"))).json();
    const r = await json(owner, "POST", api("/badges/printed"), { participantIds: [person.id] });
    expect(await r.json()).toEqual({ printed: 1 });
    const after = await (await json(owner, "GET", api("/checkin/counts"))).json();
    expect(after.counts.inVenue).toBe(before.counts.inVenue);
    expect(await db().select().from(scans).where(eq(scans.participantId, person.id))).toHaveLength(0);
    expect(await db().select().from(presence).where(eq(presence.participantId, person.id))).toHaveLength(0);
    const { badges } = await (await json(owner, "GET", api("/badges"))).json();
    expect(badges.find((b: { participantId: number }) => b.participantId === person.id)).toMatchObject({ printedVersion: 1 });
  });

  it("a rotated key: old badges stay valid until their window ends, new ones carry the new key", async () => {
    const r = await json(owner, "POST", api("/badges/keys/rotate"));
    expect(r.status).toBe(201);
    const { keyId } = await r.json();
    const person = await makeParticipant(db(), event, owner.userId, {}, { status: "approved" });
    await json(owner, "POST", api("/badges/issue"), { participantIds: [person.id] });
    expect(decodeCode(await codeOf(person.id))!.claims.keyId).toBe(keyId);
    const k = await device(main, "Rotation test");
    await k.sync();
    expect(k.state.keys.map((x) => x.keyId)).toEqual([keyId - 1, keyId]);
    expect(k.state.scan(await codeOf(person.id), new Date()).decision.ok).toBe(true);
    expect(k.state.scan(await codeOf(people[1]), new Date()).decision.ok).toBe(true);
    k.state.queue = [];
  });
});

describe("two kiosks, 500 badges each, offline, then sync with retries", () => {
  it("loses nothing and counts nobody twice", async () => {
    await importParticipants(
      db(),
      event,
      Array.from({ length: 500 }, () => ({ status: "approved" })),
    );
    expect((await json(owner, "POST", api("/badges/issue"), {})).status).toBe(200);
    const { badges } = await (await json(owner, "GET", api("/badges"))).json();
    const mine = badges.filter((b: { version: number; revokedAt: string | null }) => b.revokedAt === null).slice(-500);
    expect(mine).toHaveLength(500);
    const a = await device(main, "Bulk A");
    const b = await device(gate2, "Bulk B");
    await Promise.all([a.sync(), b.sync()]);
    const t = Date.now() - 600_000;
    mine.forEach((badge: { code: string }, i: number) => {
      a.state.scan(badge.code, new Date(t + i * 100));
      b.state.scan(badge.code, new Date(t + 100_000 + i * 100));
    });
    expect(a.state.queue).toHaveLength(500);
    // Batches of 100, each first answered into the void, then sent again; both kiosks at once.
    await Promise.all([a.push({ loseResponse: true, batch: 100 }), b.push({ loseResponse: true, batch: 100 })]);
    const ids = mine.map((m: { participantId: number }) => m.participantId);
    const stored = (await db().select({ participantId: scans.participantId, listId: scans.listId }).from(scans).where(eq(scans.eventId, event.id))).filter(
      (s) => ids.includes(s.participantId),
    );
    expect(stored).toHaveLength(1000);
    const counts = await (await json(owner, "GET", api("/checkin/counts"))).json();
    const at = (id: number) => counts.counts.lists.find((l: { listId: number }) => l.listId === id);
    expect(at(main).people).toBeGreaterThanOrEqual(500);
    const inside = await db()
      .select()
      .from(presence)
      .where(and(eq(presence.eventId, event.id), eq(presence.inVenue, true)));
    expect(inside.filter((p) => ids.includes(p.participantId))).toHaveLength(500);
    await expectCountsAsTheScansSay();
  }, 120_000);
});

describe("the API's description", () => {
  it("documents the kiosk's and staff's endpoints, with the kiosk's own token", async () => {
    const doc = await (await app.fetch("/api/v1/openapi.json")).json();
    expect(doc.paths["/kiosk/scans"].post.security).toEqual([{ kioskToken: [] }]);
    expect(doc.components.securitySchemes.kioskToken.scheme).toBe("bearer");
    for (const path of ["/events/{slug}/badges/print", "/events/{slug}/checkin-lists", "/events/{slug}/sessions/{sessionId}/online", "/kiosk/sync"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths["/kiosk/scans"].post.requestBody.content["application/json"].schema.properties.scans.maxItems).toBe(500);
  });
});

describe("bad input", () => {
  it("a kiosk without a valid token gets a 401, a revoked kiosk too", async () => {
    expect((await app.fetch("/api/v1/kiosk/sync")).status).toBe(401);
    const k = await device(main, "Revoked");
    expect((await json(owner, "DELETE", api(`/kiosks/${k.id}`))).status).toBe(204);
    const r = await app.fetch("/api/v1/kiosk/sync", { headers: { authorization: `Bearer ${k.token}`, "accept-language": "ru" } });
    expect(r.status).toBe(401);
    expect((await r.json()).error.message).toMatch(/[а-я]/);
  });

  it("malformed scans get a translated 422 and nothing is stored", async () => {
    const k = await device(main, "Bad input");
    const send = (body: unknown) =>
      app.fetch("/api/v1/kiosk/scans", {
        method: "POST",
        headers: { authorization: `Bearer ${k.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    for (const body of [
      {},
      { scans: [] },
      { scans: [{ nonce: "x", code: "A", shown: "accepted", scannedAt: "now" }] },
      { scans: [{ nonce: crypto.randomUUID(), code: "A", shown: "maybe", scannedAt: new Date().toISOString() }] },
      // A clock in the year 9999 (a week's correction would carry it past what the database stores), one reset to 1970.
      { scans: [{ nonce: crypto.randomUUID(), code: "A", shown: "accepted", scannedAt: "9999-12-31T23:59:59Z", clockOffsetMs: 604_800_000 }] },
      { scans: [{ nonce: crypto.randomUUID(), code: "A", shown: "accepted", scannedAt: "1970-01-01T00:00:00Z" }] },
      // Half of a surrogate pair: no text column can hold it.
      { scans: [{ nonce: crypto.randomUUID(), code: "\ud800", shown: "overridden", overrideReason: "x", scannedAt: new Date().toISOString() }] },
    ]) {
      const stored = await db().$count(scans, eq(scans.eventId, event.id));
      const r = await send(body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect((await r.json()).error.message).toBeTruthy();
      expect(await db().$count(scans, eq(scans.eventId, event.id))).toBe(stored);
    }
    expect((await send("[")).status).toBe(422);
  });

  it("a room or a category of another event, an unknown list: clear 4xx", async () => {
    const other = (await makeEvent(db())).event;
    const room = await makeRoom(db(), other);
    const r = await json(owner, "POST", api("/checkin-lists"), { name: { en: "Elsewhere" }, kind: "room", roomId: room.id });
    expect(r.status).toBe(422);
    expect((await r.json()).error.fields.roomId).toMatch(/another event|event/i);
    const k = await json(owner, "POST", api("/kiosks"), { listId: 999999, name: "Nowhere" });
    expect(k.status).toBe(404);
    const noName = await json(owner, "POST", api("/checkin-lists"), { name: {}, kind: "door" });
    expect(noName.status).toBe(422);
  });
});

describe("migration 0024", () => {
  it("fills who was let in per list and day from stored scans as the scans' derivation does", async () => {
    const rows = async () =>
      (await db().select().from(listPeople).where(eq(listPeople.eventId, event.id))).map((r) => `${r.participantId}:${r.listId}:${r.day}`).sort();
    const derived = await rows();
    expect(derived.length).toBeGreaterThan(500);
    // The statement of the migration, run again on this event's scans as if the table had just been made.
    const migration = readFileSync(new URL("../../db/migrations/0024_checkin_counts_by_person.sql", import.meta.url), "utf8");
    const fill = migration.split("--> statement-breakpoint").find((s) => s.includes('INSERT INTO "checkin_list_people"'))!;
    await db().delete(listPeople).where(eq(listPeople.eventId, event.id));
    await db().execute(sql.raw(fill));
    expect(await rows()).toEqual(derived);
  });
});
