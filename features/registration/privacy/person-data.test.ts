import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeParticipant } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff, waitForMail } from "../../../test/staff.ts";
import { auditLog } from "../../access/schema.ts";
import { storedFiles } from "../../files/schema.ts";
import { mailOutbox } from "../../mail/schema.ts";
import { accessLinks, invitations, participants } from "../schema.ts";
import { createSealer } from "./crypto.ts";

let slug: string;
let app: TestServer;
let eventId: number;
let officer: Staff;
let person: typeof participants.$inferSelect;
/** Someone else of the same event, whom nothing here may touch. */
let bystander: typeof participants.$inferSelect;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const { event, owner } = await makeEvent(app.services.db);
  ({ slug } = event);
  eventId = event.id;
  officer = await staff(app, { email: "dpo@example.org", role: "accreditation_officer", eventId });
  // A pending person with a passport and a photo (as their own page stores them, sealed), approved so that an email is written to them.
  person = await makeParticipant(app.services.db, event, owner.id, { givenName: "Dana", familyName: "Private (fictional)", email: "dana.private@example.org" });
  bystander = await makeParticipant(app.services.db, event, owner.id, {
    givenName: "Other",
    familyName: "Bystander (fictional)",
    email: "other.bystander@example.org",
  });
  const sealer = createSealer(app.services.secret);
  const [photo] = await app.services.db
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
  [person] = await app.services.db
    .update(participants)
    .set({ idDocumentType: "passport", idDocumentNumberEnc: sealer.seal("N1234567"), birthDateEnc: sealer.seal("1979-02-03"), photoFileId: photo.id })
    .where(eq(participants.id, person.id))
    .returning();
  const res = await officer.post(`/admin/e/${slug}/registrations?index`, { status: "approved", items: `${person.id}:${person.version}` });
  expect(res.status).toBeLessThan(400);
  await waitForMail(app, person.email);
});
afterAll(async () => {
  await app?.stop();
});

describe("a copy of a person's data", () => {
  it("holds the registration with ID data opened, files, emails and history, and is audited", async () => {
    const res = await officer.get(`/admin/e/${slug}/registrations/${person.id}/data.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const data = await res.json();
    expect(data.registration).toMatchObject({ id: person.id, email: person.email, idDocumentNumber: "N1234567", birthDate: "1979-02-03" });
    expect(data.registration).not.toHaveProperty("idDocumentNumberEnc");
    expect(data.files).toHaveLength(1);
    // The approval; its being added and approved.
    expect(data.emails).toHaveLength(1);
    expect(data.history.length).toBeGreaterThanOrEqual(2);
    const page = await (await officer.get(`/admin/e/${slug}/registrations/${person.id}`)).text();
    expect(page).toContain(`/registrations/${person.id}/data.json`);
    expect(page).toContain(`/registrations/${person.id}/erase`);
    const audit = await app.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(person.id)), eq(auditLog.action, "export_personal_data")));
    expect(audit).toHaveLength(1);
  });

  it("is refused to staff who may not read personal data, and to another event's ids", async () => {
    const viewer = await staff(app, { email: "viewer-dpo@example.org", role: "viewer", eventId });
    expect((await viewer.get(`/admin/e/${slug}/registrations/${person.id}/data.json`)).status).toBe(403);
    expect((await officer.get(`/admin/e/${slug}/registrations/99999999/data.json`)).status).toBe(404);
    expect((await officer.get(`/admin/e/${slug}/registrations/abc/data.json`)).status).toBe(404);
  });
});

describe("erasing a person", () => {
  it("asks for the person's email, and erases nothing on a mismatch", async () => {
    const page = await (await officer.get(`/admin/e/${slug}/registrations/${person.id}/erase`)).text();
    expect(page).toContain(person.email);
    const wrong = await officer.post(`/admin/e/${slug}/registrations/${person.id}/erase`, { confirm: "someone@example.org" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("nothing was erased");
    expect(await app.services.db.$count(participants, eq(participants.id, person.id))).toBe(1);
  });

  it("is refused to a viewer", async () => {
    const viewer = await staff(app, { email: "viewer-dpo@example.org" });
    expect((await viewer.post(`/admin/e/${slug}/registrations/${person.id}/erase`, { confirm: person.email })).status).toBe(403);
  });

  it("removes the registration, files, links, emails and personal values in the audit log; one audit row remains", async () => {
    // What an older instance and earlier changes left: an invitation and its audit entry, a registration merged
    // into this one (its history), and a message queued before messages carried their event.
    const db0 = app.services.db;
    const [invitation] = await db0
      .insert(invitations)
      .values({ eventId, email: person.email, givenName: person.givenName, familyName: person.familyName, categoryId: person.categoryId })
      .returning();
    await db0.insert(auditLog).values([
      { eventId, actorId: null, entity: "invitation", entityId: String(invitation.id), action: "create", after: { email: person.email } },
      { eventId, actorId: null, entity: "participant", entityId: "987654", action: "create", after: { email: person.email, familyName: person.familyName } },
      { eventId, actorId: null, entity: "participant", entityId: String(person.id), action: "update", after: { mergedFrom: 987654, filled: ["phone"] } },
    ]);
    await db0.insert(mailOutbox).values({
      idempotencyKey: `registration:received:old-${person.id}`,
      messageId: "<old@example.org>",
      to: person.email,
      subject: "Old",
      text: `Your page: http://localhost/en/e/${slug}/my/abc`,
      lang: "en",
      status: "sent",
    });
    const res = await officer.post(`/admin/e/${slug}/registrations/${person.id}/erase`, { confirm: person.email.toUpperCase() });
    expect(res.status).toBe(302);
    const db = app.services.db;
    expect(await db.$count(participants, eq(participants.id, person.id))).toBe(0);
    expect(await db.$count(storedFiles, eq(storedFiles.id, person.photoFileId!))).toBe(0);
    expect(await db.$count(accessLinks, eq(accessLinks.participantId, person.id))).toBe(0);
    expect(await db.$count(mailOutbox, eq(mailOutbox.to, person.email))).toBe(0);
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "participant"), eq(auditLog.entityId, String(person.id))));
    const everything = await db.select().from(auditLog).where(eq(auditLog.eventId, eventId));
    expect(JSON.stringify(everything)).not.toContain(person.email);
    expect(await db.$count(invitations, eq(invitations.email, person.email))).toBe(0);
    expect(JSON.stringify(entries)).not.toContain(person.familyName);
    expect(entries.filter((e) => e.action === "erase")).toHaveLength(1);
    expect((await officer.get(`/admin/e/${slug}/registrations/${person.id}`)).status).toBe(404);
    expect(await db.select().from(participants).where(eq(participants.id, bystander.id))).toEqual([bystander]);
  });
});
