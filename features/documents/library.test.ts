import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categoryOf, makeDelegation, makeEvent, makeOutcomeDocument, makeParticipant, makeUser } from "../../test/factories.ts";
import { docxOf, makeLibraryDocument, odtOf, pdfOf, staffCtx, withPrefix } from "../../test/library.ts";
import { refusal } from "../../test/negotiation-room.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { deflated, deflatedZeros, zip } from "../../test/zip.ts";
import type { Actor } from "../access/policy.ts";
import { auditLog } from "../access/schema.ts";
import type { EventRow } from "../events/queries.ts";
import type { LibraryReader } from "./access.ts";
import { createLibraryDocument } from "./create-library-document.ts";
import { deleteLibraryDocument } from "./delete-library-document.ts";
import { issueLibraryDocument, setLibraryAccess, updateLibraryDocument, withdrawLibraryDocument } from "./edit-library-document.ts";
import { documentForReader, fileForReader, fileVersions, listLibrary, loadLibraryDocument } from "./queries.ts";
import { proposedChildSymbols, proposedSymbols } from "./rules.ts";
import { libraryFiles } from "./schema.ts";
import { uploadLibraryFile } from "./upload-library-file.ts";

let app: TestServer;
const db = () => app.services.db;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

const officer = (userId: number): Actor => ({ userId, isAdmin: false, role: "documents_officer", sideEventIds: [] });

async function library(languages = ["en", "ru"]) {
  const { event: made, owner } = await makeEvent(db(), { languages });
  const actor = officer((await makeUser(db())).id);
  const event = await withPrefix(db(), made, actor, "TC/2030");
  return { event, owner, actor, ctx: staffCtx(db(), actor) };
}

const metadata = (event: EventRow, title: string, extra: Record<string, unknown> = {}) => ({
  kind: "information_note",
  title: { [event.languages[0]]: title },
  originalLanguage: event.languages[0],
  access: "public",
  ...extra,
});

describe("symbols and series", () => {
  it("proposes the next number of each series, and takes typed revisions and corrigenda of an existing document", async () => {
    const { event, ctx } = await library();
    expect(await proposedSymbols(db(), event)).toEqual({ general: "TC/2030/1", limited: "TC/2030/L.1", information: "TC/2030/INF.1" });
    const first = await createLibraryDocument(ctx, event, metadata(event, "Concept note"));
    const second = await createLibraryDocument(ctx, event, metadata(event, "Programme"));
    const limited = await createLibraryDocument(ctx, event, { ...metadata(event, "Draft declaration"), series: "limited" });
    const info = await createLibraryDocument(ctx, event, { ...metadata(event, "Logistics"), symbol: "TC/2030/INF.4" });
    expect([first.symbol, second.symbol, limited.symbol, info.symbol]).toEqual(["TC/2030/1", "TC/2030/2", "TC/2030/L.1", "TC/2030/INF.4"]);
    expect(await proposedSymbols(db(), event)).toEqual({ general: "TC/2030/3", limited: "TC/2030/L.2", information: "TC/2030/INF.5" });

    expect(await proposedChildSymbols(db(), first)).toEqual({ Rev: "TC/2030/1/Rev.1", Corr: "TC/2030/1/Corr.1", Add: "TC/2030/1/Add.1" });
    const rev = await createLibraryDocument(ctx, event, { ...metadata(event, "Concept note (revised)"), symbol: "TC/2030/1/Rev.1" });
    expect(rev).toMatchObject({ parentId: first.id, suffix: "Rev", suffixNumber: 1, series: "general", number: 1 });
    const corr = await createLibraryDocument(ctx, event, { ...metadata(event, "Corrigendum"), symbol: "TC/2030/1/Rev.1/Corr.1" });
    expect(corr.parentId).toBe(rev.id);
    expect((await proposedChildSymbols(db(), first)).Rev).toBe("TC/2030/1/Rev.2");
  });

  it("refuses a bad symbol, a taken one (also by an outcome document), an unknown parent, and any symbol without a prefix", async () => {
    const { event, owner, ctx } = await library();
    await createLibraryDocument(ctx, event, metadata(event, "Concept note"));
    expect(await refusal(createLibraryDocument(ctx, event, { ...metadata(event, "x"), symbol: "TC/2030/L.x" }))).toMatchObject({
      status: 422,
      fields: { symbol: "library.symbol_format" },
    });
    expect(await refusal(createLibraryDocument(ctx, event, { ...metadata(event, "x"), symbol: "XX/2030/1" }))).toMatchObject({ status: 422 });
    expect(await refusal(createLibraryDocument(ctx, event, { ...metadata(event, "x"), symbol: "TC/2030/1" }))).toMatchObject({
      status: 409,
      code: "library.symbol_taken",
    });
    await makeOutcomeDocument(db(), event, owner.id, [["OP", "Decides to meet again."]], "TC/2030/L.1");
    expect(await refusal(createLibraryDocument(ctx, event, { ...metadata(event, "x"), symbol: "TC/2030/L.1" }))).toMatchObject({
      status: 409,
      code: "library.symbol_taken",
    });
    // …and the other way round: the negotiation room refuses a symbol the library holds.
    expect(await refusal(makeOutcomeDocument(db(), event, owner.id, [["OP", "Decides."]], "TC/2030/1"))).toMatchObject({ status: 409 });
    expect(await refusal(createLibraryDocument(ctx, event, { ...metadata(event, "x"), symbol: "TC/2030/9/Rev.1" }))).toMatchObject({
      status: 422,
      fields: { symbol: "library.parent_not_found" },
    });
    const { event: bare } = await makeEvent(db());
    expect(await refusal(createLibraryDocument(ctx, bare, metadata(bare, "x")))).toMatchObject({ status: 422, fields: { symbol: "library.prefix_required" } });
    expect(await refusal(withPrefix(db(), bare, ctx.actor, "tc/en"))).toMatchObject({ status: 422, fields: { prefix: "library.prefix_format" } });
  });

  it("gives two documents created at once two numbers", async () => {
    const { event, ctx } = await library();
    const made = await Promise.all(Array.from({ length: 4 }, (_, i) => createLibraryDocument(ctx, event, metadata(event, `Note ${i}`))));
    expect(made.map((d) => d.symbol).sort()).toEqual(["TC/2030/1", "TC/2030/2", "TC/2030/3", "TC/2030/4"]);
  });

  it("checks texts against the event's languages, and a title in the original language", async () => {
    const { event, ctx } = await library();
    expect(await refusal(createLibraryDocument(ctx, event, metadata(event, "x", { originalLanguage: "fr" })))).toMatchObject({
      fields: { originalLanguage: "language.unknown" },
    });
    expect(await refusal(createLibraryDocument(ctx, event, metadata(event, "x", { originalLanguage: "ru" })))).toMatchObject({
      fields: { "title.ru": "required" },
    });
    expect(await refusal(createLibraryDocument(ctx, event, metadata(event, "x", { access: "categories" })))).toMatchObject({
      fields: { categoryIds: "library.categories_required" },
    });
    const { event: other, owner: otherOwner } = await makeEvent(db());
    const foreign = await makeDelegation(db(), other, otherOwner.id);
    expect(await refusal(createLibraryDocument(ctx, event, metadata(event, "x", { access: "delegations", delegationIds: [foreign.id] })))).toMatchObject({
      fields: { delegationIds: "library.delegation_unknown" },
    });
    expect(await refusal(createLibraryDocument(staffCtx(db(), { ...ctx.actor, role: "viewer" }), event, metadata(event, "x")))).toMatchObject({ status: 403 });
  });
});

describe("files in each language, with versions", () => {
  it("keeps the earlier file as a version, serves the current one, and lists them all", async () => {
    const { event, ctx } = await library();
    const document = await makeLibraryDocument(db(), event, ctx.actor, { files: { en: await pdfOf("TC/2030/1", "Note", ["First text."]) } });
    const second = await uploadLibraryFile(ctx, event, document, { language: "en", filename: "note-v2.docx", body: docxOf(["Second text."]) });
    const russian = await uploadLibraryFile(ctx, event, document, { language: "ru", filename: "записка.odt", body: odtOf(["Русский текст."]) });
    expect([second.version, russian.version, second.textFound]).toEqual([2, 1, true]);
    const versions = await fileVersions(db(), event, document);
    expect(versions.map((v) => `${v.language}${v.version}:${v.contentType}`)).toEqual([
      "en2:application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "en1:application/pdf",
      "ru1:application/vnd.oasis.opendocument.text",
    ]);
    expect(versions.find((v) => v.language === "ru")!.filename).toBe("записка.odt");
    const publicReader: LibraryReader = { kind: "public" };
    expect((await fileForReader(db(), event, document, "en", publicReader)).version).toBe(2);
    // Earlier versions are for staff.
    expect((await fileForReader(db(), event, document, "en", { kind: "staff", actor: ctx.actor }, 1)).version).toBe(1);
    expect(await refusal(fileForReader(db(), event, document, "en", publicReader, 1))).toMatchObject({ status: 404 });
    expect(await refusal(fileForReader(db(), event, document, "uz", publicReader))).toMatchObject({ status: 404, code: "library.file_not_found" });
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "library_document"), eq(auditLog.entityId, String(document.id))))
      .orderBy(asc(auditLog.id));
    expect(audited.map((a) => a.action)).toEqual(["create", "update", "issue", "update", "update"]);
  });

  it("refuses what is not a PDF, DOCX or ODT, what is too large or empty, a zip bomb, and a language the event lacks", async () => {
    const { event, ctx } = await library();
    const document = await makeLibraryDocument(db(), event, ctx.actor);
    const upload = (body: Uint8Array, language = "en") => refusal(uploadLibraryFile(ctx, event, document, { language, filename: "x", body }));
    expect(await upload(new TextEncoder().encode("plain text"))).toMatchObject({ status: 415, code: "upload.document_type" });
    expect(await upload(zip([deflated("xl/workbook.xml", "<workbook/>")]))).toMatchObject({ status: 415, code: "upload.document_type" });
    expect(await upload(new Uint8Array(0))).toMatchObject({ status: 422, fields: { file: "upload.empty" } });
    const huge = new Uint8Array(20 * 1024 * 1024 + 1);
    huge.set(new TextEncoder().encode("%PDF-1.7\n"));
    expect(await upload(huge)).toMatchObject({ status: 413, code: "upload.too_large" });
    const bomb = zip([deflated("[Content_Types].xml", "<Types/>"), await deflatedZeros("word/document.xml", 300 * 1024 * 1024)]);
    expect(await upload(bomb)).toMatchObject({ status: 413, code: "upload.archive_too_large" });
    expect(await upload(await pdfOf("TC/2030/1", "x", ["y"]), "fr")).toMatchObject({ status: 422, fields: { language: "language.unknown" } });
    expect(await db().select().from(libraryFiles).where(eq(libraryFiles.documentId, document.id))).toEqual([]);
  });
});

describe("edits against the version seen", () => {
  it("answers a lost race with 409 and changes nothing", async () => {
    const { event, ctx } = await library();
    const document = await makeLibraryDocument(db(), event, ctx.actor);
    const saved = await updateLibraryDocument(ctx, event, document, { ...metadata(event, "Renamed"), version: document.version });
    expect(saved.version).toBe(document.version + 1);
    expect(await refusal(updateLibraryDocument(ctx, event, document, { ...metadata(event, "Mine"), version: document.version }))).toMatchObject({
      status: 409,
      code: "conflict.stale",
    });
    expect(await refusal(setLibraryAccess(ctx, event, document, { access: "accredited", version: document.version }))).toMatchObject({ status: 409 });
    expect((await loadLibraryDocument(db(), event.id, document.id)).title).toEqual({ en: "Renamed" });
  });

  it("issues, withdraws, and deletes only drafts without revisions", async () => {
    const { event, ctx } = await library();
    const draft = await makeLibraryDocument(db(), event, ctx.actor, { issue: false });
    expect(await refusal(withdrawLibraryDocument(ctx, event, draft, { version: draft.version }))).toMatchObject({ status: 409, code: "library.not_issued" });
    const issued = await issueLibraryDocument(ctx, event, draft, { version: draft.version });
    expect(issued.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await refusal(deleteLibraryDocument(ctx, issued, { version: issued.version }))).toMatchObject({ status: 409, code: "library.not_a_draft" });
    const withdrawn = await withdrawLibraryDocument(ctx, event, issued, { version: issued.version });
    expect(withdrawn.state).toBe("withdrawn");
    expect(await refusal(documentForReader(db(), event, withdrawn.symbol, { kind: "public" }))).toMatchObject({ status: 410, code: "library.withdrawn" });
    const parent = await makeLibraryDocument(db(), event, ctx.actor, { issue: false });
    await createLibraryDocument(ctx, event, { ...metadata(event, "Rev"), symbol: `${parent.symbol}/Rev.1` });
    expect(await refusal(deleteLibraryDocument(ctx, parent, { version: parent.version }))).toMatchObject({ status: 409, code: "library.has_children" });
    const lone = await makeLibraryDocument(db(), event, ctx.actor, { issue: false, files: { en: docxOf(["Draft."]) } });
    await deleteLibraryDocument(ctx, lone, { version: lone.version });
    expect(await refusal(loadLibraryDocument(db(), event.id, lone.id))).toMatchObject({ status: 404 });
  });
});

describe("who reads what", () => {
  it("lists and serves each level only to its readers, drafts to staff only", async () => {
    const { event, owner, ctx } = await library();
    const uzbekistan = await makeDelegation(db(), event, owner.id);
    const hod = await categoryOf(db(), event, "hod");
    const file = { en: await pdfOf("x", "x", ["Body."]) };
    const open = await makeLibraryDocument(db(), event, ctx.actor, { title: { en: "Open" }, files: file });
    const accredited = await makeLibraryDocument(db(), event, ctx.actor, { title: { en: "Accredited" }, access: "accredited", files: file });
    const heads = await makeLibraryDocument(db(), event, ctx.actor, { title: { en: "Heads" }, access: "categories", categoryIds: [hod.id], files: file });
    const delegation = await makeLibraryDocument(db(), event, ctx.actor, {
      title: { en: "Delegation" },
      access: "delegations",
      delegationIds: [uzbekistan.id],
      files: file,
    });
    const draft = await makeLibraryDocument(db(), event, ctx.actor, { title: { en: "Draft" }, issue: false, files: file });
    const reader = async (category: string, status: "approved" | "pending", inDelegation: boolean): Promise<LibraryReader> => {
      const p = await makeParticipant(db(), event, owner.id, { category, ...(inDelegation ? { delegation: uzbekistan.name.en } : {}) }, { status });
      return { kind: "participant", participantId: p.id, approved: p.status === "approved", categoryId: p.categoryId, delegationId: p.delegationId };
    };
    const readers: Record<string, LibraryReader> = {
      staff: { kind: "staff", actor: ctx.actor },
      anonymous: { kind: "public" },
      pendingHead: await reader("hod", "pending", true),
      observer: await reader("observer", "approved", false),
      head: await reader("hod", "approved", false),
      member: await reader("delegate", "approved", true),
    };
    const expected: Record<string, string[]> = {
      staff: ["Open", "Accredited", "Heads", "Delegation", "Draft"],
      anonymous: ["Open"],
      pendingHead: ["Open"],
      observer: ["Open", "Accredited"],
      head: ["Open", "Accredited", "Heads"],
      member: ["Open", "Accredited", "Delegation"],
    };
    const all = [open, accredited, heads, delegation, draft];
    for (const [who, r] of Object.entries(readers)) {
      const listed = (await listLibrary(db(), event, r)).map((d) => d.title.en);
      expect(listed.sort(), who).toEqual([...expected[who]].sort());
      for (const d of all) {
        const may = expected[who].includes(d.title.en);
        const read = await documentForReader(db(), event, d.symbol, r).then(
          () => 200,
          (e) => e.status,
        );
        const download = await fileForReader(db(), event, d, "en", r).then(
          () => 200,
          (e) => e.status,
        );
        expect([read, download], `${who} → ${d.title.en}`).toEqual(may ? [200, 200] : [404, 404]);
      }
    }
  });
});
