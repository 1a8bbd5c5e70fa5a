import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/server.ts";
import { waitForMail } from "../test/staff.ts";
import { type Browser, expectAccessible, launchBrowser } from "./browser.ts";

/**
 * Issue 5's path in a real browser: the secretariat invites a delegation, the focal point (reading the
 * invitation from the SMTP sink) nominates three members with a PDF letter, the secretariat approves two
 * and waitlists one, and the member who prefers Russian reads the approval in Russian and sees it on her page.
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

const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const members = [
  { given: "Madina", family: "Karimova (fictional)", email: "madina.e2e@example.org", lang: "ru", head: true },
  { given: "Timur", family: "Aliyev (fictional)", email: "timur.e2e@example.org", lang: "en", head: false },
  { given: "Sardor", family: "Yusupov (fictional)", email: "sardor.e2e@example.org", lang: "uz", head: false },
];

describe("delegations, nominations and accreditation", () => {
  it("from the invitation to an approval read in Russian", async () => {
    // The secretariat invites a delegation.
    const staff = await browser.newPage();
    await staff.goto(`${app.url}/admin/e/tashkent-2022/delegations`);
    await staff.getByLabel("Email").fill(app.bootstrap.admin.email);
    await staff.getByLabel("Password").fill(app.bootstrap.admin.password);
    await staff.getByRole("button", { name: "Sign in" }).click();
    await staff.waitForURL("**/admin/e/tashkent-2022/delegations");
    await expectAccessible(staff);
    await staff.getByLabel("Kind").selectOption("state");
    await staff.getByLabel("Country").fill("AZ");
    await staff.locator("#f-new-name-en").fill("Republic of Azerbaijan (demo guest)");
    await staff.locator("#f-new-name-ru").fill("Азербайджанская Республика (демо-гость)");
    await staff.getByLabel("Quota (members)").fill("3");
    await staff.locator("#f-new-deadline").fill("2030-02-01T18:00");
    await staff.locator("#f-new-focalPointName").fill("Leyla Mammadova (fictional)");
    await staff.locator("#f-new-focalPointEmail").fill("focal.az.e2e@example.org");
    await staff.getByRole("button", { name: "Create and send the invitation" }).click();
    await expect.poll(() => staff.getByRole("status").first().textContent()).toContain("focal.az.e2e@example.org");

    // The focal point reads the invitation and opens the link.
    const invitation = await waitForMail(app, "focal.az.e2e@example.org", /Nominations/);
    const link = /http:\/\/\S+\/delegation\/[\w-]+/.exec(invitation.text)![0];
    // (One browser profile for everyone: the staff cookie is there too, and changes nothing on link pages.)
    const focal = await browser.newPage();
    await focal.goto(link);
    await expect.poll(() => focal.locator("h1").textContent()).toBe("Delegation: Republic of Azerbaijan (demo guest)");
    await expectAccessible(focal);

    // Three members and the letter, without JavaScript on the page.
    for (const m of members) {
      await focal.getByLabel("Given name(s), Latin script").fill(m.given);
      await focal.getByLabel("Family name, Latin script").fill(m.family);
      await focal.getByRole("textbox", { name: "Email" }).fill(m.email);
      await focal.getByLabel("Language for emails").selectOption(m.lang);
      if (m.head) await focal.getByLabel("Head of Delegation", { exact: true }).check();
      await focal.getByRole("button", { name: "Nominate", exact: true }).click();
      await expect.poll(() => focal.getByRole("alert").or(focal.locator(".alert.ok")).first().textContent()).toContain("The member is nominated.");
    }
    await focal.getByLabel("Letter of nomination (note verbale)").setInputFiles({ name: "note-verbale.pdf", mimeType: "application/pdf", buffer: pdf });
    await focal.getByRole("button", { name: "Upload the letter" }).click();
    await expect.poll(() => focal.locator("main").textContent()).toContain("A letter is on file: note-verbale.pdf.");
    await expect.poll(() => focal.locator("main").textContent()).toContain("3 of 3 places used");
    await expectAccessible(focal);

    // The secretariat approves two and waitlists one.
    await staff.goto(`${app.url}/admin/e/tashkent-2022/registrations?q=e2e%40example.org`);
    await expectAccessible(staff);
    await staff.getByLabel(/Select Madina/).check();
    await staff.getByLabel(/Select Timur/).check();
    await staff.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => staff.locator(".alert").first().textContent()).toMatch(/2/);
    await staff.getByLabel(/Select Sardor/).check();
    await staff.getByRole("button", { name: "Move to the waiting list" }).click();
    await expect.poll(async () => (await staff.locator("tbody").textContent()) ?? "").toContain("On the waiting list");
    expect(staff.errors.filter((e) => !/status of (401|422)/.test(e))).toEqual([]);

    // The overview counts them: charts with their tables, reached from the queue.
    await staff.getByRole("link", { name: "Overview and charts" }).click();
    await staff.waitForURL("**/registrations/dashboard");
    await expect.poll(() => staff.locator("h1").textContent()).toBe("Registrations: overview");
    await expect.poll(() => staff.getByRole("img", { name: /^By status: / }).count()).toBe(1);
    await expectAccessible(staff);
    expect(staff.errors.filter((e) => !/status of (401|422)/.test(e))).toEqual([]);

    // Madina prefers Russian: her approval is in Russian, and so is her page.
    const approval = await waitForMail(app, "madina.e2e@example.org", /подтверждено/);
    expect(approval.text).toContain("Ваша регистрация на мероприятие");
    const mine = /http:\/\/\S+\/my\/[\w-]+/.exec(approval.text)![0];
    expect(mine).toContain("/ru/e/tashkent-2022/my/");
    const member = await browser.newPage();
    await member.goto(mine);
    expect(await member.locator("html").getAttribute("lang")).toBe("ru");
    await expect.poll(() => member.locator(".status").textContent()).toBe("Одобрено");
    expect(await member.locator("main").textContent()).toContain("Глава делегации");
    await expectAccessible(member);

    const waitlisted = await waitForMail(app, "sardor.e2e@example.org", /kutish/);
    expect(waitlisted.language).toBe("uz");
  });
});
