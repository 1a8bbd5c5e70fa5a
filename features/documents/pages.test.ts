import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categoryOf, makeDelegation, makeEvent, makeParticipant } from "../../test/factories.ts";
import { docxOf, makeLibraryDocument, pdfOf, withPrefix } from "../../test/library.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import type { Actor } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import { createLink } from "../registration/links/links.ts";
import { libraryDocumentBySymbol } from "./queries.ts";

let app: TestServer;
let event: EventRow;
let officer: Staff;
let actor: Actor;
let owner: number;
const db = () => app.services.db;
const html = async (res: Response) => ({ status: res.status, text: await res.text(), headers: res.headers });

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const made = await makeEvent(db(), { languages: ["en", "ru"] });
  event = made.event;
  owner = made.owner.id;
  officer = await staff(app, { email: `officer-${event.slug}@example.org`, role: "documents_officer", eventId: event.id });
  actor = { userId: officer.userId, isAdmin: false, role: "documents_officer", sideEventIds: [] };
});
afterAll(async () => {
  await app?.stop();
});

const linkFor = async (participantId: number) =>
  createLink(db(), { eventId: event.id, purpose: "participant", participantId, expiresAt: new Date(Date.now() + 86_400_000) });

describe("the library's staff pages", () => {
  it("sets the prefix, creates a document, uploads its files, issues it; the public finds it at once", async () => {
    const admin = `/admin/e/${event.slug}/library`;
    const list = await html(await officer.get(admin));
    expect(list.status).toBe(200);
    expect(list.text).toContain("Set the symbol prefix first");
    expect((await officer.post(admin, { intent: "prefix", prefix: "tc/en" })).status).toBe(422);
    expect((await officer.post(admin, { intent: "prefix", prefix: "TC/2030" })).status).toBe(200);
    expect((await html(await officer.get(admin))).text).toContain("TC/2030/1, TC/2030/L.1, TC/2030/INF.1");

    // The public list is read (and kept by the page cache) before the document exists.
    const publicList = `/en/e/${event.slug}/documents`;
    await app.fetch(publicList);
    expect((await app.fetch(publicList)).headers.get("x-cache")).toBe("hit");

    const created = await officer.post(admin, {
      intent: "create",
      symbol: "",
      series: "general",
      kind: "concept_note",
      "title.en": "Concept note",
      "title.ru": "Концептуальная записка",
      "summary.en": "Why the conference meets, and what it is expected to adopt.",
      originalLanguage: "en",
      access: "public",
    });
    expect(created.status).toBe(302);
    const page = created.headers.get("location")!.replace(/\?.*$/, "");
    expect(page).toMatch(new RegExp(`^${admin}/\\d+$`));
    expect((await html(await officer.get(page))).text).toContain("TC/2030/1");

    // Staff pages speak the account's language, or the one asked for with ?lang=.
    const upload = (language: string, file: Blob, name: string, lang = "en") =>
      officer.post(`${page}?lang=${lang}`, { intent: "upload", language, file: new File([file], name) });
    expect(
      (await upload("en", new Blob([(await pdfOf("TC/2030/1", "Concept note", ["Regional cooperation on water."])) as BlobPart]), "note.pdf")).status,
    ).toBe(200);
    expect((await upload("ru", new Blob([docxOf(["Региональное сотрудничество."]) as BlobPart]), "записка.docx")).status).toBe(200);
    const refused = await html(await upload("ru", new Blob(["plain text"]), "note.txt", "ru"));
    expect(refused.status).toBe(415);
    expect(refused.text).toContain("Документ должен быть файлом PDF, DOCX или ODT.");
    const second = await html(await upload("en", new Blob([(await pdfOf("TC/2030/1", "Concept note", ["Second version."])) as BlobPart]), "note-2.pdf"));
    expect(second.text).toContain("version 2");
    const staffPage = await html(await officer.get(page));
    expect(staffPage.text).toContain("note-2.pdf");
    expect(staffPage.text).toContain("note.pdf");
    const firstVersion = /href="([^"]+\/files\/\d+)">note\.pdf/.exec(staffPage.text)![1];
    const download = await officer.get(firstVersion);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");

    // A draft is nobody's but staff's.
    expect((await app.fetch(`/en/e/${event.slug}/documents/TC/2030/1`)).status).toBe(404);
    expect((await app.fetch(`/en/e/${event.slug}/documents/TC/2030/1/en`)).status).toBe(404);
    const document = (await libraryDocumentBySymbol(db(), event.id, "TC/2030/1"))!;
    expect((await officer.post(page, { intent: "issue", version: String(document.version) })).status).toBe(200);

    // The write cleared the cached list: the document shows at once, by kind, with a link per language.
    const listed = await html(await app.fetch(publicList));
    expect(listed.headers.get("x-cache")).toBeNull();
    expect(listed.text).toContain("Concept notes");
    expect(listed.text).toContain(`href="/en/e/${event.slug}/documents/TC/2030/1/en"`);
    expect(listed.text).toContain(`href="/en/e/${event.slug}/documents/TC/2030/1/ru"`);
    expect(listed.text).toContain("Original: ENGLISH");
    expect(listed.text).not.toContain("<script");
    const russian = await html(await app.fetch(`/ru/e/${event.slug}/documents`));
    expect(russian.text).toContain("Концептуальная записка");
    expect(russian.text).toContain("Язык оригинала: АНГЛИЙСКИЙ");

    const file = await app.fetch(`/en/e/${event.slug}/documents/TC/2030/1/en`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toContain("TC_2030_1_en.pdf");
    expect(file.headers.get("cache-control")).toBe("public, no-cache");
    expect(new TextDecoder().decode((await file.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    const docx = await app.fetch(`/ru/e/${event.slug}/documents/TC/2030/1/ru`);
    expect(docx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const one = await html(await app.fetch(`/en/e/${event.slug}/documents/TC/2030/1`));
    expect(one.status).toBe(200);
    expect(one.text).toContain("Why the conference meets");
  });

  it("answers a lost edit race with 409 and the merge, and keeps viewers and other roles out of writes", async () => {
    event = await withPrefix(db(), event, actor, "TC/2030");
    const made = await makeLibraryDocument(db(), event, actor, { symbol: "TC/2030/INF.9", title: { en: "Logistics" } });
    const page = `/admin/e/${event.slug}/library/${made.id}`;
    const base = JSON.stringify({
      kind: "information_note",
      originalLanguage: "en",
      issuedOn: made.issuedOn ?? "",
      "title.en": "Logistics",
      "title.ru": "",
      "summary.en": "",
      "summary.ru": "",
    });
    const save = (title: string) =>
      officer.post(page, {
        intent: "save",
        version: String(made.version),
        _base: base,
        kind: "information_note",
        originalLanguage: "en",
        issuedOn: made.issuedOn ?? "",
        "title.en": title,
      });
    expect((await save("Logistics and transport")).status).toBe(200);
    const lost = await html(await save("Practical information"));
    expect(lost.status).toBe(409);
    expect(lost.text).toContain("Someone else saved this while you were editing");
    expect(lost.text).toContain("Logistics and transport");

    const viewer = await staff(app, { email: `viewer-${event.slug}@example.org`, role: "viewer", eventId: event.id });
    expect((await viewer.get(page)).status).toBe(200);
    expect(await (await viewer.get(page)).text()).not.toContain('name="intent" value="upload"');
    expect((await viewer.post(page, { intent: "withdraw", version: "2" })).status).toBe(403);
    const printer = await staff(app, { email: `printer-${event.slug}@example.org`, role: "badge_printer", eventId: event.id });
    expect((await printer.get(`/admin/e/${event.slug}/library`)).status).toBe(403);
  });
});

describe("reading through the public site and a participant's link", () => {
  it("serves each level to its readers only, on pages and downloads, and says when a document was withdrawn", async () => {
    event = await withPrefix(db(), event, actor, "TC/2030");
    const delegation = await makeDelegation(db(), event, owner);
    const hod = await categoryOf(db(), event, "hod");
    const file = { en: await pdfOf("x", "x", ["Body."]) };
    const make = (symbol: string, access: string, extra: Record<string, unknown> = {}) =>
      makeLibraryDocument(db(), event, actor, { symbol, title: { en: `Document ${symbol}` }, access, files: file, ...extra });
    await make("TC/2030/INF.20", "accredited");
    await make("TC/2030/INF.21", "categories", { categoryIds: [hod.id] });
    await make("TC/2030/INF.22", "delegations", { delegationIds: [delegation.id] });
    const approvedHead = await makeParticipant(db(), event, owner, { category: "hod", delegation: delegation.name.en }, { status: "approved" });
    const approvedObserver = await makeParticipant(db(), event, owner, { category: "observer" }, { status: "approved" });
    const pending = await makeParticipant(db(), event, owner, { category: "hod" });
    const withdrawn = await makeParticipant(db(), event, owner, { category: "hod" }, { status: "withdrawn" });
    const tokens = {
      head: await linkFor(approvedHead.id),
      observer: await linkFor(approvedObserver.id),
      pending: await linkFor(pending.id),
      withdrawn: await linkFor(withdrawn.id),
    };
    const status = async (path: string) => (await app.fetch(path)).status;
    const anonymous = (symbol: string, suffix = "") => status(`/en/e/${event.slug}/documents/${symbol}${suffix}`);
    const mine = (token: string, symbol: string, suffix = "") => status(`/en/e/${event.slug}/my/${token}/library/${symbol}${suffix}`);
    const grid: [string, number, number, number, number][] = [
      // symbol, anonymous, head of the delegation, observer, pending
      ["TC/2030/INF.20", 404, 200, 200, 404],
      ["TC/2030/INF.21", 404, 200, 404, 404],
      ["TC/2030/INF.22", 404, 200, 404, 404],
    ];
    for (const [symbol, publicStatus, head, observer, waiting] of grid) {
      for (const suffix of ["", "/en"]) {
        expect(
          [
            await anonymous(symbol, suffix),
            await mine(tokens.head, symbol, suffix),
            await mine(tokens.observer, symbol, suffix),
            await mine(tokens.pending, symbol, suffix),
          ],
          `${symbol}${suffix}`,
        ).toEqual([publicStatus, head, observer, waiting]);
      }
    }
    const headList = await html(await app.fetch(`/en/e/${event.slug}/my/${tokens.head}/library`));
    expect(headList.status).toBe(200);
    expect(headList.headers.get("cache-control")).toBe("private, no-store");
    expect(headList.text).toContain("TC/2030/INF.21");
    expect(headList.text).toContain(`href="/en/e/${event.slug}/my/${tokens.head}/library/TC/2030/INF.22/en"`);
    const download = await app.fetch(`/en/e/${event.slug}/my/${tokens.head}/library/TC/2030/INF.22/en`);
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    const pendingList = await html(await app.fetch(`/en/e/${event.slug}/my/${tokens.pending}/library`));
    expect(pendingList.text).toContain("once your registration is approved");
    expect(pendingList.text).not.toContain("TC/2030/INF.20");
    expect(await status(`/en/e/${event.slug}/my/${tokens.withdrawn}/library`)).toBe(403);
    expect(await mine(tokens.withdrawn, "TC/2030/INF.20", "/en")).toBe(403);
    expect(await status(`/en/e/${event.slug}/my/${"x".repeat(43)}/library`)).toBe(404);
    // A file that does not exist in a language: a translated page, not a download.
    const missing = await html(await app.fetch(`/ru/e/${event.slug}/my/${tokens.head}/library/TC/2030/INF.20/ru`));
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("У этого документа нет файла на этом языке.");

    const gone = await makeLibraryDocument(db(), event, actor, { symbol: "TC/2030/INF.23", title: { en: "Gone" }, files: file });
    const page = `/admin/e/${event.slug}/library/${gone.id}`;
    expect((await officer.post(page, { intent: "withdraw", version: String(gone.version) })).status).toBe(200);
    const withdrawnPage = await html(await app.fetch(`/en/e/${event.slug}/documents/TC/2030/INF.23`));
    expect(withdrawnPage.status).toBe(410);
    expect(withdrawnPage.text).toContain("Document TC/2030/INF.23 has been withdrawn.");
    expect(await anonymous("TC/2030/INF.23", "/en")).toBe(410);
    expect((await html(await app.fetch(`/en/e/${event.slug}/documents`))).text).not.toContain("TC/2030/INF.23");
  });

  it("searches with a GET form, without script, in English and Russian; answers are not kept by the page cache", async () => {
    event = await withPrefix(db(), event, actor, "TC/2030");
    await makeLibraryDocument(db(), event, actor, {
      symbol: "TC/2030/INF.30",
      title: { en: "Transport to the venue", ru: "Транспорт до места проведения" },
      files: {
        en: docxOf(["Shuttles run between the official hotels and the venue."]),
        ru: docxOf(["Между гостиницами и местом проведения курсируют автобусы."]),
      },
    });
    const search = async (lang: string, q: string) => html(await app.fetch(`/${lang}/e/${event.slug}/documents?q=${encodeURIComponent(q)}&utm=x`));
    const shuttle = await search("en", "shuttle");
    expect(shuttle.status).toBe(200);
    expect(shuttle.text).toContain("1 document matches “shuttle”");
    expect(shuttle.text).toContain("TC/2030/INF.30");
    expect(shuttle.text).not.toContain("TC/2030/1<");
    expect(shuttle.headers.get("cache-control")).toBe("no-store");
    expect((await search("en", "shuttle")).headers.get("x-cache")).toBeNull();
    const bus = await search("ru", "автобус");
    expect(bus.text).toContain("TC/2030/INF.30");
    expect(bus.text).toContain("Найдено в версиях: Русский");
    expect((await search("en", "restricted nothing")).text).toContain("No document matches");
    const form = /<search><form[^>]*>/.exec(shuttle.text)![0];
    expect(form).toContain('method="get"');
  });
});
