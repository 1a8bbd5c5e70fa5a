import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeRoom } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import type { EventRow } from "../events/queries.ts";
import { checkinLists } from "./schema.ts";

/** The staff's doors page as a secretariat uses it, without JavaScript: each form posts on its own. */
let app: TestServer;
let event: EventRow;
let organiser: Staff;
const db = () => app.services.db;
const page = () => `/admin/e/${event.slug}/doors`;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  event = (await makeEvent(db(), { languages: ["en", "ru"] })).event;
  organiser = await staff(app, { email: `organiser-${event.slug}@example.org`, role: "organiser", eventId: event.id });
  await makeRoom(db(), event, { name: "Plenary Hall" });
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

describe("the doors page", () => {
  it("adds a door, whose room is the form's “—”, and edits it the same way", async () => {
    const added = await organiser.post(page(), { intent: "save", "name.en": "Gate B", kind: "door", roomId: "", direction: "entry" });
    expect(added.status).toBe(200);
    const [gate] = await db().select().from(checkinLists).where(eq(checkinLists.eventId, event.id));
    expect(gate).toMatchObject({ kind: "door", roomId: null });
    const edited = await organiser.post(page(), {
      intent: "save",
      id: String(gate.id),
      version: String(gate.version),
      "name.en": "Gate B (north)",
      kind: "door",
      roomId: "",
      direction: "entry",
    });
    expect(edited.status).toBe(200);
    const [after] = await db().select().from(checkinLists).where(eq(checkinLists.id, gate.id));
    expect(after.name.en).toBe("Gate B (north)");
  });

  it("says what is wrong under the form that was posted only, and opens it", async () => {
    const answer = await organiser.post(page(), { intent: "save", "name.en": "", kind: "door", roomId: "", direction: "entry" });
    expect(answer.status).toBe(422);
    const html = await answer.text();
    // The new door's form holds the message; the existing door's form, and the kiosk's, do not.
    expect(html.match(/class="error"/g)).toHaveLength(1);
    expect(html).toMatch(/<details open=""><summary>New door or room/);
  });

  it("refuses a name longer than a sign, and opening hours that close before they open, in the page's words", async () => {
    const long = await organiser.post(page(), { intent: "save", "name.en": "x".repeat(121), kind: "door", direction: "entry" });
    expect(long.status).toBe(422);
    const hours = await organiser.post(`${page()}?lang=ru`, {
      intent: "save",
      "name.en": "Gate C",
      kind: "door",
      direction: "entry",
      windowFrom: "2030-05-14T10:00",
      windowTo: "2030-05-14T09:00",
    });
    expect(hours.status).toBe(422);
    expect(await hours.text()).toContain("Время закрытия должно быть позже времени открытия.");
  });
});
