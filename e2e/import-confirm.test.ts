import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent } from "../test/factories.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { staff } from "../test/staff.ts";
import { type Browser, launchBrowser } from "./browser.ts";

let app: TestServer;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("confirming an import in the browser", () => {
  it("shows the progress, then the result, without a reload", async () => {
    const { event } = await makeEvent(app.services.db);
    const officer = await staff(app, { email: `e2e.confirm.${event.slug}@example.org`, role: "accreditation_officer", eventId: event.id });
    const lines = ["Email,Given name,Family name,Country,Category"];
    for (let i = 0; i < 3000; i++) lines.push(`e2e.confirm.${i}@example.org,Given${i},Family${i},UZ,delegate`);
    const uploaded = await officer.post(`/admin/e/${event.slug}/import`, { intent: "upload", file: new File([lines.join("\n")], "confirm.csv") });
    const location = uploaded.headers.get("location")!;
    await browser.context.addCookies([{ name: "plenary_session", value: officer.cookie.split("=")[1], url: app.url }]);
    const page = await browser.newPage();
    await page.goto(`${app.url}${location}`);
    await page.waitForFunction(() => (window as unknown as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules !== undefined);
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    await page.getByRole("button", { name: "Import 3,000 participants" }).click();
    await expect.poll(() => page.getByText("The import is finished.").count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole("button", { name: "Import 3,000 participants" }).count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});

describe("delegations in the browser", () => {
  it("imports a file of States, shows the result without a reload, and fills a State's names when it is picked", async () => {
    const { event } = await makeEvent(app.services.db, { languages: ["en", "ru"] });
    const officer = await staff(app, { email: `e2e.delegations.${event.slug}@example.org`, role: "accreditation_officer", eventId: event.id });
    const file = [
      "Country,Quota,Deadline,Focal point name,Focal point email",
      "KZ,5,2030-05-01 18:00,A Test,kz.e2e@example.org",
      "VN,5,2030-05-01,B Test,vn.e2e@example.org",
    ];
    const uploaded = await officer.post(`/admin/e/${event.slug}/delegations/import`, { intent: "upload", file: new File([file.join("\n")], "states.csv") });
    await browser.context.addCookies([{ name: "plenary_session", value: officer.cookie.split("=")[1], url: app.url }]);
    const page = await browser.newPage();
    await page.goto(`${app.url}${uploaded.headers.get("location")}`);
    await page.waitForFunction(() => (window as unknown as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules !== undefined);
    await page.getByRole("button", { name: "Import 2 delegations" }).click();
    await expect.poll(() => page.getByText("The import is finished.").count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText("Added: 2;").count()).toBe(1);

    await page.goto(`${app.url}/admin/e/${event.slug}/delegations`);
    await page.waitForFunction(() => (window as unknown as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules !== undefined);
    expect(await page.getByText("Viet Nam").count()).toBeGreaterThan(0);
    await page.locator("#f-new-country").fill("SY");
    await expect.poll(() => page.locator("#f-new-name-en").inputValue()).toBe("Syrian Arab Republic");
    expect(await page.locator("#f-new-name-ru").inputValue()).toBe("Сирийская Арабская Республика");
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
