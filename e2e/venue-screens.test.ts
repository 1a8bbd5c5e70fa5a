import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventRow } from "../features/events/queries.ts";
import { makeEvent, makeRoom, makeSession, makeUser } from "../test/factories.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { type Browser, checkA11y, describeViolations, launchBrowser } from "./browser.ts";

/**
 * The lobby's screen on a television (1920 × 1080, landscape, no scrolling, no script): six rooms, each with
 * a session now and one next, titled in three languages, must all be on the screen at once.
 */
let app: TestServer;
let browser: Browser;
let event: EventRow;

/** A wall-clock time in the event's zone, minutes from now: "2030-05-14T09:30". */
const wall = (minutes: number) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tashkent", dateStyle: "short", timeStyle: "short" })
    .format(new Date(Date.now() + minutes * 60_000))
    .replace(" ", "T");
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
  const db = app.services.db;
  event = (await makeEvent(db, { languages: ["en", "ru", "uz"], startDate: day(-1), endDate: day(1) })).event;
  const owner = await makeUser(db, { isAdmin: true });
  const rooms = ["Plenary Hall", "Conference Room A", "Conference Room B", "Conference Room C", "Press Centre", "Bilateral Room"];
  for (const [i, name] of rooms.entries()) {
    const room = await makeRoom(db, event, { name });
    const title = (n: string) => ({
      en: `${n}: regional cooperation against the financing of terrorism, panel ${i + 1}`,
      ru: `${n}: региональное сотрудничество в противодействии финансированию терроризма, панель ${i + 1}`,
      uz: `${n}: terrorizmni moliyalashtirishga qarshi mintaqaviy hamkorlik, panel ${i + 1}`,
    });
    await makeSession(db, event, owner.id, { title: title("Now"), start: wall(-20), end: wall(40), roomId: room.id });
    await makeSession(db, event, owner.id, { title: title("Next"), start: wall(60), end: wall(120), roomId: room.id });
  }
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("the lobby screen", () => {
  it("shows every room's now and next on a landscape television without scrolling, and nothing serious for axe", async () => {
    const page = await browser.newPage();
    try {
      await page.setViewportSize({ width: 1920, height: 1080 });
      const res = await page.goto(`${app.url}/en/e/${event.slug}/screens`);
      expect(res?.status()).toBe(200);
      const { height, rooms, titles } = await page.evaluate(() => ({
        height: document.documentElement.scrollHeight,
        rooms: document.querySelectorAll(".screen-room").length,
        titles: [...document.querySelectorAll(".screen-title")].filter((el) => {
          const box = el.getBoundingClientRect();
          return box.bottom <= window.innerHeight && box.right <= window.innerWidth;
        }).length,
      }));
      expect(rooms).toBe(6);
      // Six rooms × two sessions × three languages, every one of them on the screen.
      expect(titles).toBe(36);
      expect(height).toBeLessThanOrEqual(1080);
      // A wall display with no script reloads itself (meta refresh, every 30 s): axe's meta-refresh rule is
      // for pages a person reads and acts on; a venue screen is signage, updated as the event goes on
      // (WCAG 2.2.1's real-time exception). Every other rule holds.
      const violations = (await checkA11y(page)).filter((v) => v.id !== "meta-refresh");
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
