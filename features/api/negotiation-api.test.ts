import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDelegate, makeDelegation, makeEvent, makeOutcomeDocument } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { staff } from "../../test/staff.ts";
import type { EventRow } from "../events/queries.ts";
import { adoptRevision } from "../negotiation/adopt-revision.ts";
import { issueRevision } from "../negotiation/issue-revision.ts";
import { openDraft } from "../negotiation/open-draft.ts";

let app: TestServer;
// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as a client would.
type Json = Record<string, any>;

const op1 = "Calls upon all States to strengthen regional cooperation in the field of water management;";
const ru = { "accept-language": "ru-RU,ru;q=0.9" };
let event: EventRow;
let other: { event: EventRow; documentId: number };
let documentId: number;
let facilitator: { cookie: string; userId: number };
let head: string;
let observer: string;
let path: string;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const db = app.services.db;
  const made = await makeEvent(db, { languages: ["en", "ru"] });
  event = made.event;
  facilitator = await staff(app, { email: `facilitator-${event.slug}@example.org`, role: "facilitator", eventId: event.id });
  head = (await makeDelegate(db, event, made.owner.id, await makeDelegation(db, event, made.owner.id))).token;
  observer = (await makeDelegate(db, event, made.owner.id, await makeDelegation(db, event, made.owner.id), "observer")).token;
  const { document } = await makeOutcomeDocument(db, event, made.owner.id, [
    ["PP", "Recalling its earlier resolutions,"],
    ["OP", op1],
  ]);
  documentId = document.id;
  path = `/events/${event.slug}/documents/${documentId}`;
  const second = await makeEvent(db);
  other = { event: second.event, documentId: (await makeOutcomeDocument(db, second.event, second.owner.id, [["OP", op1]])).document.id };
});
afterAll(async () => {
  await app?.stop();
});

async function call(
  method: string,
  url: string,
  options: { cookie?: string; link?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.link) headers["plenary-link"] = options.link;
  let body: string | undefined;
  if (options.raw !== undefined || options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = options.raw ?? JSON.stringify(options.body);
  }
  const res = await app.fetch(`/api/v1${url}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
}

const replace = (paragraphId: number, overrides: Json = {}) => ({
  revision: 0,
  paragraphId,
  kind: "replace",
  start: op1.indexOf("strengthen"),
  end: op1.indexOf("strengthen") + "strengthen".length,
  text: "strengthen",
  proposedText: "deepen",
  ...overrides,
});

describe("the negotiation room over HTTP", () => {
  it("issues the zero draft, lets a delegate amend it, and redlines Rev.1 against it", async () => {
    // Before anything is issued, the public sees nothing and delegates see no revision.
    expect((await call("GET", `/events/${event.slug}/documents`)).body.documents).toEqual([]);
    const hidden = await call("GET", path, { headers: ru });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error).toMatchObject({ code: "negotiation.document_not_found", message: "Такого итогового документа нет." });

    const issued = await call("POST", `${path}/revisions`, { cookie: facilitator.cookie, body: { version: 1 } });
    expect(issued.status).toBe(201);
    expect(issued.body.revision).toMatchObject({ number: 0, state: "issued", aligned: { en: 0, ru: 0 } });

    const zero = await call("GET", `${path}/revisions/0`, { link: head });
    expect(zero.status).toBe(200);
    expect(zero.body.paragraphs.map((p: Json) => p.number)).toEqual(["PP1", "OP1"]);
    const paragraphId = zero.body.paragraphs[1].paragraphId;

    const submitted = await call("POST", `${path}/amendments`, { link: head, body: replace(paragraphId) });
    expect(submitted.status).toBe(201);
    expect(submitted.body.amendment).toMatchObject({ kind: "replace", state: "submitted", anchor: { state: "current", text: "strengthen" } });

    // The secretariat enters a written amendment for a delegation.
    const delegations = await call("GET", `${path}/amendments`, { cookie: facilitator.cookie });
    const written = await call("POST", `${path}/amendments`, {
      cookie: facilitator.cookie,
      body: {
        ...replace(paragraphId, { start: op1.indexOf("water"), end: op1.indexOf("water") + 5, text: "water", proposedText: "freshwater" }),
        delegationId: delegations.body.amendments[0].delegationId,
      },
    });
    expect(written.status).toBe(201);

    await openDraft(
      { db: app.services.db, actor: { userId: facilitator.userId, isAdmin: false, role: "facilitator", sideEventIds: [] }, now: new Date(), publicUrl: "" },
      event,
      {
        id: documentId,
        eventId: event.id,
      } as never,
    );
    const rev1 = await call("POST", `${path}/revisions`, { cookie: facilitator.cookie, body: { version: 1 } });
    expect(rev1.status).toBe(201);
    const redline = await call("GET", `${path}/redline?from=0&to=1`, { link: head });
    expect(redline.status).toBe(200);
    expect(redline.body.concordance.map((r: Json) => [r.oldNumber, r.newNumber, r.change])).toEqual([
      ["PP1", "PP1", "unchanged"],
      ["OP1", "OP1", "unchanged"],
    ]);
    const listed = await call("GET", `${path}/amendments`, { link: head });
    expect(listed.body.amendments).toHaveLength(2);
    expect(listed.body.amendments[0].anchor.revisionId).toBe(rev1.body.revision.id);
    expect(listed.body.collisions).toEqual([]);

    const doc = (await call("GET", "/openapi.json")).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([`/events/{slug}/documents/{documentId}/amendments`, `/events/{slug}/documents/{documentId}/redline`]),
    );
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = (name: string, value: unknown) => {
      const check = ajv.compile(doc.components.schemas[name]);
      expect(check(value) ? [] : check.errors, name).toEqual([]);
    };
    validate("Revision", (await call("GET", `${path}/revisions/1`, { link: head })).body);
    validate("AmendmentList", listed.body);
    validate("Redline", redline.body);
    validate("AmendmentInput", replace(paragraphId));
  });

  it("answers bad amendments with translated 4xx, never a 500", async () => {
    const zero = await call("GET", `${path}/revisions/1`, { link: head });
    const paragraphId = zero.body.paragraphs[1].paragraphId;
    const current = { revision: 1 };
    const cases: [Json | string, number, string][] = [
      [replace(paragraphId, { ...current, text: "strengthens" }), 422, "validation"],
      [replace(paragraphId, { ...current, start: 5000, end: 5010 }), 422, "validation"],
      [replace(paragraphId, { revision: 0 }), 409, "negotiation.revision_superseded"],
      [replace(999_999, current), 404, "negotiation.paragraph_not_found"],
      [replace(paragraphId, { ...current, kind: "teleport" }), 422, "validation"],
      ["{not json", 400, "bad_request"],
    ];
    for (const [body, status, code] of cases) {
      const res = await call("POST", `${path}/amendments`, { link: head, headers: ru, ...(typeof body === "string" ? { raw: body } : { body }) });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/[а-яА-Я]/);
    }
    const mismatch = await call("POST", `${path}/amendments`, { link: head, headers: ru, body: replace(paragraphId, { ...current, text: "strengthens" }) });
    expect(mismatch.body.error.fields.text).toBe("Выделенные слова не совпадают с текстом пункта. Обновите редакцию и выделите их снова.");
    // Another event's document, through this event's address.
    expect(
      (await call("POST", `/events/${event.slug}/documents/${other.documentId}/amendments`, { link: head, body: replace(paragraphId, current) })).status,
    ).toBe(404);
    expect((await call("GET", `/events/${event.slug}/documents/abc/revisions/0`, { link: head })).status).toBe(404);
    expect((await call("GET", `${path}/revisions/99`, { link: head })).status).toBe(404);
    // An observer reads but does not propose; a stranger's link is refused; nobody at all must sign in.
    expect((await call("GET", `${path}/revisions/1`, { link: observer })).status).toBe(200);
    expect((await call("POST", `${path}/amendments`, { link: observer, body: replace(paragraphId, current) })).body.error.code).toBe(
      "negotiation.not_a_delegate",
    );
    expect((await call("POST", `${path}/amendments`, { link: "x".repeat(43), body: replace(paragraphId, current) })).status).toBe(404);
    expect((await call("POST", `${path}/amendments`, { body: replace(paragraphId, current) })).status).toBe(401);
    // The public reads no drafts nor amendments; delegates read no drafts.
    expect((await call("GET", `${path}/amendments`)).status).toBe(404);
    expect((await call("POST", `${path}/revisions`, { link: head, body: { version: 1 } })).status).toBe(401);
  });

  it("issues a corrigendum and links earlier documents over HTTP, with translated 4xx", async () => {
    const db = app.services.db;
    const actor = { userId: facilitator.userId, isAdmin: false, role: "facilitator" as const, sideEventIds: [] };
    const ctx = { db, actor, now: new Date(), publicUrl: "http://localhost" };
    const { document, draft } = await makeOutcomeDocument(db, event, facilitator.userId, [
      ["OP", { en: op1, ru: "Призывает все государства укреплять сотрудничество;" }],
    ]);
    const { revision } = await issueRevision(ctx, event, document, draft, { version: draft.version });
    const at = `/events/${event.slug}/documents/${document.id}`;
    const zero = await call("GET", `${at}/revisions/0`, { cookie: facilitator.cookie });
    const paragraphId = zero.body.paragraphs[0].paragraphId;
    const corrigendum = { language: "ru", changes: [{ paragraphId, text: "Призывает все государства укреплять региональное сотрудничество;" }] };
    expect((await call("POST", `${at}/revisions/0/corrigenda`, { cookie: facilitator.cookie, headers: ru, body: corrigendum })).body.error.code).toBe(
      "negotiation.not_adopted",
    );
    await adoptRevision(ctx, event, document, revision, { how: "consensus", body: { en: "Plenary" }, version: revision.version });
    const bad = await call("POST", `${at}/revisions/0/corrigenda`, { cookie: facilitator.cookie, headers: ru, body: { language: "ru", changes: [] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/[а-яА-Я]/);
    expect((await call("POST", `${at}/revisions/0/corrigenda`, { link: head, body: corrigendum })).status).toBe(401);
    const issued = await call("POST", `${at}/revisions/0/corrigenda`, { cookie: facilitator.cookie, body: corrigendum });
    expect(issued.status).toBe(201);
    expect(issued.body.corrigendum).toMatchObject({ number: 1, language: "ru" });
    const read = await call("GET", `${at}/revisions/0`);
    expect(read.body.paragraphs[0].text).toEqual({ en: op1, ru: corrigendum.changes[0].text });
    expect(read.body.corrigenda).toHaveLength(1);

    const refused = await call("POST", `${at}/lineage`, { cookie: facilitator.cookie, headers: ru, body: { title: { en: "Earlier" }, url: "ftp://x" } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.url).toMatch(/[а-яА-Я]/);
    const linked = await call("POST", `${at}/lineage`, {
      cookie: facilitator.cookie,
      body: { title: { en: "Earlier declaration" }, year: 2019, text: { en: op1 } },
    });
    expect(linked.status).toBe(201);
    const lineage = await call("GET", `${at}/lineage`);
    expect(lineage.status).toBe(200);
    expect(lineage.body.lineage[0]).toMatchObject({ year: 2019, language: "en", carried: [{ paragraphId, from: "¶1", kind: "verbatim" }] });
    const doc = (await call("GET", "/openapi.json")).body;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const [name, value] of [
      ["Lineage", lineage.body],
      ["Revision", read.body],
      ["SavedCorrigendum", issued.body],
    ] as const) {
      const check = ajv.addSchema(doc, "openapi").compile({ $ref: `openapi#/components/schemas/${name}` });
      expect(check(value) ? [] : check.errors, name).toEqual([]);
      ajv.removeSchema("openapi");
    }
    expect((await call("DELETE", `${at}/lineage/${linked.body.id}`, { link: head })).status).toBe(401);
    expect((await call("DELETE", `${at}/lineage/${linked.body.id}`, { cookie: facilitator.cookie })).status).toBe(204);
    expect((await call("DELETE", `${at}/lineage/${linked.body.id}`, { cookie: facilitator.cookie })).status).toBe(404);
  });
});
