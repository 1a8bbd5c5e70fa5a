import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/server.ts";
import { staff } from "../test/staff.ts";
import { type Browser, launchBrowser } from "./browser.ts";

let app: TestServer;
let browser: Browser;
beforeAll(async () => {
  app = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Runs inline script in the page the way an injected <script> would, and says whether it ran. */
const inlineScriptRuns = (page: import("playwright-core").Page) =>
  page.evaluate(async () => {
    const marker = "__cspProbe";
    const script = document.createElement("script");
    script.textContent = `window.${marker} = true;`;
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 50));
    return (window as unknown as Record<string, unknown>)[marker] === true;
  });

describe("Content-Security-Policy", () => {
  it("public pages run no script at all, and render without a violation", async () => {
    const page = await browser.newPage();
    for (const path of ["/en/e/tashkent-2022", "/ru/e/tashkent-2022/programme", "/en/e/tashkent-2022/speakers", "/en/e/tashkent-2022/participants"]) {
      const res = await page.goto(app.url + path);
      expect(res?.status(), path).toBe(200);
      expect(res?.headers()["content-security-policy"]).toContain("script-src 'none'");
    }
    expect(page.csp).toEqual([]);
    expect(await inlineScriptRuns(page)).toBe(false);
    expect(page.csp.length).toBeGreaterThan(0);
    await page.close();
  });

  it("staff pages hydrate with a fresh nonce per answer, and injected script is refused", async () => {
    const organiser = await staff(app, { email: "organiser@example.org" });
    await browser.context.addCookies([{ name: "plenary_session", value: organiser.cookie.split("=")[1], url: app.url }]);
    const page = await browser.newPage();
    const nonces = new Set<string>();
    for (const path of ["/admin", "/admin/e/tashkent-2022/sessions", "/admin/e/tashkent-2022/registrations"]) {
      const res = await page.goto(app.url + path);
      expect(res?.status(), path).toBe(200);
      const policy = res?.headers()["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      // Hydrated: React took over the page (a client-side navigation leaves no new document).
      await page.waitForFunction(() => !!(window as unknown as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules);
    }
    expect(nonces.size).toBe(3);
    expect(page.csp).toEqual([]);
    expect(page.errors).toEqual([]);
    expect(await inlineScriptRuns(page)).toBe(false);
    await page.close();
  });
});
