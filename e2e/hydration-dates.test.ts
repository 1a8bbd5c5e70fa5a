import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../features/access/schema.ts";
import { makeDelegation, makeEvent } from "../test/factories.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { staff } from "../test/staff.ts";
import { type Browser, launchBrowser } from "./browser.ts";

/**
 * A staff page hydrates in every interface language without React throwing its server render away. Dates
 * are where Node and the browser part: Chromium lacks Uzbek (Latin) date formats, and writes plain spaces
 * where Node's ICU writes thin ones (i18n/date-names.ts, i18n/format.ts).
 */
let app: TestServer;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("a staff page with dates, hydrated", () => {
  it("reads the same after hydration as the server wrote it, in Uzbek, Russian, Arabic and English", { timeout: 120_000 }, async () => {
    const db = app.services.db;
    const { event, owner } = await makeEvent(db, { languages: ["en", "ru"] });
    await makeDelegation(db, event, owner.id);
    const organiser = await staff(app, { email: `owner-${event.slug}@example.org`, role: "owner", eventId: event.id });
    await browser.context.addCookies([{ name: "plenary_session", value: organiser.cookie.split("=")[1], url: app.url }]);
    for (const lang of ["uz", "ru", "ar", "en"]) {
      await db.update(users).set({ locale: lang }).where(eq(users.id, organiser.userId));
      const served = await (await organiser.get(`/admin/e/${event.slug}/delegations`)).text();
      const stamp = /<time[^>]*>([^<]+)<\/time>/.exec(served)?.[1];
      expect(stamp, lang).toBeTruthy();
      // Rendered in the browser: a page reached by a link after hydration is drawn by the browser alone.
      const page = await browser.newPage();
      await page.goto(`${app.url}/admin/e/${event.slug}/overview`);
      await expect.poll(() => page.evaluate(() => "__reactRouterRouteModules" in window)).toBe(true);
      await page.waitForTimeout(300);
      await page.locator(`a[href="/admin/e/${event.slug}/delegations"]`).first().click();
      await page.waitForURL(`**/admin/e/${event.slug}/delegations`);
      await expect.poll(() => page.locator("time").first().textContent(), { message: lang }).toBe(stamp);
      expect(page.errors, lang).toEqual([]);
      await page.close();
    }
  });
});
