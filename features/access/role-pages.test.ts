import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makePerson, makeSession, makeUser } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import type { EventRow } from "../events/queries.ts";
import type { SessionRow } from "../programme/save-session.ts";

/** Pages show only what the person's role lets them do: no form that would answer 403. */
let app: TestServer;
let event: EventRow;
let partner: Staff;
let organiser: Staff;
let sideEvent: SessionRow;
let plenary: SessionRow;
let personId: number;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const db = app.services.db;
  const owner = await makeUser(db, { isAdmin: true });
  ({ event } = await makeEvent(db, { owner }));
  sideEvent = await makeSession(db, event, owner.id, { kind: "side_event", title: "Partner's side event", start: "2030-05-14T17:00", end: "2030-05-14T18:00" });
  plenary = await makeSession(db, event, owner.id, { kind: "plenary", title: "Morning plenary", start: "2030-05-14T09:00", end: "2030-05-14T10:00" });
  personId = (await makePerson(db, event, owner.id)).id;
  partner = await staff(app, { email: "partner@example.org", role: "side_event_partner", eventId: event.id, sideEventIds: [sideEvent.id] });
  organiser = await staff(app, { email: "organiser@example.org", role: "organiser", eventId: event.id });
});
afterAll(async () => {
  await app?.stop();
});

const base = () => `/admin/e/${event.slug}`;

describe("a side-event partner", () => {
  it("reads the event's settings as text, with no form to save", async () => {
    const res = await partner.get(base());
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("You can read these settings but not change them.");
    expect(page).toContain(event.title.en);
    expect(page).toContain("Asia/Tashkent");
    expect(page).not.toMatch(/<button[^>]*value="(save|logo|publish)"/);
    expect((await partner.post(`${base()}?index`, { intent: "save", slug: event.slug })).status).toBe(403);
  });

  it("is shown a 403 page instead of the rooms, organisations and speakers' forms", async () => {
    for (const path of ["/venue", "/organisations", "/people/new", `/people/${personId}`]) {
      const res = await partner.get(`${base()}${path}`);
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).not.toContain('name="intent"');
    }
    // Those who may still get the forms.
    for (const path of ["/venue", "/organisations", "/people/new"]) expect((await organiser.get(`${base()}${path}`)).status, path).toBe(200);
  });

  it("may open only their own side event, whose form offers neither a kind nor a delete", async () => {
    const list = await (await partner.get(`${base()}/sessions`)).text();
    expect(list).toContain(`href="${base()}/sessions/${sideEvent.id}"`);
    expect(list).not.toContain(`href="${base()}/sessions/${plenary.id}"`);
    expect(list).not.toContain(`href="${base()}/sessions/new"`);
    expect((await partner.get(`${base()}/sessions/${plenary.id}`)).status).toBe(403);
    expect((await partner.get(`${base()}/sessions/new`)).status).toBe(403);
    const own = await (await partner.get(`${base()}/sessions/${sideEvent.id}`)).text();
    expect(own).toMatch(/<button[^>]*value="save"/);
    expect(own).not.toContain('value="delete"');
    expect(own).not.toContain('<select id="f-kind"');
  });

  it("sees in the navigation only what they may use", async () => {
    const page = await (await partner.get(`${base()}/sessions`)).text();
    for (const path of ["/venue", "/organisations", "/people", "/access", "/registrations"]) expect(page, path).not.toContain(`href="${base()}${path}"`);
  });
});
