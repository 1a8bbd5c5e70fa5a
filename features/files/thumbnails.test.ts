import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminActor, makeEvent, makeParticipant } from "../../test/factories.ts";
import { photoJpeg, solidPng } from "../../test/images.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { issueBadges } from "../badges/issue-badges.ts";
import { registerKiosk } from "../checkin/kiosks.ts";
import { saveCheckinList } from "../checkin/save-checkin-list.ts";
import type { EventRow } from "../events/queries.ts";
import { participants } from "../registration/schema.ts";
import { photoThumbnails } from "./schema.ts";
import { fileStore } from "./store.ts";
import { makeThumbnail, putPhoto, thumbnailPixels } from "./thumbnails.ts";

let app: TestServer;
let event: EventRow;
let owner: Staff;
let token: string;
const db = () => app.services.db;
const people: Record<string, number> = {};

/** A "JPEG" that passes the type check (its first and last bytes) but is no image. */
const brokenJpeg = () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 400 }, (_, i) => i % 251), 0xff, 0xd9]);

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const made = await makeEvent(db(), { languages: ["en", "ru"] });
  event = made.event;
  owner = await staff(app, { email: "owner.thumbs@example.org", isAdmin: true });
  const ctx = { db: db(), actor: adminActor(made.owner.id), now: new Date(), publicUrl: "http://localhost" };
  for (const name of ["Fresh", "Older", "Broken", "Nophoto"]) {
    people[name] = (await makeParticipant(db(), event, owner.userId, { givenName: name, familyName: "Thumbs" }, { status: "approved" })).id;
  }
  // A photo stored now gets its thumbnail at once; one stored before thumbnails existed (straight into the
  // file store) gets it on its first request; bytes that are no image get none, and are listed.
  const fresh = await putPhoto(db(), { eventId: event.id, filename: "fresh.jpg", body: await photoJpeg(900, 1200) });
  const older = await fileStore.put(db(), { eventId: event.id, kind: "photo", filename: "older.png", body: solidPng(600, 800) });
  const broken = await putPhoto(db(), { eventId: event.id, filename: "broken.jpg", body: brokenJpeg() });
  for (const [name, file] of [
    ["Fresh", fresh],
    ["Older", older],
    ["Broken", broken],
  ] as const)
    await db().update(participants).set({ photoFileId: file.id }).where(eq(participants.id, people[name]));
  await db().transaction((tx) => issueBadges(tx, event, Object.values(people), app.services.secret, new Date()));
  const door = await saveCheckinList(ctx, event, null, { name: { en: "Main entrance" }, kind: "door" });
  token = (await registerKiosk(ctx, event, { listId: door.id, name: "Gate 1" })).token;
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

const kioskPhoto = (id: number) => app.fetch(`/api/v1/kiosk/photos/${id}`, { headers: { authorization: `Bearer ${token}` } });

describe("photo thumbnails", () => {
  it("are small JPEGs, the photo's proportions kept, at most 128 px a side", async () => {
    const photo = await photoJpeg(900, 1200);
    const thumb = (await makeThumbnail(photo))!;
    expect(thumb).toMatchObject({ width: 96, height: thumbnailPixels });
    const meta = await sharp(thumb.data).metadata();
    expect(meta.format).toBe("jpeg");
    expect(thumb.data.length).toBeLessThan(8 * 1024);
    expect(thumb.data.length * 20).toBeLessThan(photo.length);
    expect(await makeThumbnail(brokenJpeg())).toBeNull();
  });

  it("a kiosk receives the thumbnail, made on the first request for a photo stored before thumbnails", async () => {
    for (const name of ["Fresh", "Older"]) {
      const res = await kioskPhoto(people[name]);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
      const bytes = new Uint8Array(await res.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(thumbnailPixels);
      expect(bytes.length).toBeLessThan(8 * 1024);
    }
    const kept = await db()
      .select({ fileId: photoThumbnails.fileId, usable: photoThumbnails.usable })
      .from(photoThumbnails)
      .where(eq(photoThumbnails.eventId, event.id));
    expect(kept.filter((k) => k.usable)).toHaveLength(2);
    expect((await kioskPhoto(people.Broken)).status).toBe(404);
    expect((await kioskPhoto(people.Nophoto)).status).toBe(404);
  });

  it("staff lists ask for the thumbnail; the badge page lists who has no photo and whose photo cannot be read", async () => {
    const res = await owner.get(`/admin/e/${event.slug}/registrations/${people.Fresh}/photo?size=thumb`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect((await res.arrayBuffer()).byteLength).toBeLessThan(8 * 1024);
    const list = await (await owner.get(`/admin/e/${event.slug}/registrations?status=approved`)).text();
    expect(list).toContain(`/registrations/${people.Fresh}/photo?size=thumb`);
    expect(list).not.toContain(`/registrations/${people.Nophoto}/photo?size=thumb`);
    const page = (await (await owner.get(`/admin/e/${event.slug}/badges`)).text()).replaceAll("<!-- -->", "");
    expect(page).toContain("2 people without a photo");
    expect(page).toMatch(/Thumbs, Broken<\/a> <span class="muted">\(the photo sent cannot be read\)/);
    expect(page).toMatch(/Thumbs, Nophoto<\/a> <span class="muted">\(no photo sent\)/);
  });

  it("goes with its photo: deleting the photo deletes the thumbnail", async () => {
    const [row] = await db().select().from(participants).where(eq(participants.id, people.Fresh));
    await fileStore.delete(db(), event.id, { ids: [row.photoFileId!], kinds: ["photo"] });
    expect(await db().select().from(photoThumbnails).where(eq(photoThumbnails.fileId, row.photoFileId!))).toHaveLength(0);
  });
});
