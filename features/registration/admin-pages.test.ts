import { and, asc, eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff, waitForMail } from "../../test/staff.ts";
import { auditLog, users } from "../access/schema.ts";
import { events } from "../events/schema.ts";
import { fileStore } from "../files/store.ts";
import { accessLinks, categories, delegations, participants } from "./schema.ts";

let app: TestServer;
let eventId: number;
let officer: Staff;
let viewer: Staff;
let editor: Staff;
const base = "/admin/e/tashkent-2022";

beforeAll(async () => {
  app = await startTestServer();
  [{ id: eventId }] = await app.services.db.select({ id: events.id }).from(events).where(eq(events.slug, "tashkent-2022"));
  officer = await staff(app, { email: "officer@example.org", role: "accreditation_officer", eventId });
  viewer = await staff(app, { email: "viewer@example.org", role: "viewer", eventId });
  editor = await staff(app, { email: "editor@example.org", role: "programme_editor", eventId });
});
afterAll(async () => {
  await app?.stop();
});

const html = async (res: Response) => (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"');
const db = () => app.services.db;

const delegation = (overrides: Record<string, string> = {}) => ({
  intent: "create",
  kind: "state",
  country: "kz",
  "name.en": "Republic of Testland (fictional)",
  "name.ru": "Республика Тестландия (вымышленная)",
  quota: "4",
  deadline: "2030-01-10T18:00",
  defaultCategoryId: "",
  focalPointName: "Focal Point (fictional)",
  focalPointEmail: "focal.testland@example.org",
  focalPointLang: "ru",
  ...overrides,
});

describe("delegations page", () => {
  it("creates a delegation, in the event's time zone, and emails the focal point", async () => {
    const res = await officer.post(`${base}/delegations`, delegation());
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("The delegation is created. focal.testland@example.org receives the invitation by email.");
    const [saved] = await db().select().from(delegations).where(eq(delegations.focalPointEmail, "focal.testland@example.org"));
    expect(saved).toMatchObject({ eventId, kind: "state", country: "KZ", quota: 4, focalPointLang: "ru" });
    expect(saved.deadline.toISOString()).toBe("2030-01-10T13:00:00.000Z"); // 18:00 in Tashkent (UTC+5)
    const mail = await waitForMail(app, "focal.testland@example.org");
    expect(mail.subject).toContain("Республика Тестландия (вымышленная)");

    const page = await html(await officer.get(`${base}/delegations`));
    expect(page).toContain("Republic of Testland (fictional)");
    expect(page).toContain("focal.testland@example.org");
    expect(page).toContain("0 of 4");
    expect(page).toContain("Jan 10, 2030");
    // The demo delegations are listed with the places their members take (withdrawn ones free theirs).
    expect(page).toContain("Kyrgyz Republic");
    expect(page).toContain("kz.focalpoint.demo@example.org");
    expect(page).toContain("8 of 12");
  });

  it.each([
    // A State picked by its code gets its UN names; an organisation must be named.
    ["a missing name", { kind: "organisation", country: "", "name.en": "", "name.ru": "" }, "This field is required."],
    ["a quota of 0", { quota: "0" }, "The quota must be at least 1."],
    ["a bad email", { focalPointEmail: "not-an-email" }, "Enter a valid email address."],
    ["a language the interface does not speak", { focalPointLang: "de" }, "Choose one of the languages offered"],
    ["a malformed deadline", { deadline: "next Friday" }, "Enter a date and time as YYYY-MM-DD HH:MM."],
    ["a State without a country", { country: "" }, "This field is required."],
    ["a malformed country", { country: "Kazakhstan" }, "Enter a two-letter country code"],
  ])("refuses %s with 422, a clear message, and saves nothing", async (_what, overrides, message) => {
    const before = await db().select({ id: delegations.id }).from(delegations).where(eq(delegations.eventId, eventId));
    const res = await officer.post(
      `${base}/delegations`,
      delegation({ "name.en": "Refused delegation", focalPointEmail: "refused@example.org", ...overrides }),
    );
    expect(res.status).toBe(422);
    expect(await html(res)).toContain(message);
    const after = await db().select({ id: delegations.id }).from(delegations).where(eq(delegations.eventId, eventId));
    expect(after.length).toBe(before.length);
  });

  it("answers in the staff member's language", async () => {
    await db().update(users).set({ locale: "ru" }).where(eq(users.id, officer.userId));
    try {
      const res = await officer.post(`${base}/delegations`, delegation({ quota: "0" }));
      expect(res.status).toBe(422);
      expect(await res.text()).toContain("Квота должна быть не меньше 1.");
    } finally {
      await db().update(users).set({ locale: "en" }).where(eq(users.id, officer.userId));
    }
  });

  it("re-sends the focal point's link: a new one works, the old one no longer", async () => {
    const [d] = await db().select().from(delegations).where(eq(delegations.focalPointEmail, "focal.testland@example.org"));
    const res = await officer.post(`${base}/delegations`, { intent: "resend", id: String(d.id) });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("A new link was sent to focal.testland@example.org.");
    const links = await db().select().from(accessLinks).where(eq(accessLinks.delegationId, d.id)).orderBy(asc(accessLinks.createdAt));
    expect(links).toHaveLength(2);
    expect(links.filter((l) => l.revokedAt === null)).toHaveLength(1);
    expect((await officer.post(`${base}/delegations`, { intent: "resend", id: "999999" })).status).toBe(404);
  });

  it("refuses writes to a viewer and a programme editor; the editor cannot even read", async () => {
    for (const who of [viewer, editor]) {
      const res = await who.post(`${base}/delegations`, delegation({ focalPointEmail: "sneaky@example.org" }));
      expect(res.status).toBe(403);
    }
    expect(await db().select().from(delegations).where(eq(delegations.focalPointEmail, "sneaky@example.org"))).toEqual([]);
    for (const page of ["delegations", "registrations", "categories"]) {
      expect((await editor.get(`${base}/${page}`)).status).toBe(403);
      expect((await viewer.get(`${base}/${page}`)).status).toBe(403);
    }
    const stranger = await staff(app, { email: "stranger@example.org" });
    expect((await stranger.get(`${base}/delegations`)).status).toBe(404);
  });

  it("shows the registration pages in the menu only to those who may read registrations", async () => {
    expect(await html(await officer.get(base))).toContain(`href="${base}/registrations"`);
    expect(await html(await editor.get(base))).not.toContain(`href="${base}/registrations"`);
  });
});

describe("the nomination letter", () => {
  const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
  let letterPath: string;

  beforeAll(async () => {
    const [d] = await db()
      .select()
      .from(delegations)
      .where(and(eq(delegations.eventId, eventId), eq(delegations.country, "UZ")));
    await db().transaction(async (tx) => {
      const fileId = (await fileStore.put(tx, { eventId, kind: "letter", filename: "Нота №12.pdf", body: pdf })).id;
      await tx.update(delegations).set({ letterFileId: fileId }).where(eq(delegations.id, d.id));
    });
    letterPath = `${base}/delegations/${d.id}/letter`;
  });

  it("is served as a download to an accreditation officer", async () => {
    expect(await html(await officer.get(`${base}/delegations`))).toContain(`href="${letterPath}"`);
    const res = await officer.get(letterPath);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    // The stored name keeps letters of any script; the plain `filename` falls back to ASCII.
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="____ _12.pdf"; filename*=UTF-8''${encodeURIComponent("Нота _12.pdf")}`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
  });

  it("is refused to staff without access to registrations, and hidden from strangers", async () => {
    expect((await viewer.get(letterPath)).status).toBe(403);
    expect((await editor.get(letterPath)).status).toBe(403);
    const stranger = await staff(app, { email: "stranger@example.org" });
    expect((await stranger.get(letterPath)).status).toBe(404);
    expect((await app.fetch(letterPath)).status).toBe(302); // signed out: sent to sign in
  });

  it("answers 404 for a delegation without a letter, or no such delegation", async () => {
    const [without] = await db()
      .select()
      .from(delegations)
      .where(and(eq(delegations.eventId, eventId), eq(delegations.country, "TM")));
    expect((await officer.get(`${base}/delegations/${without.id}/letter`)).status).toBe(404);
    expect((await officer.get(`${base}/delegations/999999/letter`)).status).toBe(404);
    expect((await officer.get(`${base}/delegations/abc/letter`)).status).toBe(404);
  });
});

describe("registrations queue", () => {
  const pending = async (n: number) =>
    db()
      .select()
      .from(participants)
      .where(and(eq(participants.eventId, eventId), eq(participants.status, "pending"), like(participants.email, "%.demo@example.org")))
      .orderBy(asc(participants.id))
      .limit(n);
  const reload = async (ids: number[]) => db().select().from(participants).where(inArray(participants.id, ids)).orderBy(asc(participants.id));
  const item = (p: { id: number; version: number }) => `${p.id}:${p.version}`;

  it("lists the demo registrations with counts, filters and pages that keep the filters", async () => {
    const all = await db().select({ id: participants.id }).from(participants).where(eq(participants.eventId, eventId));
    expect(all.length).toBeGreaterThanOrEqual(60);
    const page = await html(await officer.get(`${base}/registrations?sort=name`));
    expect(page).toContain(`${all.length} registrations`);
    expect(page).toContain(`page 1 of ${Math.ceil(all.length / 50)}`);
    expect(page).toContain(`href="${base}/registrations?sort=name&amp;page=2"`);
    expect(page).toMatch(/Pending review \(\d+\)/);
    expect(page).toMatch(/class="category-letter" style="background:#8b1a1a"[^>]*>H</);
    expect((page.match(/name="items\[\]"/g) ?? []).length).toBe(50);

    const second = await html(await officer.get(`${base}/registrations?sort=name&page=2`));
    expect(second).toContain(`page 2 of ${Math.ceil(all.length / 50)}`);
    expect(second).toContain(`href="${base}/registrations?sort=name&amp;page=1"`);

    const [kz] = await db()
      .select()
      .from(delegations)
      .where(and(eq(delegations.eventId, eventId), eq(delegations.country, "KZ")));
    const members = await db().select().from(participants).where(eq(participants.delegationId, kz.id));
    const approvedKz = members.filter((m) => m.status === "approved");
    const filtered = await html(await officer.get(`${base}/registrations?status=approved&delegation=${kz.id}&country=kz`));
    expect(filtered).toContain(`${approvedKz.length} registrations`);
    for (const m of approvedKz) expect(filtered).toContain(m.email);
    expect(filtered).not.toContain(members.find((m) => m.status !== "approved")!.email);

    const one = members[0];
    const searched = await html(await officer.get(`${base}/registrations?q=${encodeURIComponent(one.email)}`));
    expect(searched).toContain("1 registration");
    expect(searched).toContain(`${one.givenName} ${one.familyName}`);
  });

  it("approves two pending registrations at once and tells them by email", async () => {
    const [a, b] = await pending(2);
    const res = await officer.post(`${base}/registrations`, { status: "approved", "items[]": [item(a), item(b)] });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("2 registrations updated.");
    const saved = await reload([a.id, b.id]);
    expect(saved.map((p) => [p.status, p.version])).toEqual([
      ["approved", a.version + 1],
      ["approved", b.version + 1],
    ]);
    const mail = await waitForMail(app, a.email);
    expect(mail.subject).toMatch(/confirmed|подтверждено|tasdiqlandi/i);
  });

  it("leaves a registration someone else changed meanwhile, and says so", async () => {
    const [c, d] = await pending(2);
    // Another reviewer puts d on the waiting list first.
    const other = await staff(app, { email: "officer2@example.org", role: "accreditation_officer", eventId });
    expect((await other.post(`${base}/registrations`, { status: "waitlisted", "items[]": [item(d)] })).status).toBe(200);

    const res = await officer.post(`${base}/registrations`, { status: "approved", "items[]": [item(c), item(d)] });
    expect(res.status).toBe(200);
    const text = await html(res);
    expect(text).toContain("1 registration updated.");
    expect(text).toContain(`1 registration was changed by someone else meanwhile and was left as it is: ${d.givenName} ${d.familyName}.`);
    const [savedC, savedD] = await reload([c.id, d.id]);
    expect(savedC.status).toBe("approved");
    expect(savedD).toMatchObject({ status: "waitlisted", version: d.version + 1 });

    // Only stale rows: 409, and nothing changes.
    const stale = await officer.post(`${base}/registrations`, { status: "rejected", reason: "Test", "items[]": [item(d)] });
    expect(stale.status).toBe(409);
    expect(await html(stale)).toContain("was changed by someone else meanwhile");
    expect((await reload([d.id]))[0]).toMatchObject({ status: "waitlisted", version: d.version + 1 });
  });

  it("refuses a rejection without a reason, and an empty selection", async () => {
    const [e] = await pending(1);
    const res = await officer.post(`${base}/registrations`, { status: "rejected", reason: "", "items[]": [item(e)] });
    expect(res.status).toBe(422);
    expect(await html(res)).toContain("Give a reason for a rejection.");
    expect((await reload([e.id]))[0]).toMatchObject({ status: "pending", version: e.version });
    const none = await officer.post(`${base}/registrations`, { status: "approved" });
    expect(none.status).toBe(422);
    expect(await html(none)).toContain("Select at least one registration.");
  });

  it("refuses reviews by a viewer and a programme editor", async () => {
    const [f] = await pending(1);
    for (const who of [viewer, editor]) {
      expect((await who.post(`${base}/registrations`, { status: "approved", "items[]": [item(f)] })).status).toBe(403);
    }
    expect((await reload([f.id]))[0]).toMatchObject({ status: "pending", version: f.version });
  });

  it("puts approvals beyond a category's capacity on the waiting list", async () => {
    const created = await officer.post(`${base}/categories`, {
      code: "panel_guest",
      "name.en": "Panel guest",
      colour: "#123456",
      letter: "g",
      attendance: "in_person",
      capacity: "1",
    });
    expect(created.status).toBe(200);
    expect(await html(created)).toContain("The category is added.");
    const [category] = await db()
      .select()
      .from(categories)
      .where(and(eq(categories.eventId, eventId), eq(categories.code, "panel_guest")));
    expect(category).toMatchObject({ letter: "G", capacity: 1, openRegistration: false, requiredFields: [] });
    const guests = await db()
      .insert(participants)
      .values(
        [1, 2].map((n) => ({
          eventId,
          categoryId: category.id,
          givenName: `Guest${n}`,
          familyName: "Capacity (fictional)",
          email: `guest${n}.capacity@example.org`,
        })),
      )
      .returning();

    const res = await officer.post(`${base}/registrations`, { status: "approved", "items[]": guests.map(item) });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("1 person was put on the waiting list because their category is full: Guest2 Capacity (fictional).");
    expect((await reload(guests.map((g) => g.id))).map((g) => g.status)).toEqual(["approved", "waitlisted"]);
  });
});

describe("categories page", () => {
  const media = async () =>
    (
      await db()
        .select()
        .from(categories)
        .where(and(eq(categories.eventId, eventId), eq(categories.code, "media")))
    )[0];
  const edit = (c: { id: number; version: number }, overrides: Record<string, string | string[]> = {}) => ({
    id: String(c.id),
    version: String(c.version),
    "name.en": "Media and press",
    "name.ru": "СМИ",
    colour: "#B03A2E",
    letter: "M",
    attendance: "in_person",
    capacity: "20",
    openRegistration: "on",
    accessCode: "PRESS-2022",
    "requiredFields[]": ["organisation", "photo"],
    ...overrides,
  });

  it("lists the default categories with their colours and letters", async () => {
    const page = await html(await officer.get(`${base}/categories`));
    for (const name of [
      "Head of Delegation",
      "Delegate",
      "Observer",
      "International/Regional Organisation",
      "Expert",
      "Civil Society",
      "Media",
      "Organiser Staff",
      "Technical/Security",
    ]) {
      expect(page).toContain(name);
    }
    expect(page).toMatch(/style="background:#b03a2e"[^>]*>M</);
  });

  it("gives a new event the default categories the first time it is opened", async () => {
    const [fresh] = await db()
      .insert(events)
      .values({
        slug: "fresh-event",
        title: { en: "Fresh event" },
        startDate: "2031-05-01",
        endDate: "2031-05-02",
        timezone: "Europe/Vienna",
        languages: ["en"],
      })
      .returning();
    const owner = await staff(app, { email: "fresh.owner@example.org", role: "owner", eventId: fresh.id });
    const page = await html(await owner.get("/admin/e/fresh-event/categories"));
    expect(page).toContain("Head of Delegation");
    expect(await db().select().from(categories).where(eq(categories.eventId, fresh.id))).toHaveLength(9);
  });

  it("saves a category with a new version, and audits it", async () => {
    const before = await media();
    const res = await officer.post(`${base}/categories`, edit(before));
    expect(res.status).toBe(200);
    const after = await media();
    expect(after).toMatchObject({
      version: before.version + 1,
      name: { en: "Media and press", ru: "СМИ" },
      colour: "#b03a2e",
      capacity: 20,
      openRegistration: true,
      accessCode: "PRESS-2022",
      requiredFields: ["organisation", "photo"],
    });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "category"), eq(auditLog.entityId, String(before.id))));
    expect(audit).toHaveLength(1);
    // Unchecked boxes and an empty capacity mean "no" and "no limit".
    const cleared = await officer.post(`${base}/categories`, {
      id: String(after.id),
      version: String(after.version),
      "name.en": "Media and press",
      colour: "#b03a2e",
      letter: "M",
      attendance: "online",
      capacity: "",
    });
    expect(cleared.status).toBe(200);
    expect(await media()).toMatchObject({ capacity: null, openRegistration: false, requiredFields: [], attendance: "online", accessCode: null });
  });

  it.each([
    ["a bad colour", { colour: "red" }, "Enter a colour as #RRGGBB."],
    ["a three-letter badge letter", { letter: "MED" }, "Use one or two letters or digits."],
    ["no name", { "name.en": "", "name.ru": "" }, "This field is required."],
    ["a negative capacity", { capacity: "-1" }, "This value is not valid."],
    ["an unknown required field", { "requiredFields[]": ["shoeSize"] }, "This value is not valid."],
    ["an unknown attendance mode", { attendance: "by_pigeon" }, "This value is not valid."],
  ])("refuses %s with 422 and changes nothing", async (_what, overrides, message) => {
    const before = await media();
    const res = await officer.post(`${base}/categories`, edit(before, overrides));
    expect(res.status).toBe(422);
    expect(await html(res)).toContain(message);
    expect(await media()).toEqual(before);
  });

  it("refuses a stale save with 409", async () => {
    const before = await media();
    const res = await officer.post(`${base}/categories`, edit({ id: before.id, version: before.version - 1 }, { capacity: "5" }));
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("Someone else saved this while you were editing");
    expect(await media()).toEqual(before);
  });

  it("refuses a code another category has, or a malformed one", async () => {
    const taken = await officer.post(`${base}/categories`, { code: "media", "name.en": "Second media", colour: "#000000", letter: "X", attendance: "online" });
    expect(taken.status).toBe(422);
    expect(await html(taken)).toContain("Another category of this event already uses this code.");
    const malformed = await officer.post(`${base}/categories`, {
      code: "Media Two!",
      "name.en": "Second media",
      colour: "#000000",
      letter: "X",
      attendance: "online",
    });
    expect(malformed.status).toBe(422);
    expect(await html(malformed)).toContain("Use 2 to 40 lowercase Latin letters");
    const all = await db().select().from(categories).where(eq(categories.eventId, eventId));
    expect(all.filter((c) => c.name.en === "Second media")).toEqual([]);
  });

  it("refuses changes by a viewer and a programme editor", async () => {
    const before = await media();
    for (const who of [viewer, editor]) expect((await who.post(`${base}/categories`, edit(before, { capacity: "1" }))).status).toBe(403);
    expect(await media()).toEqual(before);
  });
});
