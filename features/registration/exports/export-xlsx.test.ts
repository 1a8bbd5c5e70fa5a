import { PassThrough } from "node:stream";
import { and, asc, eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importParticipants, makeDelegation, makeEvent, makeFormField, makeParticipant } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff } from "../../../test/staff.ts";
import type { EventRow } from "../../events/queries.ts";
import { participants } from "../schema.ts";
import { exportPageSize } from "./export-rows.ts";
import { pendingXml } from "./export-xlsx.ts";

/** The review queue as an Excel workbook: read back with exceljs, as a spreadsheet program would. */
let app: TestServer;
let event: EventRow;
let eventId: number;
let ownerId: number;
let officer: Staff;
let base: string;
/** The approved members of the Kazakh delegation, in the order they registered. */
let kazakhs: string[];
let kazakhstanId: number;
const db = () => app.services.db;

async function workbook(res: Response) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}
/** Every row of the first sheet as its cells' values (the header row first). */
const values = (sheet: ExcelJS.Worksheet) =>
  sheet
    .getSheetValues()
    .filter(Boolean)
    .map((row) => (row as ExcelJS.CellValue[]).slice(1));

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const made = await makeEvent(db(), { languages: ["en", "ru", "uz"], timezone: "Asia/Tashkent" });
  ({ event } = made);
  eventId = event.id;
  ownerId = made.owner.id;
  base = `/admin/e/${event.slug}`;
  officer = await staff(app, { email: "officer.xlsx@example.org", role: "accreditation_officer", eventId });
  await makeFormField(db(), event, ownerId, {
    key: "visa_letter",
    type: "yes_no",
    label: {
      en: "Do you need a visa support letter?",
      ru: "Нужно ли вам письмо-поддержка для получения визы?",
      uz: "Viza olish uchun qoʻllab-quvvatlash xati kerakmi?",
    },
  });
  await makeFormField(db(), event, ownerId, { key: "arrival_day", type: "date", label: { en: "Day of arrival", ru: "День прибытия", uz: "Kelish kuni" } });
  const expert = (fields: Record<string, string>, options: Parameters<typeof makeParticipant>[4]) =>
    makeParticipant(db(), event, ownerId, { category: "expert", ...fields }, options);
  await expert(
    {
      givenName: '=HYPERLINK("http://evil.example","click")',
      familyName: "@SUM(A1)",
      email: "formula.xlsxtest@example.org",
      organisation: "+1 Org",
      position: "-2 Position",
    },
    { createdAt: new Date("2022-02-01T04:30:00Z"), custom: { visa_letter: "yes", arrival_day: "2022-03-02" } },
  );
  const tab = await expert(
    { givenName: "Tab", familyName: "Xlsxtest", email: "tab.xlsxtest@example.org", organisation: "Return" },
    { createdAt: new Date("2022-02-02T20:15:00Z") },
  );
  // Leading control characters no form lets through (they are trimmed), as an old import may have left them: the export must still write text.
  await db().update(participants).set({ givenName: "\tTab", organisation: "\rReturn" }).where(eq(participants.id, tab.id));
  await expert(
    { givenName: "Дмитрий", familyName: "Иванов-Xlsxtest", email: "cyrillic.xlsxtest@example.org", organisation: "Министерство иностранных дел" },
    { status: "approved", createdAt: new Date("2022-02-03T10:00:00Z"), custom: { visa_letter: "no" } },
  );

  // A delegation with two approved members and a pending one; and an approved Kazakh who is not of it.
  const kazakhstan = await makeDelegation(db(), event, ownerId, {
    country: "KZ",
    name: { en: "Republic of Kazakhstan", ru: "Республика Казахстан", uz: "Qozogʻiston Respublikasi" },
    quota: 5,
  });
  kazakhstanId = kazakhstan.id;
  const member = (email: string, status: "approved" | "pending", delegation = "Republic of Kazakhstan") =>
    makeParticipant(db(), event, ownerId, { email, country: "KZ", category: "delegate", ...(delegation ? { delegation } : {}) }, { status });
  await member("aigerim.kz@example.org", "approved");
  await member("pending.kz@example.org", "pending");
  await member("bolat.kz@example.org", "approved");
  await member("alone.kz@example.org", "approved", "");
  kazakhs = ["aigerim.kz@example.org", "bolat.kz@example.org"];
});
afterAll(async () => {
  await app?.stop();
});

describe("the XLSX export", () => {
  const columns = "columns=given,family,organisation,position,email,status,created,custom.visa_letter,custom.arrival_day";

  it("downloads a workbook with a bold, frozen header and the chosen columns", async () => {
    const res = await officer.get(`${base}/registrations/export.xlsx?q=xlsxtest&sort=created&${columns}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toMatch(
      new RegExp(String.raw`^attachment; filename="${event.slug}-registrations-\d{4}-\d{2}-\d{2}\.xlsx"$`),
    );
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const book = await workbook(res);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Registrations"]);
    const sheet = book.worksheets[0];
    expect(values(sheet)[0]).toEqual([
      "Given name(s)",
      "Family name",
      "Organisation",
      "Position",
      "Email",
      "Status",
      "Registered",
      "Do you need a visa support letter?",
      "Day of arrival",
    ]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    for (let c = 1; c <= 9; c++) expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(9);
    expect(sheet.getColumn(5).width).toBeGreaterThan(sheet.getColumn(6).width!);
    expect(
      values(sheet)
        .slice(1)
        .map((row) => row.slice(0, 6)),
    ).toEqual([
      ['=HYPERLINK("http://evil.example","click")', "@SUM(A1)", "+1 Org", "-2 Position", "formula.xlsxtest@example.org", "Pending review"],
      // (XML reads a carriage return as a line feed: text either way.)
      ["\tTab", "Xlsxtest", "\nReturn", undefined, "tab.xlsxtest@example.org", "Pending review"],
      ["Дмитрий", "Иванов-Xlsxtest", "Министерство иностранных дел", undefined, "cyrillic.xlsxtest@example.org", "Approved"],
    ]);
  });

  it("writes text that looks like a formula as text, never as a formula", async () => {
    const sheet = (await workbook(await officer.get(`${base}/registrations/export.xlsx?q=xlsxtest&sort=created&${columns}`))).worksheets[0];
    for (const [row, col] of [
      [2, 1],
      [2, 2],
      [2, 3],
      [2, 4],
      [3, 1],
      [3, 3],
    ]) {
      const cell = sheet.getRow(row).getCell(col);
      expect(cell.type, `${cell.address} ${String(cell.value)}`).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
  });

  it("writes dates as dates: the registration as the event's local time, a date answer as its day", async () => {
    const sheet = (await workbook(await officer.get(`${base}/registrations/export.xlsx?q=xlsxtest&sort=created&${columns}`))).worksheets[0];
    const created = sheet.getRow(2).getCell(7);
    expect(created.type).toBe(ExcelJS.ValueType.Date);
    // 04:30 UTC is 09:30 in Tashkent: a spreadsheet has no zones, so it holds the time staff pages show.
    expect((created.value as Date).toISOString()).toBe("2022-02-01T09:30:00.000Z");
    expect(created.numFmt).toBe("yyyy-mm-dd hh:mm");
    // 20:15 UTC on 2 February is already 3 February in Tashkent.
    expect((sheet.getRow(3).getCell(7).value as Date).toISOString()).toBe("2022-02-03T01:15:00.000Z");
    const arrival = sheet.getRow(2).getCell(9);
    expect((arrival.value as Date).toISOString()).toBe("2022-03-02T00:00:00.000Z");
    expect(arrival.numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getRow(2).getCell(8).value).toBe("Yes");
    expect(sheet.getRow(4).getCell(8).value).toBe("No");
    expect(sheet.getRow(3).getCell(9).value).toBeNull();
  });

  it("names the sheet and labels the columns in the staff member's language", async () => {
    const book = await workbook(await officer.get(`${base}/registrations/export.xlsx?q=cyrillic.xlsxtest&columns=name,status,custom.visa_letter&lang=ru`));
    expect(book.worksheets[0].name).toBe("Регистрации");
    expect(values(book.worksheets[0])).toEqual([
      ["Имя и фамилия", "Статус", "Нужно ли вам письмо-поддержка для получения визы?"],
      ["Дмитрий Иванов-Xlsxtest", "Одобрено", "Нет"],
    ]);
  });

  it("keeps the queue's filters, and the default columns when none are chosen", async () => {
    const rows = values(
      (await workbook(await officer.get(`${base}/registrations/export.xlsx?status=approved&delegation=${kazakhstanId}&country=kz&sort=created`))).worksheets[0],
    );
    expect(rows[0]).toEqual(["Name", "Email", "Organisation", "Position", "Country", "Category", "Delegation", "Status"]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(kazakhs);
    for (const row of rows.slice(1)) expect(row.slice(4)).toEqual(["KZ", "Delegate", "Republic of Kazakhstan", "Approved"]);
    // The day filter, in the event's time zone: 3 February in Tashkent holds the registration of 20:15 UTC on the 2nd.
    const days = values(
      (await workbook(await officer.get(`${base}/registrations/export.xlsx?q=xlsxtest&from=2022-02-03&to=2022-02-03&sort=created&columns=email`)))
        .worksheets[0],
    );
    expect(days).toEqual([["Email"], ["tab.xlsxtest@example.org"], ["cyrillic.xlsxtest@example.org"]]);
  });

  it("reads large lists page by page, in the list's order, without losing a row", async () => {
    const n = exportPageSize + 234;
    expect(
      await importParticipants(
        db(),
        event,
        Array.from({ length: n }, (_, i) => ({ givenName: `G${i % 7}`, familyName: "Xlsxpage", email: `p${i}.xlsxpage@example.org` })),
      ),
    ).toBe(n);
    const rows = values((await workbook(await officer.get(`${base}/registrations/export.xlsx?q=xlsxpage&sort=-name&columns=email`))).worksheets[0]).slice(1);
    const expected = await db()
      .select({ email: participants.email })
      .from(participants)
      .where(and(eq(participants.eventId, eventId), inArray(participants.familyName, ["Xlsxpage"])))
      .orderBy(asc(participants.givenName), asc(participants.id));
    expect(rows.map((r) => r[0])).toEqual(expected.map((r) => r.email).reverse());
  });

  it("sees the XML exceljs has not yet zipped, which it waits for before reading further", () => {
    // The export reads exceljs's internals (export-xlsx.ts): if an upgrade moves them, this fails first.
    const out = new PassThrough();
    const sheet = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out }).addWorksheet("Test");
    for (let i = 0; i < 2000; i++) sheet.addRow([`row ${i}`, "x".repeat(50)]).commit();
    expect(pendingXml(sheet)).toBeGreaterThan(100_000);
    out.destroy();
  });

  it("is refused to staff who may not read registrations", async () => {
    const viewer = await staff(app, { email: "viewer.xlsx@example.org", role: "viewer", eventId });
    const editor = await staff(app, { email: "editor.xlsx@example.org", role: "programme_editor", eventId });
    const stranger = await staff(app, { email: "stranger.xlsx@example.org" });
    expect((await viewer.get(`${base}/registrations/export.xlsx`)).status).toBe(403);
    expect((await editor.get(`${base}/registrations/export.xlsx`)).status).toBe(403);
    expect((await stranger.get(`${base}/registrations/export.xlsx`)).status).toBe(404);
    expect((await app.fetch(`${base}/registrations/export.xlsx`)).status).toBe(302);
  });

  it("is offered on the queue next to the CSV, with the same form", async () => {
    const page = await (await officer.get(`${base}/registrations?status=approved`)).text();
    expect(page).toContain(`action="${base}/registrations/export.csv"`);
    expect(page).toMatch(new RegExp(`formaction="${base}/registrations/export\\.xlsx"`, "i"));
    expect(page).toContain("Download Excel (XLSX)");
  });
});
