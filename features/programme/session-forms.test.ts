import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makePerson, makeRoom, makeSession, makeUser } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { users } from "../access/schema.ts";
import type { EventRow } from "../events/queries.ts";
import type { SessionRow } from "./save-session.ts";
import { sessions } from "./schema.ts";

let app: TestServer;
let event: EventRow;
let ownerEmail: string;
let organiser: Staff;
let eventId: number;
let hallA: number;
let chairId: number;
let opening: SessionRow;
/** Two side events at the same time on day 1, the first granted to a partner. */
let sideEvents: SessionRow[];
let base: string;

/**
 * An event of two days (3 and 4 March 2022, Tashkent) in English and Russian, with an organiser; its programme:
 * an opening chaired by one person and a plenary in Hall A on day 1, and two side events that evening.
 */
beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const db = app.services.db;
  const owner = await makeUser(db, { isAdmin: true });
  ownerEmail = owner.email;
  ({ event } = await makeEvent(db, { owner, languages: ["en", "ru"], startDate: "2022-03-03", endDate: "2022-03-04", timezone: "Asia/Tashkent" }));
  eventId = event.id;
  base = `/admin/e/${event.slug}/sessions`;
  organiser = await staff(app, { email: "organiser@example.org", role: "organiser", eventId });
  hallA = (await makeRoom(db, event, { name: "Hall A", capacity: 150 })).id;
  const hallB = (await makeRoom(db, event, { name: "Hall B", capacity: 60 })).id;
  chairId = (await makePerson(db, event, owner.id, { name: "Chair Person (fictional)" })).id;
  opening = await makeSession(db, event, owner.id, {
    kind: "opening",
    title: "Opening ceremony",
    start: "2022-03-03T09:30",
    end: "2022-03-03T11:00",
    roomId: hallA,
    people: [{ personId: chairId, role: "chair" }],
  });
  await makeSession(db, event, owner.id, { kind: "plenary", title: "Afternoon plenary", start: "2022-03-03T14:00", end: "2022-03-03T16:00", roomId: hallA });
  sideEvents = [
    await makeSession(db, event, owner.id, {
      kind: "side_event",
      title: "Side event of the partner",
      start: "2022-03-03T17:00",
      end: "2022-03-03T18:30",
      roomId: hallA,
    }),
    await makeSession(db, event, owner.id, {
      kind: "side_event",
      title: "Side event of another",
      start: "2022-03-03T17:00",
      end: "2022-03-03T18:30",
      roomId: hallB,
    }),
  ];
});
afterAll(async () => {
  await app?.stop();
});

const valid = (overrides: Record<string, string> = {}) => ({
  kind: "other",
  "title.en": "Briefing for focal points",
  "title.ru": "Брифинг для координаторов",
  start: "2022-03-04T08:00",
  end: "2022-03-04T08:45",
  ...overrides,
});

async function sessionByTitle(title: string) {
  const all = await app.services.db.select().from(sessions).where(eq(sessions.eventId, eventId));
  return all.find((s) => s.title.en === title);
}

describe("creating and editing sessions through the staff forms", () => {
  it("creates a session and shows it on the public programme", async () => {
    const res = await organiser.post(`${base}/new`, valid());
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/\/sessions\/\d+\?created=1$/);
    const programme = await (await app.fetch(`/ru/e/${event.slug}/programme`)).text();
    expect(programme).toContain("Брифинг для координаторов");
  });

  it.each([
    ["an empty title", { "title.en": "", "title.ru": "" }, "This field is required."],
    ["an end before the start", { end: "2022-03-04T07:00" }, "The session must end after it starts."],
    ["a start outside the event", { start: "2022-03-10T09:00", end: "2022-03-10T10:00" }, "The session must take place within the event"],
    ["a malformed time", { start: "tomorrow morning" }, "Enter a date and time"],
    ["an unknown session kind", { kind: "party" }, "This value is not valid."],
    ["a text in a language the event does not have", { "title.fr": "Séance" }, "This language is not one of the event"],
    ["a room of no such event", { roomId: "99999" }, "This value is not valid."],
  ])("refuses %s with 422 and a clear message", async (_what, overrides, message) => {
    const res = await organiser.post(`${base}/new`, valid({ "title.en": "Refused session", ...overrides }));
    expect(res.status).toBe(422);
    expect((await res.text()).replaceAll("&#x27;", "'")).toContain(message);
    expect(await sessionByTitle("Refused session")).toBeUndefined();
  });

  it("translates the error into the staff member's language", async () => {
    await app.services.db.update(users).set({ locale: "ru" }).where(eq(users.id, organiser.userId));
    const res = await organiser.post(`${base}/new`, valid({ end: "2022-03-04T07:00" }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Заседание должно заканчиваться позже, чем начинается.");
    await app.services.db.update(users).set({ locale: "en" }).where(eq(users.id, organiser.userId));
  });

  it("warns about a room used twice at once, and saves anyway", async () => {
    const res = await organiser.post(
      `${base}/new`,
      valid({ "title.en": "Clashing meeting", start: "2022-03-03T14:30", end: "2022-03-03T15:00", roomId: String(hallA) }),
    );
    expect(res.status).toBe(302);
    const page = await (await organiser.get(res.headers.get("location")!)).text();
    expect(page).toContain("The room is also used by another session at this time.");
    expect(await sessionByTitle("Clashing meeting")).toBeDefined();
  });

  it("warns about a speaker booked in two places at once", async () => {
    // The chair of the opening ceremony (9:30–11:00 on day 1) is asked to speak elsewhere at 10:00.
    const page = await (await organiser.get(`${base}/${opening.id}`)).text();
    const chosen = /name="people\.0\.personId"[^>]*>[\s\S]*?<option value="(\d+)" selected=""/.exec(page)?.[1];
    expect(chosen).toBe(String(chairId));
    const res = await organiser.post(
      `${base}/new`,
      valid({
        "title.en": "Parallel interview",
        start: "2022-03-03T10:00",
        end: "2022-03-03T10:30",
        "people.0.personId": String(chairId),
        "people.0.role": "speaker",
      }),
    );
    expect(res.status).toBe(302);
    const saved = await (await organiser.get(res.headers.get("location")!)).text();
    expect(saved).toContain("A person in this session is also booked in another session at this time.");
  });

  it("records who changed what in the audit log, readable by the owner", async () => {
    const owner = await staff(app, { email: ownerEmail });
    const log = await (await owner.get(`/admin/e/${event.slug}/audit`)).text();
    expect(log).toContain("organiser@example.org");
    expect(log).toContain("Briefing for focal points");
    const viewer = await staff(app, { email: "auditviewer@example.org", role: "viewer", eventId });
    expect((await viewer.get(`/admin/e/${event.slug}/audit`)).status).toBe(403);
  });

  it("keeps the first of two concurrent saves and tells the second", async () => {
    const session = (await sessionByTitle("Briefing for focal points"))!;
    const editor = await staff(app, { email: "editor@example.org", role: "programme_editor", eventId });
    const first = await organiser.post(`${base}/${session.id}`, valid({ "title.en": "Briefing — first save", version: String(session.version) }));
    expect(first.status).toBe(200);
    const second = await editor.post(`${base}/${session.id}`, valid({ "title.en": "Briefing — second save", version: String(session.version) }));
    expect(second.status).toBe(409);
    expect(await second.text()).toContain("Someone else saved this while you were editing");
    const [saved] = await app.services.db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(saved.title.en).toBe("Briefing — first save");
    expect(saved.version).toBe(session.version + 1);
  });
});

describe("who may edit which session", () => {
  it("lets a side-event partner edit only the side event granted to them", async () => {
    const [mine, other] = sideEvents;
    const partner = await staff(app, { email: "partner@example.org", role: "side_event_partner", eventId, sideEventIds: [mine.id] });
    const day = "2022-03-03";
    const edit = (s: typeof mine, title: string) =>
      partner.post(`${base}/${s.id}`, {
        kind: "side_event",
        "title.en": title,
        start: `${day}T17:00`,
        end: `${day}T18:30`,
        version: String(s.version),
      });
    expect((await edit(mine, "Our side event, renamed")).status).toBe(200);
    expect((await edit(other, "Taken over")).status).toBe(403);
    const [untouched] = await app.services.db.select().from(sessions).where(eq(sessions.id, other.id));
    expect(untouched.title.en).toBe(other.title.en);
    // …and may not add sessions to the programme, nor turn their side event into a plenary.
    expect((await partner.post(`${base}/new`, valid())).status).toBe(403);
    const [current] = await app.services.db.select().from(sessions).where(eq(sessions.id, mine.id));
    const plenary = await partner.post(`${base}/${mine.id}`, {
      kind: "plenary",
      "title.en": "x",
      start: `${day}T17:00`,
      end: `${day}T18:30`,
      version: String(current.version),
    });
    expect(plenary.status).toBe(403);
  });

  it("refuses every write by a viewer", async () => {
    const viewer = await staff(app, { email: "viewer@example.org", role: "viewer", eventId });
    expect((await viewer.post(`${base}/new`, valid({ "title.en": "Viewer session" }))).status).toBe(403);
    expect(await sessionByTitle("Viewer session")).toBeUndefined();
  });

  it("hides an event's admin pages from someone without a role in it", async () => {
    const stranger = await staff(app, { email: "stranger@example.org" });
    expect((await stranger.get(base)).status).toBe(404);
    expect((await stranger.post(`${base}/new`, valid())).status).toBe(404);
  });
});
