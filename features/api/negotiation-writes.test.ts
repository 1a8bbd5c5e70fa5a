import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDelegate, makeDelegation, makeEvent } from "../../test/factories.ts";
import { openLive } from "../../test/live.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { staff } from "../../test/staff.ts";
import type { EventRow } from "../events/queries.ts";
import { liveTicket } from "../live/ticket.ts";

let app: TestServer;
// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as a client would.
type Json = Record<string, any>;

const op1 = "Calls upon all States to strengthen regional cooperation in the field of water management;";
const ru = { "accept-language": "ru-RU,ru;q=0.9" };
let event: EventRow;
let facilitator: { cookie: string; userId: number };
let viewer: { cookie: string; userId: number };
let heads: { token: string; delegationId: number; participantId: number }[];
let observer: string;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const db = app.services.db;
  const made = await makeEvent(db, { languages: ["en", "ru"] });
  event = made.event;
  facilitator = await staff(app, { email: `facilitator-${event.slug}@example.org`, role: "facilitator", eventId: event.id });
  viewer = await staff(app, { email: `viewer-${event.slug}@example.org`, role: "viewer", eventId: event.id });
  heads = [];
  for (let i = 0; i < 2; i++) {
    const d = await makeDelegate(db, event, made.owner.id, await makeDelegation(db, event, made.owner.id));
    heads.push({ token: d.token, delegationId: d.seat.delegationId, participantId: d.seat.participantId });
  }
  observer = (await makeDelegate(db, event, made.owner.id, await makeDelegation(db, event, made.owner.id), "observer")).token;
});
afterAll(async () => {
  await app?.stop();
});

async function call(method: string, url: string, options: { cookie?: string; link?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.link) headers["plenary-link"] = options.link;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await app.fetch(`/api/v1${url}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get("etag"), body: (text ? JSON.parse(text) : null) as Json };
}

/** A call that must succeed; the test fails with the answer otherwise. */
async function ok(method: string, url: string, options: Parameters<typeof call>[2] = {}) {
  const res = await call(method, url, options);
  expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

const numbers = (answer: Json) => answer.paragraphs.map((p: Json) => p.number);

describe("the negotiation room's writes over HTTP", () => {
  it("compiles a draft, issues it, folds a delegate's amendment, puts it under silence, hears an objection, adopts it", async () => {
    const f = { cookie: facilitator.cookie };
    const created = await ok("POST", `/events/${event.slug}/documents`, {
      ...f,
      body: {
        symbol: "TC/2030/L.1",
        title: { en: "Tashkent declaration", ru: "Ташкентская декларация" },
        negotiatingLanguage: "en",
        paragraphs: [{ kind: "PP", text: { en: "Recalling its earlier resolutions," } }],
      },
    });
    const path = `/events/${event.slug}/documents/${created.document.id}`;
    const pp1 = created.paragraphs[0].paragraphId;

    let draft = await ok("POST", `${path}/draft/paragraphs`, {
      ...f,
      body: { kind: "OP", text: { en: op1, ru: "Призывает все государства" }, afterParagraphId: pp1, version: 1 },
    });
    expect(numbers(draft)).toEqual(["PP1", "OP1"]);
    const opId = draft.paragraphs[1].paragraphId;
    draft = await ok("POST", `${path}/draft/paragraphs`, {
      ...f,
      body: { kind: "OP", text: { en: "Decides to remain seized of the matter." }, afterParagraphId: opId, version: 2 },
    });
    const op2 = draft.paragraphs[2].paragraphId;
    draft = await ok("PATCH", `${path}/draft/paragraphs/${op2}`, {
      ...f,
      body: { text: { en: "Decides to remain actively seized of the matter." }, version: 3 },
    });
    draft = await ok("POST", `${path}/draft/paragraphs/${op2}/move`, { ...f, body: { afterParagraphId: pp1, version: 4 } });
    expect(draft.paragraphs.map((p: Json) => p.paragraphId)).toEqual([pp1, op2, opId]);
    draft = await ok("POST", `${path}/draft/paragraphs/${op2}/split`, {
      ...f,
      body: { keep: { en: "Decides to remain actively seized" }, split: { en: "of the matter." }, version: 5 },
    });
    expect(numbers(draft)).toEqual(["PP1", "OP1", "OP1 bis", "OP2"]);
    const part = draft.paragraphs[2].paragraphId;
    draft = await ok("POST", `${path}/draft/paragraphs/${op2}/merge`, {
      ...f,
      body: { fromParagraphId: part, text: { en: "Decides to remain actively seized of the matter." }, version: 6 },
    });
    expect(numbers(draft)).toEqual(["PP1", "OP1", null, "OP2"]);
    draft = await ok("POST", `${path}/draft/paragraphs/${op2}/brackets`, {
      ...f,
      body: {
        start: 11,
        end: 26,
        alternatives: [
          { text: "remain actively", heldBy: [heads[0].delegationId] },
          { text: "remain", heldBy: [heads[1].delegationId] },
        ],
        version: 7,
      },
    });
    const bracket = draft.paragraphs.find((p: Json) => p.paragraphId === op2).brackets[0];
    expect(bracket).toMatchObject({ start: 11, end: 26 });
    const marked = await call("POST", `${path}/draft/paragraphs/${op2}/status`, { ...f, headers: ru, body: { status: "agreed", version: 8 } });
    expect(marked.status).toBe(422);
    expect(marked.body.error.fields.status).toMatch(/[а-я]/);
    draft = await ok("POST", `${path}/draft/paragraphs/${op2}/brackets/${bracket.id}/resolution`, { ...f, body: { alternative: 1, version: 8 } });
    expect(draft.paragraphs.find((p: Json) => p.paragraphId === op2).text.en).toBe("Decides to remain seized of the matter.");
    draft = await ok("POST", `${path}/draft/paragraphs/${op2}/status`, { ...f, body: { status: "agreed", version: 9 } });
    expect(draft.paragraphs.find((p: Json) => p.paragraphId === op2).status).toBe("agreed");
    const stale = await call("POST", `${path}/draft/paragraphs/${op2}/status`, { ...f, headers: ru, body: { status: "agreed_ad_ref", version: 9 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict.stale");

    // A viewer reads the draft but may not touch it; a delegate does not see it at all.
    expect((await call("GET", `${path}/revisions/0`, { cookie: viewer.cookie })).status).toBe(200);
    expect((await call("POST", `${path}/draft/paragraphs/${op2}/status`, { cookie: viewer.cookie, body: { status: "agreed", version: 10 } })).status).toBe(403);
    // Nor may it propose for a delegation: refused as such whatever the body, empty or not.
    for (const body of [{}, { revision: 0, paragraphId: op2, kind: "delete", start: 0, end: 1 }])
      expect((await call("POST", `${path}/amendments`, { cookie: viewer.cookie, body })).status).toBe(403);
    expect((await call("GET", `${path}/revisions/0`, { link: heads[0].token })).status).toBe(404);

    // Delegates follow the document live through their link (header), and through a ticket (EventSource).
    const live = await openLive(app, `/api/v1/events/${event.slug}/live?topics=drafting:${created.document.id}`, { "plenary-link": heads[0].token });
    expect(live.response.status).toBe(200);
    const ticket = liveTicket(app.services.secret, { eventId: event.id, ...heads[1] });
    const viaTicket = await openLive(app, `/api/v1/events/${event.slug}/live?topics=drafting:${created.document.id}&ticket=${ticket}`);
    expect(viaTicket.response.status).toBe(200);
    expect(
      (await openLive(app, `/api/v1/events/${event.slug}/live?topics=drafting:${created.document.id}&ticket=${ticket.slice(0, -2)}xx`)).response.status,
    ).toBe(403);
    expect((await openLive(app, `/api/v1/events/${event.slug}/live?topics=drafting:${created.document.id}`)).response.status).toBe(403);

    await ok("POST", `${path}/revisions`, { ...f, body: { version: 10 } });
    for (const stream of [live, viaTicket]) {
      const news = await stream.next((e) => e.data.includes('"state":"issued"'));
      expect(JSON.parse(news.data)).toMatchObject({ topic: `drafting:${created.document.id}`, data: { kind: "revision", number: 0, state: "issued" } });
    }
    live.close();
    viaTicket.close();

    // A delegate amends OP1; another co-sponsors; the facilitator takes it up and folds it into Rev.1.
    const span = { start: op1.indexOf("strengthen"), end: op1.indexOf("strengthen") + 10, text: "strengthen" };
    const amendment = (
      await ok("POST", `${path}/amendments`, {
        link: heads[0].token,
        body: { revision: 0, paragraphId: opId, kind: "replace", ...span, proposedText: "deepen" },
      })
    ).amendment;
    const withdrawn = (await ok("POST", `${path}/amendments`, { link: heads[1].token, body: { revision: 0, paragraphId: opId, kind: "delete", ...span } }))
      .amendment;
    expect((await ok("POST", `${path}/amendments/${amendment.id}/cosponsors`, { link: heads[1].token, body: {} })).amendment.cosponsors).toEqual([
      heads[1].delegationId,
    ]);
    expect((await call("POST", `${path}/amendments/${amendment.id}/cosponsors`, { link: observer, body: {} })).status).toBe(403);
    expect((await call("POST", `${path}/amendments/${withdrawn.id}/withdrawal`, { link: heads[0].token, body: { version: 1 } })).status).toBe(403);
    expect((await ok("POST", `${path}/amendments/${withdrawn.id}/withdrawal`, { link: heads[1].token, body: { version: 1 } })).amendment.state).toBe(
      "withdrawn",
    );
    const decided = await ok("POST", `${path}/amendments/${amendment.id}/decision`, { ...f, body: { state: "under_consideration", version: 1 } });
    expect(decided.amendment.state).toBe("under_consideration");
    expect(
      (await call("POST", `${path}/amendments/${amendment.id}/decision`, { link: heads[0].token, body: { state: "not_incorporated", version: 2 } })).status,
    ).toBe(401);

    const noDraft = await call("POST", `${path}/draft/fold`, { ...f, headers: ru, body: { amendmentIds: [amendment.id], version: 1 } });
    expect(noDraft.status).toBe(404);
    expect(noDraft.body.error).toMatchObject({ code: "negotiation.no_draft", message: expect.stringMatching(/[а-я]/) });
    const rev1 = await ok("POST", `${path}/draft`, { ...f, body: {} });
    expect(rev1.revision).toMatchObject({ number: 1, state: "draft" });
    const folded = await ok("POST", `${path}/draft/fold`, { ...f, body: { amendmentIds: [amendment.id], version: rev1.revision.version } });
    expect(folded.paragraphs.find((p: Json) => p.paragraphId === opId).text.en).toContain("to deepen regional");
    const issued1 = await ok("POST", `${path}/revisions`, { ...f, body: { version: folded.revision.version } });

    // Silence: a deadline in the event's time zone; an objection breaks it; a second silence ends in adoption.
    const silence = await ok("POST", `${path}/revisions/1/silence`, {
      ...f,
      body: { until: "2099-01-01T12:00:00", body: { en: "Plenary" }, version: issued1.revision.version },
    });
    expect(silence.revision).toMatchObject({ state: "under_silence", silenceUntil: "2099-01-01T12:00:00+05:00" });
    expect((await call("POST", `${path}/revisions/1/objections`, { link: observer, body: {} })).status).toBe(403);
    const objection = await ok("POST", `${path}/revisions/1/objections`, { link: heads[1].token, body: { note: "We need more time." } });
    expect(objection).toMatchObject({ break: { kind: "objection", delegationId: heads[1].delegationId }, revision: { state: "issued" } });
    const again = await call("POST", `${path}/revisions/1/objections`, { link: heads[1].token, headers: ru, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("negotiation.not_under_silence");

    const early = await call("POST", `${path}/revisions/1/statements`, {
      link: heads[0].token,
      headers: ru,
      body: { kind: "reservation", originalLanguage: "en", text: { en: "We reserve." } },
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("negotiation.not_adopted");
    const badVote = await call("POST", `${path}/revisions/1/adoption`, {
      ...f,
      headers: ru,
      body: { how: "vote", body: { en: "Plenary" }, version: objection.revision.version },
    });
    expect(badVote.status).toBe(422);
    const adopted = await ok("POST", `${path}/revisions/1/adoption`, {
      ...f,
      body: { how: "consensus", body: { en: "Plenary", ru: "Пленарное заседание" }, version: objection.revision.version },
    });
    expect(adopted.revision).toMatchObject({ state: "adopted", adoptedHow: "consensus", adoptedThrough: "meeting" });
    const statement = await call("POST", `${path}/revisions/1/statements`, {
      link: heads[0].token,
      body: { kind: "reservation", originalLanguage: "ru", text: { ru: "Мы делаем оговорку.", en: "We reserve." }, paragraphId: opId },
    });
    expect(statement.status).toBe(201);
    expect(statement.body.statement).toMatchObject({ kind: "reservation", originalLanguage: "ru", delegationId: heads[0].delegationId });
    const publicText = await ok("GET", `${path}/revisions/1`);
    expect(publicText.statements).toHaveLength(1);

    // Every answer fits the OpenAPI document's schemas.
    const doc = (await call("GET", "/openapi.json")).body;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: "doc", components: doc.components });
    const validate = (name: string, value: unknown) => {
      const check = ajv.compile({ $ref: `doc#/components/schemas/${name}` });
      expect(check(value) ? [] : check.errors, name).toEqual([]);
    };
    validate("Revision", folded);
    validate("SavedAmendment", decided);
    validate("SilenceBreak", objection);
    validate("RevisionSummaryAnswer", adopted);
    validate("SavedStatement", statement.body);
    validate("BracketInput", { start: 1, end: 2, alternatives: [{ text: "x", heldBy: [] }], version: 1 });
    for (const operation of [
      "openDraft",
      "foldAmendments",
      "startSilence",
      "objectToSilence",
      "adoptRevision",
      "addStatement",
      "createDocument",
      "updateParagraph",
    ]) {
      expect(JSON.stringify(doc.paths)).toContain(`"operationId":"${operation}"`);
    }
  });

  it("answers bad writes with translated 4xx, never a 500", async () => {
    const f = { cookie: facilitator.cookie, headers: ru };
    const created = await ok("POST", `/events/${event.slug}/documents`, {
      cookie: facilitator.cookie,
      body: { symbol: "TC/2030/L.2", title: { en: "Second" }, negotiatingLanguage: "en", paragraphs: [{ kind: "OP", text: { en: op1 } }] },
    });
    const path = `/events/${event.slug}/documents/${created.document.id}`;
    const id = created.paragraphs[0].paragraphId;
    const cases: [string, string, unknown, number, string][] = [
      [
        "POST",
        `/events/${event.slug}/documents`,
        { symbol: "TC/2030/L.2", title: { en: "Again" }, negotiatingLanguage: "en" },
        409,
        "negotiation.symbol_taken",
      ],
      ["POST", `/events/${event.slug}/documents`, { symbol: "!!", title: { en: "x" }, negotiatingLanguage: "en" }, 422, "validation"],
      ["POST", `${path}/draft/paragraphs`, { kind: "OP", text: { de: "Hallo" }, version: 1 }, 422, "validation"],
      ["POST", `${path}/draft/paragraphs`, { kind: "OP", text: { en: "x" }, afterParagraphId: 999_999, version: 1 }, 404, "negotiation.paragraph_not_found"],
      ["PATCH", `${path}/draft/paragraphs/abc`, { version: 1 }, 404, "negotiation.paragraph_not_found"],
      ["POST", `${path}/draft/paragraphs/${id}/brackets`, { start: 5, end: 2, alternatives: [{ text: "x" }], version: 1 }, 422, "validation"],
      ["POST", `${path}/draft/paragraphs/${id}/brackets`, { start: 0, end: 5_000, alternatives: [{ text: "x" }], version: 1 }, 422, "validation"],
      ["POST", `${path}/draft/paragraphs/${id}/brackets/nope/resolution`, { alternative: 0, version: 1 }, 422, "validation"],
      ["POST", `${path}/draft/paragraphs/${id}/merge`, { fromParagraphId: id, text: { en: "x" }, version: 1 }, 422, "validation"],
      ["POST", `${path}/draft/paragraphs/${id}/status`, { status: "unknown", version: 1 }, 422, "validation"],
      ["POST", `${path}/draft/fold`, { amendmentIds: [], version: 1 }, 422, "validation"],
      ["POST", `${path}/draft/fold`, { amendmentIds: [999_999], version: 1 }, 404, "negotiation.amendment_not_found"],
      ["POST", `${path}/draft`, {}, 409, "negotiation.draft_open"],
      ["POST", `${path}/revisions/0/silence`, { until: "2099-01-01T12:00:00", version: 1 }, 409, "negotiation.revision_superseded"],
      ["POST", `${path}/revisions/7/adoption`, { how: "consensus", body: { en: "Plenary" }, version: 1 }, 404, "negotiation.revision_not_found"],
      ["POST", `${path}/amendments/123456789/decision`, { state: "not_incorporated", version: 1 }, 404, "negotiation.amendment_not_found"],
    ];
    for (const [method, url, body, status, code] of cases) {
      const res = await call(method, url, { ...f, body });
      expect(res.status, `${method} ${url} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/[а-яА-Я]/);
    }
    await ok("POST", `${path}/revisions`, { cookie: facilitator.cookie, body: { version: 1 } });
    const past = await call("POST", `${path}/revisions/0/silence`, { ...f, body: { until: "2001-01-01T12:00:00", version: 1 } });
    expect(past.status).toBe(422);
    expect(past.body.error.fields.until).toMatch(/[а-я]/);
    const bogus = await call("POST", `${path}/revisions/0/silence`, { ...f, body: { until: "soon", version: 1 } });
    expect(bogus.status).toBe(422);
    // Nobody signed in, and a link of no delegation standing, are refused.
    expect((await call("POST", `${path}/draft`, { body: {} })).status).toBe(401);
    expect((await call("POST", `${path}/revisions/0/objections`, { link: "y".repeat(43), body: {} })).status).toBe(404);
  });
});
