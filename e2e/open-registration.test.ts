import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/server.ts";
import { waitForMail } from "../test/staff.ts";
import { type Browser, expectAccessible, launchBrowser } from "./browser.ts";

/**
 * A journalist registers openly, in Russian, answering the event's own questions; she reads the email and
 * her page in Russian; the secretariat sees her answer, and every staff page of registration passes axe.
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

describe("open registration and the secretariat's registration pages", () => {
  it("registers in Russian with the event's own questions, then shows the answer to the secretariat", async () => {
    const visitor = await browser.newPage();
    await visitor.goto(`${app.url}/ru/e/tashkent-2022/register`);
    await expectAccessible(visitor);
    await visitor.getByLabel("Категория").selectOption({ label: "Гражданское общество" });
    await visitor.getByLabel("Имя (латиницей)").fill("Zarina");
    await visitor.getByLabel("Фамилия (латиницей)").fill("Example (fictional)");
    await visitor.getByRole("textbox", { name: "Электронная почта" }).fill("zarina.e2e@example.org");
    await visitor.getByLabel("Организация").fill("Fictional Youth Network");
    await visitor.getByLabel("Страна (код ISO)").fill("KZ");
    await visitor.getByLabel(/РАТС ШОС/).check();
    await visitor.getByLabel(/на обработку моих данных/).check();
    await visitor.getByRole("button", { name: "Зарегистрироваться" }).click();
    await expect.poll(() => visitor.getByRole("status").first().textContent()).toContain("Спасибо");

    const received = await waitForMail(app, "zarina.e2e@example.org", /получено/);
    const mine = /http:\/\/\S+\/my\/[\w-]+/.exec(received.text)![0];
    const page = await browser.newPage();
    await page.goto(mine);
    await expect.poll(() => page.locator(".status").first().textContent()).toBe("На рассмотрении");
    await expectAccessible(page);

    // The secretariat.
    const staff = await browser.newPage();
    await staff.goto(`${app.url}/admin/e/tashkent-2022/registrations?q=zarina.e2e`);
    await staff.getByLabel("Email").fill(app.bootstrap.admin.email);
    await staff.getByLabel("Password").fill(app.bootstrap.admin.password);
    await staff.getByRole("button", { name: "Sign in" }).click();
    await staff.waitForURL("**/admin/e/tashkent-2022/registrations?q=zarina.e2e");
    await staff
      .getByRole("link", { name: /Zarina/ })
      .first()
      .click();
    await expect.poll(() => staff.locator("main").textContent()).toContain("SCO RATS and the Joint Plan of Action");
    await expectAccessible(staff);

    for (const section of ["form-fields", "mail-templates", "mail", "privacy", "api-tokens", "duplicates", "registrations/dashboard"]) {
      const response = await staff.goto(`${app.url}/admin/e/tashkent-2022/${section}`);
      expect(response?.status(), section).toBe(200);
      await expectAccessible(staff);
    }
    expect(staff.errors.filter((e) => !/status of (401|422)/.test(e))).toEqual([]);
    expect(visitor.errors).toEqual([]);
  });
});
