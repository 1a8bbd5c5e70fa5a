import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../../db/index.ts";
import { scratchDatabase } from "../../../test/database.ts";
import { categoryOf, makeCategory, makeEvent, makeFormField, makeParticipant } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff, waitForMail } from "../../../test/staff.ts";
import { auditLog, users } from "../../access/schema.ts";
import type { EventRow } from "../../events/queries.ts";
import { events } from "../../events/schema.ts";
import { mailOutbox } from "../../mail/schema.ts";
import { createLink } from "../links/links.ts";
import { accessLinks, categories, formFields, participants, type RegistrationStatus } from "../schema.ts";
import { newReminderBatch, sendReminders } from "./send-reminders.ts";

let app: TestServer;
let event: EventRow;
let eventId: number;
let ownerId: number;
let officer: Staff;
let base: string;
let queue: string;
const db = () => app.services.db;
const html = async (res: Response) => (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"');

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const made = await makeEvent(db(), { languages: ["en", "ru", "uz"], timezone: "Asia/Tashkent" });
  ({ event } = made);
  eventId = event.id;
  ownerId = made.owner.id;
  base = `/admin/e/${event.slug}`;
  queue = `${base}/registrations`;
  officer = await staff(app, { email: "officer@example.org", role: "accreditation_officer", eventId });
});
afterAll(async () => {
  await app?.stop();
});

/** An expert of the event, writing in `lang`; `details` are more of the import's columns (organisation, position…). */
const person = (
  key: string,
  lang: "en" | "ru" | "uz",
  status: RegistrationStatus = "pending",
  details: Record<string, string> = {},
  custom?: Record<string, unknown>,
) =>
  makeParticipant(
    db(),
    event,
    ownerId,
    { category: "expert", givenName: `Given-${key}`, familyName: `Family-${key} (fictional)`, email: `${key}@example.org`, lang, ...details },
    { status, custom },
  );

/** The batch of the reminder form as the queue renders it now. */
async function renderedBatch() {
  const page = await html(await officer.get(queue));
  return /name="batch" value="([\w-]+)"/.exec(page)![1];
}

const remind = (fields: Record<string, string | string[]>, who: Staff = officer) => who.post(queue, { intent: "remind", ...fields });
const items = (...people: { id: number; version: number }[]) => people.map((p) => `${p.id}:${p.version}`);
const reminderRows = (ids: number[]) =>
  db()
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.eventId, eventId), eq(mailOutbox.kind, "reminder"), inArray(mailOutbox.participantId, ids)))
    .orderBy(asc(mailOutbox.id));

describe("reminders from the review queue", () => {
  it("reminds the selected people once, even when the form is posted twice", async () => {
    const people = [await person("rem-ru", "ru"), await person("rem-en", "en"), await person("rem-uz", "uz")];
    const batch = await renderedBatch();
    const first = await remind({ batch, "items[]": items(...people) });
    expect(first.status).toBe(200);
    expect(await html(first)).toContain("Reminders are on their way to 3 people.");
    const second = await remind({ batch, "items[]": items(...people) });
    expect(second.status).toBe(200);
    const again = await html(second);
    expect(again).toContain("No reminder was sent.");
    expect(again).toContain("3 people had already been sent this reminder: it was not sent again.");
    expect(await reminderRows(people.map((p) => p.id))).toHaveLength(3);

    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.eventId, eventId), eq(auditLog.entity, "reminder")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "create", actorId: officer.userId, entityId: batch, after: { audience: "selected", count: 3 } });

    const russian = await waitForMail(app, "rem-ru@example.org", /проверьте, пожалуйста, свою регистрацию/);
    expect(russian.text).toContain("Уважаемый(ая) Given-rem-ru Family-rem-ru (fictional)!");
    expect(russian.text).toContain("(Asia/Tashkent)");
    const link = new RegExp(String.raw`http://\S+/ru/e/${event.slug}/my/[\w-]+`).exec(russian.text)![0];
    const portal = await app.fetch(new URL(link).pathname);
    expect(portal.status).toBe(200);
    expect(await portal.text()).toContain("Given-rem-ru");
    expect((await waitForMail(app, "rem-en@example.org", /please check your registration/)).text).toContain("Dear Given-rem-en Family-rem-en (fictional),");
  });

  it("sends again from a freshly rendered page, and leaves closed registrations out", async () => {
    const pending = await person("rem-again", "en");
    const rejected = await person("rem-rejected", "en", "rejected");
    const res = await remind({ batch: await renderedBatch(), "items[]": items(pending, rejected) });
    expect(res.status).toBe(200);
    const body = await html(res);
    expect(body).toContain("A reminder is on its way to 1 person.");
    expect(body).toContain("1 selected person was not reminded: their registration is closed.");
    expect(await reminderRows([rejected.id])).toEqual([]);
    expect((await remind({ batch: await renderedBatch(), "items[]": items(pending) })).status).toBe(200);
    expect(await reminderRows([pending.id])).toHaveLength(2);
  });

  it("uses the organisers' wording of the reminder", async () => {
    const saved = await officer.post(`${base}/mail-templates?kind=reminder`, {
      intent: "save",
      kind: "reminder",
      version: "0",
      "subject.uz": "Eslatma: {event}",
      "body.uz": "Hurmatli {name}, {deadline} gacha toʻldiring: {link}",
    });
    expect(saved.status).toBe(200);
    const uzbek = await person("rem-uz-own", "uz");
    expect((await remind({ batch: await renderedBatch(), "items[]": items(uzbek) })).status).toBe(200);
    const mail = await waitForMail(app, "rem-uz-own@example.org", /^Eslatma: /);
    expect(mail.text).toMatch(
      new RegExp(
        String.raw`^Hurmatli Given-rem-uz-own Family-rem-uz-own \(fictional\), .+ \(Asia/Tashkent\) gacha toʻldiring: http://\S+/uz/e/${event.slug}/my/[\w-]+`,
      ),
    );
  });

  it("reminds everyone pending, or everyone with details missing", async () => {
    const [{ pending }] = await db()
      .select({ pending: sql<number>`count(*)::int` })
      .from(participants)
      .where(and(eq(participants.eventId, eventId), eq(participants.status, "pending")));
    // Those the tests above added and left pending: rem-ru, rem-en, rem-uz, rem-again and rem-uz-own.
    expect(pending).toBe(5);
    expect(await html(await officer.get(queue))).toContain(`Remind everyone pending (${pending})`);
    const res = await remind({ batch: await renderedBatch(), audience: "pending" });
    expect(await html(res)).toContain(`Reminders are on their way to ${pending} people.`);

    const complete = await person("rem-complete", "en", "approved", { position: "Analyst", organisation: "Institute (fictional)" });
    const incomplete = await person("rem-incomplete", "en", "approved");
    const batch = await renderedBatch();
    expect((await remind({ batch, audience: "incomplete" })).status).toBe(200);
    const rows = await db()
      .select({ participantId: mailOutbox.participantId })
      .from(mailOutbox)
      .where(sql`${mailOutbox.idempotencyKey} like ${`registration:reminder:${batch}:%`}`);
    expect(rows.map((r) => r.participantId)).toContain(incomplete.id);
    expect(rows.map((r) => r.participantId)).not.toContain(complete.id);
  });

  it("reminds, as incomplete, people whose only missing detail is a required answer asked of their category", async () => {
    // A category without standard requirements: only the event's own questions can leave it incomplete.
    const guest = await makeCategory(db(), event, ownerId, { code: "rem_guest", name: "Guest" });
    expect(guest.requiredFields).toEqual([]);
    const media = await categoryOf(db(), event, "media");
    const questions = [
      await makeFormField(db(), event, ownerId, { key: "rem_hotel", type: "text", required: true, categoryIds: [guest.id], label: "Hotel" }),
      await makeFormField(db(), event, ownerId, { key: "rem_press_card", type: "text", required: true, categoryIds: [media.id], label: "Press card" }),
      await makeFormField(db(), event, ownerId, { key: "rem_note", type: "text", label: "Note" }),
    ];
    try {
      const guestOf = (key: string, custom: Record<string, unknown>) =>
        makeParticipant(
          db(),
          event,
          ownerId,
          { category: "rem_guest", givenName: `Given-${key}`, familyName: `Family-${key} (fictional)`, email: `${key}@example.org`, lang: "en" },
          { status: "approved", custom },
        );
      const unanswered = await guestOf("rem-no-hotel", { rem_note: "Late" });
      const answered = await guestOf("rem-hotel", { rem_hotel: "Hotel Chorsu (fictional)" });
      expect([unanswered.custom, answered.custom]).toEqual([{ rem_note: "Late" }, { rem_hotel: "Hotel Chorsu (fictional)" }]);
      // The expert answered everything of theirs: the media question is not theirs, the note is optional.
      const expert = await person("rem-expert-done", "en", "approved", { position: "Analyst", organisation: "Institute (fictional)" });

      const batch = await renderedBatch();
      expect((await remind({ batch, audience: "incomplete" })).status).toBe(200);
      const reminded = (
        await db()
          .select({ participantId: mailOutbox.participantId })
          .from(mailOutbox)
          .where(sql`${mailOutbox.idempotencyKey} like ${`registration:reminder:${batch}:%`}`)
      ).map((r) => r.participantId);
      expect(reminded).toContain(unanswered.id);
      expect(reminded).not.toContain(answered.id);
      expect(reminded).not.toContain(expert.id);
      // Their own page says the same.
      const token = await createLink(db(), { eventId, purpose: "participant", participantId: unanswered.id, expiresAt: new Date("2030-01-01T00:00:00Z") });
      const page = await html(await app.fetch(`/en/e/${event.slug}/my/${token}`));
      expect(page).toContain("<li>Hotel</li>");
    } finally {
      await db()
        .delete(formFields)
        .where(
          inArray(
            formFields.id,
            questions.map((q) => q.id),
          ),
        );
    }
  });

  it("refuses an empty selection, and refuses those who may not review", async () => {
    const res = await remind({ batch: await renderedBatch() });
    expect(res.status).toBe(422);
    expect(await html(res)).toContain("Select at least one registration.");
    const target = await person("rem-refused", "en");
    for (const role of ["viewer", "programme_editor"] as const) {
      const who = await staff(app, { email: `${role}@example.org`, role, eventId });
      expect((await remind({ batch: newReminderBatch(), "items[]": items(target) }, who)).status).toBe(403);
    }
    expect(await reminderRows([target.id])).toEqual([]);
  });
});

describe("a reminder to 10,000 people", () => {
  let database: Database;
  let drop = async () => {};

  beforeAll(async () => {
    const scratch = await scratchDatabase("plenary_reminders");
    database = await openDatabase({ url: scratch?.url });
    drop = async () => {
      await scratch?.drop();
    };
  });
  afterAll(async () => {
    await database?.close();
    await drop();
  });

  it("is queued in one transaction of batched inserts, quickly, and only once", async () => {
    const { db } = database;
    const [user] = await db.insert(users).values({ email: "bulk@example.org", name: "bulk", isAdmin: true }).returning();
    const [event] = await db
      .insert(events)
      .values({
        slug: "bulk-event",
        title: { en: "Bulk event (test)" },
        startDate: "2030-05-01",
        endDate: "2030-05-02",
        timezone: "Europe/Vienna",
        languages: ["en"],
      })
      .returning();
    const [category] = await db
      .insert(categories)
      .values({ eventId: event.id, code: "delegate", name: { en: "Delegate" }, colour: "#1f4e79", letter: "D" })
      .returning();
    for (let i = 0; i < 10_000; i += 1000) {
      await db.insert(participants).values(
        Array.from({ length: 1000 }, (_, j) => ({
          eventId: event.id,
          categoryId: category.id,
          givenName: `Given${i + j}`,
          familyName: "Bulk (fictional)",
          email: `bulk${i + j}@example.org`,
          lang: "en",
        })),
      );
    }
    const ctx = { db, actor: { userId: user.id, isAdmin: true, role: null, sideEventIds: [] }, now: new Date(), publicUrl: "http://localhost" };
    const batch = newReminderBatch();

    const started = performance.now();
    const outcome = await sendReminders(ctx, event, { audience: "pending", batch });
    const took = performance.now() - started;
    expect(outcome).toEqual({ queued: 10_000, alreadyQueued: 0, closed: 0 });
    expect(took).toBeLessThan(30_000);

    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox).where(eq(mailOutbox.eventId, event.id));
    expect(n).toBe(10_000);
    const [{ links }] = await db.select({ links: sql<number>`count(*)::int` }).from(accessLinks).where(eq(accessLinks.eventId, event.id));
    expect(links).toBe(10_000);
    expect(await db.select().from(auditLog).where(eq(auditLog.eventId, event.id))).toHaveLength(1);

    expect(await sendReminders(ctx, event, { audience: "pending", batch })).toEqual({ queued: 0, alreadyQueued: 10_000, closed: 0 });
    const [{ again }] = await db.select({ again: sql<number>`count(*)::int` }).from(mailOutbox).where(eq(mailOutbox.eventId, event.id));
    expect(again).toBe(10_000);
  });
});
