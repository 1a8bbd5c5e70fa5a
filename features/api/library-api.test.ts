import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeParticipant } from "../../test/factories.ts";
import { docxOf, pdfOf } from "../../test/library.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import type { EventRow } from "../events/queries.ts";
import { createLink } from "../registration/links/links.ts";

let app: TestServer;
// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as a client would.
type Json = Record<string, any>;
let event: EventRow;
let officer: Staff;
let token: string;
let readToken: string;
let participantLink: string;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const db = app.services.db;
  const made = await makeEvent(db, { languages: ["en", "ru"] });
  event = made.event;
  const organiser = await staff(app, { email: `organiser-${event.slug}@example.org`, role: "organiser", eventId: event.id });
  officer = await staff(app, { email: `officer-${event.slug}@example.org`, role: "documents_officer", eventId: event.id });
  const tokenOf = async (scope: string) =>
    /plnr_[A-Za-z0-9_-]{43}/.exec(
      await (await organiser.post(`/admin/e/${event.slug}/api-tokens`, { intent: "create", name: `Library ${scope}`, scope })).text(),
    )![0];
  token = await tokenOf("write");
  readToken = await tokenOf("read");
  const person = await makeParticipant(db, event, made.owner.id, { category: "observer" }, { status: "approved" });
  participantLink = await createLink(db, { eventId: event.id, purpose: "participant", participantId: person.id, expiresAt: new Date(Date.now() + 86_400_000) });
  expect((await officer.post(`/admin/e/${event.slug}/library`, { intent: "prefix", prefix: "TC/2030" })).status).toBe(200);
});
afterAll(async () => {
  await app?.stop();
});

async function call(
  method: string,
  url: string,
  options: { bearer?: string; link?: string; body?: unknown; raw?: Uint8Array; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.link) headers["plenary-link"] = options.link;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.raw) headers["content-type"] = "application/octet-stream";
  const body = options.raw ? (options.raw as BodyInit) : options.body === undefined ? undefined : JSON.stringify(options.body);
  const res = await app.fetch(`/api/v1/events/${event.slug}${url}`, { method, headers, body });
  const type = res.headers.get("content-type") ?? "";
  const text = type.includes("json") ? await res.text() : "";
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : null) as Json,
    bytes: type.includes("json") ? null : new Uint8Array(await res.arrayBuffer()),
  };
}

describe("the library over HTTP", () => {
  it("creates, uploads, issues, lists and serves documents; readers see what their access allows", async () => {
    const input = {
      kind: "information_note",
      title: { en: "Information for participants", ru: "Информация для участников" },
      summary: { en: "Badges, transport and interpretation." },
      originalLanguage: "en",
      access: "accredited",
    };
    expect((await call("POST", "/library", { body: input })).status).toBe(401);
    expect((await call("POST", "/library", { bearer: readToken, body: input })).status).toBe(403);
    const created = await call("POST", "/library", { bearer: token, body: { ...input, series: "information" } });
    expect(created.status).toBe(201);
    expect(created.body.document).toMatchObject({
      symbol: "TC/2030/INF.1",
      series: "information",
      state: "draft",
      access: "accredited",
      version: 1,
      files: [],
    });
    expect(created.headers.get("etag")).toBe('"1"');
    const id = created.body.document.id;

    const upload = await call("PUT", `/library/${id}/files/en?filename=info.pdf`, {
      bearer: token,
      raw: await pdfOf("TC/2030/INF.1", "Information", ["Shuttles to the venue."]),
    });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ file: { language: "en", version: 1, contentType: "application/pdf", filename: "info.pdf" }, textFound: true });
    expect((await call("PUT", `/library/${id}/files/ru`, { bearer: token, raw: docxOf(["Автобусы до места проведения."]) })).status).toBe(201);
    const refused = await call("PUT", `/library/${id}/files/en`, {
      bearer: token,
      raw: new TextEncoder().encode("not a document"),
      headers: { "accept-language": "ru" },
    });
    expect(refused.status).toBe(415);
    expect(refused.body.error).toMatchObject({ code: "upload.document_type", message: "Документ должен быть файлом PDF, DOCX или ODT." });
    expect((await call("PUT", `/library/${id}/files/fr`, { bearer: token, raw: docxOf(["x"]) })).status).toBe(422);
    const huge = await call("PUT", `/library/${id}/files/en`, { bearer: token, raw: new Uint8Array(21 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatchObject({ code: "upload.too_large", message: "The file is too large (at most 20 MB)." });

    // Drafts are staff's alone.
    expect((await call("GET", `/library/${id}`)).status).toBe(404);
    const issued = await call("POST", `/library/${id}/issue`, { bearer: token, headers: { "if-match": '"1"' } });
    expect(issued.status).toBe(200);
    expect(issued.body.document.state).toBe("issued");

    expect((await call("GET", "/library")).body.documents).toEqual([]);
    expect((await call("GET", `/library/${id}`)).status).toBe(404);
    expect((await call("GET", `/library/${id}/files/en`)).status).toBe(404);
    const mine = await call("GET", "/library", { link: participantLink });
    expect(mine.body.documents.map((d: Json) => d.symbol)).toEqual(["TC/2030/INF.1"]);
    expect(mine.body.documents[0].categoryIds).toBeUndefined();
    expect(mine.body.documents[0].versions).toBeUndefined();
    const download = await call("GET", `/library/${id}/files/en`, { link: participantLink });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode(download.bytes!.slice(0, 5))).toBe("%PDF-");
    expect((await call("GET", "/library", { link: "x".repeat(43) })).status).toBe(404);

    // Search through the API, in Russian; staff read every version.
    const found = await call("GET", `/library?q=${encodeURIComponent("автобусы")}`, { bearer: readToken });
    expect(found.body.documents.map((d: Json) => d.symbol)).toEqual(["TC/2030/INF.1"]);
    expect(found.body.documents[0].versions.map((v: Json) => `${v.language}${v.version}`).sort()).toEqual(["en1", "ru1"]);

    // Public once it is.
    const opened = await call("PUT", `/library/${id}/access`, { bearer: token, body: { access: "public" }, headers: { "if-match": '"2"' } });
    expect(opened.status).toBe(200);
    expect((await call("GET", `/library/${id}`)).body.document).toMatchObject({ symbol: "TC/2030/INF.1", access: "public" });

    // Every answer fits the OpenAPI document's schemas.
    const doc = (await app.fetch("/api/v1/openapi.json").then((r) => r.json())) as Json;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: "doc", components: doc.components });
    const validate = (name: string, value: unknown) => {
      const check = ajv.compile({ $ref: `doc#/components/schemas/${name}` });
      expect(check(value) ? [] : check.errors, name).toEqual([]);
    };
    validate("LibraryDocumentAnswer", created.body);
    validate("LibraryDocumentAnswer", opened.body);
    validate("LibraryFileAnswer", upload.body);
    validate("LibraryList", found.body);
    validate("LibraryList", mine.body);
    validate("LibraryDocumentInput", input);
    for (const path of ["/events/{slug}/library", "/events/{slug}/library/{documentId}", "/events/{slug}/library/{documentId}/files/{language}"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });

  it("answers a lost race with 409 and the document as it is, and refuses bad or taken symbols in words", async () => {
    const created = await call("POST", "/library", {
      bearer: token,
      body: { symbol: "TC/2030/7", kind: "programme", title: { en: "Programme" }, originalLanguage: "en", access: "public" },
    });
    expect(created.body.document.symbol).toBe("TC/2030/7");
    const id = created.body.document.id;
    const edit = (title: string, version: string) =>
      call("PUT", `/library/${id}`, {
        bearer: token,
        body: { kind: "programme", title: { en: title }, originalLanguage: "en" },
        headers: { "if-match": version },
      });
    expect((await edit("Programme of work", '"1"')).status).toBe(200);
    const lost = await edit("Provisional programme", '"1"');
    expect(lost.status).toBe(409);
    expect(lost.body.error.code).toBe("conflict.stale");
    expect(lost.body.error.details).toMatchObject({ version: 2, document: { title: { en: "Programme of work" } } });

    const taken = await call("POST", "/library", {
      bearer: token,
      body: { symbol: "TC/2030/7", kind: "other", title: { en: "x" }, originalLanguage: "en", access: "public" },
      headers: { "accept-language": "fr" },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe("Un autre document de cet événement porte déjà la cote TC/2030/7.");
    const bad = await call("POST", "/library", {
      bearer: token,
      body: { symbol: "TC/2030/X.1", kind: "other", title: { en: "x" }, originalLanguage: "en", access: "public" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.symbol).toContain("A symbol is the event's prefix");
    const revision = await call("POST", "/library", {
      bearer: token,
      body: { symbol: "TC/2030/7/Rev.1", kind: "programme", title: { en: "Programme (revised)" }, originalLanguage: "en", access: "public" },
    });
    expect(revision.body.document).toMatchObject({ parentSymbol: "TC/2030/7", suffix: "Rev" });
  });
});
