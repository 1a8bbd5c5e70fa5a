// A kiosk's state and its push loop (app/kiosk/sync.ts) against the real endpoints: an override of a refusal
// already sent, codes too long for the server, a scan the server refuses whole, and a badge shown twice.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushQueue } from "../../app/kiosk/sync.ts";
import { categoryOf, makeEvent, makeParticipant } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { verifyEd25519 } from "../badges/keys.ts";
import type { EventRow } from "../events/queries.ts";
import { KioskState, type QueuedScan, type SyncPayload } from "./kiosk-state.ts";
import { presence, scans } from "./schema.ts";
import { maxCodeLength } from "./vocabulary.ts";

let app: TestServer;
let event: EventRow;
let owner: Staff;
const db = () => app.services.db;
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tashkent" }).format(new Date());
const api = (path: string) => `/api/v1/events/${event.slug}${path}`;
const json = async (method: string, path: string, body?: unknown) => {
  const r = await app.fetch(path, {
    method,
    headers: { cookie: owner.cookie, "content-type": "application/json", "accept-language": "en" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(r.status, await r.clone().text()).toBeLessThan(300);
  return r.json();
};

/** A kiosk registered on a list, synced over HTTP, pushing its queue with the kiosk page's own loop. */
async function device(listId: number) {
  const { kiosk } = await json("POST", api("/kiosks"), { listId, name: `Kiosk ${listId}` });
  const auth = { authorization: `Bearer ${kiosk.token}` };
  const state = new KioskState(verifyEd25519);
  for (let more = true; more; ) {
    const r = await app.fetch(`/api/v1/kiosk/sync?${state.syncQuery()}`, { headers: auth });
    more = state.applySync((await r.json()) as SyncPayload, new Date());
  }
  const sent: QueuedScan[][] = [];
  const send = (batch: QueuedScan[]) => {
    sent.push(batch);
    return app.fetch("/api/v1/kiosk/scans", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ scans: batch }),
    });
  };
  return { state, sent, send, push: () => pushQueue(state, send, async () => {}) };
}

async function list(body: Record<string, unknown>): Promise<number> {
  return (await json("POST", api("/checkin-lists"), { kind: "door", ...body })).checkinList.id;
}

async function personWithCode(): Promise<{ id: number; code: string }> {
  const person = await makeParticipant(db(), event, owner.userId, {}, { status: "approved" });
  await json("POST", api("/badges/issue"), { participantIds: [person.id] });
  const { badges } = await json("GET", api("/badges"));
  return { id: person.id, code: badges.find((b: { participantId: number }) => b.participantId === person.id).code };
}

const scansOf = (participantId: number) => db().select().from(scans).where(eq(scans.participantId, participantId)).orderBy(scans.scannedAt);
const countsAt = async (listId: number) => (await json("GET", api("/checkin/counts"))).counts.lists.find((l: { listId: number }) => l.listId === listId);
async function inVenue(participantId: number): Promise<boolean | undefined> {
  const [row] = await db()
    .select()
    .from(presence)
    .where(and(eq(presence.eventId, event.id), eq(presence.participantId, participantId)));
  return row?.inVenue;
}

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  event = (await makeEvent(db(), { startDate: today(), endDate: today(), timezone: "Asia/Tashkent" })).event;
  owner = await staff(app, { email: "owner.kiosk-push@example.org", isAdmin: true });
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

describe("an override of a refusal the kiosk has already sent", () => {
  it("is recorded: the refusal and the override kept, the person let in and counted once", async () => {
    const observers = await list({ name: { en: "Observers' door" }, categoryIds: [(await categoryOf(db(), event, "observer")).id] });
    const person = await personWithCode();
    const k = await device(observers);
    const { decision, scan } = k.state.scan(person.code, new Date());
    expect(decision).toMatchObject({ ok: false, reason: "category_not_admitted" });
    // Online: the refusal is sent at once and leaves the queue, before the operator has typed a reason.
    expect(await k.push()).toMatchObject([{ verdict: "refused", reason: "category_not_admitted" }]);
    expect(k.state.queue).toEqual([]);
    k.state.override(scan.nonce, "Speaker of the opening session", new Date());
    await k.push();
    expect((await scansOf(person.id)).map((s) => [s.shown, s.shownReason, s.overrideReason])).toEqual([
      ["refused", "category_not_admitted", null],
      ["overridden", "category_not_admitted", "Speaker of the opening session"],
    ]);
    expect(await inVenue(person.id)).toBe(true);
    expect(await countsAt(observers)).toMatchObject({ people: 1, duplicates: 0, refused: 1 });
  });

  it("is recorded when the refusal's receipt comes back after the override", async () => {
    const observers = await list({ name: { en: "Observers' door 2" }, categoryIds: [(await categoryOf(db(), event, "observer")).id] });
    const person = await personWithCode();
    const k = await device(observers);
    const { scan } = k.state.scan(person.code, new Date());
    const onItsWay = k.send(k.state.nextBatch());
    k.state.override(scan.nonce, "Minister's aide", new Date());
    const { receipts } = await (await onItsWay).json();
    k.state.acknowledge(receipts.map((r: { nonce: string }) => r.nonce));
    await k.push();
    expect((await scansOf(person.id)).map((s) => s.shown)).toEqual(["refused", "overridden"]);
    expect(await countsAt(observers)).toMatchObject({ people: 1, refused: 1 });
  });
});

describe("scans the server cannot take", () => {
  it("an over-long code is queued cut to the server's limit, and the scans after it are stored", async () => {
    const door = await list({ name: { en: "Long codes" } });
    const person = await personWithCode();
    const k = await device(door);
    expect(k.state.scan("X".repeat(2000), new Date()).decision).toMatchObject({ ok: false, reason: "unreadable" });
    expect(k.state.scan(person.code, new Date()).decision.ok).toBe(true);
    expect((await k.push()).map((r) => r.verdict)).toEqual(["refused", "accepted"]);
    expect(k.state.queue).toEqual([]);
    const [long] = await db()
      .select()
      .from(scans)
      .where(eq(scans.code, "X".repeat(maxCodeLength)));
    expect(long).toMatchObject({ listId: door, shown: "refused", verdictReason: "unreadable" });
    expect(await inVenue(person.id)).toBe(true);
  });

  it("a scan the server refuses (a kiosk clock reset to 1970) is set aside, not retried forever; the rest go through", async () => {
    const door = await list({ name: { en: "Reset clock" } });
    const people = [await personWithCode(), await personWithCode()];
    const k = await device(door);
    k.state.scan(people[0].code, new Date());
    k.state.scan(people[1].code, new Date(Date.UTC(1970, 0, 1)));
    k.state.scan("NOT A BADGE", new Date());
    const receipts = await k.push();
    expect(receipts).toHaveLength(2);
    expect(k.state.queue).toEqual([]);
    expect(k.state.setAside.map((s) => s.code)).toEqual([people[1].code]);
    // All three refused, then halves: the first two refused, each of them alone, the last one.
    expect(k.sent.map((batch) => batch.length)).toEqual([3, 2, 1, 1, 1]);
    expect(await inVenue(people[0].id)).toBe(true);
    expect(await scansOf(people[1].id)).toEqual([]);
  });
});

describe("a badge shown twice", () => {
  it("at the same door is said to be let in by this door, at another by another", async () => {
    const [main, side] = [await list({ name: { en: "Twice: main" } }), await list({ name: { en: "Twice: side" } })];
    const person = await personWithCode();
    const here = await device(main);
    const there = await device(side);
    const t = Date.now() - 60_000;
    const first = here.state.scan(person.code, new Date(t)).scan.nonce;
    expect(here.state.repeatedAt(await here.push(), first)).toBeNull();
    const second = here.state.scan(person.code, new Date(t + 10_000)).scan.nonce;
    expect(here.state.repeatedAt(await here.push(), second)).toBe("here");
    const third = there.state.scan(person.code, new Date(t + 20_000)).scan.nonce;
    expect(there.state.repeatedAt(await there.push(), third)).toBe("elsewhere");
  });
});
