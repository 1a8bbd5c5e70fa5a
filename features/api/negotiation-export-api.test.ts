import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../i18n/index.ts";
import { makeDelegate, makeDelegation, makeEvent, makeOutcomeDocument } from "../../test/factories.ts";
import { negotiatedOutcome } from "../../test/outcome-fixture.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { adoptRevision } from "../negotiation/adopt-revision.ts";
import { loadRevision } from "../negotiation/documents.ts";
import { openDraft } from "../negotiation/open-draft.ts";

let app: TestServer;
let room: Awaited<ReturnType<typeof negotiatedOutcome>>;
let facilitator: Staff;
let observer: string;
let path: string;
let otherPath: string;
const db = () => app.services.db;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  room = await negotiatedOutcome(db());
  facilitator = await staff(app, { email: `facilitator-${room.event.slug}@example.org`, role: "facilitator", eventId: room.event.id });
  observer = (await makeDelegate(db(), room.event, room.owner.id, await makeDelegation(db(), room.event, room.owner.id), "observer")).token;
  path = `/api/v1/events/${room.event.slug}/documents/${room.document.id}`;
  const other = await makeEvent(db());
  otherPath = `/api/v1/events/${other.event.slug}/documents/${(await makeOutcomeDocument(db(), other.event, other.owner.id, [["OP", "Decides;"]])).document.id}`;
});
afterAll(async () => {
  await app?.stop();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await app.fetch(url, { headers });
  const body = new Uint8Array(await res.arrayBuffer());
  const type = res.headers.get("content-type") ?? "";
  return {
    status: res.status,
    type,
    disposition: res.headers.get("content-disposition"),
    body,
    json: type.startsWith("application/json") ? JSON.parse(new TextDecoder().decode(body)) : null,
  };
}

const symbolFile = () => room.document.symbol.replaceAll("/", "_");

describe("downloads of a revision over HTTP", () => {
  it("gives delegates (observers too) issued revisions, staff drafts too, the public adopted texts only", async () => {
    const link = { "plenary-link": observer };
    const pdf = await get(`${path}/revisions/1/export.pdf?lang=ru`, link);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe("application/pdf");
    expect(new TextDecoder().decode(pdf.body.slice(0, 5))).toBe("%PDF-");
    expect(pdf.disposition).toBe(`attachment; filename="${symbolFile()}_Rev.1_RU.pdf"; filename*=UTF-8''${encodeURIComponent(`${symbolFile()}_Rev.1_RU.pdf`)}`);
    const docx = await get(`${path}/revisions/1/export.docx?compare=0`, link);
    expect(docx.status).toBe(200);
    expect(docx.disposition).toContain(`${symbolFile()}_zero-draft-Rev.1_redline_EN.docx`);
    expect(new TextDecoder().decode(docx.body.slice(0, 2))).toBe("PK");
    const xml = await get(`${path}/revisions/0/export.xml?lang=ru`, link);
    expect(xml.status).toBe(200);
    expect(xml.type).toBe("application/akn+xml; charset=utf-8");
    expect(new TextDecoder().decode(xml.body)).toContain('<FRBRlanguage language="rus"/>');

    // A draft: staff only.
    await openDraft({ db: db(), actor: room.actor, now: new Date(), publicUrl: "" }, room.event, room.document);
    expect((await get(`${path}/revisions/2/export.pdf`, link)).json.error.code).toBe("negotiation.revision_not_found");
    expect((await get(`${path}/revisions/2/export.docx`, { cookie: facilitator.cookie })).status).toBe(200);

    // The public: nothing before adoption, in the reader's language; then the adopted text, and only it.
    const hidden = await get(`${path}/revisions/1/export.pdf`, { "accept-language": "ru" });
    expect(hidden.status).toBe(404);
    expect(hidden.json.error).toMatchObject({ code: "negotiation.document_not_found", message: "Такого итогового документа нет." });
    const rev1 = await loadRevision(db(), room.document, 1);
    await adoptRevision({ db: db(), actor: room.actor, now: new Date(), publicUrl: "" }, room.event, room.document, rev1, {
      how: "consensus",
      body: { en: "Plenary", ru: "Пленарное заседание" },
      version: rev1.version,
    });
    const adopted = await get(`${path}/revisions/1/export.pdf?lang=en`);
    expect(adopted.status).toBe(200);
    expect((await get(`${path}/revisions/0/export.pdf`)).json.error.code).toBe("negotiation.revision_not_found");
  });

  it("answers a bad language, revision, comparison or format with a translated 4xx, never a 500", async () => {
    const asStaff = { cookie: facilitator.cookie };
    const cases: [string, number, string, Record<string, string>?][] = [
      [`${path}/revisions/1/export.pdf?lang=fr`, 404, "language.not_found"],
      [`${path}/revisions/1/export.pdf?lang=xx`, 404, "language.not_found"],
      [`${path}/revisions/99/export.pdf`, 404, "negotiation.revision_not_found"],
      [`${path}/revisions/one/export.pdf`, 404, "negotiation.revision_not_found"],
      [`${path}/revisions/1/export.docx?compare=last`, 404, "negotiation.revision_not_found"],
      [`${path}/revisions/1/export.docx?compare=77`, 404, "negotiation.revision_not_found"],
      [`${path}/revisions/1/export.xml?compare=0`, 400, "negotiation.export_redline_xml", { "accept-language": "ru" }],
      [`${path}/revisions/1/export.odt`, 404, "not_found"],
      [`${otherPath}/revisions/0/export.pdf`.replace(/events\/[^/]+/, `events/${room.event.slug}`), 404, "negotiation.document_not_found"],
    ];
    for (const [url, status, code, headers] of cases) {
      const res = await get(url, { ...asStaff, ...headers });
      expect([url, res.status, res.json?.error.code]).toEqual([url, status, code]);
      expect(res.json.error.message).not.toBe(`error.${code}`);
    }
    const french = await get(`${path}/revisions/1/export.pdf?lang=fr`, asStaff);
    expect(french.json.error.message).toBe(createTranslator("fr")("error.language.not_found"));
    const russian = await get(`${path}/revisions/1/export.xml?compare=0`, { ...asStaff, "accept-language": "ru" });
    expect(russian.json.error.message).toContain("Akoma Ntoso");
    expect(russian.json.error.message).toContain("Выберите");
  });
});
