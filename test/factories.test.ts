import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categoryOf, makeDelegation, makeEvent, makeParticipant } from "./factories.ts";
import { startTestServer, type TestServer } from "./server.ts";

let app: TestServer;
beforeAll(async () => { app = await startTestServer({ demo: false }); });
afterAll(async () => { await app?.stop(); });

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
});
