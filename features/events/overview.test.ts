import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDelegation, makeEvent, makeParticipant, makeUser } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { mailOutbox } from "../mail/schema.ts";
import type { DelegationRow } from "../registration/delegations/delegations.ts";
import type { EventRow } from "./queries.ts";

let app: TestServer;
let event: EventRow;
let organiser: Staff;
let soon: DelegationRow;
let later: DelegationRow;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const db = app.services.db;
  const owner = await makeUser(db, { isAdmin: true });
  ({ event } = await makeEvent(db, { owner, startDate: day(25), endDate: day(26), timezone: "UTC" }));
  organiser = await staff(app, { email: "overview-organiser@example.org", role: "organiser", eventId: event.id });
  soon = await makeDelegation(db, event, owner.id, { deadline: `${day(3)} 18:00` });
  later = await makeDelegation(db, event, owner.id, { deadline: `${day(20)} 18:00` });
  await makeParticipant(db, event, owner.id);
  await makeParticipant(db, event, owner.id);
  await makeParticipant(db, event, owner.id, {}, { status: "approved" });
  await db.insert(mailOutbox).values({
    eventId: event.id,
    idempotencyKey: "overview-test-failed",
    messageId: "<overview-test@example.org>",
    to: "unreachable@example.org",
    subject: "Your link",
    text: "…",
    status: "failed",
  });
});
afterAll(async () => {
  await app?.stop();
});

describe("the event overview", () => {
  it("is where choosing an event leads", async () => {
    expect(await (await organiser.get("/admin")).text()).toContain(`href="/admin/e/${event.slug}/overview"`);
  });

  it("lists what needs attention, each linked to where it is done", async () => {
    const res = await organiser.get(`/admin/e/${event.slug}/overview`);
    expect(res.status).toBe(200);
    const page = (await res.text()).replaceAll("<!-- -->", "");
    const base = `/admin/e/${event.slug}`;
    const link = (href: string, label: string) => page.includes(`<a href="${href}" data-discover="true">${label}</a>`);
    expect(link(`${base}/registrations?status=pending`, "2 registrations wait for review")).toBe(true);
    expect(link(`${base}/mail`, "1 email could not be delivered")).toBe(true);
    expect(link(`${base}/badges`, "1 accredited person has no photo for the badge")).toBe(true);
    expect(page).toContain("Delegation deadlines in the next 7 days");
    expect(page).toContain(`href="${base}/delegations/${soon.id}"`);
    expect(page).not.toContain(`href="${base}/delegations/${later.id}"`);
  });

  it("shows a partner only what their role lets them act on", async () => {
    const partner = await staff(app, { email: "overview-partner@example.org", role: "side_event_partner", eventId: event.id });
    const page = await (await partner.get(`/admin/e/${event.slug}/overview`)).text();
    expect(page).toContain("Nothing needs attention right now.");
    expect(page).not.toContain("registrations wait");
    expect(page).not.toContain("Delegation deadlines");
  });

  it("answers 404 to someone without a role in the event", async () => {
    const stranger = await staff(app, { email: "overview-stranger@example.org" });
    expect((await stranger.get(`/admin/e/${event.slug}/overview`)).status).toBe(404);
  });
});
