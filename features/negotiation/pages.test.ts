import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../i18n/index.ts";
import { makeDelegate, makeDelegation, makeEvent } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import type { EventRow } from "../events/queries.ts";
import { documentBySymbol } from "./documents.ts";

let app: TestServer;
let event: EventRow;
let facilitator: Staff;
let head: string;
let observer: string;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const db = app.services.db;
  const made = await makeEvent(db, { languages: ["en", "ru"] });
  event = made.event;
  facilitator = await staff(app, { email: `facilitator-${event.slug}@example.org`, role: "facilitator", eventId: event.id });
  head = (await makeDelegate(db, event, made.owner.id, await makeDelegation(db, event, made.owner.id))).token;
  observer = (await makeDelegate(db, event, made.owner.id, await makeDelegation(db, event, made.owner.id), "observer")).token;
});
afterAll(async () => {
  await app?.stop();
});

const op1 = "Calls upon all States to strengthen regional cooperation in the field of water management;";
const html = async (res: Response) => ({ status: res.status, text: await res.text() });

describe("the negotiation room's pages", () => {
  it("lets a facilitator compile and issue, a delegate amend through their link, and the public read the adopted text", async () => {
    const admin = `/admin/e/${event.slug}/documents`;
    expect((await html(await facilitator.get(admin))).text).toContain("Documents");
    const created = await facilitator.post(admin, {
      symbol: "TC/2030/L.7",
      "title.en": "Tashkent water declaration",
      "title.ru": "Ташкентская декларация о воде",
      negotiatingLanguage: "en",
      paragraphs: `PP Recalling its earlier resolutions,\n\n${op1}`,
    });
    expect(created.status).toBe(200);
    const document = await documentBySymbol(app.services.db, event.id, "TC/2030/L.7");
    const page = `${admin}/${document.id}`;
    let staffPage = await html(await facilitator.get(page));
    expect(staffPage.status).toBe(200);
    expect(staffPage.text).toContain("PP1");
    expect(staffPage.text).toContain("OP1");
    const issued = await facilitator.post(page, { intent: "issue", revision: "0", version: "1" });
    expect(issued.status).toBe(200);

    // The delegate reads Rev.0 through their link and proposes an amendment by giving the words.
    const mine = `/en/e/${event.slug}/my/${head}/documents/${document.id}`;
    const delegatePage = await html(await app.fetch(mine));
    expect(delegatePage.status).toBe(200);
    expect(delegatePage.text).toContain(op1);
    expect(delegatePage.text).toContain("ticket");
    const paragraphId = /name="paragraphId"[^>]*>\s*<option value="(\d+)"[^>]*>PP1<\/option><option value="(\d+)"/.exec(delegatePage.text)?.[2];
    expect(paragraphId).toBeDefined();
    const form = (fields: Record<string, string>) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.set(k, v);
      return app.fetch(mine, { method: "POST", body });
    };
    const bad = await html(
      await form({ intent: "amend", revision: "0", paragraphId: paragraphId!, kind: "replace", words: "strengthens nothing", proposedText: "deepen" }),
    );
    expect(bad.status).toBe(422);
    const amended = await html(
      await form({ intent: "amend", revision: "0", paragraphId: paragraphId!, kind: "replace", words: "strengthen", proposedText: "deepen" }),
    );
    expect(amended.status).toBe(200);
    expect(amended.text).toContain("deepen");
    // The delegate downloads the revision through their link (a download cannot send the API's header).
    const download = /href="([^"]+\/revisions\/0\/export\.pdf\?lang=ru)"/.exec(delegatePage.text)?.[1].replaceAll("&amp;", "&");
    expect(download).toBe(`/en/e/${event.slug}/my/${head}/documents/${document.id}/revisions/0/export.pdf?lang=ru`);
    const file = await app.fetch(download!);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toContain('filename="TC_2030_L.7_zero-draft_RU.pdf"');
    await file.arrayBuffer();
    const refused = await app.fetch(`/ru/e/${event.slug}/my/${head}/documents/${document.id}/revisions/0/export.pdf?lang=fr`);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toBe(createTranslator("ru")("error.language.not_found"));
    expect((await app.fetch(`/en/e/${event.slug}/my/${head}/documents/${document.id}/revisions/0/export.odt`)).status).toBe(404);
    const observed = await app.fetch(`/en/e/${event.slug}/my/${observer}/documents/${document.id}`);
    expect(observed.status).toBe(200);
    expect(await observed.text()).not.toContain('value="amend"');
    expect((await app.fetch(`/ru/e/${event.slug}/my/${head}/documents`)).status).toBe(200);
    expect((await app.fetch(`/en/e/${event.slug}/my/${"z".repeat(43)}/documents/${document.id}`)).status).toBe(404);

    // The facilitator sees it, opens Rev.1, folds it, issues, compares, and the chair adopts.
    staffPage = await html(await facilitator.get(page));
    expect(staffPage.text).toContain("deepen");
    expect((await facilitator.post(page, { intent: "open", revision: "0", version: "1" })).status).toBe(200);
    const amendmentId = /name="amendmentIds" value="(\d+)"/.exec((await html(await facilitator.get(page))).text)?.[1];
    expect((await facilitator.post(page, { intent: "fold", revision: "1", version: "1", amendmentIds: [amendmentId!] })).status).toBe(200);
    expect((await facilitator.post(page, { intent: "issue", revision: "1", version: "2" })).status).toBe(200);
    const redline = await html(await facilitator.get(`${page}/redline?from=0&to=1`));
    expect(redline.status).toBe(200);
    expect(redline.text).toMatch(/<del>.*strengthen/);
    expect(redline.text).toMatch(/<ins>.*deepen/);
    expect(redline.text).toContain(`/api/v1/events/${event.slug}/documents/${document.id}/revisions/1/export.docx?lang=ru&amp;compare=0`);
    const tracked = await facilitator.get(`/api/v1/events/${event.slug}/documents/${document.id}/revisions/1/export.docx?lang=en&compare=0`);
    expect(tracked.status).toBe(200);
    expect(tracked.headers.get("content-disposition")).toContain("TC_2030_L.7_zero-draft-Rev.1_redline_EN.docx");
    await tracked.arrayBuffer();
    const stale = await facilitator.post(page, { intent: "adopt", revision: "1", version: "1", how: "consensus", "body.en": "Plenary" }, { lang: "ru" });
    expect(stale.status).toBe(409);
    const rev1Version = /name="version" value="(\d+)"/.exec((await html(await facilitator.get(page))).text)?.[1];
    expect((await facilitator.post(page, { intent: "adopt", revision: "1", version: rev1Version!, how: "consensus", "body.en": "Plenary" })).status).toBe(200);

    // The public list and the adopted text at its stable address, in each language; no JavaScript.
    const list = await html(await app.fetch(`/ru/e/${event.slug}/documents`));
    expect(list.text).toContain("Ташкентская декларация о воде");
    const adopted = await html(await app.fetch(`/en/e/${event.slug}/documents/TC/2030/L.7`));
    expect(adopted.status).toBe(200);
    expect(adopted.text).toContain("Calls upon all States to deepen regional cooperation");
    expect(adopted.text).not.toContain("<script");
    const pdfLink = /href="([^"]+\/export\.pdf\?lang=en)"/.exec(adopted.text)?.[1];
    expect(pdfLink).toBe(`/api/v1/events/${event.slug}/documents/${document.id}/revisions/1/export.pdf?lang=en`);
    const publicPdf = await app.fetch(pdfLink!);
    expect(publicPdf.status).toBe(200);
    expect(
      Buffer.from(await publicPdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await app.fetch(`/en/e/${event.slug}/documents/TC/2030/L.99`)).status).toBe(404);

    // The chair corrects the Russian text only, and the facilitator names an earlier document with its text.
    const adoptedPage = (await html(await facilitator.get(page))).text;
    expect(adoptedPage).toContain("Issue a corrigendum");
    const versionNow = /name="version" value="(\d+)"/.exec(adoptedPage)?.[1];
    const opId = /id="p-(\d+)" class="paragraph paragraph-OP/.exec(adoptedPage)?.[1];
    const corrected = "Призывает все государства углублять региональное сотрудничество в области водного хозяйства;";
    const unchanged = await facilitator.post(page, {
      intent: "corrigendum",
      revision: "1",
      version: versionNow!,
      language: "ru",
      paragraphId: opId!,
      corrected: "",
    });
    expect(unchanged.status).toBe(422);
    expect(
      (await facilitator.post(page, { intent: "corrigendum", revision: "1", version: versionNow!, language: "ru", paragraphId: opId!, corrected })).status,
    ).toBe(200);
    const linked = await facilitator.post(page, {
      intent: "lineage",
      revision: "1",
      version: versionNow!,
      earlierDocumentId: "",
      "title.en": "Earlier water declaration",
      year: "2019",
      url: "https://example.org/water-2019",
      "text.en": "Recalling its earlier resolutions,\n\nUrges action on water.",
    });
    expect(linked.status).toBe(200);
    const ruPage = (await html(await app.fetch(`/ru/e/${event.slug}/documents/TC/2030/L.7`))).text;
    expect(ruPage).toContain(corrected);
    expect(ruPage).toContain("Испр.1");
    expect(ruPage).toContain("TC/2030/L.7/Corr.1");
    expect(ruPage).toContain("Earlier water declaration");
    expect(ruPage).toContain("PP1 = ¶1");
    expect((await html(await app.fetch(`/en/e/${event.slug}/documents/TC/2030/L.7`))).text).not.toContain(corrected);
  });
});
