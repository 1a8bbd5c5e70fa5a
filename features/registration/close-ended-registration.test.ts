import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queues } from "../../server/jobs.ts";
import { makeEvent } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { auditLog } from "../access/schema.ts";
import type { EventRow } from "../events/queries.ts";
import { closeEndedRegistration } from "./close-ended-registration.ts";
import { categories } from "./schema.ts";

let app: TestServer;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

const openCodes = async (event: EventRow) =>
  (
    await app.services.db
      .select({ code: categories.code })
      .from(categories)
      .where(and(eq(categories.eventId, event.id), eq(categories.openRegistration, true)))
  )
    .map((c) => c.code)
    .sort();

describe("open registration after the event", () => {
  it("closes once the last day has ended in the event's own time zone, not before", async () => {
    const db = app.services.db;
    const tashkent = (await makeEvent(db, { timezone: "Asia/Tashkent", startDate: "2031-05-14", endDate: "2031-05-15", openRegistration: true })).event;
    const losAngeles = (await makeEvent(db, { timezone: "America/Los_Angeles", startDate: "2031-05-14", endDate: "2031-05-15", openRegistration: true })).event;
    expect(await openCodes(tashkent)).toEqual(["civil_society", "media"]);

    // 23:00 on the last day in Tashkent: still on.
    expect(await closeEndedRegistration(db, new Date("2031-05-15T18:00:00Z"))).toEqual([]);
    // Half past midnight in Tashkent, noon in Los Angeles: only Tashkent closes.
    expect(await closeEndedRegistration(db, new Date("2031-05-15T19:30:00Z"))).toEqual([tashkent.id]);
    expect(await openCodes(tashkent)).toEqual([]);
    expect(await openCodes(losAngeles)).toEqual(["civil_society", "media"]);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.eventId, tashkent.id), eq(auditLog.action, "close_registration")));
    expect(audit).toMatchObject({ actorId: null, entity: "event", after: { categories: ["civil_society", "media"] } });

    // Once the day is over in Los Angeles too; a second run finds nothing.
    expect(await closeEndedRegistration(db, new Date("2031-05-16T07:30:00Z"))).toEqual([losAngeles.id]);
    expect(await closeEndedRegistration(db, new Date("2031-05-16T08:30:00Z"))).toEqual([]);
  });

  it("runs hourly on pg-boss", async () => {
    const db = app.services.db;
    const past = (await makeEvent(db, { startDate: "2022-03-03", endDate: "2022-03-04", openRegistration: true })).event;
    const coming = (await makeEvent(db, { startDate: "2099-03-03", endDate: "2099-03-04", openRegistration: true })).event;
    const register = async () => (await app.fetch(`/en/e/${past.slug}/register`)).text();
    expect(await register()).toContain("Civil Society");
    await app.services.jobs.runNow(queues.registrationClose);
    const deadline = Date.now() + 20_000;
    while ((await openCodes(past)).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await openCodes(past)).toEqual([]);
    expect(await openCodes(coming)).toEqual(["civil_society", "media"]);
    // The public registration page, cached before, no longer offers the closed categories.
    expect(await register()).not.toContain("Civil Society");
  });
});
