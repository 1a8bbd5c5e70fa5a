import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, openLive, payload } from "../../test/live.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff, waitForMail } from "../../test/staff.ts";
import { signOut } from "../access/auth.ts";
import { apiTokens } from "../access/schema.ts";
import { events } from "../events/schema.ts";
import { publishLive, purgeLiveMessages } from "./publish.ts";
import type { ImportProgress } from "./topics.ts";

let app: TestServer;
let eventId: number;
let officer: Staff;
let viewer: Staff;
const slug = "tashkent-2022";

beforeAll(async () => {
  app = await startTestServer({ env: { LIVE_HEARTBEAT_MS: "100" } });
  [{ id: eventId }] = await app.services.db.select({ id: events.id }).from(events).where(eq(events.slug, slug));
  officer = await staff(app, { email: "live.officer@example.org", role: "accreditation_officer", eventId });
  viewer = await staff(app, { email: "live.viewer@example.org", role: "viewer", eventId });
});
afterAll(async () => {
  await app?.stop();
});

const progress = (done: number, status: ImportProgress["status"] = "running"): ImportProgress => ({
  id: 9_999,
  status,
  total: 100,
  done,
  inserted: done,
  skipped: 0,
  invalid: 0,
  error: null,
});
const follow = (who: Staff | null, topics: string, headers: Record<string, string> = {}) =>
  openLive(app, `/api/v1/events/${slug}/live?topics=${topics}`, { ...(who ? { cookie: who.cookie } : {}), ...headers });

describe("the live channel", () => {
  it("streams a message published by a committed transaction within a second, and nothing of one rolled back", async () => {
    const stream = await follow(officer, "imports");
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(stream.response.headers.get("cache-control")).toBe("no-store");
    expect(stream.response.headers.get("x-accel-buffering")).toBe("no");
    await stream.next((e) => e.event === "ready");

    await app.services.db
      .transaction(async (tx) => {
        await publishLive(tx, eventId, "imports", progress(1));
        tx.rollback();
      })
      .catch(() => {});
    const sent = Date.now();
    await app.services.db.transaction((tx) => publishLive(tx, eventId, "imports", progress(2)));
    const got = await stream.next((e) => e.event === "message");
    expect(Date.now() - sent).toBeLessThan(1_000);
    expect(payload(got)).toEqual({ topic: "imports", data: progress(2) });
    expect(stream.events.filter((e) => e.event === "message")).toHaveLength(1);
    stream.close();
  });

  it("replays what a reconnecting client missed, for its topics only, then goes on live", async () => {
    const first = await follow(officer, "imports");
    await first.next((e) => e.event === "ready");
    const seen = await publishLive(app.services.db, eventId, "imports", progress(10));
    await first.next((e) => e.id === String(seen));
    first.close();

    await publishLive(app.services.db, eventId, "imports", progress(11));
    await publishLive(app.services.db, eventId, "programme", {});
    const last = await publishLive(app.services.db, eventId, "imports", progress(12));

    const again = await follow(officer, "imports", { "last-event-id": String(seen) });
    const ready = await again.next((e) => e.event === "ready");
    expect(ready.id).toBe(String(last));
    const replayed = again.events.filter((e) => e.event === "message").map((e) => payload<ImportProgress>(e).data.done);
    expect(replayed).toEqual([11, 12]);
    const live = await publishLive(app.services.db, eventId, "imports", progress(13));
    expect(payload(await again.next((e) => e.id === String(live))).data).toEqual(progress(13));
    again.close();
  });

  it("tells a client whose missed messages are gone to reload (reset)", async () => {
    const seen = await publishLive(app.services.db, eventId, "imports", progress(20));
    await publishLive(app.services.db, eventId, "imports", progress(21));
    await purgeLiveMessages(app.services.db, new Date(Date.now() + 2 * 3_600_000));
    const stream = await follow(officer, "imports", { "last-event-id": String(seen) });
    const reset = await stream.next((e) => e.event === "reset");
    expect(Number(reset.id)).toBeGreaterThan(seen);
    stream.close();
  });

  it("sends heartbeat comments on a quiet stream", async () => {
    const stream = await follow(null, "programme");
    expect(stream.response.status).toBe(200);
    expect(await stream.comment(0)).toBe("ping");
    expect(await stream.comment(1)).toBe("ping");
    stream.close();
  });

  it("refuses a staff topic to the public and to a role without it (403, translated), but not a public topic", async () => {
    const anonymous = await follow(null, "imports", { "accept-language": "ru" });
    expect(anonymous.response.status).toBe(403);
    const body = await anonymous.response.json();
    expect(body.error.code).toBe("live.topic_forbidden");
    expect(body.error.message).toBe("Вам нельзя подписаться на тему «imports» этого мероприятия.");
    expect((await follow(viewer, "programme,imports")).response.status).toBe(403);
    const open = await follow(viewer, "programme");
    expect(open.response.status).toBe(200);
    open.close();
  });

  it("answers 404 for an unknown or draft event, and 400 for an unknown or missing topic", async () => {
    expect((await openLive(app, "/api/v1/events/no-such-event/live?topics=programme")).response.status).toBe(404);
    await app.services.db.update(events).set({ status: "draft" }).where(eq(events.id, eventId));
    try {
      expect((await follow(null, "programme")).response.status).toBe(404);
      const staffSees = await follow(officer, "programme");
      expect(staffSees.response.status).toBe(200);
      staffSees.close();
    } finally {
      await app.services.db.update(events).set({ status: "published" }).where(eq(events.id, eventId));
    }
    const unknown = await follow(officer, "gossip");
    expect(unknown.response.status).toBe(400);
    expect((await unknown.response.json()).error.message).toContain("gossip");
    expect((await follow(officer, "")).response.status).toBe(400);
    expect((await follow(officer, "drafting:0")).response.status).toBe(400);
  });

  it("ends a stream whose session was signed out or whose token was revoked, at the next heartbeat; keeps the others", async () => {
    const leaving = await staff(app, { email: "live.leaving@example.org", role: "organiser", eventId });
    const page = await (await leaving.post(`/admin/e/${slug}/api-tokens`, { intent: "create", name: "Live follower", scope: "read" })).text();
    const token = /plnr_[A-Za-z0-9_-]{43}/.exec(page)?.[0];
    expect(token).toBeDefined();
    const bySession = await follow(leaving, "imports");
    const byToken = await follow(null, "checkin", { authorization: `Bearer ${token}` });
    const staying = await follow(officer, "imports");
    await Promise.all([bySession, byToken, staying].map((s) => s.next((e) => e.event === "ready")));

    await signOut(app.services.db, leaving.cookie.split("=")[1]);
    await bySession.next((e) => e.event === "revoked", 3_000);
    const [row] = await app.services.db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.name, "Live follower"));
    await officer.post(`/admin/e/${slug}/api-tokens`, { intent: "revoke", id: String(row.id) });
    await byToken.next((e) => e.event === "revoked", 3_000);

    // Nothing published after that reaches them; the one still allowed gets it, and was never told to leave.
    const after = await publishLive(app.services.db, eventId, "imports", progress(30));
    await publishLive(app.services.db, eventId, "checkin", { inVenue: 0, rooms: [], lists: [] });
    await staying.next((e) => e.id === String(after));
    expect(bySession.events.some((e) => e.id === String(after))).toBe(false);
    expect(byToken.events.some((e) => e.id === String(after))).toBe(false);
    expect(staying.events.some((e) => e.event === "revoked")).toBe(false);
    // A reconnect is refused.
    expect((await follow(null, "checkin", { authorization: `Bearer ${token}` })).response.status).toBe(401);
    for (const s of [bySession, byToken, staying]) s.close();
  });

  it("tells the public's followers of the programme when a session is saved or deleted", async () => {
    const editor = await staff(app, { email: "live.editor@example.org", role: "programme_editor", eventId });
    const stream = await follow(null, "programme");
    await stream.next((e) => e.event === "ready");
    const json = { cookie: editor.cookie, "content-type": "application/json" };
    const created = await app.fetch(`/api/v1/events/${slug}/sessions`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ kind: "break", title: { en: "Live coffee" }, start: "2022-03-03T16:00", end: "2022-03-03T16:15" }),
    });
    expect(created.status).toBe(201);
    const { session } = await created.json();
    const saved = await stream.next((e) => e.event === "message");
    expect(payload(saved)).toEqual({ topic: "programme", data: { sessionId: session.id } });
    expect((await app.fetch(`/api/v1/events/${slug}/sessions/${session.id}`, { method: "DELETE", headers: { cookie: editor.cookie } })).status).toBe(204);
    await stream.next((e) => e.event === "message" && e.id !== saved.id && payload(e).data.sessionId === session.id);
    stream.close();
  });

  it("forgets followers who leave", async () => {
    await eventually(() => app.services.live.subscriberCount === 0);
    const streams = await Promise.all([follow(officer, "imports"), follow(null, "programme"), follow(officer, "imports,programme")]);
    await Promise.all(streams.map((s) => s.next((e) => e.event === "ready")));
    expect(app.services.live.subscriberCount).toBe(3);
    for (const s of streams) s.close();
    await eventually(() => app.services.live.subscriberCount === 0);
  });

  it("follows a participants import from the staff page's topic to its result", async () => {
    const stream = await follow(officer, "imports");
    await stream.next((e) => e.event === "ready");
    const lines = ["Email,Given name,Family name,Country,Category"];
    for (let i = 0; i < 1500; i++) lines.push(`live.${i}@example.org,Given${i},Family${i},UZ,delegate`);
    const uploaded = await officer.post(`/admin/e/${slug}/import`, { intent: "upload", file: new File([lines.join("\n")], "live.csv") });
    const id = Number(new URL(uploaded.headers.get("location")!, app.url).searchParams.get("import"));
    expect((await officer.post(`/admin/e/${slug}/import`, { intent: "confirm", import: String(id) })).status).toBe(302);
    const done = await stream.next((e) => e.event === "message" && payload<ImportProgress>(e).data.id === id && payload(e).data.status === "done", 30_000);
    expect(payload(done).data).toMatchObject({ id, status: "done", total: 1500, done: 1500, inserted: 1500 });
    const statuses = stream.events
      .filter((e) => e.event === "message" && payload(e).data.id === id)
      .map((e) => `${payload(e).data.status}:${payload(e).data.done}`);
    expect(statuses).toEqual(["queued:0", "running:1000", "running:1500", "done:1500"]);
    stream.close();

    // Without JavaScript the page still tells the state on reload.
    const page = await officer.get(`/admin/e/${slug}/import?import=${id}`);
    const text = await page.text();
    expect(text).toContain("The import is finished.");
    expect(text).toContain("Added: 1,500;");
  });

  it("wakes the mail worker when a transaction queues mail, without waiting for its next poll", async () => {
    const sent = Date.now();
    expect((await app.fetch("/admin/forgot", { method: "POST", body: new URLSearchParams({ email: "live.officer@example.org" }) })).status).toBe(200);
    await waitForMail(app, "live.officer@example.org", undefined, 5_000);
    expect(Date.now() - sent).toBeLessThan(1_500);
  });
});
