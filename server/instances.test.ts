// Two app processes behind one load balancer, on one PostgreSQL: what one does, the other must see.
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "../features/events/schema.ts";
import { publishLive } from "../features/live/publish.ts";
import { eventually, openLive, payload } from "../test/live.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { type Staff, staff } from "../test/staff.ts";
import { listenerApplicationName } from "./notifications.ts";

describe.skipIf(!process.env.DATABASE_URL)("two instances on one PostgreSQL", () => {
  let one: TestServer;
  let two: TestServer;
  let admin: Staff;
  let officer: Staff;
  let eventId: number;
  const slug = "tashkent-2022";

  beforeAll(async () => {
    one = await startTestServer();
    two = await startTestServer({ shareWith: one });
    [{ id: eventId }] = await one.services.db.select({ id: events.id }).from(events).where(eq(events.slug, slug));
    admin = await staff(one, { email: "instances.admin@example.org", isAdmin: true });
    officer = await staff(one, { email: "instances.officer@example.org", role: "accreditation_officer", eventId });
    const created = await admin.post("/admin/events/new", {
      languages: "en",
      "title.en": "Other Meeting",
      slug: "other-2026",
      startDate: "2026-09-01",
      endDate: "2026-09-02",
      timezone: "UTC",
      format: "in_person",
    });
    expect(created.status).toBe(302);
    expect((await admin.post("/admin/e/other-2026?index", { intent: "publish" })).status).toBe(200);
  });
  afterAll(async () => {
    await two?.stop();
    await one?.stop();
  });

  /** Reads a page of instance two twice, anonymously: the second must be a hit. */
  async function warmOnTwo(path: string) {
    expect((await two.fetch(path)).status).toBe(200);
    expect((await two.fetch(path)).headers.get("x-cache")).toBe("hit");
  }
  const cachedOnTwo = async (path: string) => (await two.fetch(path)).headers.get("x-cache") === "hit";

  it("carries a message published on one to a follower on two within a second", async () => {
    const stream = await openLive(two, `/api/v1/events/${slug}/live?topics=imports`, { cookie: officer.cookie });
    expect(stream.response.status).toBe(200);
    await stream.next((e) => e.event === "ready");
    const sent = Date.now();
    const seq = await publishLive(one.services.db, eventId, "imports", {
      id: 1,
      status: "running",
      total: 2,
      done: 1,
      inserted: 1,
      skipped: 0,
      invalid: 0,
      error: null,
    });
    const got = await stream.next((e) => e.id === String(seq));
    expect(Date.now() - sent).toBeLessThan(1_000);
    expect(payload(got).data).toMatchObject({ done: 1 });
    stream.close();
    await eventually(() => two.services.live.subscriberCount === 0);
  });

  it("clears two's cached pages of the event written on one, and keeps its pages of another event", async () => {
    await warmOnTwo(`/en/e/${slug}/programme`);
    await warmOnTwo("/en/e/other-2026");
    expect((await admin.post(`/admin/e/${slug}/venue`, { kind: "room", "name.en": "Room on one" })).status).toBe(200);
    await eventually(async () => !(await cachedOnTwo(`/en/e/${slug}/programme`)), 1_000);
    expect(await (await two.fetch(`/en/e/${slug}/programme`)).text()).toContain("Room on one");
    expect(await cachedOnTwo("/en/e/other-2026")).toBe(true);
  });

  it("takes a role revoked on one away on two at the next request", async () => {
    const leaving = await staff(one, { email: "instances.leaving@example.org", role: "viewer", eventId });
    const onTwo = () => two.fetch(`/admin/e/${slug}/sessions`, { headers: { cookie: leaving.cookie } });
    expect((await onTwo()).status).toBe(200);
    expect((await onTwo()).status).toBe(200);
    expect((await admin.post(`/admin/e/${slug}/access`, { intent: "revoke", userId: String(leaving.userId) })).status).toBe(200);
    expect((await onTwo()).status).toBe(404);
  });

  it("gets its listening connection back after it is killed, clears its caches, and replays to followers what they missed", async () => {
    await warmOnTwo("/en/e/other-2026");
    const stream = await openLive(two, `/api/v1/events/${slug}/live?topics=imports`, { cookie: officer.cookie });
    await stream.next((e) => e.event === "ready");
    const reconnected = new Promise<void>((resolve) => {
      two.services.notifications.onReconnect = resolve;
    });

    const killer = new pg.Client({ connectionString: two.databaseUrl });
    await killer.connect();
    const { rows } = await killer.query(
      "SELECT pg_terminate_backend(pid) AS gone FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
      [listenerApplicationName],
    );
    await killer.end();
    expect(rows.length).toBe(2);
    // Published while no instance listens: only the table has it.
    const missed = await publishLive(one.services.db, eventId, "imports", {
      id: 2,
      status: "running",
      total: 2,
      done: 1,
      inserted: 1,
      skipped: 0,
      invalid: 0,
      error: null,
    });

    await reconnected;
    expect(await cachedOnTwo("/en/e/other-2026")).toBe(false);
    await stream.next((e) => e.id === String(missed), 2_000);
    const after = await publishLive(one.services.db, eventId, "imports", {
      id: 2,
      status: "done",
      total: 2,
      done: 2,
      inserted: 2,
      skipped: 0,
      invalid: 0,
      error: null,
    });
    await stream.next((e) => e.id === String(after));
    expect(stream.events.filter((e) => e.event === "message" && e.id === String(missed))).toHaveLength(1);
    stream.close();

    // Invalidation travels again.
    await warmOnTwo(`/en/e/${slug}/speakers`);
    expect((await admin.post(`/admin/e/${slug}/venue`, { kind: "room", "name.en": "Room after reconnect" })).status).toBe(200);
    await eventually(async () => !(await cachedOnTwo(`/en/e/${slug}/speakers`)), 1_000);
  });
});
