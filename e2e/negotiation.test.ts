import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRevision } from "../features/negotiation/documents.ts";
import { makeDelegate, makeDelegation, makeEvent, makeOutcomeDocument } from "../test/factories.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { staff } from "../test/staff.ts";
import { type Browser, expectAccessible, launchBrowser } from "./browser.ts";

/**
 * Issue 14 in Chromium: a facilitator issues the zero draft in English; a Head of Delegation, reading in
 * Russian through their personal link, double-clicks a word to amend it; the facilitator sees the amendment
 * arrive without reloading, folds it into Rev.1 and issues it; the delegate's page shows Rev.1 on its own;
 * the redline marks the change. Every page passes axe.
 */
let app: TestServer;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const op1 = "Calls upon all States to strengthen regional cooperation in the field of water management;";

/** Double-clicks a word of a paragraph, as a reader selects it. */
async function doubleClickWord(page: Page, word: string) {
  const box = await page.evaluate((w) => {
    const holder = [...document.querySelectorAll("[data-paragraph]")].find((el) => el.textContent?.includes(w))!;
    const node = [...holder.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.includes(w))!;
    const range = document.createRange();
    const at = node.textContent!.indexOf(w);
    range.setStart(node, at);
    range.setEnd(node, at + w.length);
    const r = range.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, word);
  await page.mouse.dblclick(box.x, box.y);
}

describe("the negotiation room in the browser", () => {
  it("from the zero draft to Rev.1, amended in Russian, followed live in English", { timeout: 180_000 }, async () => {
    const db = app.services.db;
    const { event, owner } = await makeEvent(db, { languages: ["en", "ru"] });
    const facilitator = await staff(app, { email: `facilitator-${event.slug}@example.org`, role: "facilitator", eventId: event.id });
    const { token } = await makeDelegate(db, event, owner.id, await makeDelegation(db, event, owner.id));
    const { document } = await makeOutcomeDocument(
      db,
      event,
      owner.id,
      [
        ["PP", { en: "Recalling its earlier resolutions,", ru: "ссылаясь на свои предыдущие резолюции," }],
        ["OP", { en: op1, ru: "призывает все государства укреплять региональное сотрудничество в области водного хозяйства;" }],
      ],
      "TC/2030/L.3",
    );

    // The facilitator, signed in, issues the zero draft.
    const chair = await browser.newPage();
    await browser.context.addCookies([{ name: "plenary_session", value: facilitator.cookie.split("=")[1], url: app.url }]);
    const staffPage = `${app.url}/admin/e/${event.slug}/documents/${document.id}`;
    await chair.goto(staffPage);
    await expectAccessible(chair);
    await chair.getByRole("button", { name: "Issue Zero draft" }).click();
    await expect.poll(() => chair.getByRole("status").first().textContent()).toContain("The revision was issued.");

    // The Head of Delegation reads it in Russian and types the English words to amend.
    const delegate = await browser.newPage();
    await delegate.goto(`${app.url}/ru/e/${event.slug}/my/${token}/documents/${document.id}`);
    await expect.poll(() => delegate.locator("#revision-status").textContent()).toContain("Нулевой проект");
    await expectAccessible(delegate);
    // Russian is shown; the words to amend are the negotiating (English) text's.
    expect(await delegate.locator("[data-paragraph]").nth(1).textContent()).toContain("призывает все государства");
    await delegate.getByLabel("Пункт").selectOption({ label: "OP1" });
    await delegate.getByLabel(/Слова текста/).fill("strengthen");
    await delegate.getByLabel("Предлагаемые слова").fill("deepen");
    await delegate.getByRole("button", { name: "Внести поправку" }).click();
    await expect.poll(() => delegate.getByRole("status").first().textContent()).toContain("Ваша поправка получена.");

    // The facilitator's page shows it without a reload, then folds it into Rev.1 and issues that.
    await expect.poll(() => chair.locator("table").first().textContent()).toContain("deepen");
    await chair.getByRole("button", { name: "Open the next draft" }).click();
    await expect.poll(() => chair.getByRole("status").first().textContent()).toContain("The next draft is open.");
    // Each form carries the version of the draft it shows: act once the page shows the one just saved, as a
    // person does when the page has settled (an older one is refused as a conflict).
    const settled = async (form: string) => {
      const draft = await loadRevision(db, document, 1);
      await expect.poll(() => chair.locator(`form:has(button:text("${form}")) input[name="version"]`).first().inputValue()).toBe(String(draft.version));
    };
    await settled("Fold the selected amendments in, in this order");
    await chair.getByRole("checkbox", { name: /Fold amendment \d+ in/ }).check();
    await chair.getByRole("button", { name: "Fold the selected amendments in, in this order" }).click();
    await expect.poll(() => chair.getByRole("status").first().textContent()).toContain("The amendments were folded into the draft.");
    await settled("Issue Rev.1");
    await chair.getByRole("button", { name: "Issue Rev.1" }).click();
    await expect.poll(() => chair.getByRole("status").first().textContent()).toContain("The revision was issued.");
    await expectAccessible(chair);

    // The delegate's page moves to Rev.1 by itself, and the redline marks the change.
    await expect.poll(() => delegate.locator("#revision-status").textContent()).toContain("Rev.1");
    // The same live message reloaded the facilitator's page: the confirmation of the issue stays on it.
    await chair.waitForTimeout(500);
    expect(await chair.getByRole("status").first().textContent()).toContain("The revision was issued.");
    await chair.goto(`${staffPage}/redline?from=0&to=1`);
    expect(await chair.locator("del").first().textContent()).toContain("strengthen");
    expect(await chair.locator("ins").first().textContent()).toContain("deepen");
    await expectAccessible(chair);
    expect([...chair.errors, ...delegate.errors]).toEqual([]);
  });

  it("lets a delegate reading English select the words with the mouse", { timeout: 120_000 }, async () => {
    const db = app.services.db;
    const { event, owner } = await makeEvent(db, { languages: ["en", "ru"] });
    const { token } = await makeDelegate(db, event, owner.id, await makeDelegation(db, event, owner.id));
    const { document, draft } = await makeOutcomeDocument(db, event, owner.id, [["OP", op1]], "TC/2030/L.4");
    const { issueRevision } = await import("../features/negotiation/issue-revision.ts");
    const actor = { userId: owner.id, isAdmin: true, role: null, sideEventIds: [] };
    await issueRevision({ db, actor, now: new Date(), publicUrl: app.url }, event, document, draft, { version: draft.version });
    const page = await browser.newPage();
    await page.goto(`${app.url}/en/e/${event.slug}/my/${token}/documents/${document.id}`);
    await expect.poll(() => page.locator("#revision-status").textContent()).toContain("Zero draft");
    // Hydrated: a double-click fills the form.
    await expect
      .poll(async () => {
        await doubleClickWord(page, "strengthen");
        return page.getByLabel(/Words of the text/).inputValue();
      })
      .toBe("strengthen");
    await page.getByLabel("Proposed words").fill("deepen");
    await page.getByRole("button", { name: "Submit the amendment" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Your amendment was received.");
    await expectAccessible(page);
    expect(page.errors).toEqual([]);
  });
});
