import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interfaceLanguages } from "../i18n/index.ts";
import { interfaceLanguageList } from "../i18n/languages.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { staff } from "../test/staff.ts";
import { type Browser, checkA11y, describeViolations, launchBrowser } from "./browser.ts";

/**
 * Every interface language × the main public and staff pages, in Chromium: `<html lang dir>` as the
 * language says, no message key left where a translation should be, and nothing serious for axe.
 */
let app: TestServer;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const organiser = await staff(app, { email: "organiser@example.org" });
  await browser.context.addCookies([{ name: "plenary_session", value: organiser.cookie.split("=")[1], url: app.url }]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const publicPages = (lang: string) => [
  `/${lang}/e/tashkent-2022`,
  `/${lang}/e/tashkent-2022/programme`,
  `/${lang}/e/tashkent-2022/speakers`,
  `/${lang}/e/tashkent-2022/register`,
];
const staffPages = (lang: string) => [
  `/admin/e/tashkent-2022/sessions?lang=${lang}`,
  `/admin/e/tashkent-2022/registrations?lang=${lang}`,
  `/admin/e/tashkent-2022/delegations?lang=${lang}`,
];
/** A message key shown as itself: the translator found no text for it. */
const keyShape =
  /\b(?:admin|registration|error|page|nav|session|programme|fields|mailing|privacy|dashboard|duplicates|api|common)\.[a-zA-Z_]+(?:\.[a-zA-Z_]+)+\b/;

describe("every interface language", () => {
  for (const { code, html, dir } of interfaceLanguageList) {
    it(`${code}: lang="${html}" dir="${dir}", every string translated, accessible`, async () => {
      const page = await browser.newPage();
      try {
        for (const path of [...publicPages(code), ...staffPages(code)]) {
          const res = await page.goto(app.url + path);
          expect(res?.status(), path).toBe(200);
          expect(await page.locator("html").getAttribute("lang"), path).toBe(html);
          expect(await page.locator("html").getAttribute("dir"), path).toBe(dir);
          // The text a reader sees (innerText), not the markup's: hidden keys would not count.
          // biome-ignore lint/performance/useDomNodeTextContent: visible text is the point.
          const text = await page.locator("body").innerText();
          expect(text.match(keyShape)?.[0] ?? null, path).toBeNull();
          const violations = await checkA11y(page);
          expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
        }
        expect(page.errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it("covers the eight languages of the interface", () => {
    expect([...interfaceLanguages].sort()).toEqual(["ar", "en", "es", "fr", "ru", "uz", "uz-Cyrl", "zh"]);
  });
});
