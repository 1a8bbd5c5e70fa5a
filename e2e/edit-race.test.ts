import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventRow } from "../features/events/queries.ts";
import { sessions } from "../features/programme/schema.ts";
import { makeEvent, makeRoom, makeSession, makeUser } from "../test/factories.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { type Staff, staff } from "../test/staff.ts";
import { type Browser, expectAccessible, launchBrowser } from "./browser.ts";

/** Two organisers edit one session; the one who saves second merges in Chromium instead of starting over. */
let app: TestServer;
let browser: Browser;
let event: EventRow;
let loser: Staff;
let winner: Staff;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
  const owner = await makeUser(app.services.db, { isAdmin: true });
  ({ event } = await makeEvent(app.services.db, { owner, languages: ["en", "fr"] }));
  loser = await staff(app, { email: "loser@example.org", role: "organiser", eventId: event.id });
  winner = await staff(app, { email: "winner@example.org", role: "programme_editor", eventId: event.id });
  await browser.context.addCookies([{ name: "plenary_session", value: loser.cookie.split("=")[1], url: app.url }]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("a lost edit race in the browser", () => {
  it("shows the comparison, lets the loser choose, and saves on the latest version", async () => {
    const db = app.services.db;
    const hallA = await makeRoom(db, event, { name: "Hall A" });
    const hallB = await makeRoom(db, event, { name: "Hall B" });
    const session = await makeSession(db, event, winner.userId, {
      title: { en: "Dialogue on water", fr: "Dialogue sur l’eau" },
      start: "2030-05-14T10:00",
      end: "2030-05-14T11:00",
      roomId: hallA.id,
    });
    const page = await browser.newPage();
    await page.goto(`${app.url}/admin/e/${event.slug}/sessions/${session.id}`);
    await page.locator("#f-title-en").fill("High-level dialogue on water");
    await page.locator("#f-title-fr").fill("Dialogue de haut niveau sur l’eau");

    // Meanwhile the other organiser moves the session and renames it in French.
    const won = await winner.post(`/admin/e/${event.slug}/sessions/${session.id}`, {
      kind: "plenary",
      "title.en": "Dialogue on water",
      "title.fr": "Dialogue ministériel sur l’eau",
      start: "2030-05-14T10:00",
      end: "2030-05-14T11:00",
      roomId: String(hallB.id),
      version: String(session.version),
    });
    expect(won.status).toBe(200);

    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Someone else saved this while you were editing");
    const review = page.getByRole("region", { name: "Someone else saved this while you were editing" });
    await expect.poll(() => review.locator('tr[data-field="roomId"]').textContent()).toContain("Hall B");
    await expect.poll(() => review.locator('tr[data-field="title.en"]').textContent()).toContain("Your change");
    // The form took their room and kept my English title.
    expect(await page.getByLabel("Room").inputValue()).toBe(String(hallB.id));
    expect(await page.locator("#f-title-en").inputValue()).toBe("High-level dialogue on water");
    await expectAccessible(page);

    // Both changed the French title: keeping theirs puts it in the field.
    await review.getByRole("radio", { name: "Theirs" }).check();
    expect(await page.locator("#f-title-fr").inputValue()).toBe("Dialogue ministériel sur l’eau");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Saved.");

    const [saved] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(saved).toMatchObject({
      version: session.version + 2,
      roomId: hallB.id,
      title: { en: "High-level dialogue on water", fr: "Dialogue ministériel sur l’eau" },
    });
    expect(page.csp).toEqual([]);
  });
});
