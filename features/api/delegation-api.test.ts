import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categoryOf, makeDelegation, makeEvent } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import type { EventRow } from "../events/queries.ts";
import { mailOutbox } from "../mail/schema.ts";
import { delegations } from "../registration/schema.ts";

/** Delegations created and changed through /api/v1 by an integration: the invitation form's command and rules. */
let app: TestServer;
let event: EventRow;
let other: EventRow;
let base: string;
let officer: Staff;
let readToken: string;
let writeToken: string;
let otherDelegationId: number;

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

async function createToken(who: Staff, name: string, scope: "read" | "write") {
  const res = await who.post(`/admin/e/${event.slug}/api-tokens`, { intent: "create", name, scope });
  return /plnr_[A-Za-z0-9_-]{43}/.exec(await res.text())![0];
}

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const db = app.services.db;
  ({ event } = await makeEvent(db, { languages: ["en", "fr", "ru"], timezone: "Europe/Vienna" }));
  const made = await makeEvent(db);
  other = made.event;
  otherDelegationId = (await makeDelegation(db, other, made.owner.id)).id;
  base = `/api/v1/events/${event.slug}`;
  officer = await staff(app, { email: `api.officer.${event.slug}@example.org`, role: "accreditation_officer", eventId: event.id });
  readToken = await createToken(officer, "Reader", "read");
  writeToken = await createToken(officer, "Writer", "write");
});
afterAll(async () => {
  await app?.stop();
});

const iran = {
  kind: "state",
  country: "IR",
  quota: 4,
  deadline: "2030-05-01T18:00",
  focalPoint: { name: "Iran Focal", email: "ir.focal@example.org", lang: "fr" },
};

describe("creating a delegation through the API", () => {
  it("creates and invites it, naming a State by its UN names in the event's languages", async () => {
    const created = await call("POST", `${base}/delegations`, { token: writeToken, body: iran });
    expect(created.status).toBe(201);
    const d = created.body.delegation;
    expect(d).toMatchObject({
      kind: "state",
      country: "IR",
      name: { en: "Iran (Islamic Republic of)", fr: "Iran (République islamique d')", ru: "Иран (Исламская Республика)" },
      quota: 4,
      used: 0,
      deadline: "2030-05-01T16:00:00.000Z",
      focalPoint: { name: "Iran Focal", email: "ir.focal@example.org", lang: "fr" },
      version: 1,
    });
    expect(d.invitedAt).toEqual(expect.any(String));
    expect(created.headers.get("etag")).toBe('"1"');
    expect(created.headers.get("location")).toMatch(new RegExp(`/api/v1/events/${event.slug}/delegations/${d.id}$`));
    const mails = await app.services.db.select().from(mailOutbox).where(eq(mailOutbox.to, "ir.focal@example.org"));
    expect(mails.map((m) => [m.kind, m.lang])).toEqual([["focalPoint", "fr"]]);
    const read = await call("GET", `${base}/delegations/${d.id}`, { token: readToken });
    expect(read.body.delegation).toEqual(d);
  });

  it("refuses what the form refuses, with a translated 4xx", async () => {
    const bad = async (body: unknown, token = writeToken) => call("POST", `${base}/delegations?lang=ru`, { token, body });
    const unknownCountry = await bad({ ...iran, country: "XX" });
    expect(unknownCountry.status).toBe(422);
    expect(unknownCountry.body.error.fields).toEqual({ country: expect.stringContaining("ISO 3166") });
    const unknownCategory = await bad({ ...iran, country: "IQ", defaultCategoryId: 999_999 });
    expect(unknownCategory.status).toBe(422);
    expect(Object.keys(unknownCategory.body.error.fields)).toEqual(["defaultCategoryId"]);
    const past = await bad({ ...iran, country: "IQ", deadline: "2020-01-01T18:00" });
    expect(past.status).toBe(422);
    expect(Object.keys(past.body.error.fields)).toEqual(["deadline"]);
    const nameless = await bad({ ...iran, kind: "organisation", country: undefined });
    expect(nameless.status).toBe(422);
    expect(Object.keys(nameless.body.error.fields)).toEqual(["name.en"]);
    expect((await bad(["not", "an", "object"])).status).toBe(422);
    expect((await bad({ ...iran, country: "IQ" }, readToken)).status).toBe(403);
    expect((await call("POST", `${base}/delegations`, { body: iran })).status).toBe(401);
    const late = await bad({
      ...iran,
      country: "IQ",
      deadline: "2020-01-01T18:00",
      deadlinePastConfirmed: true,
      defaultCategoryId: (await categoryOf(app.services.db, event, "observer")).id,
    });
    expect(late.status).toBe(201);
    expect(late.body.delegation).toMatchObject({ country: "IQ", name: { en: "Iraq" }, deadline: "2020-01-01T17:00:00.000Z" });
  });
});

describe("changing a delegation through the API", () => {
  it("saves with the version read, answers 409 on a stale one, and 404 for another event's delegation", async () => {
    const created = (
      await call("POST", `${base}/delegations`, {
        token: writeToken,
        body: { ...iran, country: "VE", focalPoint: { ...iran.focalPoint, email: "ve@example.org" } },
      })
    ).body.delegation;
    const change = { kind: "state", country: "VE", name: created.name, quota: 9, deadline: created.deadline, focalPoint: created.focalPoint };
    const saved = await call("PUT", `${base}/delegations/${created.id}`, { token: writeToken, body: change, headers: { "if-match": '"1"' } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ delegation: { quota: 9, version: 2, deadline: created.deadline }, linkRevoked: false });
    expect(saved.headers.get("etag")).toBe('"2"');

    const stale = await call("PUT", `${base}/delegations/${created.id}`, { token: writeToken, body: { ...change, quota: 1 }, headers: { "if-match": '"1"' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict.stale");
    const [row] = await app.services.db.select().from(delegations).where(eq(delegations.id, created.id));
    expect(row).toMatchObject({ quota: 9, version: 2 });

    const byBody = await call("PUT", `${base}/delegations/${created.id}`, {
      token: writeToken,
      body: { ...change, version: 2, focalPoint: { ...created.focalPoint, email: "new.ve@example.org" } },
    });
    expect(byBody.status).toBe(200);
    expect(byBody.body).toMatchObject({ delegation: { version: 3, focalPoint: { email: "new.ve@example.org" } }, linkRevoked: true });
    const noVersion = await call("PUT", `${base}/delegations/${created.id}`, { token: writeToken, body: change });
    expect(noVersion.status).toBe(422);

    expect((await call("PUT", `${base}/delegations/${otherDelegationId}`, { token: writeToken, body: change, headers: { "if-match": '"1"' } })).status).toBe(
      404,
    );
    expect((await call("GET", `${base}/delegations/${otherDelegationId}`, { token: readToken })).status).toBe(404);
    expect((await call("PUT", `${base}/delegations/abc`, { token: writeToken, body: change })).status).toBe(404);
    expect((await call("PUT", `${base}/delegations/${created.id}`, { token: readToken, body: change })).status).toBe(403);
    const badCountry = await call("PUT", `${base}/delegations/${created.id}`, { token: writeToken, body: { ...change, country: "QQ", version: 3 } });
    expect(badCountry.status).toBe(422);
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = (await call("GET", "/api/v1/openapi.json")).body;
    expect(Object.keys(doc.paths["/events/{slug}/delegations"])).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/events/{slug}/delegations/{delegationId}"])).toEqual(["get", "put"]);
    expect(doc.paths["/events/{slug}/delegations/{delegationId}"].put.responses).toHaveProperty("409");
    expect(doc.components.schemas.DelegationInput.required).toEqual(expect.arrayContaining(["kind", "quota", "deadline", "focalPoint"]));
    expect(doc.components.schemas.Delegation.properties).toHaveProperty("invitedAt");
  });
});
