import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberStates } from "../features/registration/delegations/states.ts";
import { makeUser } from "../test/factories.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { waitForMail } from "../test/staff.ts";
import { type Browser, expectAccessible, launchBrowser } from "./browser.ts";

/**
 * Issue 11: a new event from scratch, as a secretariat does it, on a fresh and empty instance (no demo).
 * The administrator lets a staff member create events; they create one in three languages, import 60 States
 * from an XLSX that LibreOffice made, invite them all at once, fix one deadline; a focal point nominates
 * through the emailed link; staff record the member's paper consent and approve; the public list shows them.
 */
const calc = "/usr/lib/libreoffice/share/registry/calc.xcd";
let app: TestServer;
let browser: Browser;
let work: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
  work = mkdtempSync(path.join(tmpdir(), "plenary-new-event-"));
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** What LibreOffice makes of a CSV: every column read as text, so deadlines stay as typed. */
function xlsxFromCsv(csv: string): Buffer {
  if (!existsSync("/usr/bin/soffice") || !existsSync(calc)) {
    throw new Error("LibreOffice Calc is missing: install it with  apt-get install -y libreoffice-calc-nogui  (npm test and .ci/run do)");
  }
  const file = path.join(work, "delegations.csv");
  writeFileSync(file, csv);
  const columns = csv.split("\n")[0].split(",").length;
  const asText = Array.from({ length: columns }, (_, i) => `${i + 1}/2`).join("/");
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${work}/profile`, "--headless", `--infilter=CSV:44,34,76,1,${asText}`, "--convert-to", "xlsx", "--outdir", work, file],
    {
      stdio: "pipe",
      timeout: 120_000,
    },
  );
  return readFileSync(path.join(work, "delegations.xlsx"));
}

async function signIn(page: Page, email: string, password: string) {
  await browser.context.clearCookies();
  await page.goto(`${app.url}/admin/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${app.url}/admin`);
}

describe("a new event from scratch", () => {
  it("from an empty instance to a member in the public list", { timeout: 300_000 }, async () => {
    const page = await browser.newPage();
    const slug = "water-summit-2031";
    const secretary = await makeUser(app.services.db, { email: "secretary@example.org", isAdmin: false });
    const states = memberStates.slice(0, 60);
    const focal = (code: string) => `focal.${code.toLowerCase()}@example.org`;

    // (1) The administrator lets a staff member create events.
    await signIn(page, app.bootstrap.admin.email, app.bootstrap.admin.password);
    await expectAccessible(page);
    await page.getByLabel("Email of a staff account").fill(secretary.email);
    await page.getByRole("button", { name: "Let create events" }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain(secretary.email);

    // (2) The staff member creates an event in three languages…
    await signIn(page, secretary.email, "correct horse battery");
    await page.getByRole("link", { name: "Create an event" }).click();
    await page.waitForURL("**/admin/events/new");
    await expectAccessible(page);
    await page.getByLabel("Content languages *").fill("en, fr, ru");
    await page.locator("#f-title-en").fill("Water Summit (fictional)");
    await page.locator("#f-title-fr").fill("Sommet de l’eau (fictif)");
    await page.locator("#f-title-ru").fill("Саммит по воде (вымышленный)");
    await page.getByLabel("Address (slug) *").fill(slug);
    await page.getByLabel("First day *").fill(day(40));
    await page.getByLabel("Last day *").fill(day(41));
    await page.getByLabel("Time zone *").fill("Europe/Vienna");
    await page.getByRole("button", { name: "Create the event" }).click();
    await page.waitForURL(`**/admin/e/${slug}?created=1`);
    await expectAccessible(page);

    // … and imports 60 States from an XLSX made by LibreOffice.
    const deadline = `${day(20)} 18:00`;
    const csv = [
      "Kind,Country,Quota,Deadline,Focal point name,Focal point email,Focal point language",
      ...states.map((code) => `state,${code},3,${deadline},Focal ${code},${focal(code)},en`),
    ].join("\n");
    const xlsx = xlsxFromCsv(csv);
    await page.goto(`${app.url}/admin/e/${slug}/delegations/import`);
    await expectAccessible(page);
    await page.getByLabel("File (CSV or XLSX)").setInputFiles({
      name: "delegations.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: xlsx,
    });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect.poll(() => page.locator("main").textContent(), { timeout: 30_000 }).toContain("60 new delegations will be added");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Import 60 delegations" }).click();
    await expect.poll(() => page.locator("main").textContent(), { timeout: 60_000 }).toContain("The import is finished.");

    // Published here, as a secretariat would once the site is ready (personal links work before that too:
    // features/registration/links/draft-links.test.ts).
    await page.goto(`${app.url}/admin/e/${slug}`);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent(), { timeout: 15_000 }).toContain("published");

    // (3) Invitations in bulk.
    await page.goto(`${app.url}/admin/e/${slug}/delegations`);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send invitations to the 60 delegations not yet invited" }).click();
    // Sixty emails queued in one transaction: on a loaded machine this takes more than a second.
    await expect.poll(() => page.getByRole("status").first().textContent(), { timeout: 30_000 }).toContain("60 invitations are on their way.");

    // (4) One delegation's deadline is fixed.
    const chosen = states[7];
    await page.goto(`${app.url}/admin/e/${slug}/delegations`);
    const row = page.locator("tr", { hasText: focal(chosen) });
    await row.locator(`a[href^="/admin/e/${slug}/delegations/"]`).first().click();
    await page.waitForURL(/delegations\/\d+$/);
    await expectAccessible(page);
    await page.getByLabel("Deadline *").fill(`${day(25)}T12:00`);
    await page.getByRole("button", { name: "Save" }).first().click();
    await expect.poll(() => page.getByRole("status").first().textContent(), { timeout: 15_000 }).toContain("The delegation is saved.");
    expect(await page.getByLabel("Deadline *").inputValue()).toBe(`${day(25)}T12:00`);

    // (5) The focal point nominates through the link in the email.
    const invitation = await waitForMail(app, focal(chosen), /Nominations/);
    const link = /http:\/\/\S+\/delegation\/[\w-]+/.exec(invitation.text)![0];
    const portal = await browser.newPage();
    await portal.goto(link);
    await expectAccessible(portal);
    await portal.getByLabel("Given name(s), Latin script").fill("Amina");
    await portal.getByLabel("Family name, Latin script").fill("Listedmember (fictional)");
    await portal.getByRole("textbox", { name: "Email" }).fill("amina.member@example.org");
    await portal.getByLabel("Head of Delegation", { exact: true }).check();
    await portal.getByRole("button", { name: "Nominate", exact: true }).click();
    await expect.poll(() => portal.getByRole("alert").or(portal.locator(".alert.ok")).first().textContent()).toContain("The member is nominated.");

    // (6) Staff record the member's consent, received on paper, and approve them.
    await page.goto(`${app.url}/admin/e/${slug}/registrations?q=amina.member%40example.org`);
    await expectAccessible(page);
    await page
      .getByRole("link", { name: /Listedmember/ })
      .first()
      .click();
    await page.waitForURL(/registrations\/\d+$/);
    await expectAccessible(page);
    const statusVersion = page.locator('form:has(button:text("Change the status")) input[name="version"]');
    const readVersion = await statusVersion.inputValue();
    await page.getByLabel("How it reached us *").selectOption("paper_form");
    await page.getByRole("group", { name: "Agrees to appear in the public list of participants" }).getByLabel("Yes").check();
    await page.getByRole("button", { name: "Record", exact: true }).click();
    await expect.poll(() => page.getByRole("status").first().textContent(), { timeout: 15_000 }).toContain("Recorded. The participant is told by email.");
    // The status form carries the version it read: wait until the page shows the one the record made
    // (approving on the old one would be refused as a conflict).
    await expect.poll(() => statusVersion.inputValue()).toBe(String(Number(readVersion) + 1));
    await page.getByLabel("New status").selectOption("approved");
    await page.getByRole("button", { name: "Change the status" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent(), { timeout: 15_000 }).toContain("The status is changed.");

    // (7) The public list shows the member.
    const visitor = await browser.newPage();
    await expect
      .poll(
        async () => {
          await visitor.goto(`${app.url}/en/e/${slug}/participants`);
          return visitor.locator("main").textContent();
        },
        { timeout: 15_000 },
      )
      .toContain("Listedmember (fictional)");
    await expectAccessible(visitor);

    for (const p of [page, portal, visitor]) expect(p.csp).toEqual([]);
  });
});
