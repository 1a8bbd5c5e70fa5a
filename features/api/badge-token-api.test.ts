import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categoryOf, makeEvent, makeParticipant } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import type { Role } from "../access/vocabulary.ts";
import type { EventRow } from "../events/queries.ts";

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as a client would.
type Json = Record<string, any>;
let app: TestServer;
let event: EventRow;
let organiser: Staff;
let officer: Staff;
let fallback: number;
const who: Record<string, { cookie?: string; bearer?: string }> = {};
const db = () => app.services.db;

async function call(method: string, url: string, options: { cookie?: string; bearer?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const send = () =>
    app.fetch(`/api/v1/events/${event.slug}${url}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const res = await (method === "GET" ? send().catch(send) : send());
  const type = res.headers.get("content-type") ?? "";
  return {
    status: res.status,
    body: (type.includes("json") ? await res.json() : null) as Json,
    bytes: type.includes("json") ? null : new Uint8Array(await res.arrayBuffer()),
  };
}

async function tokenOf(by: Staff, scope: string) {
  const page = await (await by.post(`/admin/e/${event.slug}/api-tokens`, { intent: "create", name: `Badges ${scope}`, scope })).text();
  const token = /plnr_[A-Za-z0-9_-]{43}/.exec(page)?.[0];
  if (!token) throw new Error(`no ${scope} token on the page`);
  return token;
}

const pageSizes = (pdf: Uint8Array) =>
  [...execFileSync("pdfinfo", ["-f", "1", "-l", "999", "-"], { input: pdf, encoding: "utf8" }).matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map(
    (m) => `${Math.round((Number(m[1]) * 25.4) / 72)}x${Math.round((Number(m[2]) * 25.4) / 72)}`,
  );

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  event = (await makeEvent(db(), { languages: ["en", "ru"] })).event;
  organiser = await staff(app, { email: `organiser-${event.slug}@example.org`, role: "organiser", eventId: event.id });
  officer = await staff(app, { email: `officer-${event.slug}@example.org`, role: "accreditation_officer", eventId: event.id });
  const roles: Role[] = ["owner", "organiser", "accreditation_officer", "badge_printer", "checkin_operator", "hybrid_moderator", "viewer"];
  for (const role of roles) who[role] = { cookie: (await staff(app, { email: `${role}-${event.slug}@example.org`, role, eventId: event.id })).cookie };
  who.stranger = { cookie: (await staff(app, { email: `stranger-${event.slug}@example.org` })).cookie };
  for (const scope of ["read", "write", "badge_printer", "checkin_operator", "hybrid_moderator"])
    who[`token:${scope}`] = { bearer: await tokenOf(organiser, scope) };
  for (const [givenName, category] of [
    ["Sergei", "delegate"],
    ["Ahmed", "delegate"],
    ["Mariam", "media"],
  ])
    await makeParticipant(db(), event, organiser.userId, { givenName, familyName: "Printed", category }, { status: "approved" });
  fallback = (await call("POST", "/badge-designs", { cookie: organiser.cookie, body: {} })).body.design.id;
  const media = (await categoryOf(db(), event, "media")).id;
  expect((await call("POST", "/badge-designs", { cookie: organiser.cookie, body: { categoryId: media, size: "a7", sides: 2 } })).status).toBe(201);
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

/**
 * Who may do what with badge designs and printing through the API, written out literally: one column per role
 * (a session) and per token scope, one row per endpoint. `x` may, `.` is refused (403), `-` learns nothing (404).
 * An allowed write is sent so that it fails after the check (an unknown category, a stale version, nobody to
 * print): the grid changes nothing.
 */
const grid = `
            owner  organiser  accreditation_officer  badge_printer  checkin_operator  hybrid_moderator  viewer  stranger  token:read  token:write  token:badge_printer  token:checkin_operator  token:hybrid_moderator
  list        x        x               x                   x               .                 .            .        -          .           x                x                     .                      .
  get         x        x               x                   x               .                 .            .        -          .           x                x                     .                      .
  preview     x        x               x                   x               .                 .            .        -          .           x                x                     .                      .
  create      x        x               x                   .               .                 .            .        -          .           .                .                     .                      .
  update      x        x               x                   .               .                 .            .        -          .           .                .                     .                      .
  delete      x        x               x                   .               .                 .            .        -          .           .                .                     .                      .
  print       x        x               x                   x               .                 .            .        .          .           x                x                     .                      .
`;

const endpoints: Record<string, { method: string; url: () => string; body?: unknown; ifMatch?: string; allowed: number }> = {
  list: { method: "GET", url: () => "/badge-designs", allowed: 200 },
  get: { method: "GET", url: () => `/badge-designs/${fallback}`, allowed: 200 },
  preview: { method: "GET", url: () => `/badge-designs/${fallback}/preview.pdf`, allowed: 200 },
  create: { method: "POST", url: () => "/badge-designs", body: { categoryId: 999_999 }, allowed: 422 },
  update: { method: "PUT", url: () => `/badge-designs/${fallback}`, body: { size: "cr80" }, ifMatch: '"999"', allowed: 409 },
  delete: { method: "DELETE", url: () => `/badge-designs/${fallback}`, ifMatch: '"999"', allowed: 409 },
  print: { method: "POST", url: () => "/badges/print", body: { scope: "people", ids: [999_999] }, allowed: 422 },
};

describe("badge designs and printing: every role and token scope × every endpoint", () => {
  const [columns, ...rows] = grid
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/));
  it("has a row for every endpoint and a column for every role and scope that matters here", () => {
    expect(rows.map((r) => r[0])).toEqual(Object.keys(endpoints));
    expect(columns).toHaveLength(13);
  });
  for (const [name, ...marks] of rows) {
    columns.forEach((column, i) => {
      const expected = marks[i] === "x" ? endpoints[name].allowed : marks[i] === "." ? 403 : 404;
      it(`${column} ${name}: ${expected}`, async () => {
        const e = endpoints[name];
        const res = await call(e.method, e.url(), { ...who[column], body: e.body, headers: e.ifMatch ? { "if-match": e.ifMatch } : {} });
        expect(res.status).toBe(expected);
      });
    });
  }

  it("says why in the caller's language", async () => {
    const refused = await call("PUT", `/badge-designs/${fallback}`, { ...who["token:badge_printer"], body: {}, headers: { "accept-language": "ru" } });
    expect(refused.body.error).toMatchObject({ code: "forbidden", message: "У вас нет прав на это действие." });
    expect((await call("GET", "/badge-designs")).status).toBe(401);
  });
});

describe("a print station with a badge printer's token", () => {
  it("prints a run drawn with each category's design, reads it back and marks it printed", async () => {
    const token = who["token:badge_printer"].bearer;
    const asked = await call("POST", "/badges/print", { bearer: token, body: { scope: "all", lang: "ru" } });
    expect(asked.status).toBe(202);
    // No size, sheet or sides asked: each design decides.
    expect(asked.body.batch).toMatchObject({ size: null, layout: null, sides: null, lang: "ru" });
    let batch: Json = asked.body.batch;
    for (let i = 0; i < 600 && batch.status !== "done" && batch.status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      batch = (await call("GET", `/badges/print/${batch.id}`, { bearer: token })).body.batch;
    }
    expect(batch).toMatchObject({ status: "done", total: 3, done: 3 });
    const pdfs = await Promise.all(
      batch.parts.map(async (part: string) => (await call("GET", part.replace(`/api/v1/events/${event.slug}`, ""), { bearer: token })).bytes!),
    );
    // Two delegates on the default design (A6, one side), the reporter on Media's (A7, front and back).
    expect(pdfs.flatMap(pageSizes).sort()).toEqual(["105x148", "105x148", "74x105", "74x105"]);
    const text = pdfs.map((pdf) => execFileSync("pdftotext", ["-", "-"], { input: pdf, encoding: "utf8" })).join("\n");
    for (const name of ["Sergei Printed", "Ahmed Printed", "Mariam Printed"]) expect(text).toContain(name);
    const printed = await call("POST", `/badges/print/${batch.id}/printed`, { bearer: token });
    expect(printed.body.printed).toBe(3);
    const refused = await call("POST", "/badges/print", { ...who["token:checkin_operator"], body: { scope: "all" }, headers: { "accept-language": "ru" } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("У вас нет прав на это действие.");
  }, 120_000);
});

describe("role tokens do their role's work, and no more than their creator may", () => {
  it("a check-in operator's token reads the doors' counts; a hybrid moderator's reaches sessions' online settings", async () => {
    expect((await call("GET", "/checkin/counts", who["token:checkin_operator"])).status).toBe(200);
    expect((await call("GET", "/checkin/counts", who["token:badge_printer"])).status).toBe(404);
    const online = await call("GET", "/sessions/999999/online", who["token:hybrid_moderator"]);
    expect(online.body.error.code).toBe("hybrid.no_online_session");
    const closed = await call("GET", "/sessions/999999/online", who["token:checkin_operator"]);
    expect(closed.body.error.code).toBe("event.not_found");
  });

  it("a token's write without a body, Content-Type or Origin (as servers send it) reaches its endpoint; a cookie's is refused as cross-site", async () => {
    // Node's fetch, not the test server's helper: no Origin header is added.
    const bare = (headers: Record<string, string>) => fetch(`${app.url}/api/v1/events/${event.slug}/badges/999999/reprint`, { method: "POST", headers });
    const byToken = await bare({ authorization: `Bearer ${who["token:badge_printer"].bearer}` });
    expect(byToken.status).toBe(404);
    const byCookie = await bare({ cookie: organiser.cookie });
    expect(byCookie.status).toBe(403);
    expect((await byCookie.json()).error.code).toBe("csrf");
  });

  it("an accreditation officer is offered, and may make, only the role scopes they hold", async () => {
    const page = await (await officer.get(`/admin/e/${event.slug}/api-tokens`)).text();
    for (const scope of ["read", "write", "badge_printer", "checkin_operator"]) expect(page).toContain(`value="${scope}"`);
    expect(page).not.toContain('value="hybrid_moderator"');
    const refused = await officer.post(`/admin/e/${event.slug}/api-tokens?lang=ru`, { intent: "create", name: "Zoom", scope: "hybrid_moderator" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Токену можно предоставить только тот доступ, который есть у вашей роли.");
    const printer = await tokenOf(officer, "badge_printer");
    expect((await call("GET", "/badge-designs", { bearer: printer })).status).toBe(200);
    // An officer's write token reviews registrations, as the officer does, but edits no library document.
    const writer = await tokenOf(officer, "write");
    expect((await call("GET", "/registrations", { bearer: writer })).status).toBe(200);
    const library = await call("POST", "/library", { bearer: writer, body: { kind: "programme", title: { en: "Programme" }, originalLanguage: "en" } });
    expect(library.status).toBe(403);
  });
});
