import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "../features/events/schema.ts";
import { publishLive } from "../features/live/publish.ts";
import type { ImportProgress } from "../features/live/topics.ts";
import { registrationImports } from "../features/registration/schema.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { staff } from "../test/staff.ts";
import { type Browser, launchBrowser } from "./browser.ts";

/** The import page follows the live channel: progress and the result appear without a reload. */
let app: TestServer;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("a staff member watching an import", () => {
  it("sees its progress and its result arrive live, without a reload", async () => {
    const slug = "tashkent-2022";
    const [{ id: eventId }] = await app.services.db.select({ id: events.id }).from(events).where(eq(events.slug, slug));
    const officer = await staff(app, { email: "e2e.live.officer@example.org", role: "accreditation_officer", eventId });
    const lines = ["Email,Given name,Family name,Country,Category", "e2e.live@example.org,Given,Family,UZ,delegate"];
    const uploaded = await officer.post(`/admin/e/${slug}/import`, { intent: "upload", file: new File([lines.join("\n")], "live.csv") });
    const id = Number(new URL(uploaded.headers.get("location")!, app.url).searchParams.get("import"));
    // As if another instance were running it: this one leaves it alone (fresh heartbeat) and only reports.
    await app.services.db.update(registrationImports).set({ status: "running", total: 2000, heartbeatAt: new Date() }).where(eq(registrationImports.id, id));
    const progress = (done: number, status: ImportProgress["status"] = "running"): ImportProgress => ({
      id,
      status,
      total: 2000,
      done,
      inserted: done,
      skipped: 0,
      invalid: 0,
      error: null,
    });

    await browser.context.addCookies([{ name: "plenary_session", value: officer.cookie.split("=")[1], url: app.url }]);
    const page = await browser.newPage();
    await page.goto(`${app.url}/admin/e/${slug}/import?import=${id}`);
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("0 of 2,000 rows processed.");
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    await expect.poll(() => app.services.live.subscriberCount, { timeout: 5_000 }).toBe(1);

    await publishLive(app.services.db, eventId, "imports", progress(1000));
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("1,000 of 2,000 rows processed.");

    await app.services.db
      .update(registrationImports)
      .set({ status: "done", done: 2000, inserted: 2000, finishedAt: new Date() })
      .where(eq(registrationImports.id, id));
    await publishLive(app.services.db, eventId, "imports", progress(2000, "done"));
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("The import is finished.");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(page.errors).toEqual([]);
    await page.close();
    await expect.poll(() => app.services.live.subscriberCount, { timeout: 5_000 }).toBe(0);
  });
});
