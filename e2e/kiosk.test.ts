import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presence, scans } from "../features/checkin/schema.ts";
import type { EventRow } from "../features/events/queries.ts";
import { makeEvent, makeParticipant } from "../test/factories.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { type Staff, staff } from "../test/staff.ts";
import { type Browser, expectAccessible, launchBrowser } from "./browser.ts";

/**
 * A kiosk as a guard uses it, in Chromium: registered by a device link, reading a badge's QR code from a
 * (fake) camera, deciding offline, keeping a scan while the network is down and sending it when it is back.
 */
let app: TestServer;
let browser: Browser;
let event: EventRow;
let owner: Staff;
let work: string;
const today = (offset = 0) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tashkent" }).format(new Date(Date.now() + offset * 86_400_000));
const json = async (method: string, url: string, body?: unknown) => {
  const r = await app.fetch(url, {
    method,
    headers: { cookie: owner.cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(r.status, await r.clone().text()).toBeLessThan(300);
  return r.json();
};

/** A Y4M video (what Chromium's fake camera plays) of one QR code on white, 640×480. */
function qrVideo(code: string, file: string) {
  const { modules } = QRCode.create(code, { errorCorrectionLevel: "M" });
  const [w, h] = [640, 480];
  const scale = 8;
  const side = (modules.size + 8) * scale;
  const [x0, y0] = [(w - side) / 2, (h - side) / 2];
  const y = Buffer.alloc(w * h, 255);
  for (let r = 0; r < modules.size; r++)
    for (let c = 0; c < modules.size; c++) {
      if (!modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++)
        y.fill(0, (y0 + (r + 4) * scale + dy) * w + x0 + (c + 4) * scale, (y0 + (r + 4) * scale + dy) * w + x0 + (c + 5) * scale);
    }
  const chroma = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), y, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));
}

let codes: { participantId: number; code: string }[];
let token: string;
let names: string[];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "plenary-kiosk-"));
  app = await startTestServer({ demo: false });
  event = (await makeEvent(app.services.db, { startDate: today(), endDate: today(1) })).event;
  owner = await staff(app, { email: "owner.kiosk@example.org", isAdmin: true });
  names = [];
  for (const family of ["Karimova", "Ivanov"]) {
    const p = await makeParticipant(app.services.db, event, owner.userId, { givenName: "Test", familyName: family }, { status: "approved" });
    names.push(`Test ${p.familyName}`);
  }
  await json("POST", `/api/v1/events/${event.slug}/badges/issue`, {});
  codes = (await json("GET", `/api/v1/events/${event.slug}/badges`)).badges;
  const list = (await json("POST", `/api/v1/events/${event.slug}/checkin-lists`, { name: { en: "Main entrance", ru: "Главный вход" }, kind: "door" }))
    .checkinList;
  token = (await json("POST", `/api/v1/events/${event.slug}/kiosks`, { listId: list.id, name: "Gate A" })).kiosk.token;
  const video = path.join(work, "badge.y4m");
  qrVideo(codes[0].code, video);
  browser = await launchBrowser({
    extraArgs: ["--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`, "--use-fake-ui-for-media-stream"],
  });
  await browser.context.grantPermissions(["camera"], { origin: app.url });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(work, { recursive: true, force: true });
});

const words = {
  en: {
    online: "Online",
    camera: "Start the camera",
    admitted: "Admitted",
    nothing: "nothing to send",
    one: "1 scan to send",
    code: "Code (USB scanner or typed)",
    check: "Check",
  },
  ru: {
    online: "В сети",
    camera: "Включить камеру",
    admitted: "Проход разрешён",
    nothing: "нечего отправлять",
    one: "1 считывание ожидает отправки",
    code: "Код (USB-сканер или ввод вручную)",
    check: "Проверить",
  },
};

describe("a check-in kiosk in Chromium", () => {
  for (const lang of ["en", "ru"] as const) {
    it(`reads a badge from the camera and admits the person (${lang})`, async () => {
      const w = words[lang];
      const page = await browser.newPage();
      await page.goto(`${app.url}/kiosk?lang=${lang}#${token}`);
      await expect.poll(() => page.locator(".kiosk-status .online").textContent(), { timeout: 15_000 }).toBe(w.online);
      // The device link's token left the address bar.
      expect(new URL(page.url()).hash).toBe("");
      await page.getByRole("button", { name: w.camera }).click();
      await expect.poll(() => page.locator(".verdict-word").textContent(), { timeout: 20_000 }).toBe(w.admitted);
      await expect.poll(() => page.locator(".verdict-name").textContent()).toBe(names[0]);
      await expectAccessible(page);
      expect(page.csp).toEqual([]);
      await expect
        .poll(async () => (await app.services.db.select().from(scans).where(eq(scans.participantId, codes[0].participantId))).length, { timeout: 20_000 })
        .toBeGreaterThan(0);
      await page.close();
    }, 90_000);
  }

  it("keeps a scan while offline and sends it when the network is back", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/kiosk?lang=en`);
    await expect.poll(() => page.locator(".kiosk-status .online").textContent(), { timeout: 15_000 }).toBe("Online");
    await browser.context.setOffline(true);
    await page.getByLabel(words.en.code).fill(codes[1].code);
    await page.getByRole("button", { name: words.en.check }).click();
    await expect.poll(() => page.locator(".verdict-word").textContent()).toBe("Admitted");
    await expect.poll(() => page.locator(".kiosk-status").textContent(), { timeout: 10_000 }).toContain(words.en.one);
    expect(await app.services.db.select().from(scans).where(eq(scans.participantId, codes[1].participantId))).toHaveLength(0);
    await browser.context.setOffline(false);
    await expect.poll(() => page.locator(".kiosk-status").textContent(), { timeout: 30_000 }).toContain(words.en.nothing);
    const [p] = await app.services.db
      .select()
      .from(presence)
      .where(and(eq(presence.eventId, event.id), eq(presence.participantId, codes[1].participantId)));
    expect(p.inVenue).toBe(true);
    await page.close();
  }, 90_000);

  it("says that this entrance let a badge in already when it is shown here again", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/kiosk?lang=en`);
    await expect.poll(() => page.locator(".kiosk-status .online").textContent(), { timeout: 15_000 }).toBe("Online");
    // The previous test let codes[1] in at this door.
    await page.getByLabel(words.en.code).fill(codes[1].code);
    await page.getByRole("button", { name: words.en.check }).click();
    await expect
      .poll(() => page.locator(".verdict .notice").textContent(), { timeout: 20_000 })
      .toBe("This entrance already let this badge in: the person is counted once.");
    await page.close();
  }, 90_000);

  it("lets a refused person through with a reason after the refusal was sent", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/kiosk?lang=en`);
    await expect.poll(() => page.locator(".kiosk-status .online").textContent(), { timeout: 15_000 }).toBe("Online");
    await page.getByLabel(words.en.code).fill("NOT A BADGE OF OURS");
    await page.getByRole("button", { name: words.en.check }).click();
    await expect.poll(() => page.locator(".verdict-word").textContent()).toBe("Refused");
    // Sent and acknowledged before the operator decides.
    await expect.poll(() => page.locator(".kiosk-status").textContent(), { timeout: 20_000 }).toContain(words.en.nothing);
    await page.getByLabel("Reason for letting the person through").fill("Badge printer broken, ID checked");
    await page.getByRole("button", { name: "Let through anyway" }).click();
    await expect.poll(() => page.locator(".verdict-word").textContent()).toBe("Let through by the operator");
    await expect
      .poll(async () => (await app.services.db.select().from(scans).where(eq(scans.code, "NOT A BADGE OF OURS"))).map((s) => [s.shown, s.overrideReason]), {
        timeout: 20_000,
      })
      .toEqual([
        ["refused", null],
        ["overridden", "Badge printer broken, ID checked"],
      ]);
    await page.close();
  }, 90_000);

  // Last: it takes this browser's kiosk out of service.
  it("a withdrawn kiosk says so and shows no status of scans kept", async () => {
    const list = (await json("POST", `/api/v1/events/${event.slug}/checkin-lists`, { name: { en: "Side door" }, kind: "door" })).checkinList;
    const { kiosk } = await json("POST", `/api/v1/events/${event.slug}/kiosks`, { listId: list.id, name: "Gate W" });
    const page = await browser.newPage();
    await page.goto(`${app.url}/kiosk?lang=en#${kiosk.token}`);
    await expect.poll(() => page.locator(".kiosk-status .online").textContent(), { timeout: 15_000 }).toBe("Online");
    const r = await app.fetch(`/api/v1/events/${event.slug}/kiosks/${kiosk.id}`, {
      method: "DELETE",
      headers: { cookie: owner.cookie, "content-type": "application/json" },
    });
    expect(r.status).toBe(204);
    await page.reload();
    await expect.poll(() => page.locator(".notice").textContent(), { timeout: 20_000 }).toContain("Its data has been removed from this device");
    expect(await page.locator(".kiosk-status").count()).toBe(0);
    expect(await page.locator("main").textContent()).not.toContain("Offline");
    await page.close();
  }, 90_000);
});
