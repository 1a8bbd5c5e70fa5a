import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queues } from "../../../server/jobs.ts";
import { makeEvent, makeFormField, makeParticipant } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff } from "../../../test/staff.ts";
import { auditLog } from "../../access/schema.ts";
import { events } from "../../events/schema.ts";
import { storedFiles } from "../../files/schema.ts";
import { participants } from "../schema.ts";
import { createSealer } from "./crypto.ts";
import { purgeExpiredPersonalData } from "./retention.ts";

let slug: string;
let app: TestServer;
let eventId: number;
let officer: Staff;

const event = async () => (await app.services.db.select().from(events).where(eq(events.id, eventId)))[0];

/**
 * An event that ended on 4 March 2022 (Tashkent) with four registrations, each answering a question of the event's
 * own; three of them have what their own page would have stored: a passport, a date of birth, a photo and a CV.
 */
beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const db = app.services.db;
  const made = await makeEvent(db, { startDate: "2022-03-02", endDate: "2022-03-04", timezone: "Asia/Tashkent" });
  ({ slug } = made.event);
  eventId = made.event.id;
  officer = await staff(app, { email: "privacy-officer@example.org", role: "accreditation_officer", eventId });
  await makeFormField(db, made.event, made.owner.id, { key: "side_events", type: "text", label: "Side events" });
  await makeFormField(db, made.event, made.owner.id, { key: "cv", type: "file", label: "CV" });
  const people = [];
  for (let i = 0; i < 4; i++) people.push(await makeParticipant(db, made.event, made.owner.id, {}, { custom: { side_events: `Side event ${i}` } }));
  const sealer = createSealer(app.services.secret);
  for (const { id } of people.slice(0, 3)) {
    const [photo] = await db
      .insert(storedFiles)
      .values({
        eventId,
        kind: "photo",
        contentType: "image/png",
        filename: "me.png",
        size: 3,
        sha256: "x",
        visibility: "private",
        data: new Uint8Array([0, 0, 0]),
      })
      .returning();
    const [cv] = await db
      .insert(storedFiles)
      .values({
        eventId,
        kind: "attachment",
        contentType: "application/pdf",
        filename: "cv.pdf",
        size: 3,
        sha256: "x",
        visibility: "private",
        data: new Uint8Array([0, 0, 0]),
      })
      .returning();
    await db
      .update(participants)
      .set({ custom: sql`${participants.custom} || ${JSON.stringify({ cv: cv.id })}::jsonb` })
      .where(eq(participants.id, id));
    await db
      .update(participants)
      .set({
        idDocumentType: "passport",
        idDocumentNumberEnc: sealer.seal(`AB${id}`),
        idDocumentExpiry: "2030-01-01",
        birthDateEnc: sealer.seal("1980-05-05"),
        identityHash: `hash-${id}`,
        photoFileId: photo.id,
      })
      .where(eq(participants.id, id));
  }
});
afterAll(async () => {
  await app?.stop();
});

async function sealedData() {
  return app.services.db
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.eventId, eventId), isNotNull(participants.idDocumentNumberEnc)))
    .orderBy(asc(participants.id));
}

describe("retention date", () => {
  it("is set on the privacy page, not before the event's end, with a version check", async () => {
    const page = await (await officer.get(`/admin/e/${slug}/privacy`)).text();
    expect(page).toContain("2022-06-04"); // the suggestion: three months after the event
    const { version } = await event();
    const early = await officer.post(`/admin/e/${slug}/privacy`, { retentionDate: "2022-03-01", version: String(version) });
    expect(early.status).toBe(422);
    expect(await early.text()).toContain("2022-03-04");
    for (const retentionDate of ["2022-13-45", "2030-02-31", "next year"]) {
      const bad = await officer.post(`/admin/e/${slug}/privacy`, { retentionDate, version: String(version) });
      expect(bad.status, retentionDate).toBe(422);
    }
    const saved = await officer.post(`/admin/e/${slug}/privacy`, { retentionDate: "2030-01-31", version: String(version) });
    expect(saved.status).toBe(200);
    expect((await event()).retentionDate).toBe("2030-01-31");
    const stale = await officer.post(`/admin/e/${slug}/privacy`, { retentionDate: "2031-01-31", version: String(version) });
    expect(stale.status).toBe(409);
    expect((await event()).retentionDate).toBe("2030-01-31");
  });

  it("is closed to a programme editor", async () => {
    const editor = await staff(app, { email: "editor-privacy@example.org", role: "programme_editor", eventId });
    expect((await editor.get(`/admin/e/${slug}/privacy`)).status).toBe(403);
  });
});

describe("the scheduled purge", () => {
  it("leaves data alone before the retention date has passed", async () => {
    const before = (await sealedData()).length;
    expect(before).toBe(3);
    expect(await purgeExpiredPersonalData(app.services.db, new Date("2030-01-31T12:00:00Z"))).toEqual([]);
    expect((await sealedData()).length).toBe(before);
  });

  it("removes ID data and photos once the day has passed in the event's time zone, through pg-boss, once", async () => {
    const { version } = await event();
    await officer.post(`/admin/e/${slug}/privacy`, { retentionDate: "2022-06-04", version: String(version) });
    await app.services.jobs.runNow(queues.retentionPurge);
    const deadline = Date.now() + 20_000;
    while ((await sealedData()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await sealedData()).toEqual([]);
    const left = await app.services.db.select().from(participants).where(eq(participants.eventId, eventId));
    expect(left.every((p) => p.birthDateEnc === null && p.photoFileId === null && p.identityHash === null)).toBe(true);
    expect(left.map((p) => p.status)).toEqual(["pending", "pending", "pending", "pending"]); // names and statuses stay
    for (const p of left) expect(p.familyName).toMatch(/^Person /);
    expect(await app.services.db.$count(storedFiles, and(eq(storedFiles.eventId, eventId), eq(storedFiles.kind, "photo")))).toBe(0);
    expect(await app.services.db.$count(storedFiles, and(eq(storedFiles.eventId, eventId), eq(storedFiles.kind, "attachment")))).toBe(0);
    expect(left.some((p) => "cv" in p.custom)).toBe(false);
    expect(left.map((p) => p.custom).sort((a, b) => String(a.side_events).localeCompare(String(b.side_events)))).toEqual(
      [0, 1, 2, 3].map((i) => ({ side_events: `Side event ${i}` })),
    ); // other answers stay
    expect((await event()).personalDataPurgedAt).not.toBeNull();
    const audit = await app.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.eventId, eventId), eq(auditLog.action, "purge_personal_data")));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].after)).not.toMatch(/@/);
    // A second run finds nothing to do.
    expect(await purgeExpiredPersonalData(app.services.db, new Date())).toEqual([]);
  });
});
