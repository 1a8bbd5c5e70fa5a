// Scans arriving at two instances on one PostgreSQL at the same moment: commits of the same people take
// turns, so what is stored equals a derivation from all the scans, whichever instance got which.
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeParticipant } from "../../test/factories.ts";
import { eventually } from "../../test/live.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import type { EventRow } from "../events/queries.ts";
import { derivePresence } from "./derive-presence.ts";
import { checkinLists, kiosks, presence, scanOutcomes, scans } from "./schema.ts";

describe.skipIf(!process.env.DATABASE_URL)("scans at two instances on one PostgreSQL", () => {
  let one: TestServer;
  let two: TestServer;
  let owner: Staff;
  let event: EventRow;
  let people: number[];
  const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tashkent" }).format(new Date());
  const json = (app: TestServer, method: string, path: string, body?: unknown) =>
    app.fetch(path, {
      method,
      headers: { cookie: owner.cookie, "content-type": "application/json", "accept-language": "en" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const api = (path: string) => `/api/v1/events/${event.slug}${path}`;

  beforeAll(async () => {
    one = await startTestServer({ demo: false });
    two = await startTestServer({ shareWith: one });
    owner = await staff(one, { email: "owner.instances.checkin@example.org", isAdmin: true });
    event = (await makeEvent(one.services.db, { startDate: today(), endDate: today(), timezone: "Asia/Tashkent" })).event;
    people = [];
    for (let i = 0; i < 6; i++) people.push((await makeParticipant(one.services.db, event, owner.userId, {}, { status: "approved" })).id);
    expect((await json(one, "POST", api("/badges/issue"), {})).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await two?.stop();
    await one?.stop();
  });

  async function kiosk(app: TestServer, name: string): Promise<string> {
    return (await kioskWithId(app, name)).token;
  }
  async function kioskWithId(app: TestServer, name: string): Promise<{ id: number; token: string }> {
    const list = await json(app, "POST", api("/checkin-lists"), { name: { en: name }, kind: "door" });
    const { checkinList } = await list.json();
    const made = await json(app, "POST", api("/kiosks"), { listId: checkinList.id, name });
    const { kiosk } = await made.json();
    return { id: kiosk.id, token: kiosk.token };
  }

  async function codes(): Promise<Map<number, string>> {
    const { badges } = await (await json(one, "GET", api("/badges"))).json();
    return new Map(badges.map((b: { participantId: number; code: string }) => [b.participantId, b.code]));
  }

  const push = (app: TestServer, token: string, code: string, at: Date) =>
    app.fetch("/api/v1/kiosk/scans", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ scans: [{ nonce: crypto.randomUUID(), code, shown: "accepted", scannedAt: at.toISOString(), clockOffsetMs: 0 }] }),
    });

  it("stores what a derivation from all the scans gives, each person counted once, whichever instance took which scan", async () => {
    const [gateOne, gateTwo] = [await kiosk(one, "Gate 1"), await kiosk(two, "Gate 2")];
    const byPerson = await codes();
    const start = Date.now() - 60_000;
    // Every person through both gates, five times each, all sent at once: commits on both instances overlap.
    const sent = people.flatMap((id, p) =>
      Array.from({ length: 5 }, (_, k) => [
        push(one, gateOne, byPerson.get(id)!, new Date(start + p * 1000 + k * 10)),
        push(two, gateTwo, byPerson.get(id)!, new Date(start + p * 1000 + k * 10 + 5)),
      ]).flat(),
    );
    for (const res of await Promise.all(sent)) expect(res.status).toBe(200);

    const db = one.services.db;
    const stored = await db
      .select({
        id: scans.id,
        participantId: scans.participantId,
        scannedAt: scans.scannedAt,
        kind: checkinLists.kind,
        direction: checkinLists.direction,
        roomId: checkinLists.roomId,
      })
      .from(scans)
      .innerJoin(checkinLists, eq(checkinLists.id, scans.listId))
      .where(and(eq(scans.eventId, event.id), inArray(scans.participantId, people)))
      .orderBy(asc(scans.id));
    expect(stored).toHaveLength(people.length * 10);
    const repeats = new Map((await db.select().from(scanOutcomes).where(eq(scanOutcomes.eventId, event.id))).map((o) => [o.scanId, o.duplicateOf]));
    for (const id of people) {
      const expected = derivePresence(
        stored.filter((s) => s.participantId === id),
        event.timezone,
      );
      for (const [scanId, duplicateOf] of expected.duplicateOf) expect(repeats.get(scanId) ?? null).toBe(duplicateOf);
      const [row] = await db
        .select()
        .from(presence)
        .where(and(eq(presence.eventId, event.id), eq(presence.participantId, id)));
      expect(row).toMatchObject({ inVenue: true, lastScanId: expected.lastScanId });
    }
    const { counts } = await (await json(two, "GET", api("/checkin/counts"))).json();
    expect(counts.inVenue).toBe(people.length);
  });

  it("a reprint on one instance is refused at once on the other", async () => {
    const gate = await kiosk(two, "Gate 3");
    const old = (await codes()).get(people[0])!;
    expect((await json(one, "POST", api(`/badges/${people[0]}/reprint`))).status).toBeLessThan(300);
    const res = await push(two, gate, old, new Date());
    expect((await res.json()).receipts[0]).toMatchObject({ verdict: "refused", reason: "revoked" });
  });

  it("a kiosk withdrawn on one instance is refused at once on the other, its scans and its sync", async () => {
    const gate = await kioskWithId(two, "Gate 4");
    const code = (await codes()).get(people[1])!;
    const sync = () => two.fetch("/api/v1/kiosk/sync", { headers: { authorization: `Bearer ${gate.token}` } });
    // Two has looked the token up and keeps it.
    expect((await push(two, gate.token, code, new Date())).status).toBe(200);
    expect((await sync()).status).toBe(200);
    const stored = async () => (await one.services.db.select({ id: scans.id }).from(scans).where(eq(scans.kioskId, gate.id))).length;
    expect(await stored()).toBe(1);

    expect((await json(one, "DELETE", api(`/kiosks/${gate.id}`))).status).toBe(204);
    const refused = await push(two, gate.token, code, new Date());
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("kiosk.invalid");
    await eventually(async () => (await sync()).status === 401, 1_000);
    expect(await stored()).toBe(1);
  });

  it("a scan of a withdrawn kiosk that arrives before the instance hears of it is refused by the commit itself", async () => {
    const gate = await kioskWithId(two, "Gate 5");
    const code = (await codes()).get(people[2])!;
    expect((await push(two, gate.token, code, new Date())).status).toBe(200);
    // Withdrawn behind the instances' backs: no notice reaches two, whose kept session still says "valid".
    await one.services.db.update(kiosks).set({ revokedAt: new Date() }).where(eq(kiosks.id, gate.id));
    const refused = await push(two, gate.token, code, new Date());
    expect(refused.status).toBe(401);
    expect((await one.services.db.select({ id: scans.id }).from(scans).where(eq(scans.kioskId, gate.id))).length).toBe(1);
  });
});
