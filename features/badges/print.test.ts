import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeParticipant } from "../../test/factories.ts";
import { solidPng } from "../../test/images.ts";
import { openLive, payload } from "../../test/live.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import type { EventRow } from "../events/queries.ts";
import { events } from "../events/schema.ts";
import { fileStore } from "../files/store.ts";
import { participants } from "../registration/schema.ts";
import { decodeCode } from "./code.ts";
import { verifyEd25519 } from "./keys.ts";
import { runPrint } from "./print-run.ts";
import { printBatches } from "./schema.ts";

let app: TestServer;
let event: EventRow;
let owner: Staff;
let work: string;
const db = () => app.services.db;
const json = async (method: string, url: string, body?: unknown, lang = "en"): Promise<Response> => {
  const send = () =>
    app.fetch(url, {
      method,
      headers: { cookie: owner.cookie, "content-type": "application/json", "accept-language": lang },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // A read may meet a kept-alive connection the server closed at that instant (seen once on a loaded machine): it is asked again.
  return method === "GET" ? send().catch(send) : send();
};
const api = (p: string) => `/api/v1/events/${event.slug}${p}`;

const names = [
  { givenName: "Sergei", familyName: "Ivanov", givenNameLocal: "Сергей", familyNameLocal: "Иванов" },
  { givenName: "Ahmed", familyName: "Al-Rashid", givenNameLocal: "أحمد", familyNameLocal: "الراشد" },
  { givenName: "Wei", familyName: "Wang", givenNameLocal: "伟", familyNameLocal: "王" },
  { givenName: "Dilnoza", familyName: "Karimova", givenNameLocal: "Дилноза", familyNameLocal: "Каримова" },
  { givenName: "Amina", familyName: "Diallo" },
];

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  event = (await makeEvent(db(), { languages: ["en", "ru"] })).event;
  owner = await staff(app, { email: "owner.print@example.org", isAdmin: true });
  for (const n of names) {
    const p = await makeParticipant(db(), event, owner.userId, { givenName: n.givenName, familyName: n.familyName }, { status: "approved" });
    if (n.givenNameLocal)
      await db().update(participants).set({ givenNameLocal: n.givenNameLocal, familyNameLocal: n.familyNameLocal }).where(eq(participants.id, p.id));
  }
  // One person has a photo; the others print with the placeholder.
  const [first] = await db().select().from(participants).where(eq(participants.eventId, event.id)).limit(1);
  const photo = await fileStore.put(db(), { eventId: event.id, kind: "photo", filename: "photo.png", body: solidPng(300, 400) });
  await db().update(participants).set({ photoFileId: photo.id }).where(eq(participants.id, first.id));
  work = mkdtempSync(path.join(tmpdir(), "plenary-badges-"));
}, 60_000);
afterAll(async () => {
  await app?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function finished(id: number) {
  for (let i = 0; i < 600; i++) {
    const { batch } = await (await json("GET", api(`/badges/print/${id}`))).json();
    if (batch.status === "done" || batch.status === "failed") return batch;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("print run did not finish");
}

/** Every QR code of a PDF, read back by zbarimg from the pages rendered at 300 dpi. */
function codesIn(pdf: Uint8Array, name: string): string[] {
  const file = path.join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-r", "300", "-png", file, path.join(work, name)]);
  const codes: string[] = [];
  for (const page of readdirSync(work).filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png"))) {
    const out = execFileSync("zbarimg", ["-q", "--raw", "-Sdisable", "-Sqrcode.enable", path.join(work, page)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    codes.push(...out.split("\n").filter(Boolean));
  }
  return codes;
}

describe("printing badges", () => {
  it("prints a batch in the background; zbarimg reads every code back and each verifies with the event's key", async () => {
    const live = await openLive(app, `/api/v1/events/${event.slug}/live?topics=printing`, { cookie: owner.cookie });
    await live.next((e) => e.event === "ready");
    const r = await json("POST", api("/badges/print"), { scope: "all", size: "a7", layout: "a4", sides: 1 });
    expect(r.status).toBe(202);
    const batch = await finished((await r.json()).batch.id);
    // The staff page follows the run from the moment it is queued to its end.
    await live.next((e) => e.event === "message" && payload(e).data.id === batch.id && payload(e).data.status === "done", 5_000);
    const statuses = live.events.filter((e) => e.event === "message" && payload(e).data.id === batch.id).map((e) => payload(e).data.status);
    expect(statuses[0]).toBe("queued");
    expect(statuses.at(-1)).toBe("done");
    live.close();
    // The staff page tells runs apart: whom each printed, and in which language.
    const listed = await (await owner.get(`/admin/e/${event.slug}/badges`)).text();
    expect(listed).toMatch(new RegExp(`#(<!-- -->)?${batch.id}(<!-- -->)? ·.*?Everyone(<!-- -->)? · (<!-- -->)?English`));
    expect(batch).toMatchObject({ status: "done", total: 5, done: 5, withoutPhoto: 4 });
    const { keys } = await (await json("GET", api("/badges/keys"))).json();
    const codes: string[] = [];
    for (const [i, part] of batch.parts.entries()) {
      const res = await json("GET", part);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      const bytes = new Uint8Array(await res.arrayBuffer());
      codes.push(...codesIn(bytes, `all-${i}`));
      const text = execFileSync("pdftotext", ["-", "-"], { input: bytes, encoding: "utf8" });
      for (const n of ["Сергей Иванов", "Дилноза Каримова", "王", "الراشد", "Amina Diallo"]) expect(text).toContain(n);
    }
    expect(codes).toHaveLength(5);
    // The one photo (a PNG, embedded as its own compressed rows) comes out of the PDF as it went in.
    const photos = readdirSync(work).filter((f) => /^all-\d+\.pdf$/.test(f));
    for (const [i, file] of photos.entries()) execFileSync("pdfimages", [path.join(work, file), path.join(work, `photo-${i}`)]);
    const images = readdirSync(work).filter((f) => f.startsWith("photo-") && f.endsWith(".ppm"));
    expect(images).toHaveLength(1);
    const ppm = readFileSync(path.join(work, images[0]));
    expect(ppm.subarray(0, 15).toString("latin1")).toBe("P6\n300 400\n255\n");
    expect([...ppm.subarray(15, 18)]).toEqual([120, 140, 160]);
    for (const code of codes) {
      const decoded = decodeCode(code)!;
      expect(decoded.claims.eventId).toBe(event.id);
      const key = keys.find((k: { keyId: number }) => k.keyId === decoded.claims.keyId);
      expect(verifyEd25519(decoded.signature, decoded.signed, new Uint8Array(Buffer.from(key.publicKey, "base64url")))).toBe(true);
    }
    // The organiser's list of people printed with the placeholder.
    const { people } = await (await json("GET", api("/badges/without-photo"))).json();
    expect(people).toHaveLength(4);
  }, 120_000);

  it("a print station marks the run printed; then nothing has changed, which is said in the person's language", async () => {
    const r = await json("POST", api("/badges/print"), { scope: "changed", size: "cr80" });
    const batch = await finished((await r.json()).batch.id);
    expect((await (await json("POST", api(`/badges/print/${batch.id}/printed`))).json()).printed).toBe(5);
    const again = await json("POST", api("/badges/print"), { scope: "changed" }, "ru");
    expect(again.status).toBe(422);
    expect((await again.json()).error.fields.scope).toMatch(/[а-я]/);
    // A reprint makes one person "changed" again.
    const [one] = await db().select().from(participants).where(eq(participants.eventId, event.id)).limit(1);
    await json("POST", api(`/badges/${one.id}/reprint`));
    // The earlier run, marked printed again, did not draw the new version: it stays to be printed.
    expect((await (await json("POST", api(`/badges/print/${batch.id}/printed`))).json()).printed).toBe(4);
    const changed = await finished((await (await json("POST", api("/badges/print"), { scope: "changed", size: "a6" })).json()).batch.id);
    expect(changed.total).toBe(1);
  }, 60_000);

  it("resumes after its last stored part when the worker stopped halfway", async () => {
    const ids = (await db().select({ id: participants.id }).from(participants).where(eq(participants.eventId, event.id))).map((p) => p.id);
    const [batch] = await db()
      .insert(printBatches)
      .values({ eventId: event.id, scope: { kind: "all" }, size: "a6", layout: "single", sides: 2, lang: "ru", participantIds: ids, total: ids.length })
      .returning();
    let parts = 0;
    const stopped = await runPrint(db(), app.services.secret, batch.id, { partSize: 2, shouldStop: () => parts++ >= 1 });
    expect(stopped).toBe("stopped");
    const [half] = await db().select().from(printBatches).where(eq(printBatches.id, batch.id));
    expect(half).toMatchObject({ status: "running", done: 2 });
    const done = await runPrint(db(), app.services.secret, batch.id, { partSize: 2 });
    expect(done).toMatchObject({ status: "done", done: 5 });
    expect((done as { partFileIds: number[] }).partFileIds).toHaveLength(3);
    // Two sides: every badge twice, each code still read.
    const codes: string[] = [];
    for (const [i, fileId] of (done as { partFileIds: number[] }).partFileIds.entries()) {
      const file = await fileStore.get(db(), event.id, fileId, ["badges"]);
      codes.push(...codesIn(file!.bytes, `resume-${i}`));
    }
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(5);
  }, 60_000);

  it("at the badge desk: hand over after the ID check, reprint, withdraw; a badge printer may, a viewer may not", async () => {
    const [one] = await db().select().from(participants).where(eq(participants.eventId, event.id)).limit(1);
    const page = `/admin/e/${event.slug}/registrations/${one.id}`;
    const printer = await staff(app, { email: "printer.desk@example.org", role: "badge_printer", eventId: event.id });
    const viewer = await staff(app, { email: "viewer.desk@example.org", role: "viewer", eventId: event.id });
    const badgeOf = async () => (await (await json("GET", api("/badges"))).json()).badges.find((b: { participantId: number }) => b.participantId === one.id);
    // Only the printed version in force is handed over.
    expect((await json("POST", api("/badges/printed"), { participantIds: [one.id] })).status).toBe(200);
    expect((await viewer.post(page, { intent: "handOver" })).status).toBe(403);
    expect((await printer.post(page, { intent: "handOver" })).status).toBe(200);
    const before = await badgeOf();
    expect(before.handedOverAt).not.toBeNull();
    expect((await owner.post(page, { intent: "reprint" })).status).toBe(200);
    // A new version is not the one handed over, and cannot be until it is printed.
    expect((await badgeOf()).handedOverAt).toBeNull();
    const early = await json("POST", api(`/badges/${one.id}/handed-over`), undefined, "ru");
    expect(early.status).toBe(409);
    expect((await early.json()).error.message).toMatch(/[а-я]/);
    expect(await (await owner.get(page)).text()).not.toContain('value="handOver"');
    expect((await owner.post(page, { intent: "revokeBadge" })).status).toBe(200);
    const after = (await (await json("GET", api("/badges"))).json()).badges.find((b: { participantId: number }) => b.participantId === one.id);
    expect(after).toMatchObject({ version: before.version + 1 });
    expect(after.revokedAt).not.toBeNull();
    expect(await (await owner.get(page)).text()).toContain(`Version ${before.version + 1}`);
  });

  it("moved dates: badges signed for the former days are counted, printed again as changed, and the new codes carry the new days", async () => {
    const signed = async () => (await (await json("GET", api("/badges"))).json()).badges as { participantId: number; version: number; code: string }[];
    const before = await signed();
    const [row] = await db().select().from(events).where(eq(events.id, event.id));
    try {
      await db().update(events).set({ startDate: "2030-06-02", endDate: "2030-06-03" }).where(eq(events.id, event.id));
      app.services.notifications.invalidate({ slug: event.slug });
      const page = await (await owner.get(`/admin/e/${event.slug}/badges`)).text();
      expect(page).toContain(`${before.length} badges were signed for the event`);
      const run = await finished((await (await json("POST", api("/badges/print"), { scope: "changed" })).json()).batch.id);
      expect(run.total).toBe(before.length);
      const after = await signed();
      for (const badge of after) {
        const old = before.find((b) => b.participantId === badge.participantId)!;
        expect(badge.version).toBe(old.version + 1);
        expect(decodeCode(badge.code)!.claims.firstDay).not.toBe(decodeCode(old.code)!.claims.firstDay);
      }
      expect(await (await owner.get(`/admin/e/${event.slug}/badges`)).text()).not.toContain("former dates");
    } finally {
      await db().update(events).set({ startDate: row.startDate, endDate: row.endDate }).where(eq(events.id, event.id));
      app.services.notifications.invalidate({ slug: event.slug });
    }
  }, 60_000);

  it("bad input: a translated 4xx, never a 500", async () => {
    for (const body of [{ size: "a2" }, { scope: "everyone" }, { sides: 3 }, { scope: "people", ids: ["x"] }]) {
      const r = await json("POST", api("/badges/print"), body);
      expect(r.status).toBe(422);
    }
    expect((await json("GET", api("/badges/print/999999"))).status).toBe(404);
    expect((await json("GET", api("/badges/print/abc/parts/1"))).status).toBe(404);
  });
});
