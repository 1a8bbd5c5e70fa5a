import { execFileSync } from "node:child_process";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categoryOf, makeEvent, makeParticipant } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { auditLog } from "../access/schema.ts";
import { badgeDesigns } from "../badges/schema.ts";
import type { EventRow } from "../events/queries.ts";

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as a client would.
type Json = Record<string, any>;
let app: TestServer;
let event: EventRow;
let other: EventRow;
let organiser: Staff;
let media: number;
let delegate: number;
const tokens: Record<string, string> = {};
const db = () => app.services.db;

/** A call as a client makes it: a session cookie or a bearer token, a JSON body, headers. */
async function call(
  method: string,
  url: string,
  options: { as?: Staff; bearer?: string; body?: unknown; raw?: string; headers?: Record<string, string>; slug?: string } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) headers.cookie = options.as.cookie;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.body !== undefined || options.raw !== undefined) headers["content-type"] ??= "application/json";
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const send = () => app.fetch(`/api/v1/events/${options.slug ?? event.slug}${url}`, { method, headers, body });
  // A read may meet a kept-alive connection the server closed at that instant: it is asked again.
  const res = await (method === "GET" ? send().catch(send) : send());
  const type = res.headers.get("content-type") ?? "";
  const text = type.includes("json") ? await res.text() : "";
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : null) as Json,
    bytes: type.includes("json") ? null : new Uint8Array(await res.arrayBuffer()),
  };
}

const pdfText = (pdf: Uint8Array) => execFileSync("pdftotext", ["-", "-"], { input: pdf, encoding: "utf8" });
const pageSizes = (pdf: Uint8Array) =>
  [...execFileSync("pdfinfo", ["-f", "1", "-l", "999", "-"], { input: pdf, encoding: "utf8" }).matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map(
    (m) => `${Math.round((Number(m[1]) * 25.4) / 72)}x${Math.round((Number(m[2]) * 25.4) / 72)}`,
  );

async function tokenOf(who: Staff, scope: string) {
  const page = await (await who.post(`/admin/e/${event.slug}/api-tokens`, { intent: "create", name: `Designs ${scope}`, scope })).text();
  const token = /plnr_[A-Za-z0-9_-]{43}/.exec(page)?.[0];
  if (!token) throw new Error(`no ${scope} token on the page`);
  return token;
}

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  event = (await makeEvent(db(), { languages: ["en", "ru"] })).event;
  other = (await makeEvent(db())).event;
  organiser = await staff(app, { email: `organiser-${event.slug}@example.org`, role: "organiser", eventId: event.id });
  for (const scope of ["write", "badge_printer"]) tokens[scope] = await tokenOf(organiser, scope);
  media = (await categoryOf(db(), event, "media")).id;
  delegate = (await categoryOf(db(), event, "delegate")).id;
  for (const [givenName, category] of [
    ["Sergei", "delegate"],
    ["Mariam", "media"],
  ])
    await makeParticipant(db(), event, organiser.userId, { givenName, familyName: "Api", category }, { status: "approved" });
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

describe("badge designs through the API", () => {
  let fallback: Json;
  let mediaDesign: Json;

  it("creates the default and a category's design, lists them with what each category prints with, reads one with its ETag", async () => {
    const first = await call("POST", "/badge-designs", { as: organiser, body: {} });
    expect(first.status).toBe(201);
    expect(first.headers.get("etag")).toBe('"1"');
    fallback = first.body.design;
    expect(first.headers.get("location")).toMatch(new RegExp(`/api/v1/events/${event.slug}/badge-designs/${fallback.id}$`));
    expect(fallback).toMatchObject({ categoryId: null, size: "a6", layout: "single", sides: 1, textColour: "#000000", version: 1 });

    const second = await call("POST", "/badge-designs", {
      as: organiser,
      body: { categoryId: media, size: "a7", textColour: "#FFFFFF", backgroundColour: "#7a1f16", front: { photo: true, category: true } },
    });
    expect(second.status).toBe(201);
    mediaDesign = second.body.design;
    // Colours are kept lower-case; a switch of `front` left out is off, as an unticked box.
    expect(mediaDesign).toMatchObject({ categoryId: media, size: "a7", textColour: "#ffffff", backgroundColour: "#7a1f16" });
    expect(mediaDesign.front).toMatchObject({ photo: true, category: true, country: false, affiliation: false });

    const again = await call("POST", "/badge-designs", { as: organiser, body: { categoryId: media } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("badge_design.exists");

    const list = await call("GET", "/badge-designs", { as: organiser });
    expect(list.status).toBe(200);
    expect(list.body.designs.map((d: Json) => d.id)).toEqual([fallback.id, mediaDesign.id]);
    const inForce = new Map(list.body.categories.map((c: Json) => [c.categoryId, c.designId]));
    expect(inForce.get(media)).toBe(mediaDesign.id);
    expect(inForce.get(delegate)).toBe(fallback.id);

    const one = await call("GET", `/badge-designs/${mediaDesign.id}`, { as: organiser });
    expect(one.status).toBe(200);
    expect(one.headers.get("etag")).toBe('"1"');
    expect(one.body.design).toEqual(mediaDesign);
  });

  it("saves against If-Match, or a version in the body; a stale save is a 409 with the design as it is, and changes nothing", async () => {
    const { previewUrl: _p, updatedAt: _u, id: _i, ...fields } = mediaDesign;
    const saved = await call("PUT", `/badge-designs/${mediaDesign.id}`, {
      as: organiser,
      headers: { "if-match": '"1"' },
      body: { ...fields, sides: 2, backText: { en: "Press office: +998 71 000 00 00", ru: "Пресс-служба: +998 71 000 00 00", fr: "dropped" } },
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get("etag")).toBe('"2"');
    expect(saved.body.design).toMatchObject({ version: 2, sides: 2, size: "a7", backText: { en: "Press office: +998 71 000 00 00" } });
    expect(saved.body.design.backText.fr).toBeUndefined();

    const stale = await call("PUT", `/badge-designs/${mediaDesign.id}`, { as: organiser, headers: { "if-match": '"1"' }, body: { ...fields, size: "cr80" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict.stale");
    expect(stale.body.error.details).toMatchObject({ version: 2, design: { size: "a7", sides: 2 } });
    const inBody = await call("PUT", `/badge-designs/${mediaDesign.id}`, { as: organiser, body: { ...fields, size: "cr80", version: 1 } });
    expect(inBody.status).toBe(409);
    const [row] = await db().select().from(badgeDesigns).where(eq(badgeDesigns.id, mediaDesign.id));
    expect(row).toMatchObject({ version: 2, size: "a7" });

    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "badge_design"), eq(auditLog.eventId, event.id)));
    expect(audit.map((a) => a.action)).toEqual(["create", "create", "update"]);
    expect(audit.every((a) => a.actorId === organiser.userId)).toBe(true);
  });

  it("refuses bad input with a translated 4xx (English and Russian), never a 500", async () => {
    const url = `/badge-designs/${fallback.id}`;
    const low = await call("PUT", url, { as: organiser, body: { version: 1, textColour: "#777777", backgroundColour: "#888888" } });
    expect(low.status).toBe(422);
    expect(low.body.error.code).toBe("validation");
    expect(low.body.error.fields.textColour).toMatch(/too close \(1\.\d:1\)/);
    const ru = await call("PUT", `${url}?lang=ru`, { as: organiser, body: { version: 1, textColour: "#ffff00", backgroundColour: "#ffffff" } });
    expect(ru.status).toBe(422);
    expect(ru.body.error.fields.textColour).toContain("контраст не менее 4.5:1");
    const size = await call("PUT", url, { as: organiser, body: { version: 1, size: "a5", textColour: "red" }, headers: { "accept-language": "ru" } });
    expect(size.status).toBe(422);
    expect(Object.keys(size.body.error.fields).sort()).toEqual(["size", "textColour"]);
    expect(size.body.error.message).toBe("Проверьте отмеченные поля.");

    const unknown = await call("POST", "/badge-designs", { as: organiser, body: { categoryId: 999_999 } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields.categoryId).toBe("Choose one of this event's categories.");
    const elsewhere = await call("POST", "/badge-designs", { as: organiser, body: { categoryId: (await categoryOf(db(), other, "media")).id } });
    expect(elsewhere.status).toBe(422);
    const word = await call("POST", "/badge-designs?lang=ru", { as: organiser, body: { categoryId: "media" } });
    expect(word.status).toBe(422);
    expect(word.body.error.fields.categoryId).toBe("Недопустимое значение.");

    const broken = await call("PUT", url, { as: organiser, raw: '{"size": ', headers: { "accept-language": "ru" } });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: "bad_request", message: "Не удалось прочитать запрос." });
    expect((await call("POST", "/badge-designs", { as: organiser, body: ["a6"] })).status).toBe(422);
    expect(
      (await call("POST", "/badge-designs", { as: organiser, raw: "size=a6", headers: { "content-type": "application/x-www-form-urlencoded" } })).status,
    ).toBe(415);
    expect((await call("PUT", url, { as: organiser, headers: { "if-match": "yesterday" }, body: {} })).status).toBe(400);
    expect((await call("PUT", url, { as: organiser, body: {} })).status).toBe(422);

    const missing = await call("GET", "/badge-designs/999999?lang=ru", { as: organiser });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("badge_design.not_found");
    expect(missing.body.error.message).not.toBe(missing.body.error.code);
    expect((await call("GET", "/badge-designs/abc", { as: organiser })).status).toBe(404);
    // Another event's design is not this one's, even with the other event's staff rights.
    expect((await call("GET", `/badge-designs/${fallback.id}`, { as: organiser, slug: other.slug })).status).toBe(404);
    expect((await db().select().from(badgeDesigns).where(eq(badgeDesigns.id, fallback.id)))[0].version).toBe(1);
  });

  it("previews one badge as a PDF: a real person of the category, in the asked language of the event", async () => {
    const res = await call("GET", `/badge-designs/${mediaDesign.id}/preview.pdf?lang=ru`, { bearer: tokens.badge_printer });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(pageSizes(res.bytes!)).toEqual(["74x105", "74x105"]);
    const text = pdfText(res.bytes!);
    expect(text).toContain("Mariam Api");
    expect(text).toContain("Пресс-служба: +998 71 000 00 00");
    // The staff page's preview is the same badge.
    const page = await organiser.get(`/admin/e/${event.slug}/badges/designs/${mediaDesign.id}/preview.pdf?lang=ru`);
    expect(pdfText(new Uint8Array(await page.arrayBuffer()))).toBe(text);
  }, 60_000);

  it("deletes at the version given; without one, or a stale one, nothing is deleted", async () => {
    const url = `/badge-designs/${mediaDesign.id}`;
    const unversioned = await call("DELETE", url, { as: organiser });
    expect(unversioned.status).toBe(422);
    expect(unversioned.body.error.fields.version).toBe("This field is required.");
    const stale = await call("DELETE", url, { as: organiser, headers: { "if-match": '"1"' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.version).toBe(2);
    expect((await call("DELETE", `${url}?version=2`, { as: organiser })).status).toBe(204);
    expect((await call("GET", url, { as: organiser })).status).toBe(404);
    const list = await call("GET", "/badge-designs", { as: organiser });
    expect(list.body.categories.find((c: Json) => c.categoryId === media).designId).toBe(fallback.id);
    const again = await call("POST", "/badge-designs", { as: organiser, body: { categoryId: media, size: "a7" } });
    expect(again.status).toBe(201);
    mediaDesign = again.body.design;
    expect(mediaDesign.textColour).toBe(fallback.textColour);
  });

  it("describes the answers it gives in openapi.json", async () => {
    const doc = (await app.fetch("/api/v1/openapi.json").then((r) => r.json())) as Json;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: "doc", components: doc.components });
    const validate = (name: string, value: unknown) => {
      const check = ajv.compile({ $ref: `doc#/components/schemas/${name}` });
      expect(check(value) ? [] : check.errors, name).toEqual([]);
    };
    validate("BadgeDesignList", (await call("GET", "/badge-designs", { bearer: tokens.badge_printer })).body);
    const one = (await call("GET", `/badge-designs/${mediaDesign.id}`, { bearer: tokens.write })).body;
    validate("BadgeDesignAnswer", one);
    const { previewUrl: _p, updatedAt: _u, id: _i, ...fields } = one.design;
    validate("BadgeDesignUpdate", { ...fields, version: one.design.version });
    validate("BadgeDesignCreate", { categoryId: delegate, size: "cr80", front: { photo: false } });
    validate("Error", (await call("POST", "/badge-designs", { as: organiser, body: { categoryId: media } })).body);
    for (const path of ["/events/{slug}/badge-designs", "/events/{slug}/badge-designs/{designId}", "/events/{slug}/badge-designs/{designId}/preview.pdf"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.paths["/events/{slug}/badge-designs/{designId}"])).toEqual(["get", "put", "delete"]);
    for (const scope of ["badge_printer", "checkin_operator", "hybrid_moderator"]) expect(doc.components.securitySchemes.token.description).toContain(scope);
  });
});
