import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPeople } from "../features/programme/schema.ts";
import { participants } from "../features/registration/schema.ts";
import {
  categoryOf,
  importParticipants,
  makeCategory,
  makeDelegation,
  makeEvent,
  makeFormField,
  makeParticipant,
  makePerson,
  makeRoom,
  makeSession,
} from "./factories.ts";
import { startTestServer, type TestServer } from "./server.ts";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

describe("factories", () => {
  it("make an event of the test's own, with categories, a delegation and a participant in it", async () => {
    const db = app.services.db;
    const { event, owner } = await makeEvent(db, { languages: ["en", "fr"] });
    expect(event.status).toBe("published");
    expect(event.languages).toEqual(["en", "fr"]);
    const delegation = await makeDelegation(db, event, owner.id, { quota: 3 });
    expect(delegation.quota).toBe(3);
    const person = await makeParticipant(db, event, owner.id, { delegation: delegation.name.en ?? "" });
    expect(person.eventId).toBe(event.id);
    expect(person.delegationId).toBe(delegation.id);
    expect(person.categoryId).toBe((await categoryOf(db, event, "delegate")).id);
    expect(person.status).toBe("pending");
    const page = await app.fetch(`/en/e/${event.slug}`);
    expect(page.status).toBe(200);
  });

  it("make a registration in a given status, arrived at a given time", async () => {
    const db = app.services.db;
    const { event, owner } = await makeEvent(db);
    const at = new Date("2030-01-02T03:04:05Z");
    const approved = await makeParticipant(db, event, owner.id, { category: "expert" }, { status: "approved", createdAt: at });
    expect(approved).toMatchObject({ status: "approved", reviewedBy: owner.id, createdAt: at, categoryId: (await categoryOf(db, event, "expert")).id });
    expect((await makeParticipant(db, event, owner.id, {}, { status: "rejected" })).status).toBe("rejected");
    expect((await makeParticipant(db, event, owner.id, {}, { status: "withdrawn" })).status).toBe("withdrawn");
  });

  it("make categories, questions with answers, and many registrations at once", async () => {
    const db = app.services.db;
    const { event, owner } = await makeEvent(db);
    const guests = await makeCategory(db, event, owner.id, { code: "guest", name: "Guest", capacity: 2 });
    expect(guests).toMatchObject({ code: "guest", capacity: 2, name: { en: "Guest", ru: "Guest" }, openRegistration: false });
    await makeFormField(db, event, owner.id, { key: "meal", type: "choice", options: [{ value: "halal", label: "Halal" }], categoryIds: [guests.id] });
    const answered = await makeParticipant(db, event, owner.id, { category: "guest" }, { custom: { meal: "halal" } });
    expect(answered.custom).toEqual({ meal: "halal" });
    await expect(makeParticipant(db, event, owner.id, { category: "guest" }, { custom: { meal: "steak" } })).rejects.toThrow(/refused/);
    const at = new Date("2030-01-01T00:00:00Z");
    expect(await importParticipants(db, event, [{ status: "approved" }, { country: "KZ" }], { createdAt: () => at })).toBe(2);
    const rows = await db.select().from(participants).where(eq(participants.eventId, event.id));
    expect(
      rows
        .filter((p) => p.createdAt.getTime() === at.getTime())
        .map((p) => [p.status, p.country])
        .sort(),
    ).toEqual([
      ["approved", "UZ"],
      ["pending", "KZ"],
    ]);
  });

  it("make rooms, speakers and sessions of the programme", async () => {
    const db = app.services.db;
    const { event, owner } = await makeEvent(db);
    const room = await makeRoom(db, event, { name: "Hall A", capacity: 150 });
    expect(room).toMatchObject({ eventId: event.id, capacity: 150, name: { en: "Hall A", ru: "Hall A" }, position: 0 });
    expect((await makeRoom(db, event)).position).toBe(1);
    const chair = await makePerson(db, event, owner.id, { name: "Chair (fictional)" });
    const session = await makeSession(db, event, owner.id, {
      kind: "opening",
      title: "Opening",
      start: `${event.startDate}T09:30`,
      end: `${event.startDate}T11:00`,
      roomId: room.id,
      people: [{ personId: chair.id, role: "chair" }],
    });
    expect(session).toMatchObject({ eventId: event.id, kind: "opening", roomId: room.id, title: { en: "Opening", ru: "Opening" } });
    expect(
      await db.select({ personId: sessionPeople.personId, role: sessionPeople.role }).from(sessionPeople).where(eq(sessionPeople.sessionId, session.id)),
    ).toEqual([{ personId: chair.id, role: "chair" }]);
    expect(await (await app.fetch(`/en/e/${event.slug}/programme`)).text()).toContain("Opening");
  });
});
