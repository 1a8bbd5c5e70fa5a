import { and, eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zonedToUtc } from "../../../i18n/format.ts";
import { makeDelegation, makeEvent } from "../../../test/factories.ts";
import { openLive, payload } from "../../../test/live.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff } from "../../../test/staff.ts";
import { auditLog, users } from "../../access/schema.ts";
import type { EventRow } from "../../events/queries.ts";
import type { ImportProgress } from "../../live/topics.ts";
import { mailOutbox } from "../../mail/schema.ts";
import { categories, delegations, registrationImports } from "../schema.ts";

/**
 * Issue 11 item 3: dozens of States took as many forms, one at a time. Now a file of delegations is checked
 * and imported like a participants file, and the new delegations are invited in one batch.
 */
let app: TestServer;
let event: EventRow;
let other: EventRow;
let officer: Staff;
let viewer: Staff;
let base: string;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const db = app.services.db;
  const made = await makeEvent(db, { languages: ["en", "ru"], timezone: "Asia/Tashkent" });
  event = made.event;
  ({ event: other } = await makeEvent(db));
  base = `/admin/e/${event.slug}`;
  officer = await staff(app, { email: `officer.${event.slug}@example.org`, role: "accreditation_officer", eventId: event.id });
  viewer = await staff(app, { email: `viewer.${event.slug}@example.org`, role: "viewer", eventId: event.id });
  // Already invited through the form: a file naming Azerbaijan again leaves it alone.
  await makeDelegation(db, event, made.owner.id, { country: "AZ", name: { en: "Azerbaijan", ru: "Азербайджан" } });
});
afterAll(async () => {
  await app?.stop();
});

const db = () => app.services.db;
const html = async (res: Response) => (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

async function upload(file: File, fields: Record<string, string> = {}, who: Staff = officer) {
  const res = await who.post(`${base}/delegations/import`, { intent: "upload", file, ...fields });
  const location = res.headers.get("location");
  return { res, id: location ? Number(new URL(location, app.url).searchParams.get("import")) : null };
}
const importRow = async (id: number) => (await db().select().from(registrationImports).where(eq(registrationImports.id, id)))[0];
const focalMails = (emails: string[]) =>
  db()
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.eventId, event.id), eq(mailOutbox.kind, "focalPoint"), inArray(mailOutbox.to, emails)));

const header = "Kind,Country,name_en,name_ru,Quota,Deadline,Default category,Focal point name,Focal point email,Focal point language";
const goodEmails = ["kz.focal@example.org", "ru.focal@example.org", "org.focal@example.org"];
const csv = [
  header,
  "state,KZ,,,6,2030-05-01 18:00,delegate,Aigerim Test,KZ.Focal@example.org,ru",
  "State,RU,,,4,2030-05-01,,Ivan Test,ru.focal@example.org,русский",
  "organisation,,Regional Centre (fictional),Региональный центр (вымышленный),3,01.05.2030 18:00,observer,Ann Org,org.focal@example.org,en",
  "state,XX,,,2,2030-05-01 18:00,,Xavier Nowhere,xx.focal@example.org,en",
  "state,UZ,,,2,2030-05-01 18:00,astronaut,Umid Test,uz.focal@example.org,en",
  "state,KZ,Kazakhstan again,,2,2030-05-01 18:00,,Dup Test,dup.focal@example.org,en",
  "state,TJ,,,2,2020-01-01 18:00,,Past Test,tj.focal@example.org,en",
  "planet,MN,,,2,2030-05-01 18:00,,Kind Test,mn.focal@example.org,en",
  "state,KG,,,0,2030-05-01 18:00,,Quota Test,kg.focal@example.org,en",
  "state,AM,,,2,someday,,Date Test,am.focal@example.org,en",
  "state,AZ,,,2,2030-05-01 18:00,,Az Test,az.focal@example.org,en",
].join("\r\n");

describe("importing delegations from a file", () => {
  let firstId: number;

  it("offers the import from the delegations page, to those who may add delegations", async () => {
    const page = await html(await officer.get(`${base}/delegations`));
    expect(page).toContain(`href="${base}/delegations/import"`);
    expect((await officer.get(`${base}/delegations/import`)).status).toBe(200);
    expect((await viewer.get(`${base}/delegations/import`)).status).toBe(403);
    expect(await html(await viewer.get(`${base}/delegations`))).not.toContain(`href="${base}/delegations/import"`);
  });

  it("previews counts and row errors naming the row, the column and the delegation, and writes nothing", async () => {
    const before = await db().select({ id: delegations.id }).from(delegations).where(eq(delegations.eventId, event.id));
    const { res, id } = await upload(new File([csv], "delegations.csv", { type: "text/csv" }));
    expect(res.status).toBe(302);
    firstId = id!;
    const stored = await importRow(firstId);
    expect(stored).toMatchObject({ kind: "delegations", status: "previewed", total: 11, pastDeadlinesConfirmed: false });
    expect(stored.preview).toEqual({
      total: 11,
      fresh: 3,
      existing: 1,
      invalid: 7,
      ignoredColumns: [],
      errors: [
        { row: 5, column: "Country", code: "import.country_unknown", values: { value: "XX" }, who: { name: "XX", email: "xx.focal@example.org" } },
        {
          row: 6,
          column: "Default category",
          code: "import.category_unknown",
          values: { value: "astronaut" },
          who: { name: "Uzbekistan", email: "uz.focal@example.org" },
        },
        {
          row: 7,
          column: "Country",
          code: "import.delegation_duplicate_in_file",
          values: { row: 2 },
          who: { name: "Kazakhstan again", email: "dup.focal@example.org" },
        },
        { row: 8, column: "Deadline", code: "delegation.deadline_in_past", who: { name: "Tajikistan", email: "tj.focal@example.org" } },
        { row: 9, column: "Kind", code: "import.kind_unknown", values: { value: "planet" }, who: { name: "Mongolia", email: "mn.focal@example.org" } },
        { row: 10, column: "Quota", code: "quota.min", who: { name: "Kyrgyzstan", email: "kg.focal@example.org" } },
        {
          row: 11,
          column: "Deadline",
          code: "import.deadline_unreadable",
          values: { value: "someday" },
          who: { name: "Armenia", email: "am.focal@example.org" },
        },
      ],
    });
    const page = await html(await officer.get(`${base}/delegations/import?import=${firstId}`));
    expect(page).toContain("11 rows in the file");
    expect(page).toContain("3 new delegations will be added");
    expect(page).toContain("1 delegation is already in the event (same State or name) and will be skipped");
    expect(page).toContain("7 rows have errors and will be left out");
    expect(page).toContain("“XX” is not a country");
    expect(page).toContain("There is no category “astronaut” in this event");
    expect(page).toContain("The same delegation is already in row 2 of this file.");
    expect(page).toContain("This deadline is already past.");
    expect(page).toContain("“planet” is not a kind of delegation");
    expect(page).toContain("“someday” is not a date and time");
    expect(page).toContain("tj.focal@example.org");
    expect(page).toContain("Import 3 delegations");
    expect(await db().select({ id: delegations.id }).from(delegations).where(eq(delegations.eventId, event.id))).toHaveLength(before.length);
  });

  it("adds the good rows on confirm, reporting progress live, without inviting anyone", async () => {
    const stream = await openLive(app, `/api/v1/events/${event.slug}/live?topics=imports`, { cookie: officer.cookie });
    await stream.next((e) => e.event === "ready");
    const confirmed = await officer.post(`${base}/delegations/import`, { intent: "confirm", import: String(firstId) });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe(`${base}/delegations/import?import=${firstId}`);
    const done = await stream.next((e) => e.event === "message" && payload<ImportProgress>(e).data.id === firstId && payload(e).data.status === "done", 30_000);
    expect(payload(done).data).toMatchObject({ status: "done", total: 11, done: 11, inserted: 3, skipped: 1, invalid: 7 });
    expect(stream.events.filter((e) => e.event === "message" && payload(e).data.id === firstId).map((e) => payload(e).data.status)).toEqual([
      "queued",
      "running",
      "done",
    ]);
    stream.close();
    await app.services.jobs.idle("registration-import");

    const added = await db()
      .select()
      .from(delegations)
      .where(and(eq(delegations.eventId, event.id), inArray(delegations.focalPointEmail, goodEmails)));
    const byEmail = Object.fromEntries(added.map((d) => [d.focalPointEmail, d]));
    const [delegate] = await db()
      .select()
      .from(categories)
      .where(and(eq(categories.eventId, event.id), eq(categories.code, "delegate")));
    // A State's names come from the States list in the event's languages, UN forms first.
    expect(byEmail["kz.focal@example.org"]).toMatchObject({
      kind: "state",
      country: "KZ",
      name: { en: "Kazakhstan", ru: "Казахстан" },
      quota: 6,
      deadline: zonedToUtc("2030-05-01T18:00", "Asia/Tashkent"),
      defaultCategoryId: delegate.id,
      focalPointName: "Aigerim Test",
      focalPointLang: "ru",
      invitedAt: null,
    });
    expect(byEmail["ru.focal@example.org"]).toMatchObject({
      name: { en: "Russian Federation", ru: "Российская Федерация" },
      deadline: zonedToUtc("2030-05-01T23:59", "Asia/Tashkent"),
      focalPointLang: "ru",
    });
    expect(byEmail["org.focal@example.org"]).toMatchObject({
      kind: "organisation",
      country: null,
      name: { en: "Regional Centre (fictional)", ru: "Региональный центр (вымышленный)" },
      deadline: zonedToUtc("2030-05-01T18:00", "Asia/Tashkent"),
    });
    expect(await focalMails(goodEmails)).toEqual([]);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "registration_import"), eq(auditLog.entityId, String(firstId))));
    expect(audit.after).toMatchObject({ kind: "delegations", inserted: 3, skipped: 1, invalid: 7 });

    const page = await html(await officer.get(`${base}/delegations/import?import=${firstId}`));
    expect(page).toContain("The import is finished.");
    expect(page).toContain("Added: 3; skipped (already in the event): 1; left out (errors): 7.");
    expect(page).toContain(`href="${base}/delegations"`);
  });

  it("takes past deadlines when the person ticked that they are meant, and reads a workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Delegations");
    sheet.addRow(["Country", "Quota", "Deadline", "Focal point", "Email"]);
    sheet.addRow(["TJ", 2, new Date(Date.UTC(2020, 0, 1, 18, 0)), "Past Test", { text: "tj.focal@example.org", hyperlink: "mailto:tj.focal@example.org" }]);
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const refused = await upload(new File([bytes], "late.xlsx"));
    expect((await importRow(refused.id!)).preview).toMatchObject({
      fresh: 0,
      invalid: 1,
      errors: [{ row: 2, column: "Deadline", code: "delegation.deadline_in_past" }],
    });
    const { id } = await upload(new File([bytes], "late.xlsx"), { deadlinePastConfirmed: "on" });
    expect((await importRow(id!)).preview).toMatchObject({ total: 1, fresh: 1, invalid: 0, errors: [] });
    expect((await officer.post(`${base}/delegations/import`, { intent: "confirm", import: String(id) })).status).toBe(302);
    await app.services.jobs.idle("registration-import");
    const [tj] = await db()
      .select()
      .from(delegations)
      .where(and(eq(delegations.eventId, event.id), eq(delegations.country, "TJ")));
    expect(tj).toMatchObject({ kind: "state", name: { en: "Tajikistan", ru: "Таджикистан" }, deadline: zonedToUtc("2020-01-01T18:00", "Asia/Tashkent") });
  });

  it("refuses bad files with a translated 4xx, and keeps each page to its own imports", async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const image = await upload(new File([png], "delegations.csv"));
    expect(image.res.status).toBe(415);
    expect(await html(image.res)).toContain("The file must be a CSV file (UTF-8) or an Excel workbook (XLSX).");
    const columns = await upload(new File(["Country,Remarks\nKZ,none\n"], "columns.csv"));
    expect(columns.res.status).toBe(422);
    expect(await html(columns.res)).toContain("The file has no column for: Quota, Deadline, Focal point name, and Focal point email.");
    // Staff read the interface in the language they chose.
    await db().update(users).set({ locale: "ru" }).where(eq(users.id, officer.userId));
    try {
      const ru = await upload(new File(["Country,Remarks\nKZ,none\n"], "columns.csv"));
      expect(ru.res.status).toBe(422);
      expect(await html(ru.res)).toContain("В файле нет столбцов: Квота, Крайний срок, Имя контактного лица и Эл. почта контактного лица.");
    } finally {
      await db().update(users).set({ locale: "en" }).where(eq(users.id, officer.userId));
    }
    expect((await upload(new File([], "empty.csv"))).res.status).toBe(422);
    expect((await upload(new File([csv], "delegations.csv"), {}, viewer)).res.status).toBe(403);

    // A participants import is not shown here, nor an import of another event.
    const participants = await officer.post(`${base}/import`, {
      intent: "upload",
      file: new File(["Email,Given name,Family name,Country,Category\na.b@example.org,A,B,UZ,delegate\n"], "p.csv"),
    });
    const participantsId = new URL(participants.headers.get("location")!, app.url).searchParams.get("import");
    expect((await officer.get(`${base}/delegations/import?import=${participantsId}`)).status).toBe(404);
    expect((await officer.post(`${base}/delegations/import`, { intent: "confirm", import: participantsId! })).status).toBe(404);
    expect((await officer.get(`${base}/import?import=${firstId}`)).status).toBe(404);
    const stranger = await staff(app, { email: `officer.${other.slug}@example.org`, role: "accreditation_officer", eventId: other.id });
    expect((await stranger.get(`/admin/e/${other.slug}/delegations/import?import=${firstId}`)).status).toBe(404);
  });
});

describe("inviting the imported delegations in one batch", () => {
  it("sends each focal point one invitation, however often it is asked, and shows where each stands", async () => {
    const emails = [...goodEmails, "tj.focal@example.org"];
    const before = await html(await officer.get(`${base}/delegations`));
    expect(before).toContain("Send invitations to the 4 delegations not yet invited");
    expect(before).toContain("Not invited yet");
    expect((await viewer.post(`${base}/delegations`, { intent: "invite-all" })).status).toBe(403);

    // A double click, or two tabs: one batch.
    const [a, b] = await Promise.all([1, 2].map(() => officer.post(`${base}/delegations`, { intent: "invite-all" })));
    expect([a.status, b.status]).toEqual([200, 200]);
    const said = [await html(a), await html(b)].join("\n");
    expect(said).toContain("4 invitations are on their way.");
    expect(said).toContain("Every delegation had already been invited: nothing was sent.");
    const mails = await focalMails(emails);
    expect(mails.map((m) => m.to).sort()).toEqual([...emails].sort());
    expect(mails.find((m) => m.to === "kz.focal@example.org")?.lang).toBe("ru");
    const again = await officer.post(`${base}/delegations`, { intent: "invite-all" });
    expect(await html(again)).toContain("Every delegation had already been invited: nothing was sent.");
    expect(await focalMails(emails)).toHaveLength(4);
    const invited = await db()
      .select({ invitedAt: delegations.invitedAt })
      .from(delegations)
      .where(and(eq(delegations.eventId, event.id), inArray(delegations.focalPointEmail, emails)));
    expect(invited.every((d) => d.invitedAt instanceof Date)).toBe(true);

    // A message the mail server refused shows on its delegation.
    await db()
      .update(mailOutbox)
      .set({ status: "failed", lastError: "550 no such mailbox" })
      .where(and(eq(mailOutbox.eventId, event.id), eq(mailOutbox.to, "org.focal@example.org")));
    const after = await html(await officer.get(`${base}/delegations`));
    expect(after).not.toContain("delegations not yet invited");
    expect(after).toContain("Invited, email failed");
    expect(after).not.toContain("Not invited yet");
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.eventId, event.id), eq(auditLog.entity, "delegation_invitations")));
    expect(audit.map((row) => row.after)).toEqual([{ invited: 4 }]);
  });
});

describe("the invitation form and the States list", () => {
  it("offers the States by their UN names, and names a State picked from it in every event language", async () => {
    const page = await html(await officer.get(`${base}/delegations`));
    expect(page).toContain('list="states"');
    expect(page).toContain('value="MD" data-names="{"en":"Republic of Moldova","ru":"Республика Молдова"}" label="Republic of Moldova"');
    expect(page).toContain('label="Holy See (observer State)"');
    const res = await officer.post(`${base}/delegations`, {
      intent: "create",
      kind: "state",
      country: "md",
      "name.en": "",
      "name.ru": "",
      quota: "3",
      deadline: "2030-05-01T18:00",
      focalPointName: "Moldova Focal",
      focalPointEmail: "md.focal@example.org",
      focalPointLang: "en",
    });
    expect(res.status).toBe(200);
    const [md] = await db()
      .select()
      .from(delegations)
      .where(and(eq(delegations.eventId, event.id), eq(delegations.country, "MD")));
    expect(md).toMatchObject({ name: { en: "Republic of Moldova", ru: "Республика Молдова" } });
    expect(md.invitedAt).toBeInstanceOf(Date);
    const unknown = await officer.post(`${base}/delegations`, {
      intent: "create",
      kind: "state",
      country: "XX",
      quota: "3",
      deadline: "2030-05-01T18:00",
      focalPointName: "Nobody",
      focalPointEmail: "xx.form@example.org",
      focalPointLang: "en",
    });
    expect(unknown.status).toBe(422);
    expect(await html(unknown)).toContain("Enter a two-letter country code (ISO 3166), such as UZ.");
  });
});
