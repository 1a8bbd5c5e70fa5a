import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDelegation, makeEvent, makeParticipant } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff, waitForMail } from "../../../test/staff.ts";
import { auditLog } from "../../access/schema.ts";
import type { EventRow } from "../../events/queries.ts";
import { createLink } from "../links/links.ts";
import { createSealer } from "../privacy/crypto.ts";
import { delegations, participants } from "../schema.ts";

let app: TestServer;
let event: EventRow;
let ownerId: number;
let officer: Staff;
let viewer: Staff;
let base: string;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  let owner: { id: number };
  ({ event, owner } = await makeEvent(app.services.db, { startDate: "2030-05-14", endDate: "2030-05-15" }));
  ownerId = owner.id;
  officer = await staff(app, { email: `officer-${event.slug}@example.org`, role: "accreditation_officer", eventId: event.id });
  viewer = await staff(app, { email: `viewer-${event.slug}@example.org`, role: "viewer", eventId: event.id });
  base = `/admin/e/${event.slug}/registrations`;
});
afterAll(async () => {
  await app?.stop();
});

const db = () => app.services.db;
const html = async (res: Response) => (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"');
const reload = async (p: { id: number }) => (await db().select().from(participants).where(eq(participants.id, p.id)))[0];
type Participant = Awaited<ReturnType<typeof reload>>;

/** The "record" form as the staff page sends it, from what is stored; `overrides` change some. */
const recordForm = (p: Participant, overrides: Record<string, string | Blob> = {}) => ({
  intent: "record",
  version: String(p.version),
  source: "paper_form",
  consentList: p.consentList ? "yes" : "no",
  lang: p.lang,
  nationality: p.nationality ?? "",
  idDocumentType: p.idDocumentType ?? "",
  idDocumentNumber: "",
  idDocumentExpiry: p.idDocumentExpiry ?? "",
  birthDate: "",
  ...overrides,
});

const lastAudit = async (p: { id: number }) =>
  (
    await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "participant"), eq(auditLog.entityId, String(p.id))))
      .orderBy(desc(auditLog.id))
      .limit(1)
  )[0];

describe("recording on the staff page what a participant sent on paper", () => {
  it("was a dead end: consent given on paper now puts the person in the public list, audited with its source, and they are told", async () => {
    const p = await makeParticipant(db(), event, ownerId, { familyName: "Paperconsent (fictional)" }, { status: "approved" });
    expect(p.consentList).toBe(false);
    const list = `/en/e/${event.slug}/participants`;
    expect(await html(await app.fetch(list))).not.toContain("Paperconsent (fictional)");

    const page = await html(await officer.get(`${base}/${p.id}`));
    expect(page).toContain("Record details received from the participant");
    expect(page).toContain("How it reached us");

    const res = await officer.post(`${base}/${p.id}`, recordForm(p, { consentList: "yes" }));
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("Recorded. The participant is told by email.");
    expect(await reload(p)).toMatchObject({ consentList: true, version: p.version + 1 });
    expect(await lastAudit(p)).toMatchObject({
      actorId: officer.userId,
      before: { consentList: false },
      after: { consentList: true, source: "paper_form", by: "staff" },
    });
    // End to end: the public page, as anyone reads it, now lists the person.
    expect(await html(await app.fetch(list))).toContain("Paperconsent (fictional)");
    const mail = await waitForMail(app, p.email, /registration details were updated/);
    expect(mail.text).toContain("as received on a paper form");
    expect(mail.text).toContain("- You appear in the public list of participants.");
    expect(mail.text).toMatch(/\/en\/e\/[\w-]+\/my\/[\w-]+/);
  });

  it("changes the language of the person's emails, and tells them in the new language", async () => {
    const p = await makeParticipant(db(), event, ownerId);
    const res = await officer.post(`${base}/${p.id}`, recordForm(p, { lang: "ru", source: "phone" }));
    expect(res.status).toBe(200);
    expect((await reload(p)).lang).toBe("ru");
    expect(await lastAudit(p)).toMatchObject({ before: { lang: "en" }, after: { lang: "ru", source: "phone" } });
    const mail = await waitForMail(app, p.email, /данные вашей регистрации обновлены/);
    expect(mail.text).toContain("полученные по телефону");
    expect(mail.text).toContain("Язык ваших писем: Русский");
  });

  it("seals identity details and records a photo; the audit says they changed, never what they are", async () => {
    const p = await makeParticipant(db(), event, ownerId);
    const photo = new File([pngOfSize(600, 800)], "scan.png", { type: "image/png" });
    const res = await officer.post(
      `${base}/${p.id}`,
      recordForm(p, {
        source: "in_person",
        nationality: "kz",
        idDocumentType: "passport",
        idDocumentNumber: "n 7654321",
        idDocumentExpiry: "2031-01-01",
        birthDate: "1975-03-02",
        photo,
      }),
    );
    expect(res.status).toBe(200);
    const saved = await reload(p);
    expect(saved).toMatchObject({ nationality: "KZ", idDocumentType: "passport", idDocumentExpiry: "2031-01-01" });
    expect(createSealer(app.services.secret).open(saved.idDocumentNumberEnc!)).toBe("N7654321");
    expect(createSealer(app.services.secret).open(saved.birthDateEnc!)).toBe("1975-03-02");
    expect(saved.photoFileId).not.toBeNull();
    expect((await officer.get(`${base}/${p.id}/photo`)).status).toBe(200);
    const audit = await lastAudit(p);
    expect(audit.after).toMatchObject({ idDocumentNumber: "changed", birthDate: "changed", source: "in_person" });
    expect(JSON.stringify(audit)).not.toContain("7654321");
    expect(JSON.stringify(audit)).not.toContain("1975-03-02");
    // Saved again as shown (number and birth date left empty): nothing changes, nothing is sent.
    const again = await officer.post(`${base}/${p.id}`, recordForm(saved));
    expect(await html(again)).toContain("Nothing changed");
    expect((await reload(p)).version).toBe(saved.version);
  });

  it.each([
    ["no source", { source: "" }, "Say how the details reached you."],
    ["an unknown source", { source: "carrier pigeon" }, "Say how the details reached you."],
    ["a language the interface does not speak", { lang: "de" }, "Choose one of the languages offered"],
    ["a consent that is neither yes nor no", { consentList: "maybe" }, "This value is not valid."],
    ["a malformed birth date", { birthDate: "31.12.1990" }, "Enter a date as YYYY-MM-DD."],
    ["a birth date before 1900", { birthDate: "1800-01-01" }, "Enter a date as YYYY-MM-DD."],
    ["a malformed ID number", { idDocumentNumber: "№ 12" }, ""],
    ["a photo too small", { photo: new File([pngOfSize(100, 100)], "tiny.png", { type: "image/png" }) }, "at least 300 × 300 pixels"],
  ])("refuses %s with 422, a clear message, and changes nothing", async (_what, overrides, message) => {
    const p = await makeParticipant(db(), event, ownerId);
    const res = await officer.post(`${base}/${p.id}`, recordForm(p, { consentList: "yes", ...overrides }));
    expect(res.status).toBe(422);
    if (message) expect(await html(res)).toContain(message);
    expect(await reload(p)).toEqual(p);
  });

  it("refuses a stale form (a record or a status change) with 409, and another event's participant with 404", async () => {
    const p = await makeParticipant(db(), event, ownerId);
    expect((await officer.post(`${base}/${p.id}`, recordForm(p, { consentList: "yes" }))).status).toBe(200);
    const stale = await officer.post(`${base}/${p.id}`, recordForm(p, { lang: "fr" }));
    expect(stale.status).toBe(409);
    expect((await reload(p)).lang).toBe("en");
    // The status form of the same page, read before the record, is refused too: it never says "changed".
    const approval = await officer.post(`${base}/${p.id}`, { intent: "status", status: "approved", version: String(p.version) });
    expect(approval.status).toBe(409);
    expect(await html(approval)).not.toContain("The status is changed.");
    expect((await reload(p)).status).toBe(p.status);

    const other = await makeEvent(db());
    const foreign = await makeParticipant(db(), other.event, other.owner.id);
    expect((await officer.post(`${base}/${foreign.id}`, recordForm(foreign, { consentList: "yes" }))).status).toBe(404);
    expect((await reload(foreign)).consentList).toBe(false);
  });

  it("speaks the staff member's language, and the new email can be reworded like the others", async () => {
    const p = await makeParticipant(db(), event, ownerId);
    const page = await html(await officer.get(`${base}/${p.id}?lang=ru`));
    expect(page).toContain("Внести сведения, полученные от участника");
    expect(page).toContain("Бумажный бланк");
    const refused = await officer.post(`${base}/${p.id}?lang=ru`, recordForm(p, { source: "" }));
    expect(refused.status).toBe(422);
    expect(await html(refused)).toContain("Укажите, каким образом получены эти сведения.");
    const templates = await html(await officer.get(`/admin/e/${event.slug}/mail-templates?kind=detailsRecorded`));
    expect(templates).toContain("Details recorded by the secretariat");
    expect(templates).toContain("{changes}");
    expect(templates).toContain("{source}");
  });

  it("is refused to staff without access to registrations", async () => {
    const p = await makeParticipant(db(), event, ownerId);
    expect((await viewer.post(`${base}/${p.id}`, recordForm(p, { consentList: "yes" }))).status).toBe(403);
    expect((await reload(p)).consentList).toBe(false);
  });
});

describe("reopening a participant's own page after the deadline", () => {
  it("was a dead end: a closed page opens for a set time, audited, and closes again after it", async () => {
    const d = await makeDelegation(db(), event, ownerId);
    const p = await makeParticipant(db(), event, ownerId, { delegation: d.name.en });
    expect(p.delegationId).toBe(d.id);
    await db()
      .update(delegations)
      .set({ deadline: new Date(Date.now() - 86_400_000) })
      .where(eq(delegations.id, d.id));
    const token = await createLink(db(), { eventId: event.id, purpose: "participant", participantId: p.id, expiresAt: new Date(Date.now() + 86_400_000) });
    const own = `/en/e/${event.slug}/my/${token}`;
    const saveOwn = async (position: string) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ position, lang: "en", version: String((await reload(p)).version) })) form.set(k, v);
      return app.fetch(own, { method: "POST", body: form });
    };
    expect((await saveOwn("Adviser")).status).toBe(403);
    expect(await html(await officer.get(`${base}/${p.id}`))).toContain("The participant's page closed on");

    const until = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const res = await officer.post(`${base}/${p.id}`, { intent: "reopen", until: `${until}T18:00`, version: String(p.version) });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("The participant's page is open until");
    const reopened = await reload(p);
    expect(reopened.reopenedUntil?.toISOString()).toBe(`${until}T13:00:00.000Z`); // 18:00 in Tashkent
    expect(await lastAudit(p)).toMatchObject({ actorId: officer.userId, before: { reopenedUntil: null } });
    expect(await html(await app.fetch(own))).toContain("You can change these details until");
    expect((await saveOwn("Adviser")).status).toBe(200);
    expect((await reload(p)).position).toBe("Adviser");

    // When the reopening runs out, the page is closed again.
    await db()
      .update(participants)
      .set({ reopenedUntil: new Date(Date.now() - 1000) })
      .where(eq(participants.id, p.id));
    expect((await saveOwn("Minister")).status).toBe(403);

    // Staff may also close it again at once.
    const current = await reload(p);
    const closed = await officer.post(`${base}/${p.id}`, { intent: "close", version: String(current.version) });
    expect(closed.status).toBe(200);
    expect((await reload(p)).reopenedUntil).toBeNull();
  });

  it.each([
    ["a time in the past", "2020-01-01T10:00", "Choose a time in the future."],
    ["a time too far ahead", "2031-01-01T10:00", "Reopen the page for at most 90 days."],
    ["a malformed time", "tomorrow", "Enter a date and time as YYYY-MM-DD HH:MM."],
    ["no time", "", "This field is required."],
  ])("refuses %s with 422 and changes nothing", async (_what, until, message) => {
    const p = await makeParticipant(db(), event, ownerId);
    const res = await officer.post(`${base}/${p.id}`, { intent: "reopen", until, version: String(p.version) });
    expect(res.status).toBe(422);
    expect(await html(res)).toContain(message);
    expect(await reload(p)).toEqual(p);
  });

  it("refuses a stale version with 409, another event's participant with 404, and a viewer with 403", async () => {
    const p = await makeParticipant(db(), event, ownerId);
    const until = `${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}T18:00`;
    expect((await officer.post(`${base}/${p.id}`, { intent: "reopen", until, version: String(p.version + 1) })).status).toBe(409);
    const other = await makeEvent(db());
    const foreign = await makeParticipant(db(), other.event, other.owner.id);
    expect((await officer.post(`${base}/${foreign.id}`, { intent: "reopen", until, version: String(foreign.version) })).status).toBe(404);
    expect((await viewer.post(`${base}/${p.id}`, { intent: "reopen", until, version: String(p.version) })).status).toBe(403);
    expect(await reload(p)).toEqual(p);
    expect(await reload(foreign)).toEqual(foreign);
  });
});

/** A PNG header of the given size: enough for the type and size checks, which never decode pixels. */
function pngOfSize(width: number, height: number) {
  const bytes = Buffer.alloc(57);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write("IHDR", 12, "latin1");
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.set([8, 2, 0, 0, 0], 24);
  bytes.writeUInt32BE(0, 33);
  bytes.write("IEND", 37, "latin1");
  return new Uint8Array(bytes);
}
