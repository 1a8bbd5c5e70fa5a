import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/server.ts";
import { type Browser, expectAccessible, launchBrowser } from "./browser.ts";

/** The public event site in a real browser: languages, the programme and its filter, layout, a11y. */
let app: TestServer;
let browser: Browser;
const event = "/e/tashkent-2022";

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Page = Awaited<ReturnType<Browser["newPage"]>>;

const pathOf = (page: Page) => new URL(page.url()).pathname;
const htmlLang = (page: Page) => page.locator("html").getAttribute("lang");

describe("the public site in Chromium", () => {
  it("walks from the English home page to Russian, the programme, a session and the speakers", async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${app.url}/en${event}`);
    expect(res?.status()).toBe(200);
    expect(await htmlLang(page)).toBe("en");
    await expectAccessible(page);

    // The language switcher keeps the page and changes the language.
    await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Русский" }).click();
    await page.waitForURL(`**/ru${event}`);
    expect(pathOf(page)).toBe(`/ru${event}`);
    expect(await htmlLang(page)).toBe("ru");
    await expectAccessible(page);

    // The programme, then the track filter: a plain GET form, no JavaScript needed.
    await page.locator(".site-nav").getByRole("link", { name: "Программа", exact: true }).click();
    await page.waitForURL(`**/ru${event}/programme`);
    expect(await htmlLang(page)).toBe("ru");
    await expect(page.locator("h1").textContent()).resolves.toBe("Программа");
    const allCards = await page.locator("article.session").count();
    expect(allCards).toBeGreaterThan(3);
    await expectAccessible(page);

    const track = page.locator("select[name=track]");
    const trackValue = await track.locator("option").nth(1).getAttribute("value");
    await track.selectOption(trackValue!);
    await page.locator("form.filters button[type=submit]").click();
    await page.waitForURL((url) => url.searchParams.get("track") === trackValue);
    expect(pathOf(page)).toBe(`/ru${event}/programme`);
    const filteredCards = await page.locator("article.session").count();
    expect(filteredCards).toBeGreaterThan(0);
    expect(filteredCards).toBeLessThan(allCards);
    await expect(track.inputValue()).resolves.toBe(trackValue);
    await expectAccessible(page);

    // A session page.
    await page.locator("article.session h3 a").first().click();
    await page.waitForURL(/\/ru\/e\/tashkent-2022\/programme\/\d+$/);
    expect(await htmlLang(page)).toBe("ru");
    await expect(page.locator("h1").count()).resolves.toBe(1);
    await expectAccessible(page);

    // The speakers page.
    await page.locator(".site-nav").getByRole("link", { name: "Выступающие", exact: true }).click();
    await page.waitForURL(`**/ru${event}/speakers`);
    expect(await page.locator(".speakers > li").count()).toBeGreaterThan(0);
    await expectAccessible(page);

    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("serves Uzbek as uz in the address and uz-Latn in <html lang>", async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${app.url}/uz${event}`);
    expect(res?.status()).toBe(200);
    expect(await htmlLang(page)).toBe("uz-Latn");
    await expectAccessible(page);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("shows a translated 404 page with status 404", async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${app.url}/ru/e/no-such-event`);
    expect(res?.status()).toBe(404);
    expect(await htmlLang(page)).toBe("ru");
    await expect(page.locator("h1").textContent()).resolves.toBe("Страница не найдена");
    await expectAccessible(page);
    // Chromium logs the 404 response itself as a console error; nothing else may appear.
    expect(page.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await page.close();
  });

  it("lays parallel sessions side by side on a wide screen and stacks them on a phone", async () => {
    const tops = async (width: number) => {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${app.url}/ru${event}/programme`);
      const slot = page.locator(".slot.parallel").first();
      const boxes = await slot.locator("article.session").evaluateAll((cards) =>
        cards.slice(0, 2).map((c) => {
          const r = c.getBoundingClientRect();
          return { top: r.top, left: r.left, width: r.width };
        }),
      );
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (width === 1280) await page.screenshot({ path: "/tmp/programme-ru.png", fullPage: true });
      if (width === 375) await page.screenshot({ path: "/tmp/programme-ru-375.png", fullPage: false });
      expect(page.errors).toEqual([]);
      await page.close();
      return { boxes, overflow };
    };
    const wide = await tops(1280);
    expect(wide.boxes).toHaveLength(2);
    expect(wide.boxes[0].top).toBe(wide.boxes[1].top);
    expect(wide.boxes[1].left).toBeGreaterThan(wide.boxes[0].left);
    expect(wide.overflow).toBe(0);

    const narrow = await tops(375);
    expect(narrow.boxes).toHaveLength(2);
    expect(narrow.boxes[1].top).toBeGreaterThan(narrow.boxes[0].top);
    expect(narrow.boxes[1].left).toBe(narrow.boxes[0].left);
    expect(narrow.overflow).toBe(0);
  });
});
