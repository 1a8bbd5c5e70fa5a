import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeUser } from "../../test/factories.ts";
import { docxOf, makeLibraryDocument, odtOf, pdfOf, staffCtx, withPrefix } from "../../test/library.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import type { Actor } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import type { LibraryReader } from "./access.ts";
import { updateLibraryDocument } from "./edit-library-document.ts";
import { listLibrary } from "./queries.ts";
import { indexableText, searchableQuery, searchConfiguration } from "./search.ts";
import { uploadLibraryFile } from "./upload-library-file.ts";

// Run on PGlite by default and on PostgreSQL when DATABASE_URL is set: the same configurations answer alike.
let app: TestServer;
const db = () => app.services.db;
let event: EventRow;
let actor: Actor;
const anyone: LibraryReader = { kind: "public" };
const found = async (q: string, reader: LibraryReader = anyone) => (await listLibrary(db(), event, reader, { q })).map((d) => d.symbol);

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const made = await makeEvent(db(), { languages: ["en", "ru", "uz", "zh"] });
  actor = { userId: (await makeUser(db())).id, isAdmin: false, role: "documents_officer", sideEventIds: [] };
  event = await withPrefix(db(), made.event, actor, "TC/2030");
  // TC/2030/1: titles in English and Russian, the text in files.
  await makeLibraryDocument(db(), event, actor, {
    kind: "concept_note",
    title: { en: "Concept note", ru: "Концептуальная записка" },
    files: {
      en: await pdfOf("TC/2030/1", "Concept note", ["The conferences will review regional cooperation in managing transboundary water resources."]),
      ru: await pdfOf("TC/2030/1", "Концептуальная записка", ["Участники конференции обсудят управление трансграничными водными ресурсами."], "ru"),
    },
  });
  // TC/2030/2: a programme, with a summary; a DOCX in English, an ODT in Uzbek, a Chinese title.
  await makeLibraryDocument(db(), event, actor, {
    kind: "programme",
    title: { en: "Programme of work", zh: "工作方案" },
    summary: { en: "Opening ceremony, plenary sessions and four breakout panels." },
    files: { en: docxOf(["Day one: opening ceremony and high-level segment."]), uz: odtOf(["Konferensiya dasturi va yalpi majlislar."]) },
  });
  // TC/2030/3: for accredited participants only.
  await makeLibraryDocument(db(), event, actor, {
    title: { en: "Security arrangements for delegations" },
    access: "accredited",
    files: { en: docxOf(["Badges are checked at the entrance of the conference hall."]) },
  });
});
afterAll(async () => {
  await app?.stop();
});

describe("searching the library in every content language", () => {
  it("stems English: a title, a summary and the text of a PDF and a DOCX", async () => {
    expect(await found("conference")).toEqual(["TC/2030/1"]);
    expect(await found("transboundary waters")).toEqual(["TC/2030/1"]);
    expect(await found("breakout panel")).toEqual(["TC/2030/2"]);
    expect(await found("ceremonies")).toEqual(["TC/2030/2"]);
    expect(await found("concept notes")).toEqual(["TC/2030/1"]);
  });

  it("stems Russian, in the text of a PDF and in a title", async () => {
    expect(await found("конференция")).toEqual(["TC/2030/1"]);
    expect(await found("водные ресурсы")).toEqual(["TC/2030/1"]);
    expect(await found("записки")).toEqual(["TC/2030/1"]);
  });

  it("finds words of a language without stemming ('simple'), Chinese by its ideographs, and symbols", async () => {
    expect(searchConfiguration("uz")).toBe("simple");
    expect(searchConfiguration("uz-Cyrl")).toBe("simple");
    expect(searchConfiguration("zh")).toBe("simple");
    expect(searchConfiguration("ru")).toBe("russian");
    expect(await found("dasturi")).toEqual(["TC/2030/2"]);
    expect(await found("工作")).toEqual(["TC/2030/2"]);
    expect(await found("作工")).toEqual([]);
    expect(await found("TC/2030/2")).toEqual(["TC/2030/2"]);
    expect(indexableText("工作方案 2030")).toBe(" 工 作 方 案  2030");
    expect(searchableQuery("工作 plan")).toBe(' "工 作"  plan');
  });

  it("says where a document was found, and orders and filters by what the reader may read", async () => {
    const [hit] = await listLibrary(db(), event, anyone, { q: "конференции" });
    expect(hit.foundIn).toEqual(["ru"]);
    expect(await found("badges")).toEqual([]);
    expect(await found("badges", { kind: "staff", actor })).toEqual(["TC/2030/3"]);
    expect(await found("badges", { kind: "participant", participantId: 1, approved: true, categoryId: 1, delegationId: null })).toEqual(["TC/2030/3"]);
    expect((await found("conference", { kind: "staff", actor })).sort()).toEqual(["TC/2030/1", "TC/2030/3"]);
    // Nothing to search for, or only operators: every document, or nothing.
    expect((await found("   ")).length).toBe(2);
    expect(await found('"" OR -')).toEqual([]);
  });

  it("follows edits and new files", async () => {
    const [document] = await listLibrary(db(), event, { kind: "staff", actor }, { q: "security" });
    await updateLibraryDocument(staffCtx(db(), actor), event, document, {
      kind: document.kind,
      title: { en: "Arrangements for the press" },
      originalLanguage: "en",
      version: document.version,
    });
    expect(await found("security", { kind: "staff", actor })).toEqual([]);
    expect(await found("journalists", { kind: "staff", actor })).toEqual([]);
    await uploadLibraryFile(staffCtx(db(), actor), event, document, {
      language: "en",
      filename: "v2.docx",
      body: docxOf(["Journalists collect their badges."]),
    });
    expect(await found("journalist", { kind: "staff", actor })).toEqual(["TC/2030/3"]);
    // The earlier version's words are no longer searched.
    expect(await found("entrance", { kind: "staff", actor })).toEqual([]);
  });
});
