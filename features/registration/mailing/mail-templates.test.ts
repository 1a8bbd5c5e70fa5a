import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeParticipant } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff, waitForMail } from "../../../test/staff.ts";
import { auditLog, users } from "../../access/schema.ts";
import type { EventRow } from "../../events/queries.ts";
import { mailOutbox } from "../../mail/schema.ts";
import { mailTemplates } from "../schema.ts";
import { fillPlaceholders } from "./mail-templates.ts";

let app: TestServer;
let event: EventRow;
let eventId: number;
let ownerId: number;
let officer: Staff;
let base: string;
let page: string;
const db = () => app.services.db;
const html = async (res: Response) => (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const made = await makeEvent(db(), { languages: ["en", "ru", "uz"], timezone: "Asia/Tashkent" });
  ({ event } = made);
  eventId = event.id;
  ownerId = made.owner.id;
  base = `/admin/e/${event.slug}`;
  page = `${base}/mail-templates`;
  officer = await staff(app, { email: "officer@example.org", role: "accreditation_officer", eventId });
});
afterAll(async () => {
  await app?.stop();
});

/** A pending registration in the Expert category (no capacity), added as staff add one. */
const pendingPerson = (key: string, lang: "en" | "ru" | "uz") =>
  makeParticipant(db(), event, ownerId, {
    category: "expert",
    givenName: `Given-${key}`,
    familyName: `Family-${key} (fictional)`,
    email: `${key}@example.org`,
    lang,
  });

const approve = (...people: { id: number; version: number }[]) =>
  officer.post(`${base}/registrations`, { status: "approved", "items[]": people.map((p) => `${p.id}:${p.version}`) });

const russianApproved = {
  intent: "save",
  kind: "approved",
  version: "0",
  "subject.ru": "Подтверждение участия: {event}",
  "body.ru": "Здравствуйте, {name}!\n\nВаше участие подтверждено. Изменения принимаются до {deadline}. {Фигурная скобка { остаётся.\n\n{link}",
};

describe("placeholders", () => {
  it("replaces known names once, and leaves anything else as typed", () => {
    const values = { name: "Ann {link}", link: "https://example.org/x" };
    expect(fillPlaceholders("Dear {name}: {link} {unknown} { name } {", values)).toBe("Dear Ann {link}: https://example.org/x {unknown} { name } {");
  });
});

describe("the email templates page", () => {
  it("lists every kind, and shows the built-in text of one with its placeholders and a preview", async () => {
    const list = await html(await officer.get(page));
    for (const name of ["Registration approved", "Reminder", "Invitation to a focal point"]) expect(list).toContain(name);
    const approved = await html(await officer.get(`${page}?kind=approved`));
    expect(approved).toContain("Your participation in {event} is confirmed"); // the placeholder of an empty subject
    expect(approved).toContain("<code>{deadline}</code>");
    expect(approved).toContain("Dear Alex Sample,"); // the preview, for a made-up person
    expect(approved).toContain(`/en/e/${event.slug}/my/EXAMPLE`);
    expect((await officer.get(`${page}?kind=nonsense`)).status).toBe(404);
  });

  it("previews typed text without saving it", async () => {
    const res = await officer.post(`${page}?kind=approved`, { ...russianApproved, intent: "preview" });
    expect(res.status).toBe(200);
    const body = await html(res);
    expect(body).toContain("Preview of what you typed (not saved)");
    expect(body).toContain("Здравствуйте, Алекс Образцов!");
    expect(await db().select().from(mailTemplates).where(eq(mailTemplates.eventId, eventId))).toEqual([]);
  });

  it("uses the organisers' Russian wording for a Russian reader, and the built-in text for an English one", async () => {
    const res = await officer.post(`${page}?kind=approved`, russianApproved);
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("The wording is saved");
    const [saved] = await db()
      .select()
      .from(mailTemplates)
      .where(and(eq(mailTemplates.eventId, eventId), eq(mailTemplates.kind, "approved")));
    expect(saved).toMatchObject({ version: 1, subject: { ru: "Подтверждение участия: {event}" } });
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "mail_template"), eq(auditLog.entityId, String(saved.id))));
    expect(audit).toMatchObject({ action: "create", actorId: officer.userId });
    expect(await html(await officer.get(page))).toContain("Own wording: Русский");

    const russian = await pendingPerson("tpl-ru", "ru");
    const english = await pendingPerson("tpl-en", "en");
    expect((await approve(russian, english)).status).toBe(200);
    const ru = await waitForMail(app, "tpl-ru@example.org");
    expect(ru.subject).toBe(`Подтверждение участия: ${event.title.ru}`);
    expect(ru.text).toContain("Здравствуйте, Given-tpl-ru Family-tpl-ru (fictional)!");
    expect(ru.text).toContain("(Asia/Tashkent)");
    expect(ru.text).toContain("{Фигурная скобка { остаётся.");
    expect(ru.text).toMatch(new RegExp(String.raw`/ru/e/${event.slug}/my/[\w-]{20,}`));
    const en = await waitForMail(app, "tpl-en@example.org");
    expect(en.subject).toBe(`Your participation in ${event.title.en} is confirmed`);
    expect(en.text).toContain("Dear Given-tpl-en Family-tpl-en (fictional),");
  });

  it("refuses a stale save with 409 and keeps the newer wording", async () => {
    const res = await officer.post(page, { ...russianApproved, "subject.ru": "Устаревшая тема {event}" });
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("Someone else saved this while you were editing.");
    const [row] = await db()
      .select()
      .from(mailTemplates)
      .where(and(eq(mailTemplates.eventId, eventId), eq(mailTemplates.kind, "approved")));
    expect(row).toMatchObject({ version: 1, subject: { ru: "Подтверждение участия: {event}" } });
  });

  it.each([
    ["a subject over 200 characters", { "subject.ru": "Т".repeat(201) }, "The subject can be at most 200 characters."],
    ["a subject of two lines", { "subject.ru": "Первая строка\nвторая строка" }, "The subject must fit on one line."],
    ["a body over 10,000 characters", { "body.ru": `{link} ${"т".repeat(10_000)}` }, "The text can be at most 10,000 characters."],
    ["a body without the link", { "body.ru": "Здравствуйте, {name}!" }, "The text must contain {link}: it is the reader's personal link."],
    [
      "an unknown placeholder",
      { "body.ru": "{name}, {имя} {ссылка}: {link}" },
      "Unknown placeholder: {имя}, {ссылка}. The placeholders of this email are {name}, {event}, {link}, {reason}, {deadline}.",
    ],
    ["a subject without a body", { "body.ru": "" }, "Write the text in this language too, or leave its subject empty."],
    ["a language the event does not have", { "subject.fr": "Sujet {event}", "body.fr": "{link}" }, "This language is not one of the event's languages."],
  ])("refuses %s with 422 and a clear message, and saves nothing", async (_what, fields, message) => {
    const res = await officer.post(`${page}?kind=received`, { ...russianApproved, kind: "received", ...fields });
    expect(res.status).toBe(422);
    expect(await html(res)).toContain(message);
    expect(
      await db()
        .select()
        .from(mailTemplates)
        .where(and(eq(mailTemplates.eventId, eventId), eq(mailTemplates.kind, "received"))),
    ).toEqual([]);
  });

  it("answers in the organiser's language", async () => {
    await db().update(users).set({ locale: "ru" }).where(eq(users.id, officer.userId));
    try {
      const res = await officer.post(page, { ...russianApproved, kind: "received", "subject.ru": "Одна\nдругая" });
      expect(res.status).toBe(422);
      expect(await html(res)).toContain("Тема должна умещаться в одну строку.");
    } finally {
      await db().update(users).set({ locale: "en" }).where(eq(users.id, officer.userId));
    }
  });

  it("goes back to the built-in text; a stale reset is refused", async () => {
    expect((await officer.post(page, { intent: "reset", kind: "approved", version: "7" })).status).toBe(409);
    const res = await officer.post(page, { intent: "reset", kind: "approved", version: "1" });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("This email uses the built-in text again.");
    expect(
      await db()
        .select()
        .from(mailTemplates)
        .where(and(eq(mailTemplates.eventId, eventId), eq(mailTemplates.kind, "approved"))),
    ).toEqual([]);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.entity, "mail_template")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit.action).toBe("delete");

    const russian = await pendingPerson("tpl-ru-2", "ru");
    expect((await approve(russian)).status).toBe(200);
    const mail = await waitForMail(app, "tpl-ru-2@example.org");
    expect(mail.subject).toBe(`Ваше участие в мероприятии «${event.title.ru}» подтверждено`);
  });

  it("lets a focal point's invitation name the delegation and its quota", async () => {
    const res = await officer.post(page, {
      intent: "save",
      kind: "focalPoint",
      version: "0",
      "subject.en": "{delegation}: nominations for {event}",
      "body.en": "Dear {name}, nominate up to {quota} people for {delegation} before {deadline}: {link}",
    });
    expect(res.status).toBe(200);
    const created = await officer.post(`${base}/delegations`, {
      intent: "create",
      kind: "organisation",
      "name.en": "Test Organisation (fictional)",
      quota: "3",
      deadline: "2030-01-10T18:00",
      defaultCategoryId: "",
      focalPointName: "Focal Tester (fictional)",
      focalPointEmail: "focal.template@example.org",
      focalPointLang: "en",
    });
    expect(created.status).toBe(200);
    const mail = await waitForMail(app, "focal.template@example.org");
    expect(mail.subject).toBe(`Test Organisation (fictional): nominations for ${event.title.en}`);
    expect(mail.text).toMatch(
      /^Dear Focal Tester \(fictional\), nominate up to 3 people for Test Organisation \(fictional\) before Jan 10, 2030, 6:00\sPM \(Asia\/Tashkent\): http:\/\/\S+\/delegation\/[\w-]+/,
    );
  });

  it("is shown to those who read registrations, edited only by those who manage them", async () => {
    const viewer = await staff(app, { email: "viewer@example.org", role: "viewer", eventId });
    const editor = await staff(app, { email: "editor@example.org", role: "programme_editor", eventId });
    for (const who of [viewer, editor]) {
      expect((await who.get(page)).status).toBe(403);
      expect((await who.post(page, { ...russianApproved, kind: "waitlisted" })).status).toBe(403);
    }
    expect(
      await db()
        .select()
        .from(mailTemplates)
        .where(and(eq(mailTemplates.eventId, eventId), eq(mailTemplates.kind, "waitlisted"))),
    ).toEqual([]);
    const stranger = await staff(app, { email: "stranger@example.org" });
    expect((await stranger.get(page)).status).toBe(404);
    const anonymous = await app.fetch(page);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/admin/sign-in");
    // The menu links to the page only for those who may see it.
    expect(await html(await officer.get(base))).toContain(`href="${page}"`);
    expect(await html(await editor.get(base))).not.toContain(`href="${page}"`);
  });

  it("records which messages of the event are registration emails, for the delivery page", async () => {
    const rows = await db()
      .select({ kind: mailOutbox.kind })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.eventId, eventId), eq(mailOutbox.to, "tpl-ru@example.org")));
    expect(rows).toEqual([{ kind: "approved" }]);
  });
});
