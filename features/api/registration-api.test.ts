import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importParticipants, makeDelegation, makeEvent, makeFormField, makeParticipant } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff, waitForMail } from "../../test/staff.ts";
import { roleGrants } from "../access/schema.ts";
import type { EventRow } from "../events/queries.ts";
import { createSealer } from "../registration/privacy/crypto.ts";
import { participants } from "../registration/schema.ts";

let slug: string;
let base: string;
let app: TestServer;
let event: EventRow;
let ownerId: number;
let eventId: number;
let officer: Staff;
let readToken: string;
let writeToken: string;

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as a client would.
type Json = Record<string, any>;

async function call(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await app.fetch(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Json };
}

/** Creates a token through the staff page, as an organiser would, and reads it off the page shown once. */
async function createToken(who: Staff, name: string, scope: "read" | "write") {
  const res = await who.post(`/admin/e/${slug}/api-tokens`, { intent: "create", name, scope });
  const html = await res.text();
  expect(res.status, html.slice(0, 300)).toBe(200);
  return /plnr_[A-Za-z0-9_-]{43}/.exec(html)![0];
}

/**
 * An event in three languages with two questions of its own; three delegations (Kazakhstan using 6 of its 12
 * places, Kyrgyzstan 4 of 6, a regional centre none of 3); 16 approved registrations and 3 pending, 7 of them from
 * Kazakhstan; one pending person has ID data, which the API never gives.
 */
beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const db = app.services.db;
  const made = await makeEvent(db, { languages: ["en", "ru", "uz"] });
  ({ event } = made);
  ({ slug } = event);
  base = `/api/v1/events/${slug}`;
  eventId = event.id;
  ownerId = made.owner.id;
  await makeFormField(db, event, ownerId, {
    key: "side_events",
    type: "multi_choice",
    label: "Will you attend the side events?",
    options: [
      { value: "rats", label: "SCO RATS" },
      { value: "osce", label: "OSCE" },
      { value: "unoct", label: "UNOCT" },
    ],
  });
  await makeFormField(db, event, ownerId, { key: "visa_letter", type: "yes_no", label: "Do you need a visa support letter?" });
  const localized = (name: string) => ({ en: name, ru: name, uz: name });
  await makeDelegation(db, event, ownerId, { country: "KZ", name: localized("Republic of Kazakhstan"), quota: 12 });
  await makeDelegation(db, event, ownerId, { country: "KG", name: localized("Kyrgyz Republic"), quota: 6 });
  await makeDelegation(db, event, ownerId, { kind: "organisation", country: undefined, name: localized("Regional Centre (fictional)"), quota: 3 });
  await importParticipants(db, event, [
    ...Array.from({ length: 6 }, () => ({ country: "KZ", delegation: "Republic of Kazakhstan", status: "approved" })),
    ...Array.from({ length: 4 }, () => ({ country: "KG", delegation: "Kyrgyz Republic", status: "approved" })),
    ...Array.from({ length: 6 }, () => ({ category: "expert", country: "UZ", status: "approved" })),
  ]);
  await makeParticipant(db, event, ownerId, { category: "expert", country: "KZ" });
  await makeParticipant(db, event, ownerId, { category: "expert", country: "UZ" });
  const sealed = await makeParticipant(db, event, ownerId, { category: "expert", country: "UZ" });
  const sealer = createSealer(app.services.secret);
  await db
    .update(participants)
    .set({ idDocumentType: "passport", idDocumentNumberEnc: sealer.seal("N7654321"), birthDateEnc: sealer.seal("1985-04-04"), identityHash: "hash-api" })
    .where(eq(participants.id, sealed.id));
  officer = await staff(app, { email: "accreditation@example.org", role: "accreditation_officer", eventId });
  readToken = await createToken(officer, "Hotel booking", "read");
  writeToken = await createToken(officer, "Badge printing", "write");
});
afterAll(async () => {
  await app?.stop();
});

describe("API tokens page", () => {
  it("lists tokens without showing them again, and is closed to roles that do not manage registrations", async () => {
    const page = await (await officer.get(`/admin/e/${slug}/api-tokens`)).text();
    expect(page).toContain("Hotel booking");
    expect(page).not.toContain(readToken);
    const editor = await staff(app, { email: "editor-tokens@example.org", role: "programme_editor", eventId });
    expect((await editor.get(`/admin/e/${slug}/api-tokens`)).status).toBe(403);
    expect((await editor.post(`/admin/e/${slug}/api-tokens`, { intent: "create", name: "Mine", scope: "write" })).status).toBe(403);
  });

  it("refuses a token without a name or with an unknown scope, in the user's language", async () => {
    const res = await officer.post(`/admin/e/${slug}/api-tokens`, { intent: "create", name: " ", scope: "admin" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("This field is required.");
  });
});

describe("reading with a token", () => {
  it("gives categories, delegations and registrations, never ID data", async () => {
    const categories = await call("GET", `${base}/categories`, { token: readToken });
    expect(categories.status).toBe(200);
    expect(categories.body.categories.map((c: Json) => c.code)).toContain("hod");
    const delegations = await call("GET", `${base}/delegations`, { token: readToken });
    expect(delegations.body.delegations.map((d: Json) => [d.name.en, d.used, d.quota])).toEqual([
      ["Republic of Kazakhstan", 6, 12],
      ["Kyrgyz Republic", 4, 6],
      ["Regional Centre (fictional)", 0, 3],
    ]);
    const list = await call("GET", `${base}/registrations?limit=5`, { token: readToken });
    expect(list.status).toBe(200);
    expect(list.body.registrations).toHaveLength(5);
    // Everyone, the person with ID data included: none of it, sealed or open.
    const everyone = await call("GET", `${base}/registrations?limit=500`, { token: readToken });
    expect(everyone.body.registrations).toHaveLength(19);
    for (const text of [JSON.stringify(list.body), JSON.stringify(everyone.body)]) {
      expect(text).not.toMatch(/idDocument|birthDate|identityHash|_enc|N7654321|1985-04-04|hash-api/);
    }
    expect(list.headers.get("cache-control")).toBe("private, no-store");
  });

  it("walks every registration once by following `next`, with filters kept", async () => {
    const expected = await app.services.db
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.eventId, eventId), eq(participants.status, "approved")))
      .orderBy(asc(participants.id));
    const seen: number[] = [];
    let url: string | null = `${base}/registrations?status=approved&limit=7`;
    while (url) {
      const page = await call("GET", url.replace(/^https?:\/\/[^/]+/, ""), { token: readToken });
      expect(page.status).toBe(200);
      seen.push(...page.body.registrations.map((r: Json) => r.id));
      url = page.body.next;
    }
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(seen).toHaveLength(16);
  });

  it("answers 401 for no credentials, a malformed header, an unknown token or another event's slug", async () => {
    expect((await call("GET", `${base}/registrations`)).status).toBe(401);
    expect((await call("GET", `${base}/registrations`, { headers: { authorization: "Basic abc" } })).status).toBe(401);
    const unknown = await call("GET", `${base}/registrations`, { token: `plnr_${"x".repeat(43)}`, headers: { "accept-language": "ru" } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toMatch(/API-токен/);
    expect((await call("GET", "/api/v1/events/some-other-event/registrations", { token: readToken })).status).toBe(401);
    const { event: other } = await makeEvent(app.services.db);
    expect((await call("GET", `/api/v1/events/${other.slug}/registrations`, { token: readToken })).status).toBe(401);
  });

  it("refuses a filter it cannot read instead of listing everyone, and reads a country in any case", async () => {
    const typo = await call("GET", `${base}/registrations?status=aproved`, { token: readToken });
    expect(typo.status).toBe(422);
    expect(typo.body.error.fields).toEqual({ status: "This filter value is not valid." });
    const lower = await call("GET", `${base}/registrations?country=kz&limit=500`, { token: readToken });
    expect(lower.status).toBe(200);
    expect(lower.body.registrations).toHaveLength(7);
    expect(lower.body.registrations.every((r: Json) => r.country === "KZ")).toBe(true);
  });

  it("answers 422 for a bad paging parameter", async () => {
    const res = await call("GET", `${base}/registrations?limit=100000`, { token: readToken });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toHaveProperty("limit");
  });
});

describe("writing with a token", () => {
  it("adds a registration by the import's rules, and refuses a read token", async () => {
    const person = { givenName: "Ilona", familyName: "Testova", email: "ilona.api@example.org", category: "expert", country: "UZ", lang: "ru" };
    expect((await call("POST", `${base}/registrations`, { token: readToken, body: person })).status).toBe(403);
    const created = await call("POST", `${base}/registrations`, { token: writeToken, body: person });
    expect(created.status).toBe(201);
    expect(created.body.registration).toMatchObject({ email: "ilona.api@example.org", status: "pending", categoryCode: "expert", lang: "ru" });
    expect(created.headers.get("location")).toMatch(new RegExp(`/registrations/${created.body.registration.id}$`));
    const again = await call("POST", `${base}/registrations`, { token: writeToken, body: person });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("registration.duplicate_email");
  });

  it("takes answers to the event's own questions, checked as the form checks them", async () => {
    const person = { givenName: "Aigul", familyName: "Answers", email: "aigul.api@example.org", category: "expert", country: "KZ" };
    const created = await call("POST", `${base}/registrations`, {
      token: writeToken,
      body: { ...person, custom: { side_events: ["rats", "osce"], visa_letter: "yes" } },
    });
    expect(created.status).toBe(201);
    expect(created.body.registration.custom).toEqual({ side_events: ["rats", "osce"], visa_letter: true });
    const bad = await call("POST", `${base}/registrations`, {
      token: writeToken,
      headers: { "accept-language": "ru" },
      body: { ...person, email: "aigul2.api@example.org", custom: { side_events: ["karaoke"] } },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(["custom.side_events"]);
    expect(await app.services.db.$count(participants, eq(participants.email, "aigul2.api@example.org"))).toBe(0);
    expect(
      (await call("POST", `${base}/registrations`, { token: writeToken, body: { ...person, email: "aigul3.api@example.org", custom: "yes" } })).status,
    ).toBe(422);
  });

  it("adds people as pending or waitlisted only, and within a delegation's quota", async () => {
    const approved = await call("POST", `${base}/registrations`, {
      token: writeToken,
      body: { givenName: "A", familyName: "B", email: "approved.api@example.org", category: "expert", country: "UZ", status: "approved" },
    });
    expect(approved.status).toBe(422);
    expect(approved.body.error.fields).toHaveProperty("status");
    const small = await makeDelegation(app.services.db, event, ownerId, {
      kind: "organisation",
      country: undefined,
      quota: 1,
      name: { en: "Tiny Observer Mission (fictional)", ru: "Tiny Observer Mission (fictional)", uz: "Tiny Observer Mission (fictional)" },
    });
    const member = (n: number) => ({
      givenName: "Member",
      familyName: `Tiny ${n}`,
      email: `tiny.${n}@example.org`,
      category: "observer",
      country: "UZ",
      delegation: "Tiny Observer Mission (fictional)",
    });
    expect((await call("POST", `${base}/registrations`, { token: writeToken, body: member(1) })).status).toBe(201);
    const over = await call("POST", `${base}/registrations`, { token: writeToken, body: member(2) });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe("delegation.over_quota");
    expect(await app.services.db.$count(participants, eq(participants.delegationId, small.id))).toBe(1);
  });

  it("explains every wrong field in the caller's language and saves nothing", async () => {
    const before = await app.services.db.$count(participants, eq(participants.eventId, eventId));
    const res = await call("POST", `${base}/registrations`, {
      token: writeToken,
      headers: { "accept-language": "ru" },
      body: { givenName: "", familyName: 7, email: "not-an-email", category: "astronaut" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toHaveProperty("familyName");
    const second = await call("POST", `${base}/registrations`, {
      token: writeToken,
      headers: { "accept-language": "ru" },
      body: { givenName: "", familyName: "X", email: "not-an-email", category: "astronaut" },
    });
    expect(second.status).toBe(422);
    expect(Object.keys(second.body.error.fields).sort()).toEqual(["category", "country", "email", "givenName"]);
    expect(second.body.error.fields.category).toContain("astronaut");
    expect(await app.services.db.$count(participants, eq(participants.eventId, eventId))).toBe(before);
    expect((await call("POST", `${base}/registrations`, { token: writeToken, body: ["not", "an", "object"] })).status).toBe(422);
  });

  it("reviews with If-Match: a stale version is a 409 with the current registration; the person is told in their language", async () => {
    const created = await call("POST", `${base}/registrations`, {
      token: writeToken,
      body: { givenName: "Olim", familyName: "Sharipov", email: "olim.api@example.org", category: "expert", country: "UZ", lang: "uz" },
    });
    const id = created.body.registration.id;
    const stale = await call("POST", `${base}/registrations/${id}/review`, {
      token: writeToken,
      headers: { "if-match": '"99"' },
      body: { status: "approved" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.registration).toMatchObject({ id, status: "pending" });
    const reject = await call("POST", `${base}/registrations/${id}/review`, { token: writeToken, body: { status: "rejected", version: 1 } });
    expect(reject.status).toBe(422);
    // Without a version, a decision could overwrite another reviewer's unseen: refused, and nothing changes.
    const blind = await call("POST", `${base}/registrations/${id}/review`, { token: writeToken, body: { status: "approved" } });
    expect(blind.status).toBe(422);
    expect(Object.keys(blind.body.error.fields)).toEqual(["version"]);
    for (const version of ["1", 0, 2_147_483_648])
      expect((await call("POST", `${base}/registrations/${id}/review`, { token: writeToken, body: { status: "approved", version } })).status).toBe(422);
    const approved = await call("POST", `${base}/registrations/${id}/review`, {
      token: writeToken,
      headers: { "if-match": '"1"' },
      body: { status: "approved" },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.registration).toMatchObject({ status: "approved", version: 2 });
    expect(approved.headers.get("etag")).toBe('"2"');
    await waitForMail(app, "olim.api@example.org");
    expect((await call("POST", `${base}/registrations/999999/review`, { token: writeToken, body: { status: "approved", version: 1 } })).status).toBe(404);
  });
});

describe("a token's life", () => {
  it("stops working when revoked, and when its creator loses the right to manage registrations", async () => {
    const temporary = await createToken(officer, "Temporary", "read");
    expect((await call("GET", `${base}/categories`, { token: temporary })).status).toBe(200);
    const page = await (await officer.get(`/admin/e/${slug}/api-tokens`)).text();
    const id = [...page.matchAll(/name="id" value="(\d+)"/g)].map((m) => Number(m[1])).at(-1)!;
    expect((await officer.post(`/admin/e/${slug}/api-tokens`, { intent: "revoke", id: String(id) })).status).toBe(200);
    expect((await call("GET", `${base}/categories`, { token: temporary })).status).toBe(401);
    expect((await officer.post(`/admin/e/${slug}/api-tokens`, { intent: "revoke", id: "abc" })).status).toBe(404);
    expect((await officer.post(`/admin/e/${slug}/api-tokens`, { intent: "revoke", id: "99999999999" })).status).toBe(404);

    const leaving = await staff(app, { email: "leaving@example.org", role: "accreditation_officer", eventId });
    const orphan = await createToken(leaving, "Orphan", "read");
    expect((await call("GET", `${base}/categories`, { token: orphan })).status).toBe(200);
    await app.services.db
      .update(roleGrants)
      .set({ role: "viewer" })
      .where(and(eq(roleGrants.userId, leaving.userId), eq(roleGrants.eventId, eventId)));
    expect((await call("GET", `${base}/categories`, { token: orphan })).status).toBe(401);
  });
});

describe("openapi.json", () => {
  it("documents the registration endpoints and the answers they really give", async () => {
    const doc = (await call("GET", "/api/v1/openapi.json")).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/events/{slug}/categories",
        "/events/{slug}/delegations",
        "/events/{slug}/registrations",
        "/events/{slug}/registrations/{registrationId}",
        "/events/{slug}/registrations/{registrationId}/review",
      ]),
    );
    expect(doc.components.securitySchemes.token).toMatchObject({ type: "http", scheme: "bearer" });
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = (name: string, value: unknown) => {
      const check = ajv.compile(doc.components.schemas[name]);
      expect(check(value) ? [] : check.errors, name).toEqual([]);
    };
    for (const c of (await call("GET", `${base}/categories`, { token: readToken })).body.categories) validate("Category", c);
    for (const d of (await call("GET", `${base}/delegations`, { token: readToken })).body.delegations) validate("Delegation", d);
    validate("RegistrationPage", (await call("GET", `${base}/registrations?limit=50`, { token: readToken })).body);
    validate("RegistrationInput", { givenName: "A", familyName: "B", email: "a@example.org", category: "expert" });
  });
});
