import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/server.ts";
import { staff } from "../test/staff.ts";
import { type Browser, expectAccessible, launchBrowser } from "./browser.ts";

/**
 * The documents library in Chromium, on the demo conference: the public list and its search with
 * JavaScript turned off (a GET form), a document's page, and the staff pages; axe finds nothing serious.
 */
let app: TestServer;
let browser: Browser;
let noScript: Browser;
const event = "/e/tashkent-2022";

beforeAll(async () => {
  [app, browser, noScript] = await Promise.all([startTestServer(), launchBrowser(), launchBrowser({ javaScriptEnabled: false })]);
  const organiser = await staff(app, { email: "organiser@example.org" });
  await browser.context.addCookies([{ name: "plenary_session", value: organiser.cookie.split("=")[1], url: app.url }]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), noScript?.close()]);
  await app?.stop();
});

describe("the documents library in a browser", () => {
  it("lists, searches (without JavaScript) and opens the demo's documents", async () => {
    // Public pages run no script: searched with JavaScript off; axe (which needs it) looks at the same pages in the other browser.
    const page = await noScript.newPage();
    const checked = await browser.newPage();
    const accessible = async () => {
      await checked.goto(page.url());
      await expectAccessible(checked);
    };
    expect((await page.goto(`${app.url}/en${event}/documents`))?.status()).toBe(200);
    await expect(page.locator("h2#kind-concept_note").textContent()).resolves.toBe("Concept notes");
    await expect(page.getByRole("link", { name: /TC\/2022\/1 — Concept note/ }).count()).resolves.toBe(1);
    // The note for participants is for accredited participants only.
    await expect(page.getByText("TC/2022/INF.1").count()).resolves.toBe(0);
    await accessible();

    await page.getByLabel(/Search the documents/).fill("объединить усилия");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "объединить усилия");
    await expect(page.locator("#results").textContent()).resolves.toBe("1 document matches “объединить усилия”");
    await accessible();

    await page.getByRole("link", { name: /TC\/2022\/1 — Concept note/ }).click();
    await page.waitForURL(`**/en${event}/documents/TC/2022/1`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Concept note");
    await accessible();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Русский" }).last().click();
    expect((await download).suggestedFilename()).toBe("TC_2022_1_ru.docx");
    expect([...page.errors, ...checked.errors]).toEqual([]);
  });

  it("shows the staff pages without serious accessibility problems", async () => {
    const page = await browser.newPage();
    expect((await page.goto(`${app.url}/admin${event}/library`))?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toBe("Documents library");
    await expectAccessible(page);
    await page.getByRole("link", { name: "TC/2022/INF.1" }).click();
    await page.waitForURL(/\/library\/\d+$/);
    await expect(page.getByText("Accredited participants").first().isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    expect(page.errors).toEqual([]);
  });
});
