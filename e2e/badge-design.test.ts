import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeDesigns } from "../features/badges/schema.ts";
import type { EventRow } from "../features/events/queries.ts";
import { makeEvent, makeUser } from "../test/factories.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { type Staff, staff } from "../test/staff.ts";
import { type Browser, expectAccessible, launchBrowser } from "./browser.ts";

/** An organiser edits a badge design in Chromium and watches the preview follow the form, in English and Russian. */
let app: TestServer;
let browser: Browser;
let event: EventRow;
let organiser: Staff;
let designId: number;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
  const owner = await makeUser(app.services.db, { isAdmin: true });
  ({ event } = await makeEvent(app.services.db, { owner, languages: ["en", "ru"] }));
  organiser = await staff(app, { email: "designer@example.org", role: "organiser", eventId: event.id });
  const created = await organiser.post(`/admin/e/${event.slug}/badges/designs`, { categoryId: "" });
  designId = Number(/designs\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
  await browser.context.addCookies([{ name: "plenary_session", value: organiser.cookie.split("=")[1], url: app.url }]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("designing a badge in the browser", () => {
  it("the preview follows the form before saving; the saved design is what the page shows next", { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    const url = `${app.url}/admin/e/${event.slug}/badges/designs/${designId}`;
    await page.goto(url);
    await page.waitForFunction(() => !!(window as unknown as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules);
    await page.waitForLoadState("networkidle");
    const front = page.getByRole("img", { name: "Preview of the front of the badge" });
    const background = () => front.locator("rect").nth(1).getAttribute("fill");
    expect(await front.getAttribute("viewBox")).toBe("0 0 105 148");
    expect(await background()).toBe("#ffffff");
    await expectAccessible(page);

    await page.getByLabel("Badge size").selectOption("a7");
    await expect.poll(() => front.getAttribute("viewBox")).toBe("0 0 74 105");
    await page.getByLabel("Background colour").fill("#1f4e79");
    await expect.poll(background).toBe("#1f4e79");
    // Black on dark blue: the page says so before anyone saves.
    await expect.poll(() => page.getByText(/too low: at least 4.5:1/).count()).toBe(1);
    await page.getByLabel("Text colour").fill("#ffffff");
    await expect.poll(() => front.locator('text[data-role="name"]').getAttribute("fill")).toBe("#ffffff");
    await expect.poll(() => page.getByText(/readable \(at least 4.5:1\)/).count()).toBe(1);
    await page.getByLabel("Photo", { exact: true }).uncheck();
    await expect.poll(() => front.locator('[data-role="noPhoto"]').count()).toBe(0);
    await page.getByLabel("Sides").selectOption("2");
    await expect.poll(() => page.getByRole("img", { name: "Preview of the back of the badge" }).count()).toBe(1);
    await page.locator("#f-backText-en").fill("Emergency: +998 71 000 00 00");
    await expect
      .poll(() => page.getByRole("img", { name: "Preview of the back of the badge" }).locator('text[data-role="back"]').textContent())
      .toBe("Emergency: +998 71 000 00 00");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Saved.");
    const [saved] = await app.services.db.select().from(badgeDesigns).where(eq(badgeDesigns.id, designId));
    expect(saved).toMatchObject({
      version: 2,
      size: "a7",
      sides: 2,
      textColour: "#ffffff",
      backgroundColour: "#1f4e79",
      backText: { en: "Emergency: +998 71 000 00 00" },
    });
    expect(saved.front.photo).toBe(false);
    expect(page.csp).toEqual([]);
    expect(page.errors).toEqual([]);

    // In Russian: the same page, labels and preview in Russian, still accessible.
    await page.goto(`${url}?lang=ru`);
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Макет бейджа");
    const ru = page.getByRole("img", { name: "Предпросмотр лицевой стороны бейджа" });
    expect(await ru.getAttribute("viewBox")).toBe("0 0 74 105");
    await page.getByLabel("Цвет фона").fill("#fdfaf2");
    await page.getByLabel("Цвет текста").fill("#10243e");
    await expect.poll(() => ru.locator("rect").nth(1).getAttribute("fill")).toBe("#fdfaf2");
    await expectAccessible(page);
    await page.close();
  });
});
