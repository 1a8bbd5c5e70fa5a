import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDelegation, makeEvent, makeParticipant } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { events } from "../../events/schema.ts";
import { createLink } from "./links.ts";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

describe("personal links of an event not yet published", () => {
  it("was a dead end: invitations sent before publishing led to a 404; the link pages now open, the public pages stay hidden", async () => {
    const { event, owner } = await makeEvent(app.services.db, { status: "draft" });
    const delegation = await makeDelegation(app.services.db, event, owner.id);
    const focal = await createLink(app.services.db, {
      eventId: event.id,
      purpose: "focal_point",
      delegationId: delegation.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const person = await makeParticipant(app.services.db, event, owner.id);
    const own = await createLink(app.services.db, {
      eventId: event.id,
      purpose: "participant",
      participantId: person.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const [draft] = await app.services.db.select({ status: events.status }).from(events).where(eq(events.id, event.id));
    expect(draft.status).toBe("draft");
    expect((await app.fetch(`/en/e/${event.slug}/delegation/${focal}`)).status).toBe(200);
    expect((await app.fetch(`/en/e/${event.slug}/my/${own}`)).status).toBe(200);
    // Without a valid link, a draft event does not exist for the public.
    expect((await app.fetch(`/en/e/${event.slug}`)).status).toBe(404);
    expect((await app.fetch(`/en/e/${event.slug}/programme`)).status).toBe(404);
    expect((await app.fetch(`/en/e/${event.slug}/my/not-a-valid-link-0000000000000000`)).status).toBe(404);
  });
});
