import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categoryOf, makeDelegation, makeEvent, makeFormField } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff } from "../../../test/staff.ts";
import { auditLog } from "../../access/schema.ts";
import type { EventRow } from "../../events/queries.ts";
import { storedFiles } from "../../files/schema.ts";
import { createLink } from "../links/links.ts";
import { participantForToken, updateOwnRegistration } from "../links/portal.ts";
import { formFields, participants } from "../schema.ts";
import { mergeCustomAnswers, readCustomAnswers } from "./custom-answers.ts";

let app: TestServer;
let event: EventRow;
let eventId: number;
let ownerId: number;
let officer: Staff;
let viewer: Staff;
let editor: Staff;
let media: number;
let civil: number;
let base: string;
const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

const db = () => app.services.db;
const html = async (res: Response) =>
  (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("<!-- -->", "");
const field = async (key: string) =>
  (
    await db()
      .select()
      .from(formFields)
      .where(and(eq(formFields.eventId, eventId), eq(formFields.key, key)))
  )[0];
const person = async (email: string) =>
  (
    await db()
      .select()
      .from(participants)
      .where(and(eq(participants.eventId, eventId), eq(participants.email, email)))
  )[0];

/** A public multipart post, as a browser sends the registration form. */
const postForm = (path: string, fields: Record<string, string | string[] | [Blob, string]>, lang = "en") => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") form.append(k, v);
    else if (v[0] instanceof Blob) form.append(k, v[0], v[1] as string);
    else for (const item of v as string[]) form.append(k, item);
  }
  return app.fetch(path, { method: "POST", body: form, headers: { "accept-language": lang } });
};
const registration = (email: string, overrides: Record<string, string | string[] | [Blob, string]> = {}) => ({
  categoryId: String(media),
  givenName: "Aziza",
  familyName: "Custom (fictional)",
  organisation: "Gazette (fictional)",
  country: "UZ",
  email,
  lang: "en",
  consentData: "on",
  "custom.press_card": "PC-2022-17",
  "custom.side_events[]": ["", "osce", "rats"],
  ...overrides,
});

/** The side events of a programme, as the options of a question. */
const sideEventOptions = [
  {
    value: "rats",
    label: {
      en: "SCO RATS and the Joint Plan of Action (3 March, 17:00)",
      ru: "РАТС ШОС и Совместный план действий (3 марта, 17:00)",
      uz: "ShHT MATT va Qoʻshma harakatlar rejasi (3-mart, 17:00)",
    },
  },
  {
    value: "osce",
    label: {
      en: "Women and children returning from conflict zones (3 March, 17:00)",
      ru: "Женщины и дети, возвращающиеся из зон конфликтов (3 марта, 17:00)",
      uz: "Mojaro hududlaridan qaytgan ayollar va bolalar (3-mart, 17:00)",
    },
  },
  {
    value: "unoct",
    label: {
      en: "Financing counter-terrorism programmes (4 March, 09:00)",
      ru: "Финансирование программ противодействия терроризму (4 марта, 09:00)",
      uz: "Aksilterror dasturlarini moliyalashtirish (4-mart, 09:00)",
    },
  },
];

/** An event in three languages with two questions of its own, asked of every category: the side events to attend, and a visa letter. */
beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const made = await makeEvent(db(), { languages: ["en", "ru", "uz"], timezone: "Asia/Tashkent", openRegistration: true });
  ({ event } = made);
  eventId = event.id;
  ownerId = made.owner.id;
  base = `/admin/e/${event.slug}`;
  await makeFormField(db(), event, ownerId, {
    key: "side_events",
    type: "multi_choice",
    options: sideEventOptions,
    label: { en: "Will you attend the side events?", ru: "Будете ли вы участвовать в параллельных мероприятиях?", uz: "Yondosh tadbirlarda qatnashasizmi?" },
    help: {
      en: "Tick those you plan to attend, so that the rooms can be prepared.",
      ru: "Отметьте те, в которых собираетесь участвовать, чтобы подготовить залы.",
    },
  });
  await makeFormField(db(), event, ownerId, {
    key: "visa_letter",
    type: "yes_no",
    label: {
      en: "Do you need a visa support letter?",
      ru: "Нужно ли вам письмо-поддержка для получения визы?",
      uz: "Viza olish uchun qoʻllab-quvvatlash xati kerakmi?",
    },
  });
  officer = await staff(app, { email: "officer.cf@example.org", role: "accreditation_officer", eventId });
  viewer = await staff(app, { email: "viewer.cf@example.org", role: "viewer", eventId });
  editor = await staff(app, { email: "editor.cf@example.org", role: "programme_editor", eventId });
  [media, civil] = [(await categoryOf(db(), event, "media")).id, (await categoryOf(db(), event, "civil_society")).id];
});
afterAll(async () => {
  await app?.stop();
});

describe("the staff page of form questions", () => {
  it("lists the event's questions and adds one, its key made from the label", async () => {
    const page = await html(await officer.get(`${base}/form-fields`));
    expect(page).toContain("Will you attend the side events?");
    expect(page).toContain(`href="${base}/form-fields"`);
    const res = await officer.post(`${base}/form-fields`, {
      type: "text",
      "label.en": "Press card number",
      "label.ru": "Номер пресс-карты",
      "help.en": "As printed on the card.",
      "categoryIds[]": String(media),
    });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("The question is added to the form.");
    const added = await field("press_card_number");
    expect(added).toMatchObject({
      type: "text",
      required: false,
      categoryIds: [media],
      label: { en: "Press card number", ru: "Номер пресс-карты" },
      position: 2,
    });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "form_field"), eq(auditLog.entityId, String(added.id))))
      .orderBy(asc(auditLog.id));
    expect(audit).toMatchObject([{ action: "create", eventId, actorId: officer.userId }]);
  });

  it("adds a choice with per-language options and a chosen key", async () => {
    const res = await officer.post(`${base}/form-fields`, {
      key: "press_card",
      type: "text",
      "label.en": "Press card",
      required: "on",
      "categoryIds[]": String(media),
    });
    expect(res.status).toBe(200);
    const choice = await officer.post(`${base}/form-fields`, {
      key: "meal",
      type: "choice",
      "label.en": "Meal",
      "label.uz": "Ovqat",
      "options.0.label.en": "Vegetarian",
      "options.0.label.ru": "Вегетарианское",
      "options.1.label.en": "",
      "options.2.label.en": "Halal",
    });
    expect(choice.status).toBe(200);
    expect((await field("meal")).options).toEqual([
      { value: "vegetarian", label: { en: "Vegetarian", ru: "Вегетарианское" } },
      { value: "halal", label: { en: "Halal" } },
    ]);
    const file = await officer.post(`${base}/form-fields`, { key: "cv", type: "file", "label.en": "Short CV" });
    expect(file.status).toBe(200);
  });

  it.each([
    ["a key already used", { key: "meal", type: "text", "label.en": "Meal again" }, "Another question of this event already uses the key “meal”"],
    ["a key made from a label already used", { type: "text", "label.en": "Press card number" }, "already uses the key “press_card_number”"],
    ["a choice without options", { type: "multi_choice", "label.en": "Topics" }, "A choice question needs at least one option."],
    ["no label in the default language", { type: "text", "label.ru": "Только по-русски" }, "This field is required."],
    ["a malformed key", { key: "9 lives", type: "text", "label.en": "Lives" }, "Use 1 to 40 lowercase Latin letters"],
    ["a key every object already has", { key: "constructor", type: "text", "label.en": "Builder" }, "This key is already a name the software uses internally"],
    ["another event's category", { type: "text", "label.en": "Elsewhere", "categoryIds[]": "999999" }, "Choose one of this event's categories."],
  ])("refuses %s with 422 and saves nothing", async (_what, fields, message) => {
    const before = await db().select({ id: formFields.id }).from(formFields).where(eq(formFields.eventId, eventId));
    const res = await officer.post(`${base}/form-fields`, fields);
    expect(res.status).toBe(422);
    expect(await html(res)).toContain(message);
    expect(await db().select({ id: formFields.id }).from(formFields).where(eq(formFields.eventId, eventId))).toHaveLength(before.length);
  });

  it("answers in the staff member's language", async () => {
    const res = await officer.post(`${base}/form-fields?lang=ru`, { key: "meal", type: "text", "label.en": "Meal" });
    expect(res.status).toBe(422);
    expect(await html(res)).toContain("Ключ «meal» уже занят другим вопросом этого мероприятия");
  });

  it("saves an edit with the version seen, and refuses a stale one with 409", async () => {
    const meal = await field("meal");
    const edit = {
      id: String(meal.id),
      version: String(meal.version),
      "label.en": "Meal preference",
      "options.0.value": "vegetarian",
      "options.0.label.en": "Vegetarian",
      "options.1.value": "halal",
      "options.1.label.en": "Halal",
      "options.2.label.en": "Kosher",
    };
    expect((await officer.post(`${base}/form-fields`, edit)).status).toBe(200);
    const saved = await field("meal");
    expect(saved).toMatchObject({ version: meal.version + 1, label: { en: "Meal preference" }, type: "choice" });
    expect(saved.options.map((o) => o.value)).toEqual(["vegetarian", "halal", "kosher"]);
    const stale = await officer.post(`${base}/form-fields`, { ...edit, "label.en": "Lost edit" });
    expect(stale.status).toBe(409);
    expect(await html(stale)).toContain("Someone else saved this while you were editing.");
    expect((await field("meal")).label).toEqual({ en: "Meal preference" });
  });

  it("moves a question up", async () => {
    const cv = await field("cv");
    expect((await officer.post(`${base}/form-fields`, { intent: "up", id: String(cv.id) })).status).toBe(200);
    const order = await db()
      .select({ key: formFields.key })
      .from(formFields)
      .where(eq(formFields.eventId, eventId))
      .orderBy(asc(formFields.position), asc(formFields.id));
    expect(order.map((f) => f.key)).toEqual(["side_events", "visa_letter", "press_card_number", "press_card", "cv", "meal"]);
  });

  it("refuses viewers and programme editors, and hides the event from strangers", async () => {
    for (const who of [viewer, editor]) {
      expect((await who.get(`${base}/form-fields`)).status).toBe(403);
      expect((await who.post(`${base}/form-fields`, { type: "text", "label.en": "Sneaky" })).status).toBe(403);
      const meal = await field("meal");
      expect((await who.post(`${base}/form-fields`, { intent: "delete", id: String(meal.id), version: String(meal.version) })).status).toBe(403);
    }
    expect(await db().select().from(formFields).where(eq(formFields.key, "sneaky"))).toEqual([]);
    expect(await field("meal")).toBeDefined();
    const stranger = await staff(app, { email: "stranger.cf@example.org" });
    expect((await stranger.get(`${base}/form-fields`)).status).toBe(404);
    expect(await html(await editor.get(base))).not.toContain(`${base}/form-fields`);
  });
});

describe("open registration with the event's questions", () => {
  it("asks them on the public form, without JavaScript, marking fallback languages", async () => {
    const page = await html(await app.fetch(`/ru/e/${event.slug}/register`));
    expect(page).toMatch(/enctype="multipart\/form-data"/i);
    expect(page).toMatch(/<legend>Будете ли вы участвовать в параллельных мероприятиях\?<\/legend>/);
    expect(page).toContain('name="custom.side_events[]" value="osce"');
    // The press card question has no Russian label: the English one is marked as English.
    expect(page).toContain('<span lang="en">Press card</span>');
    expect(page).toContain("Обязателен для категорий: СМИ.");
  });

  it("saves the answers, files included, with the registration", async () => {
    const res = await postForm(
      `/en/e/${event.slug}/register`,
      registration("aziza.custom@example.org", {
        "custom.visa_letter": "yes",
        "custom.meal": "halal",
        "custom.cv": [new Blob([pdf], { type: "application/pdf" }), "Aziza CV.pdf"],
      }),
    );
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("Thank you.");
    const saved = await person("aziza.custom@example.org");
    expect(saved.custom).toMatchObject({ press_card: "PC-2022-17", side_events: ["rats", "osce"], visa_letter: true, meal: "halal" });
    const [file] = await db()
      .select()
      .from(storedFiles)
      .where(eq(storedFiles.id, saved.custom.cv as number));
    expect(file).toMatchObject({ eventId, kind: "attachment", contentType: "application/pdf", filename: "Aziza CV.pdf", size: pdf.length });
  });

  it.each([
    ["a required answer missing", { "custom.press_card": "" }, "This field is required.", "en"],
    ["a required answer missing (in Russian)", { "custom.press_card": "" }, "Обязательное поле.", "ru"],
    ["an option not offered", { "custom.meal": "steak" }, "Choose one of the options offered.", "en"],
    // The file is made in the test: it.each would not keep a Blob intact.
    ["a text file named .pdf", { "custom.cv": "TEXT FILE NAMED cv.pdf" }, "The file must be a PDF, JPEG or PNG file.", "en"],
    ["a yes/no answer that is neither", { "custom.visa_letter": "perhaps" }, "This value is not valid.", "en"],
  ])("refuses %s with 422, keeps what was typed, and saves nothing", async (_what, overrides, message, lang) => {
    const files = await db().select({ id: storedFiles.id }).from(storedFiles);
    const fields: Record<string, string | string[] | [Blob, string]> = { familyName: "Typed-Family (fictional)", ...overrides };
    if (fields["custom.cv"]) fields["custom.cv"] = [new Blob(["not a PDF, only text"], { type: "application/pdf" }), "cv.pdf"];
    const res = await postForm(`/${lang}/e/${event.slug}/register`, registration("refused.custom@example.org", fields), lang);
    expect(res.status).toBe(422);
    const page = await html(res);
    expect(page).toContain(message);
    expect(page).toContain("Typed-Family (fictional)");
    expect(page).toMatch(/name="custom.side_events\[\]" checked="" value="osce"/);
    expect(await person("refused.custom@example.org")).toBeUndefined();
    expect(await db().select({ id: storedFiles.id }).from(storedFiles)).toHaveLength(files.length);
  });

  it("does not ask a category-limited question of another category", async () => {
    const res = await postForm(
      `/en/e/${event.slug}/register`,
      registration("civil.custom@example.org", { categoryId: String(civil), "custom.press_card": "ignored" }),
    );
    expect(res.status).toBe(200);
    expect((await person("civil.custom@example.org")).custom).toEqual({ side_events: ["rats", "osce"] });
  });
});

describe("answers on the staff pages", () => {
  it("shows them on the participant's page, with the file to download", async () => {
    const saved = await person("aziza.custom@example.org");
    const page = await html(await officer.get(`${base}/registrations/${saved.id}`));
    expect(page).toContain("Answers to the event's questions");
    expect(page).toMatch(/<dt dir="auto">Press card<\/dt><dd dir="auto">PC-2022-17<\/dd>/);
    expect(page).toContain("SCO RATS and the Joint Plan of Action (3 March, 17:00); Women and children returning from conflict zones (3 March, 17:00)");
    expect(page).toMatch(/<dt dir="auto">Do you need a visa support letter\?<\/dt><dd dir="auto">Yes<\/dd>/);
    expect(page).toContain(`href="${base}/registrations/${saved.id}/answers/cv"`);
    const file = await officer.get(`${base}/registrations/${saved.id}/answers/cv`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe("attachment; filename=\"Aziza CV.pdf\"; filename*=UTF-8''Aziza%20CV.pdf");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdf);
    expect((await editor.get(`${base}/registrations/${saved.id}/answers/cv`)).status).toBe(403);
    expect((await officer.get(`${base}/registrations/${saved.id}/answers/press_card`)).status).toBe(404);
  });

  it("lets the secretariat correct answers, checked like the person's own", async () => {
    const saved = await person("aziza.custom@example.org");
    const edit = {
      intent: "edit",
      version: String(saved.version),
      givenName: saved.givenName,
      familyName: saved.familyName,
      email: saved.email,
      country: "UZ",
      categoryId: String(media),
      lang: "en",
      "custom.press_card": "",
      "custom.meal": "kosher",
    };
    const bad = await officer.post(`${base}/registrations/${saved.id}`, { ...edit, "custom.meal": "steak" });
    expect(bad.status).toBe(422);
    expect(await html(bad)).toContain("Choose one of the options offered.");
    expect((await officer.post(`${base}/registrations/${saved.id}`, edit)).status).toBe(200);
    const after = await person("aziza.custom@example.org");
    // The secretariat may empty a required answer; answers not in the form stay as they were.
    expect(after.custom).toEqual({ side_events: ["rats", "osce"], visa_letter: true, meal: "kosher", cv: saved.custom.cv });
  });

  it("exports them as columns headed by their label in the staff member's language", async () => {
    const csv = await (
      await officer.get(
        `${base}/registrations/export.csv?q=custom&sort=name&columns=email,custom.side_events,custom.visa_letter,custom.meal,custom.cv,custom.nope`,
      )
    ).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("Email,Will you attend the side events?,Do you need a visa support letter?,Meal preference,Short CV");
    expect(lines[1]).toBe(
      'aziza.custom@example.org,"SCO RATS and the Joint Plan of Action (3 March, 17:00); Women and children returning from conflict zones (3 March, 17:00)",Yes,Kosher,Aziza CV.pdf',
    );
    expect(lines[2]).toBe(
      'civil.custom@example.org,"SCO RATS and the Joint Plan of Action (3 March, 17:00); Women and children returning from conflict zones (3 March, 17:00)",,,',
    );
    const ru = await (await officer.get(`${base}/registrations/export.csv?q=civil.custom&columns=custom.side_events,custom.visa_letter&lang=ru`)).text();
    expect(ru.split("\r\n")[0]).toBe("Будете ли вы участвовать в параллельных мероприятиях?,Нужно ли вам письмо-поддержка для получения визы?");
    const page = await html(await officer.get(`${base}/registrations`));
    expect(page).toContain('name="columns" checked="" value="custom.meal"');
  });

  it("deletes a question with its answers and files", async () => {
    const cv = await field("cv");
    const fileId = (await person("aziza.custom@example.org")).custom.cv as number;
    const res = await officer.post(`${base}/form-fields`, { intent: "delete", id: String(cv.id), version: String(cv.version) });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("The question is deleted, with the 1 answer given to it.");
    expect(await field("cv")).toBeUndefined();
    expect((await person("aziza.custom@example.org")).custom).not.toHaveProperty("cv");
    expect(await db().select().from(storedFiles).where(eq(storedFiles.id, fileId))).toEqual([]);
  });
});

describe("the person's own page and nominations", () => {
  let delegationId: number;
  beforeAll(async () => {
    ({ id: delegationId } = await makeDelegation(db(), event, ownerId, {
      country: "KZ",
      name: { en: "Custom Testland (fictional)", ru: "Кастомландия (вымышленная)", uz: "Custom Testland (fictional)" },
      quota: 5,
      focalPointName: "Focal (fictional)",
      focalPointEmail: "focal.cf@example.org",
    }));
  });

  it("lets a focal point answer when nominating; a required answer is checked with the rest", async () => {
    const token = await createLink(db(), { eventId, purpose: "focal_point", delegationId, expiresAt: new Date("2030-01-01T00:00:00Z") });
    await db()
      .update(formFields)
      .set({ required: true })
      .where(and(eq(formFields.eventId, eventId), eq(formFields.key, "visa_letter")));
    const nomination = { intent: "nominate", givenName: "Nurlan", familyName: "Custom (fictional)", email: "nurlan.cf@example.org", lang: "ru" };
    const missing = await postForm(`/en/e/${event.slug}/delegation/${token}`, { ...nomination, givenName: "" });
    expect(missing.status).toBe(422);
    const page = await html(missing);
    expect(page.match(/This field is required\./g)?.length).toBeGreaterThanOrEqual(2);
    expect(page).toContain('value="nurlan.cf@example.org"');
    expect(await person("nurlan.cf@example.org")).toBeUndefined();
    const ok = await postForm(`/en/e/${event.slug}/delegation/${token}`, { ...nomination, "custom.visa_letter": "no", "custom.side_events[]": ["", "unoct"] });
    expect(ok.status).toBe(200);
    expect((await person("nurlan.cf@example.org")).custom).toEqual({ visa_letter: false, side_events: ["unoct"] });
  });

  it("lets the person change their answers on their own page", async () => {
    const member = await person("nurlan.cf@example.org");
    const token = await createLink(db(), { eventId, purpose: "participant", participantId: member.id, expiresAt: new Date("2030-01-01T00:00:00Z") });
    const page = await html(await app.fetch(`/en/e/${event.slug}/my/${token}`));
    expect(page).toMatch(/name="custom.visa_letter" checked="" value="no"/);
    expect(page).not.toContain("custom.press_card");
    const details = { version: String(member.version), lang: "ru", "custom.side_events[]": [""], "custom.visa_letter": "yes" };
    expect((await postForm(`/en/e/${event.slug}/my/${token}`, { ...details, "custom.visa_letter": "perhaps" })).status).toBe(422);
    const res = await postForm(`/en/e/${event.slug}/my/${token}`, details);
    expect(res.status).toBe(200);
    expect((await person("nurlan.cf@example.org")).custom).toEqual({ visa_letter: true });
  });

  it("gives a registration that loses an answer a new version, so a page opened before cannot write the answer back", async () => {
    expect((await officer.post(`${base}/form-fields`, { key: "hotel", type: "text", "label.en": "Hotel" })).status).toBe(200);
    const member = await person("nurlan.cf@example.org");
    const token = await createLink(db(), { eventId, purpose: "participant", participantId: member.id, expiresAt: new Date("2030-01-01T00:00:00Z") });
    const answered = await postForm(`/en/e/${event.slug}/my/${token}`, {
      version: String(member.version),
      lang: "ru",
      "custom.hotel": "Hotel Chorsu (fictional)",
    });
    expect(answered.status).toBe(200);
    // The person's save is under way: it read their registration, answer included, before the question went.
    const opened = await participantForToken(db(), event, token, "custom-fields-test");
    expect(opened.participant.custom).toMatchObject({ hotel: "Hotel Chorsu (fictional)" });
    const bystander = await person("civil.custom@example.org");

    const hotel = await field("hotel");
    const deleted = await officer.post(`${base}/form-fields`, { intent: "delete", id: String(hotel.id), version: String(hotel.version) });
    expect(await html(deleted)).toContain("The question is deleted, with the 1 answer given to it.");
    const after = await person("nurlan.cf@example.org");
    expect(after.version).toBe(opened.participant.version + 1);
    expect(after.custom).not.toHaveProperty("hotel");
    // Nobody else's open form turns stale.
    expect((await person("civil.custom@example.org")).version).toBe(bystander.version);

    const form = new FormData();
    form.append("version", String(opened.participant.version));
    form.append("lang", "ru");
    await expect(updateOwnRegistration({ db: db(), now: new Date(), publicUrl: app.url, client: "test" }, event, opened, form)).rejects.toMatchObject({
      status: 409,
      code: "conflict.stale",
    });
    expect((await person("nurlan.cf@example.org")).custom).not.toHaveProperty("hotel");
  });

  it("saves no answer to a question deleted after the form read the questions", async () => {
    expect((await officer.post(`${base}/form-fields`, { key: "shuttle", type: "text", "label.en": "Shuttle" })).status).toBe(200);
    const member = await person("nurlan.cf@example.org");
    const token = await createLink(db(), { eventId, purpose: "participant", participantId: member.id, expiresAt: new Date("2030-01-01T00:00:00Z") });
    // The person's save read the questions (shuttle among them) and their registration; then the question goes.
    const opened = await participantForToken(db(), event, token, "custom-fields-test");
    const shuttle = await field("shuttle");
    expect((await officer.post(`${base}/form-fields`, { intent: "delete", id: String(shuttle.id), version: String(shuttle.version) })).status).toBe(200);
    const answers = await readCustomAnswers([shuttle], opened.category.id, { "custom.shuttle": "Yes, from the airport" });
    expect(answers.ok).toBe(true);
    await db().transaction(async (tx) => {
      const merged = await mergeCustomAnswers(tx, eventId, answers as Extract<typeof answers, { ok: true }>, opened.participant.custom);
      expect(merged).not.toHaveProperty("shuttle");
    });
  });
});

describe("questions keyed like a name every object has", () => {
  it("makes a key other than `constructor` from such a label", async () => {
    expect((await officer.post(`${base}/form-fields`, { type: "text", "label.en": "Constructor" })).status).toBe(200);
    expect(await field("q_constructor")).toMatchObject({ label: { en: "Constructor" } });
    expect(await field("constructor")).toBeUndefined();
    await db()
      .delete(formFields)
      .where(and(eq(formFields.eventId, eventId), eq(formFields.key, "q_constructor")));
  });

  it("shows no inherited answer to a required question keyed `constructor`, and counts it as missing", async () => {
    // Saved before keys were checked.
    const [licence] = await db()
      .insert(formFields)
      .values({ eventId, key: "constructor", type: "text", required: true, label: { en: "Licence number" }, position: 99 })
      .returning();
    try {
      const aziza = await person("aziza.custom@example.org");
      const page = await html(await officer.get(`${base}/registrations/${aziza.id}`));
      expect(page).toMatch(/<dt dir="auto">Licence number<\/dt><dd dir="auto">—<\/dd>/);
      expect(page).not.toContain("[native code]");
      const csv = await (await officer.get(`${base}/registrations/export.csv?q=aziza.custom&columns=email,custom.constructor`)).text();
      expect(csv.trim().split("\r\n")).toEqual(["Email,Licence number", "aziza.custom@example.org,"]);

      const member = await person("nurlan.cf@example.org");
      const token = await createLink(db(), { eventId, purpose: "participant", participantId: member.id, expiresAt: new Date("2030-01-01T00:00:00Z") });
      const own = await html(await app.fetch(`/en/e/${event.slug}/my/${token}`));
      expect(own).toContain("<li>Licence number</li>");
      expect(own).not.toContain("[native code]");
    } finally {
      await db().delete(formFields).where(eq(formFields.id, licence.id));
    }
  });
});

describe("the form's choices", () => {
  it("gives every radio its own id, also with option codes `none` and `hint`", async () => {
    const saved = await officer.post(`${base}/form-fields`, {
      key: "badge_pickup",
      type: "choice",
      "label.en": "Badge pick-up",
      "help.en": "Where you collect your badge.",
      "options.0.value": "none",
      "options.0.label.en": "None needed",
      "options.1.value": "hint",
      "options.1.label.en": "At the hotel",
    });
    expect(saved.status).toBe(200);
    const page = await html(await app.fetch(`/en/e/${event.slug}/register`));
    const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const radios = [...page.matchAll(/<label for="([^"]+)"><input type="radio" id="([^"]+)" name="custom.badge_pickup"(?: checked="")? value="([^"]*)"/g)];
    expect(radios.map((m) => m[3])).toEqual(["none", "hint", ""]);
    for (const [, labelFor, id] of radios) expect(labelFor).toBe(id);
    expect(page).toContain('aria-describedby="f-custom-badge_pickup-hint"');
  });
});
