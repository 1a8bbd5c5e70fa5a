import { createHash, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../i18n/index.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { events, organisations } from "../events/schema.ts";
import { delegations } from "../registration/schema.ts";
import { fileKinds, fileRules, maxSizeText } from "./kinds.ts";
import { contentDisposition } from "./respond.ts";
import { fileStore, streamChunkBytes } from "./store.ts";

let app: TestServer;
let eventId: number;
let otherEventId: number;
let officer: Staff;
const base = "/admin/e/tashkent-2022";
const db = () => app.services.db;

beforeAll(async () => {
  app = await startTestServer();
  [{ id: eventId }] = await db().select({ id: events.id }).from(events).where(eq(events.slug, "tashkent-2022"));
  [{ id: otherEventId }] = await db()
    .insert(events)
    .values({
      slug: "store-other",
      title: { en: "Other" },
      startDate: "2030-01-01",
      endDate: "2030-01-02",
      timezone: "UTC",
      languages: ["en"],
      status: "published",
    })
    .returning({ id: events.id });
  officer = await staff(app, { email: "officer.store@example.org", role: "accreditation_officer", eventId });
});
afterAll(async () => {
  await app?.stop();
});

const png = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"));
const webp = new Uint8Array([...Buffer.from("RIFF"), 0x1a, 0, 0, 0, ...Buffer.from("WEBPVP8 "), 0, 0, 0, 0]);
/** A PDF by its bytes, around any bytes at all (every value 0–255 included). */
const pdf = (body: Uint8Array) => new Uint8Array(Buffer.concat([Buffer.from("%PDF-1.7\n"), body, Buffer.from("\n%%EOF\n")]));
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function collect(stream: ReadableStream<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe("the database file store", () => {
  it("keeps the bytes exactly (bytea) and streams them in slices", async () => {
    const bytes = pdf(randomBytes(700_000));
    const file = await fileStore.put(db(), { eventId, kind: "letter", filename: "Big letter.pdf", body: new Blob([bytes]) });
    expect(file).toMatchObject({
      eventId,
      kind: "letter",
      contentType: "application/pdf",
      size: bytes.length,
      sha256: sha(bytes),
      visibility: "private",
      filename: "Big letter.pdf",
    });
    const chunks = await collect(fileStore.stream(db(), file));
    expect(chunks.map((c) => c.length)).toEqual([streamChunkBytes, streamChunkBytes, bytes.length - 2 * streamChunkBytes]);
    expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
    const whole = await fileStore.get(db(), eventId, file.id);
    expect(Buffer.from(whole!.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it("refuses a stream as soon as it passes the kind's limit, without reading the rest", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(256 * 1024));
      },
    });
    await expect(fileStore.put(db(), { eventId, kind: "photo", filename: "p.png", body: endless })).rejects.toMatchObject({
      status: 413,
      code: "upload.too_large",
      values: { max: "2 MB" },
    });
    expect(pulled).toBeLessThanOrEqual(10);
  });

  it("refuses bytes of a type the kind does not take, whatever the name says", async () => {
    await expect(fileStore.put(db(), { eventId, kind: "letter", filename: "letter.pdf", body: png })).rejects.toMatchObject({
      status: 415,
      code: "upload.pdf",
    });
    await expect(fileStore.put(db(), { eventId, kind: "photo", filename: "me.jpg", body: webp })).rejects.toMatchObject({ status: 415, code: "upload.photo" });
    await expect(
      fileStore.put(db(), { eventId, kind: "logo", filename: "logo.png", body: new TextEncoder().encode("<svg onload=alert(1)>") }),
    ).rejects.toMatchObject({ status: 415, code: "upload.type" });
    await expect(fileStore.put(db(), { eventId, kind: "attachment", filename: "cv.pdf", body: new Uint8Array() }, "custom.cv")).rejects.toMatchObject({
      status: 422,
      fields: { "custom.cv": "upload.empty" },
    });
    expect((await fileStore.put(db(), { eventId, kind: "logo", filename: "logo.webp", body: webp })).contentType).toBe("image/webp");
  });

  it("finds a file only through its own event, and only among the kinds asked for", async () => {
    const file = await fileStore.put(db(), { eventId, kind: "photo", filename: "p.png", body: png });
    expect(await fileStore.head(db(), otherEventId, file.id)).toBeUndefined();
    expect(await fileStore.get(db(), otherEventId, file.id)).toBeUndefined();
    expect(await fileStore.head(db(), eventId, file.id, ["letter"])).toBeUndefined();
    expect(await fileStore.delete(db(), otherEventId, { ids: [file.id] })).toEqual([]);
    expect(await fileStore.delete(db(), eventId, { ids: [file.id], kinds: ["logo"] })).toEqual([]);
    expect(await fileStore.delete(db(), eventId, { ids: [] })).toEqual([]);
    expect(await fileStore.delete(db(), eventId, { ids: [file.id], kinds: ["photo"] })).toEqual([file.id]);
    expect(await fileStore.head(db(), eventId, file.id)).toBeUndefined();
  });

  it("states each kind's limit in its message as the table has it", () => {
    const t = createTranslator("en");
    expect(Object.fromEntries(fileKinds.map((k) => [k, t("error.upload.too_large", { max: maxSizeText(k) })]))).toEqual({
      logo: "The file is too large (at most 1 MB).",
      photo: "The file is too large (at most 2 MB).",
      letter: "The file is too large (at most 5 MB).",
      badges: "The file is too large (at most 200 MB).",
      attachment: "The file is too large (at most 5 MB).",
      import: "The file is too large (at most 20 MB).",
      document: "The file is too large (at most 20 MB).",
    });
    expect(fileRules.logo.maxBytes).toBe(1024 * 1024);
  });
});

describe("serving a stored file", () => {
  async function letterNamed(filename: string, bytes = pdf(randomBytes(2000))) {
    const [d] = await db()
      .select()
      .from(delegations)
      .where(and(eq(delegations.eventId, eventId), eq(delegations.country, "UZ")));
    const file = await fileStore.put(db(), { eventId, kind: "letter", filename, body: bytes });
    await db().update(delegations).set({ letterFileId: file.id }).where(eq(delegations.id, d.id));
    return { path: `${base}/delegations/${d.id}/letter`, file, bytes };
  }
  const utf8Name = (disposition: string | null) => decodeURIComponent(disposition!.split("filename*=UTF-8''")[1]);

  it("names a Cyrillic file in ASCII and in UTF-8, with the headers every file gets", async () => {
    const { path, bytes } = await letterNamed("Нота вербальная (№ 12).pdf", pdf(randomBytes(600_000)));
    const res = await officer.get(path);
    expect(res.status).toBe(200);
    expect(
      Object.fromEntries(
        ["content-type", "content-length", "etag", "x-content-type-options", "content-security-policy", "cache-control"].map((h) => [h, res.headers.get(h)]),
      ),
    ).toEqual({
      "content-type": "application/pdf",
      "content-length": String(bytes.length),
      etag: `"${sha(bytes)}"`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
    });
    const disposition = res.headers.get("content-disposition");
    // Stored made safe ("(", "№" and ")" are none of letters, digits, dots, spaces, dashes, underscores).
    const stored = "Нота вербальная __ 12_.pdf";
    expect(disposition).toBe(`attachment; filename="____ __________ __ 12_.pdf"; filename*=UTF-8''${encodeURIComponent(stored)}`);
    expect(utf8Name(disposition)).toBe(stored);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it("names an Arabic file, and adds the extension of its real type", async () => {
    const { path } = await letterNamed("مذكرة شفوية");
    const res = await officer.get(path);
    const disposition = res.headers.get("content-disposition");
    expect(disposition).toMatch(/^attachment; filename="_____ _____\.pdf"; filename\*=UTF-8''(%[0-9A-F]{2})+%20(%[0-9A-F]{2})+\.pdf$/);
    expect(utf8Name(disposition)).toBe("مذكرة شفوية.pdf");
    await res.arrayBuffer();
  });

  it("answers 304 to a client that has the file", async () => {
    const { path, file } = await letterNamed("cached.pdf");
    const res = await app.fetch(path, { headers: { cookie: officer.cookie, "if-none-match": `W/"x", "${file.sha256}"` } });
    expect(res.status).toBe(304);
    expect(res.headers.get("etag")).toBe(`"${file.sha256}"`);
    expect(await res.text()).toBe("");
  });

  it("serves a public file to anyone and lets caches keep it; never a private one at the public address", async () => {
    const logo = await fileStore.put(db(), { eventId, kind: "logo", filename: "Логотип", body: png });
    await db().update(organisations).set({ logoFileId: logo.id }).where(eq(organisations.eventId, eventId));
    const res = await app.fetch(`/files/${logo.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="_______.png"; filename*=UTF-8''${encodeURIComponent("Логотип.png")}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(png);
    const { file } = await letterNamed("private.pdf");
    expect((await app.fetch(`/files/${file.id}`)).status).toBe(404);
    expect((await app.fetch("/files/99999999999")).status).toBe(404);
  });

  it("keeps quotes, backslashes and percent signs out of the ASCII name", () => {
    expect(contentDisposition("attachment", `a"b\\c%d.pdf`)).toBe(`attachment; filename="a_b_c_d.pdf"; filename*=UTF-8''a%22b%5Cc%25d.pdf`);
  });
});
