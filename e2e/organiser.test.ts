import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/server.ts";
import { type Browser, expectAccessible, launchBrowser } from "./browser.ts";

/**
 * The organiser's path in a real browser: sign in, create an event in English and Russian, add rooms,
 * a speaker and two parallel sessions, publish — then a visitor reads the programme in Russian.
 */
let app: TestServer;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("an organiser builds and publishes a programme", () => {
  it("from sign-in to a Russian programme with two parallel sessions", async () => {
    const page = await browser.newPage();
    const slug = "almaty-2026";

    // Staff pages send a stranger to sign in, and back afterwards.
    await page.goto(`${app.url}/admin/events/new`);
    await page.waitForURL("**/admin/sign-in?next=*");
    await expectAccessible(page);
    await page.getByLabel("Email").fill(app.bootstrap.admin.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("The email or password is wrong.");
    await page.getByLabel("Password").fill(app.bootstrap.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/admin/events/new");

    // The event, in English and Russian. A first try with the end before the start is refused.
    await expectAccessible(page);
    await page.getByLabel("Content languages *").fill("en, ru");
    await page.locator("#f-title-en").fill("Almaty Regional Dialogue");
    await page.locator("#f-title-ru").fill("Алматинский региональный диалог");
    await page.locator("#f-shortTitle-en").fill("Almaty Dialogue");
    await page.locator("#f-shortTitle-ru").fill("Алматинский диалог");
    await page.getByLabel("Address (slug) *").fill(slug);
    await page.getByLabel("First day *").fill("2026-05-12");
    await page.getByLabel("Last day *").fill("2026-05-11");
    await page.getByLabel("Time zone *").fill("Asia/Almaty");
    await page.getByRole("button", { name: "Create the event" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Some fields need attention.");
    await expect.poll(() => page.locator("#f-endDate-error").textContent()).toBe("The event cannot end before it starts.");
    await page.getByLabel("Last day *").fill("2026-05-13");
    await page.getByRole("button", { name: "Create the event" }).click();
    await page.waitForURL(`**/admin/e/${slug}?created=1`);

    // Two rooms.
    await page.getByRole("link", { name: "Rooms and tracks" }).click();
    await page.waitForURL(`**/admin/e/${slug}/venue`);
    for (const [en, ru] of [
      ["Hall 1", "Зал 1"],
      ["Hall 2", "Зал 2"],
    ]) {
      const form = page.locator("details", { has: page.locator("summary", { hasText: "Add a room" }) });
      if (!(await form.evaluate((d) => (d as HTMLDetailsElement).open))) await form.locator("summary").click();
      await form.locator("#f-room-new-name-en").fill(en);
      await form.locator("#f-room-new-name-ru").fill(ru);
      await form.getByRole("button", { name: "Save" }).click();
      await expect.poll(() => page.locator("summary", { hasText: en }).count()).toBe(1);
    }
    await expectAccessible(page);

    // A speaker.
    await page.goto(`${app.url}/admin/e/${slug}/people/new`);
    await page.locator("#f-name-en").fill("Aigerim Nurlanova (fictional)");
    await page.locator("#f-name-ru").fill("Айгерим Нурланова (вымышленное лицо)");
    await page.getByLabel("Country").fill("KZ");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/people\/\d+\?created=1/);

    // Two sessions at the same time in two rooms, the speaker in the first.
    const sessions = [
      { en: "Panel on water cooperation", ru: "Панель по водному сотрудничеству", room: "Hall 1", speaker: true },
      { en: "Panel on border management", ru: "Панель по управлению границами", room: "Hall 2", speaker: false },
    ];
    for (const s of sessions) {
      await page.goto(`${app.url}/admin/e/${slug}/sessions/new`);
      await page.getByLabel("Type").selectOption("breakout");
      await page.locator("#f-title-en").fill(s.en);
      await page.locator("#f-title-ru").fill(s.ru);
      await page.getByLabel("Starts *").fill("2026-05-12T14:00");
      await page.getByLabel("Ends *").fill("2026-05-12T15:30");
      await page.getByLabel("Room").selectOption({ label: s.room });
      if (s.speaker) {
        await page.getByLabel("Person 1", { exact: true }).selectOption({ label: "Aigerim Nurlanova (fictional)" });
        await page.getByLabel("Role of person 1").selectOption("speaker");
      }
      await page.getByRole("button", { name: "Save" }).click();
      await page.waitForURL(/sessions\/\d+\?created=1/);
    }
    await expectAccessible(page);

    // Publish.
    await page.goto(`${app.url}/admin/e/${slug}`);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("The event is published.");
    // The two refusals above (wrong password, end before start) are the only failed requests.
    expect(page.errors.filter((e) => !/status of (401|422)/.test(e))).toEqual([]);

    // A visitor, with no account, reads the programme in Russian.
    const visitor = await browser.newPage();
    await visitor.context().clearCookies();
    const res = await visitor.goto(`${app.url}/ru/e/${slug}/programme`);
    expect(res?.status()).toBe(200);
    expect(await visitor.locator("html").getAttribute("lang")).toBe("ru");
    const parallel = visitor.locator(".slot.parallel");
    await expect.poll(() => parallel.locator("article").count()).toBe(2);
    const text = await parallel.textContent();
    expect(text).toContain("Панель по водному сотрудничеству");
    expect(text).toContain("Панель по управлению границами");
    expect(text).toContain("Зал 1");
    const boxes = await parallel.locator("article").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    expect(boxes[0]).toBe(boxes[1]);
    await visitor.getByRole("link", { name: "Панель по водному сотрудничеству" }).click();
    await expect.poll(() => visitor.locator("main").textContent()).toContain("Айгерим Нурланова (вымышленное лицо)");
    await expectAccessible(visitor);
    expect(visitor.errors).toEqual([]);
  });
});
