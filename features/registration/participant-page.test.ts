import { createHash } from "node:crypto";
import { and, asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { auditLog } from "../access/schema.ts";
import { events } from "../events/schema.ts";
import { storedFiles } from "../files/schema.ts";
import { createSealer, identityHash } from "./privacy/crypto.ts";
import { revealPersonalData } from "./privacy/reveal-personal-data.ts";
import { categories, delegations, participants } from "./schema.ts";

let app: TestServer;
let eventId: number;
let officer: Staff;
let viewer: Staff;
let editor: Staff;
let owner: Staff;
let stranger: Staff;
/** A registration with sealed ID data and a photo. */
let sealed: typeof participants.$inferSelect;
/** Someone whose email the edits try to take. */
let other: typeof participants.$inferSelect;
let foreignCategoryId: number;
let foreignParticipantId: number;
const base = "/admin/e/tashkent-2022";
const png = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0,
  13, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0, 0, 0, 2, 0, 1, 0xe5, 0x27, 0xde, 0xfc, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

const db = () => app.services.db;
const html = async (res: Response) =>
  (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("<!-- -->", "");
const reload = async (id: number) => (await db().select().from(participants).where(eq(participants.id, id)))[0];
const auditOf = (id: number, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "participant"), eq(auditLog.entityId, String(id)), eq(auditLog.action, action)))
    .orderBy(asc(auditLog.id));

beforeAll(async () => {
  app = await startTestServer();
  [{ id: eventId }] = await db().select({ id: events.id }).from(events).where(eq(events.slug, "tashkent-2022"));
  officer = await staff(app, { email: "officer.pp@example.org", role: "accreditation_officer", eventId });
  viewer = await staff(app, { email: "viewer.pp@example.org", role: "viewer", eventId });
  editor = await staff(app, { email: "editor.pp@example.org", role: "programme_editor", eventId });
  owner = await staff(app, { email: "owner.pp@example.org", role: "owner", eventId });
  stranger = await staff(app, { email: "stranger.pp@example.org" });

  const [delegate] = await db()
    .select()
    .from(categories)
    .where(and(eq(categories.eventId, eventId), eq(categories.code, "delegate")));
  const sealer = createSealer(app.services.secret);
  const [photo] = await db()
    .insert(storedFiles)
    .values({
      eventId,
      kind: "photo",
      contentType: "image/png",
      filename: "photo.png",
      size: png.length,
      sha256: createHash("sha256").update(png).digest("hex"),
      visibility: "private",
      data: png,
    })
    .returning();
  [sealed] = await db()
    .insert(participants)
    .values({
      eventId,
      categoryId: delegate.id,
      status: "pending",
      honorific: "Ms",
      givenName: "Zarina",
      familyName: "Testova (fictional)",
      givenNameLocal: "Зарина",
      familyNameLocal: "Тестова",
      position: "Counsellor",
      organisation: "Ministry of Foreign Affairs",
      country: "TJ",
      email: "zarina.testova@example.org",
      phone: "+992 37 000 00 00",
      nationality: "TJ",
      idDocumentType: "Diplomatic passport",
      idDocumentNumberEnc: sealer.seal("D7654321"),
      idDocumentExpiry: "2031-05-01",
      birthDateEnc: sealer.seal("1985-04-12"),
      identityHash: identityHash(app.services.secret, "Zarina", "Testova (fictional)", "1985-04-12"),
      photoFileId: photo.id,
      arrival: "2022-03-02",
      departure: "2022-03-05",
      dietary: "Vegetarian",
      accessibility: "Step-free access",
      interpretationLanguage: "ru",
      lang: "ru",
      consentList: true,
      consentData: true,
    })
    .returning();
  [other] = await db()
    .insert(participants)
    .values({ eventId, categoryId: delegate.id, givenName: "Other", familyName: "Person (fictional)", email: "other.person@example.org" })
    .returning();

  const [foreign] = await db()
    .insert(events)
    .values({
      slug: "other-event-pp",
      title: { en: "Other event" },
      startDate: "2031-05-01",
      endDate: "2031-05-02",
      timezone: "Europe/Vienna",
      languages: ["en"],
    })
    .returning();
  const [foreignCategory] = await db()
    .insert(categories)
    .values({ eventId: foreign.id, code: "guest", name: { en: "Guest" }, colour: "#000000", letter: "G" })
    .returning();
  foreignCategoryId = foreignCategory.id;
  [{ id: foreignParticipantId }] = await db()
    .insert(participants)
    .values({ eventId: foreign.id, categoryId: foreignCategory.id, givenName: "Foreign", familyName: "Guest", email: "foreign.guest@example.org" })
    .returning();
});
afterAll(async () => {
  await app?.stop();
});

describe("the staff page of one registration", () => {
  const page = () => `${base}/registrations/${sealed.id}`;

  it("shows every field, hides the ID data, and is linked from the queue", async () => {
    const queue = await html(await officer.get(`${base}/registrations?q=zarina.testova`));
    expect(queue).toContain(`href="${page()}"`);

    const res = await officer.get(page());
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const text = await html(res);
    for (const shown of [
      "Ms Zarina Testova (fictional)",
      "Зарина",
      "Тестова",
      "Counsellor",
      "Ministry of Foreign Affairs",
      "Tajikistan (TJ)",
      "zarina.testova@example.org",
      "+992 37 000 00 00",
      "Delegate",
      "Pending review",
      "March 2, 2022",
      "March 5, 2022",
      "Vegetarian",
      "Step-free access",
      "Русский",
    ]) {
      expect(text).toContain(shown);
    }
    expect(text).toMatch(/class="category-letter" style="background:#[0-9a-f]{6}"[^>]*>D</);
    expect(text).toContain("ID document</dt><dd>••••</dd>");
    expect(text).toContain("Date of birth</dt><dd>••••</dd>");
    expect(text).toContain("Show ID data");
    expect(text).toContain(`src="${page()}/photo"`);
    // Neither the values nor their ciphertexts reach the page.
    for (const secret of ["D7654321", "1985", sealed.idDocumentNumberEnc!, sealed.birthDateEnc!, sealed.identityHash!]) expect(text).not.toContain(secret);
  });

  it("is refused to staff who may not read registrations, and hidden from strangers and other events", async () => {
    expect((await viewer.get(page())).status).toBe(403);
    expect((await editor.get(page())).status).toBe(403);
    expect((await stranger.get(page())).status).toBe(404);
    expect((await app.fetch(page())).status).toBe(302);
    expect((await officer.get(`${base}/registrations/${foreignParticipantId}`)).status).toBe(404);
    expect((await officer.get(`${base}/registrations/999999`)).status).toBe(404);
    expect((await officer.get(`${base}/registrations/abc`)).status).toBe(404);
  });
});

describe("correcting a registration", () => {
  const form = (p: typeof participants.$inferSelect, overrides: Record<string, string> = {}) => ({
    intent: "edit",
    version: String(p.version),
    honorific: p.honorific ?? "",
    givenName: p.givenName,
    familyName: p.familyName,
    givenNameLocal: p.givenNameLocal ?? "",
    familyNameLocal: p.familyNameLocal ?? "",
    position: p.position ?? "",
    organisation: p.organisation ?? "",
    country: p.country ?? "",
    email: p.email,
    phone: p.phone ?? "",
    categoryId: String(p.categoryId),
    lang: p.lang,
    ...overrides,
  });

  it("saves the corrected fields with a new version and audits what changed", async () => {
    const before = await reload(sealed.id);
    const [expert] = await db()
      .select()
      .from(categories)
      .where(and(eq(categories.eventId, eventId), eq(categories.code, "expert")));
    const res = await officer.post(
      `${base}/registrations/${sealed.id}`,
      form(before, {
        familyName: "Testova-Karimova (fictional)",
        email: "  Zarina.Karimova@Example.org ",
        country: "uz",
        categoryId: String(expert.id),
        lang: "en",
        phone: "",
      }),
    );
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("Saved.");
    const after = await reload(sealed.id);
    expect(after).toMatchObject({
      version: before.version + 1,
      familyName: "Testova-Karimova (fictional)",
      email: "zarina.karimova@example.org",
      country: "UZ",
      categoryId: expert.id,
      lang: "en",
      phone: null,
      givenName: "Zarina",
      idDocumentNumberEnc: before.idDocumentNumberEnc,
    });
    // A new family name renews the duplicate-detection hash (the birth date is read without being shown).
    expect(after.identityHash).toBe(identityHash(app.services.secret, "Zarina", "Testova-Karimova (fictional)", "1985-04-12"));
    const [audit] = await auditOf(sealed.id, "update");
    expect(audit.actorId).toBe(officer.userId);
    expect(audit.before).toEqual({
      familyName: "Testova (fictional)",
      email: "zarina.testova@example.org",
      country: "TJ",
      categoryId: before.categoryId,
      lang: "ru",
      phone: "+992 37 000 00 00",
    });
    expect(audit.after).toEqual({
      familyName: "Testova-Karimova (fictional)",
      email: "zarina.karimova@example.org",
      country: "UZ",
      categoryId: expert.id,
      lang: "en",
      phone: null,
    });
    sealed = after;
  });

  it.each([
    ["an empty given name", { givenName: "  " }, "This field is required."],
    ["an empty family name", { familyName: "" }, "This field is required."],
    ["a malformed email", { email: "not-an-email" }, "Enter a valid email address."],
    ["another registration's email", { email: "OTHER.person@example.org" }, "Someone is already registered with this email for this event."],
    ["a category of another event", () => ({ categoryId: String(foreignCategoryId) }), "Choose one of this event's categories."],
    ["an unknown category", { categoryId: "999999" }, "Choose one of this event's categories."],
    ["a category that is no number", { categoryId: "delegate" }, "Choose one of this event's categories."],
    ["a malformed country", { country: "Tajikistan" }, "Enter a two-letter country code"],
    ["a language the interface does not speak", { lang: "de" }, "Choose one of the languages offered"],
  ])("refuses %s with 422 and saves nothing", async (_what, overrides, message) => {
    const before = await reload(sealed.id);
    const changes = typeof overrides === "function" ? overrides() : overrides;
    const res = await officer.post(`${base}/registrations/${sealed.id}`, form(before, { position: "Changed position", ...changes }));
    expect(res.status).toBe(422);
    const text = await html(res);
    expect(text).toContain(message);
    // What was typed comes back in the form.
    expect(text).toContain('value="Changed position"');
    expect(await reload(sealed.id)).toEqual(before);
  });

  it("refuses a stale version with 409 and saves nothing", async () => {
    const before = await reload(sealed.id);
    const res = await officer.post(`${base}/registrations/${sealed.id}`, form({ ...before, version: before.version - 1 }, { position: "Stale" }));
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("Someone else saved this while you were editing");
    expect(await reload(sealed.id)).toEqual(before);
  });

  it("refuses edits by a viewer and a programme editor, and edits of another event's registration", async () => {
    const before = await reload(sealed.id);
    for (const who of [viewer, editor]) {
      expect((await who.post(`${base}/registrations/${sealed.id}`, form(before, { position: "Sneaky" }))).status).toBe(403);
    }
    expect(await reload(sealed.id)).toEqual(before);
    const foreign = await reload(foreignParticipantId);
    expect((await officer.post(`${base}/registrations/${foreignParticipantId}`, form(foreign, { position: "Sneaky" }))).status).toBe(404);
    expect(await reload(foreignParticipantId)).toEqual(foreign);
  });
});

describe("changing the status of one registration", () => {
  it("approves, records the reviewer, and shows it", async () => {
    const before = await reload(other.id);
    const res = await officer.post(`${base}/registrations/${other.id}`, { intent: "status", status: "approved", version: String(before.version) });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("The status is changed.");
    const after = await reload(other.id);
    expect(after).toMatchObject({ status: "approved", reviewedBy: officer.userId, version: before.version + 1 });
    const text = await html(await officer.get(`${base}/registrations/${other.id}`));
    expect(text).toContain("Reviewed by officer.pp");
  });

  it("answers a stale version with 409 and the translated message; a rejection needs a reason", async () => {
    const before = await reload(other.id);
    const stale = await officer.post(`${base}/registrations/${other.id}`, { intent: "status", status: "waitlisted", version: String(before.version - 1) });
    expect(stale.status).toBe(409);
    expect(await html(stale)).toContain("Someone else saved this while you were editing");
    const bare = await officer.post(`${base}/registrations/${other.id}`, { intent: "status", status: "rejected", reason: "", version: String(before.version) });
    expect(bare.status).toBe(422);
    expect(await html(bare)).toContain("Give a reason for a rejection.");
    expect(
      (await viewer.post(`${base}/registrations/${other.id}`, { intent: "status", status: "rejected", reason: "No", version: String(before.version) })).status,
    ).toBe(403);
    expect(await reload(other.id)).toEqual(before);
  });

  it("answers in the staff member's language", async () => {
    const before = await reload(other.id);
    const res = await officer.post(`${base}/registrations/${other.id}?lang=ru`, {
      intent: "status",
      status: "waitlisted",
      version: String(before.version - 1),
    });
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("кто-то другой сохранил эту запись");
  });
});

describe("ID data", () => {
  it("is decrypted for an accreditation officer, each view audited", async () => {
    const viewsBefore = (await auditOf(sealed.id, "view_personal_data")).length;
    const res = await officer.post(`${base}/registrations/${sealed.id}`, { intent: "reveal" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const text = await html(res);
    for (const shown of ["Diplomatic passport", "D7654321", "May 1, 2031", "April 12, 1985"]) expect(text).toContain(shown);
    const views = await auditOf(sealed.id, "view_personal_data");
    expect(views).toHaveLength(viewsBefore + 1);
    expect(views.at(-1)).toMatchObject({ eventId, actorId: officer.userId, entity: "participant", entityId: String(sealed.id) });
    // The audit log says what happened, not the values.
    expect(JSON.stringify(views.at(-1))).not.toContain("D7654321");
    expect(await html(await owner.get(`${base}/audit`))).toContain(`Personal data viewed · participant #${sealed.id}`);
  });

  it("is refused, and nothing audited, to those without personal_data.read", async () => {
    const viewsBefore = (await auditOf(sealed.id, "view_personal_data")).length;
    for (const who of [viewer, editor]) {
      const res = await who.post(`${base}/registrations/${sealed.id}`, { intent: "reveal" });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain("D7654321");
    }
    expect((await stranger.post(`${base}/registrations/${sealed.id}`, { intent: "reveal" })).status).toBe(404);
    // The command itself checks the grant, whoever calls it.
    const event = (await db().select().from(events).where(eq(events.id, eventId)))[0];
    const actor = { userId: viewer.userId, isAdmin: false, role: "viewer" as const, sideEventIds: [] };
    await expect(
      revealPersonalData({ db: db(), actor, now: new Date(), publicUrl: app.url, secret: app.services.secret }, event, sealed.id),
    ).rejects.toMatchObject({ status: 403 });
    expect(await auditOf(sealed.id, "view_personal_data")).toHaveLength(viewsBefore);
  });

  it("needs a valid form token", async () => {
    const viewsBefore = (await auditOf(sealed.id, "view_personal_data")).length;
    expect((await officer.post(`${base}/registrations/${sealed.id}`, { intent: "reveal" }, { csrf: false })).status).toBe(403);
    expect(await auditOf(sealed.id, "view_personal_data")).toHaveLength(viewsBefore);
  });
});

describe("the photo", () => {
  const photo = () => `${base}/registrations/${sealed.id}/photo`;

  it("is served to staff who may read registrations, never cached or sniffed", async () => {
    const res = await officer.get(photo());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(png);
  });

  it("is refused to others, and absent for someone without a photo", async () => {
    expect((await viewer.get(photo())).status).toBe(403);
    expect((await editor.get(photo())).status).toBe(403);
    expect((await stranger.get(photo())).status).toBe(404);
    expect((await app.fetch(photo())).status).toBe(302);
    expect((await officer.get(`${base}/registrations/${other.id}/photo`)).status).toBe(404);
    expect((await officer.get(`${base}/registrations/${foreignParticipantId}/photo`)).status).toBe(404);
  });
});

describe("CSV export", () => {
  const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());
  const decode = (b: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(b);
  /** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
  const parse = (csv: string) => {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < csv.length; i++) {
      const c = csv[i];
      if (quoted) {
        if (c === '"' && csv[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") {
        row.push(cell);
        cell = "";
      } else if (c === "\r" && csv[i + 1] === "\n") {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = "";
        i++;
      } else cell += c;
    }
    return rows;
  };

  beforeAll(async () => {
    const [delegate] = await db()
      .select()
      .from(categories)
      .where(and(eq(categories.eventId, eventId), eq(categories.code, "delegate")));
    await db()
      .insert(participants)
      .values([
        {
          eventId,
          categoryId: delegate.id,
          givenName: "Quote",
          familyName: "Csvtest",
          email: "quote.csvtest@example.org",
          organisation: 'Institute "North, South"\nSecond line',
        },
        {
          eventId,
          categoryId: delegate.id,
          givenName: '=HYPERLINK("http://evil.example")',
          familyName: "@SUM(A1)",
          email: "formula.csvtest@example.org",
          organisation: "+1 Org",
          position: "-2 Position",
        },
        {
          eventId,
          categoryId: delegate.id,
          givenName: "Дмитрий",
          familyName: "Иванов-Csvtest",
          givenNameLocal: "Дмитрий",
          familyNameLocal: "Иванов",
          email: "cyrillic.csvtest@example.org",
          organisation: "Министерство иностранных дел",
        },
      ]);
  });

  it("starts with a BOM and a header row, quotes per RFC 4180, and defuses formulas", async () => {
    const res = await officer.get(`${base}/registrations/export.csv?q=csvtest&sort=name&columns=given,family,organisation,position,email`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="tashkent-2022-registrations-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const body = await bytes(res);
    expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = decode(body.slice(3));
    expect(csv.startsWith("Given name(s),Family name,Organisation,Position,Email\r\n")).toBe(true);
    expect(csv).toContain('"Institute ""North, South""\nSecond line"');
    const rows = parse(csv);
    expect(rows).toEqual([
      ["Given name(s)", "Family name", "Organisation", "Position", "Email"],
      ['\'=HYPERLINK("http://evil.example")', "'@SUM(A1)", "'+1 Org", "'-2 Position", "formula.csvtest@example.org"],
      ["Quote", "Csvtest", 'Institute "North, South"\nSecond line', "", "quote.csvtest@example.org"],
      ["Дмитрий", "Иванов-Csvtest", "Министерство иностранных дел", "", "cyrillic.csvtest@example.org"],
    ]);
  });

  it("labels the columns in the staff member's language, Cyrillic intact", async () => {
    const csv = decode((await bytes(await officer.get(`${base}/registrations/export.csv?q=cyrillic.csvtest&columns=name,localNames,status&lang=ru`))).slice(3));
    expect(parse(csv)).toEqual([
      ["Имя и фамилия", "Имя в родной письменности", "Статус"],
      ["Дмитрий Иванов-Csvtest", "Дмитрий Иванов", "На рассмотрении"],
    ]);
  });

  it("keeps the queue's filters, and uses the default columns when none are chosen", async () => {
    const [kz] = await db()
      .select()
      .from(delegations)
      .where(and(eq(delegations.eventId, eventId), eq(delegations.country, "KZ")));
    const members = await db().select().from(participants).where(eq(participants.delegationId, kz.id));
    const approved = members.filter((m) => m.status === "approved");
    const rows = parse(decode((await bytes(await officer.get(`${base}/registrations/export.csv?status=approved&delegation=${kz.id}&country=kz`))).slice(3)));
    expect(rows[0]).toEqual(["Name", "Email", "Organisation", "Position", "Country", "Category", "Delegation", "Status"]);
    expect(
      rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(approved.map((m) => m.email).sort());
    for (const row of rows.slice(1)) expect(row.slice(4)).toEqual(["KZ", expect.any(String), "Republic of Kazakhstan", "Approved"]);
    // Unknown columns are ignored.
    const picked = parse(
      decode((await bytes(await officer.get(`${base}/registrations/export.csv?q=quote.csvtest&columns=email&columns=idDocumentNumber,birthDate`))).slice(3)),
    );
    expect(picked).toEqual([["Email"], ["quote.csvtest@example.org"]]);
  });

  it("never holds ID data, whatever is asked", async () => {
    const all = "name,given,family,localNames,email,organisation,position,country,category,delegation,status,lang,created";
    const csv = decode(await bytes(await officer.get(`${base}/registrations/export.csv?q=zarina&columns=${all}&idDocumentNumber=1`)));
    expect(csv).toContain("zarina.karimova@example.org");
    for (const secret of ["D7654321", "1985-04-12", sealed.idDocumentNumberEnc!, sealed.birthDateEnc!, "Diplomatic passport"])
      expect(csv).not.toContain(secret);
  });

  it("pages through large lists in the list's order without losing or repeating a row", async () => {
    const [delegate] = await db()
      .select()
      .from(categories)
      .where(and(eq(categories.eventId, eventId), eq(categories.code, "delegate")));
    const n = 2345;
    // Same family name for all, so the keyset has to use the given name and the id to move on.
    await db()
      .insert(participants)
      .values(
        Array.from({ length: n }, (_, i) => ({
          eventId,
          categoryId: delegate.id,
          givenName: `G${String(i % 7)}`,
          familyName: "Pagetest",
          email: `page${i}.pagetest@example.org`,
        })),
      );
    for (const sort of ["name", "-name", "created", "-created", "status"]) {
      const rows = parse(
        decode((await bytes(await officer.get(`${base}/registrations/export.csv?q=pagetest&sort=${sort}&columns=given,email`))).slice(3)),
      ).slice(1);
      expect(rows).toHaveLength(n);
      expect(new Set(rows.map((r) => r[1])).size).toBe(n);
      const expected = await db()
        .select({ email: participants.email })
        .from(participants)
        .where(and(eq(participants.eventId, eventId), like(participants.email, "%.pagetest@example.org")))
        .orderBy(...(sort.endsWith("name") ? [asc(participants.givenName), asc(participants.id)] : [asc(participants.id)]));
      const emails = expected.map((r) => r.email);
      // Status and family name are the same for all: "status" falls back to the id, "name" to the given name and id.
      expect(rows.map((r) => r[1])).toEqual(sort.startsWith("-") ? emails.reverse() : emails);
    }
  });

  it("is refused to staff who may not read registrations", async () => {
    expect((await editor.get(`${base}/registrations/export.csv`)).status).toBe(403);
    expect((await viewer.get(`${base}/registrations/export.csv`)).status).toBe(403);
    expect((await stranger.get(`${base}/registrations/export.csv`)).status).toBe(404);
    expect((await app.fetch(`${base}/registrations/export.csv`)).status).toBe(302);
  });

  it("is offered on the queue with its current filters", async () => {
    const text = await html(await officer.get(`${base}/registrations?status=approved&q=csv`));
    expect(text).toContain(`action="${base}/registrations/export.csv"`);
    expect(text).toContain('<input type="hidden" name="status" value="approved"/>');
    expect(text).toContain('<input type="hidden" name="q" value="csv"/>');
    expect(text).toContain('<input type="checkbox" name="columns" checked="" value="email"/>');
    expect(text).toContain('<input type="checkbox" name="columns" value="lang"/>');
  });
});

describe("the public list of participants", () => {
  let kz: typeof delegations.$inferSelect;

  beforeAll(async () => {
    [kz] = await db()
      .select()
      .from(delegations)
      .where(and(eq(delegations.eventId, eventId), eq(delegations.country, "KZ")));
    const [delegate] = await db()
      .select()
      .from(categories)
      .where(and(eq(categories.eventId, eventId), eq(categories.code, "delegate")));
    const [expert] = await db()
      .select()
      .from(categories)
      .where(and(eq(categories.eventId, eventId), eq(categories.code, "expert")));
    await db()
      .insert(participants)
      .values([
        {
          eventId,
          delegationId: kz.id,
          categoryId: delegate.id,
          status: "approved",
          consentList: true,
          honorific: "Mr",
          givenName: "Listed",
          familyName: "Consenting (fictional)",
          givenNameLocal: "Листед",
          familyNameLocal: "Согласный",
          position: "Attaché",
          organisation: "Ministry of Foreign Affairs",
          email: "listed.public@example.org",
        },
        {
          eventId,
          delegationId: kz.id,
          categoryId: delegate.id,
          status: "approved",
          consentList: false,
          givenName: "Unlisted",
          familyName: "Private (fictional)",
          email: "unlisted.public@example.org",
        },
        {
          eventId,
          delegationId: kz.id,
          categoryId: delegate.id,
          status: "pending",
          consentList: true,
          givenName: "Waiting",
          familyName: "Pending (fictional)",
          email: "waiting.public@example.org",
        },
        {
          eventId,
          categoryId: expert.id,
          status: "approved",
          consentList: true,
          givenName: "Solo",
          familyName: "Expert (fictional)",
          organisation: "Think tank (demo)",
          email: "solo.public@example.org",
        },
      ]);
    // Rows written around the app: drop pages cached by earlier reads.
    app.services.cache.clear();
  });

  /** The heading of the section a name is listed under. */
  const sectionOf = (page: string, name: string) => {
    const at = page.indexOf(name);
    if (at < 0) return undefined;
    const heading = page.lastIndexOf("<h2", at);
    return page
      .slice(heading, page.indexOf("</h2>", heading))
      .replace(/<[^>]*>/g, "")
      .replace(/^[^>]*>/, "");
  };

  it("lists approved, consenting people only, grouped by delegation, without JavaScript", async () => {
    const res = await app.fetch("/en/e/tashkent-2022/participants");
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain("<h1>List of participants</h1>");
    expect(page).toContain("Mr Listed Consenting (fictional)");
    // Names in any script are isolated from the page's direction.
    expect(page).toContain("<bdi>Mr Listed Consenting (fictional)</bdi>");
    expect(page).toContain("(<bdi>Листед Согласный</bdi>)");
    expect(page).toContain("Attaché, Ministry of Foreign Affairs");
    expect(page).not.toContain("Unlisted");
    expect(page).not.toContain("Waiting Pending");
    expect(page).not.toContain("listed.public@example.org");
    expect(sectionOf(page, "Listed Consenting")).toBe("Republic of Kazakhstan");
    expect(sectionOf(page, "Solo Expert")).toBe("Other participants");
    expect(page.indexOf("Republic of Kazakhstan")).toBeLessThan(page.indexOf("Other participants"));
    const listed = await db()
      .select()
      .from(participants)
      .where(and(eq(participants.eventId, eventId), eq(participants.status, "approved"), eq(participants.consentList, true)));
    expect(page).toContain(`${listed.length} participants`);
    // The Head of Delegation comes first in the delegation, and is marked.
    const head = listed.find((p) => p.id === kz.headParticipantId)!;
    expect(page.indexOf(`${head.givenName} ${head.familyName}`)).toBeLessThan(page.indexOf("Listed Consenting"));
    expect(page).not.toContain("<script");
    expect(page).toContain('href="/en/e/tashkent-2022/participants"');
  });

  it("is served in Russian, and cached like the other public pages", async () => {
    const first = await app.fetch("/ru/e/tashkent-2022/participants");
    expect(first.status).toBe(200);
    const page = await html(first);
    expect(page).toContain("<h1>Список участников</h1>");
    expect(page).toContain('<html lang="ru"');
    expect(sectionOf(page, "Listed Consenting")).toBe("Республика Казахстан");
    expect(sectionOf(page, "Solo Expert")).toBe("Другие участники");
    expect(page).toMatch(/\d+ участник(а|ов)?</);
    expect(page).toContain(">Участники</a>");
    const again = await app.fetch("/ru/e/tashkent-2022/participants");
    expect(again.headers.get("x-cache")).toBe("hit");
  });

  it("follows the review: an approval shows on the list", async () => {
    const [waiting] = await db().select().from(participants).where(eq(participants.email, "waiting.public@example.org"));
    expect(await html(await app.fetch("/en/e/tashkent-2022/participants"))).not.toContain("Waiting Pending");
    const res = await officer.post(`${base}/registrations/${waiting.id}`, { intent: "status", status: "approved", version: String(waiting.version) });
    expect(res.status).toBe(200);
    expect(await html(await app.fetch("/en/e/tashkent-2022/participants"))).toContain("Waiting Pending (fictional)");
  });

  it("is in the sitemap", async () => {
    expect(await (await app.fetch("/sitemap.xml")).text()).toContain(`<loc>${app.url}/ru/e/tashkent-2022/participants</loc>`);
  });
});
