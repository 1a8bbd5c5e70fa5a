import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categoryOf, makeEvent, makeParticipant } from "../../test/factories.ts";
import { photoJpeg } from "../../test/images.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { auditLog } from "../access/schema.ts";
import { seedDemoBadgeDesigns } from "../demo/venue.ts";
import type { EventRow } from "../events/queries.ts";
import { putPhoto } from "../files/thumbnails.ts";
import { participants } from "../registration/schema.ts";
import { contrastRatio, minContrast } from "./design.ts";
import { badgeDesigns } from "./schema.ts";

let app: TestServer;
let event: EventRow;
let owner: Staff;
let work: string;
let media: number;
let observer: number;
const db = () => app.services.db;
const admin = (p = "") => `/admin/e/${event.slug}/badges/designs${p}`;
const api = (p: string) => `/api/v1/events/${event.slug}${p}`;
const json = (method: string, url: string, body?: unknown) =>
  app.fetch(url, {
    method,
    headers: { cookie: owner.cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Every QR code of a PDF, read back by zbarimg from its pages at 300 dpi. */
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

/** Page sizes of a PDF in millimetres, rounded, as pdfinfo reads them. */
function pageSizes(pdf: Uint8Array): string[] {
  const out = execFileSync("pdfinfo", ["-f", "1", "-l", "999", "-"], { input: pdf, encoding: "utf8" });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map(
    (m) => `${Math.round((Number(m[1]) * 25.4) / 72)}x${Math.round((Number(m[2]) * 25.4) / 72)}`,
  );
}

async function finished(id: number) {
  for (let i = 0; i < 600; i++) {
    const { batch } = await (await json("GET", api(`/badges/print/${id}`))).json();
    if (batch.status === "done" || batch.status === "failed") return batch;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("print run did not finish");
}

async function printedPdfs(body: Record<string, unknown>) {
  const r = await json("POST", api("/badges/print"), body);
  expect(r.status).toBe(202);
  const batch = await finished((await r.json()).batch.id);
  expect(batch.status).toBe("done");
  return Promise.all(batch.parts.map(async (part: string) => new Uint8Array(await (await json("GET", part)).arrayBuffer())));
}

const designForm = (version: number, over: Record<string, string> = {}) => ({
  intent: "save",
  version: String(version),
  size: "a6",
  layout: "single",
  sides: "1",
  bandPosition: "top",
  textColour: "#000000",
  backgroundColour: "#ffffff",
  "front.photo": "on",
  "front.localName": "on",
  "front.position": "on",
  "front.affiliation": "on",
  "front.country": "on",
  "front.category": "on",
  backCode: "on",
  ...over,
});

const idFrom = (res: Response) => Number(/designs\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  event = (await makeEvent(db(), { languages: ["en", "ru"] })).event;
  owner = await staff(app, { email: "owner.designs@example.org", isAdmin: true });
  media = (await categoryOf(db(), event, "media")).id;
  observer = (await categoryOf(db(), event, "observer")).id;
  for (const [givenName, category] of [
    ["Sergei", "delegate"],
    ["Ahmed", "delegate"],
    ["Mariam", "media"],
  ])
    await makeParticipant(db(), event, owner.userId, { givenName, familyName: "Designs", category }, { status: "approved" });
  const [reporter] = await db()
    .select()
    .from(participants)
    .where(and(eq(participants.eventId, event.id), eq(participants.categoryId, media)));
  const photo = await putPhoto(db(), { eventId: event.id, filename: "mariam.jpg", body: await photoJpeg() });
  await db().update(participants).set({ photoFileId: photo.id }).where(eq(participants.id, reporter.id));
  work = mkdtempSync(path.join(tmpdir(), "plenary-designs-"));
}, 60_000);
afterAll(async () => {
  await app?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("badge designs", () => {
  let fallback: number;
  let mediaDesign: number;

  it("an organiser adds the event's default design and one for Media; a second one for Media is refused", async () => {
    const first = await owner.post(admin(), { categoryId: "" });
    expect(first.status).toBe(302);
    fallback = idFrom(first);
    const second = await owner.post(admin(), { categoryId: String(media) });
    expect(second.status).toBe(302);
    mediaDesign = idFrom(second);
    expect((await owner.post(admin(), { categoryId: String(media) })).status).toBe(409);
    expect((await owner.post(admin(), { categoryId: "999999" })).status).toBe(422);
    const page = await (await owner.get(admin())).text();
    expect(page).toContain("Event default");
    expect(page).toContain(`${admin()}/${mediaDesign}`);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "badge_design"), eq(auditLog.eventId, event.id)));
    expect(audit.map((a) => a.action)).toEqual(["create", "create"]);
  });

  it("is edited against its version: saved, then a stale save is a 409 showing what changed", async () => {
    const saved = await owner.post(
      admin(`/${mediaDesign}`),
      designForm(1, { size: "a7", textColour: "#ffffff", backgroundColour: "#7a1f16", bandPosition: "bottom", "front.country": "" }),
    );
    expect(saved.status).toBe(200);
    const [row] = await db().select().from(badgeDesigns).where(eq(badgeDesigns.id, mediaDesign));
    expect(row).toMatchObject({ version: 2, size: "a7", textColour: "#ffffff", backgroundColour: "#7a1f16", bandPosition: "bottom" });
    expect(row.front.country).toBe(false);
    // The page's preview is drawn from the saved design: an A7 badge on the design's colour, the code on it.
    const page = await (await owner.get(admin(`/${mediaDesign}`))).text();
    expect(page).toContain('viewBox="0 0 74 105"');
    expect(page).toContain('fill="#7a1f16"');
    expect(page).toContain('data-role="code"');
    const base = JSON.stringify({ size: "a6" });
    const stale = await owner.post(admin(`/${mediaDesign}`), { ...designForm(1, { size: "cr80" }), _base: base });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("Someone else saved");
    expect((await db().select().from(badgeDesigns).where(eq(badgeDesigns.id, mediaDesign)))[0].size).toBe("a7");
  });

  it("refuses colours a guard cannot read, with a translated message, and a colour that is not one", async () => {
    const low = await owner.post(admin(`/${fallback}`), designForm(1, { textColour: "#777777", backgroundColour: "#888888" }));
    expect(low.status).toBe(422);
    expect(await low.text()).toMatch(/too close \(1\.\d:1\)/);
    const ru = await owner.post(admin(`/${fallback}?lang=ru`), designForm(1, { textColour: "#ffff00", backgroundColour: "#ffffff" }));
    expect(ru.status).toBe(422);
    expect(await ru.text()).toContain("контраст не менее 4.5:1");
    const bad = await owner.post(admin(`/${fallback}`), designForm(1, { textColour: "red" }));
    expect(bad.status).toBe(422);
    expect((await db().select().from(badgeDesigns).where(eq(badgeDesigns.id, fallback)))[0].version).toBe(1);
  });

  it("is for badges.manage only: a badge printer is refused, someone without a role learns nothing", async () => {
    const printer = await staff(app, { email: "printer.designs@example.org", role: "badge_printer", eventId: event.id });
    const stranger = await staff(app, { email: "stranger.designs@example.org" });
    expect((await printer.get(admin())).status).toBe(403);
    expect((await printer.get(admin(`/${fallback}`))).status).toBe(403);
    expect((await printer.post(admin(`/${fallback}`), designForm(1, { size: "cr80" }))).status).toBe(403);
    expect((await printer.get(admin(`/${fallback}/preview.pdf`))).status).toBe(403);
    expect((await stranger.get(admin())).status).toBe(404);
    expect((await stranger.post(admin(), { categoryId: "" })).status).toBe(404);
    expect((await owner.get(admin("/999999"))).status).toBe(404);
  });

  it("a print run draws each person with their category's design: Media on A7, the others on the default, both sides", async () => {
    expect(
      (
        await owner.post(
          admin(`/${fallback}`),
          designForm(1, { sides: "2", "backText.en": "Emergency: +998 71 000 00 00", "backText.ru": "Экстренная связь: +998 71 000 00 00" }),
        )
      ).status,
    ).toBe(200);
    const pdfs = await printedPdfs({ scope: "all", lang: "ru" });
    const sizes = pdfs.flatMap(pageSizes).sort();
    // Two delegates on A6, front and back (4 pages); the reporter on A7, one side.
    expect(sizes).toEqual(["105x148", "105x148", "105x148", "105x148", "74x105"]);
    const codes = pdfs.flatMap((pdf, i) => codesIn(pdf, `designed-${i}`));
    expect(codes).toHaveLength(5);
    expect(new Set(codes).size).toBe(3);
    const text = pdfs.map((pdf) => execFileSync("pdftotext", ["-", "-"], { input: pdf, encoding: "utf8" })).join("\n");
    expect(text).toContain("Экстренная связь: +998 71 000 00 00");
    // An older caller that names a size still gets it, for everyone.
    const sized = await printedPdfs({ scope: "all", size: "cr80", sides: 1 });
    expect(new Set(sized.flatMap(pageSizes))).toEqual(new Set(["54x86"]));
  }, 120_000);

  it("previews one badge as a PDF: a real person of the category, else the sample in four scripts", async () => {
    const real = await owner.get(admin(`/${mediaDesign}/preview.pdf`));
    expect(real.status).toBe(200);
    expect(real.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await real.arrayBuffer());
    expect(pageSizes(bytes)).toEqual(["74x105"]);
    expect(execFileSync("pdftotext", ["-", "-"], { input: bytes, encoding: "utf8" })).toContain("Mariam Designs");
    expect(codesIn(bytes, "preview-real")).toHaveLength(1);
    const created = await owner.post(admin(), { categoryId: String(observer) });
    const sample = new Uint8Array(await (await owner.get(admin(`/${idFrom(created)}/preview.pdf`))).arrayBuffer());
    const text = execFileSync("pdftotext", ["-", "-"], { input: sample, encoding: "utf8" });
    for (const words of ["Dilnoza Karimova", "Дилноза Каримова", "联合国"]) expect(text).toContain(words);
    expect(text).toMatch(/[\u0600-\u06ff]/);
    expect(codesIn(sample, "preview-sample")).toHaveLength(2);
  }, 60_000);

  it("a design deleted with its version: its category prints with the default again", async () => {
    expect((await owner.post(admin(`/${mediaDesign}`), { intent: "delete", version: "1" })).status).toBe(409);
    const gone = await owner.post(admin(`/${mediaDesign}`), { intent: "delete", version: "2" });
    expect(gone.status).toBe(302);
    expect(await db().select().from(badgeDesigns).where(eq(badgeDesigns.id, mediaDesign))).toHaveLength(0);
  });

  it("the demo's designs: a default and one per group of categories, each readable and of its own colours", async () => {
    const { event: demo } = await makeEvent(db());
    await seedDemoBadgeDesigns(db(), demo.id);
    await seedDemoBadgeDesigns(db(), demo.id);
    const rows = await db().select().from(badgeDesigns).where(eq(badgeDesigns.eventId, demo.id));
    expect(rows.filter((r) => r.categoryId === null)).toHaveLength(1);
    expect(rows.find((r) => r.categoryId === null)?.size).toBe("a6");
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(new Set(rows.map((r) => r.backgroundColour)).size).toBeGreaterThanOrEqual(4);
    for (const r of rows) expect(contrastRatio(r.textColour, r.backgroundColour)).toBeGreaterThanOrEqual(minContrast);
  });
});
