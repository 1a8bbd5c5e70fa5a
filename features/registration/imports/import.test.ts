import { and, eq, inArray, like } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff } from "../../../test/staff.ts";
import { deflatedZeros, workbookParts, zip } from "../../../test/zip.ts";
import { auditLog, users } from "../../access/schema.ts";
import { events } from "../../events/schema.ts";
import { storedFiles } from "../../files/schema.ts";
import { categories, delegations, participants, registrationImports } from "../schema.ts";

let app: TestServer;
let eventId: number;
let officer: Staff;
let viewer: Staff;
let existingEmail: string;
let kazakhDelegation: { id: number; name: string };
const base = "/admin/e/tashkent-2022";

beforeAll(async () => {
  app = await startTestServer();
  [{ id: eventId }] = await db().select({ id: events.id }).from(events).where(eq(events.slug, "tashkent-2022"));
  officer = await staff(app, { email: "import.officer@example.org", role: "accreditation_officer", eventId });
  viewer = await staff(app, { email: "import.viewer@example.org", role: "viewer", eventId });
  [{ email: existingEmail }] = await db().select({ email: participants.email }).from(participants).where(eq(participants.eventId, eventId)).limit(1);
  const [kz] = await db()
    .select()
    .from(delegations)
    .where(and(eq(delegations.eventId, eventId), eq(delegations.kind, "state"), eq(delegations.country, "KZ")));
  kazakhDelegation = { id: kz.id, name: kz.name.en };
});
afterAll(async () => {
  await app?.stop();
});

const db = () => app.services.db;
const html = async (res: Response) => (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
const categoryId = async (code: string) =>
  (
    await db()
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.eventId, eventId), eq(categories.code, code)))
  )[0].id;

/** Uploads a file; answers the import's id (from the redirect to its preview) or the refusal. */
async function upload(file: File, who: Staff = officer) {
  const res = await who.post(`${base}/import`, { intent: "upload", file });
  const location = res.headers.get("location");
  return { res, id: location ? Number(new URL(location, app.url).searchParams.get("import")) : null };
}

async function confirmAndWait(id: number) {
  const res = await officer.post(`${base}/import`, { intent: "confirm", import: String(id) });
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(`${base}/import?import=${id}`);
  await app.services.jobs.idle("registration-import");
  const [row] = await db().select().from(registrationImports).where(eq(registrationImports.id, id));
  return row;
}

const emailsIn = (emails: string[]) =>
  db()
    .select()
    .from(participants)
    .where(and(eq(participants.eventId, eventId), inArray(participants.email, emails)));

describe("importing participants from CSV", () => {
  const good = ["alice.import@example.org", "bob.import@example.org", "chen.import@example.org"];
  const csv = () =>
    [
      "Given name,Family name,Email,Organisation,Position,Country,Category,Delegation,Language",
      "Alice,Example,Alice.Import@example.org,Ministry of Examples (fictional),Adviser,KZ,delegate,,en",
      "Bob,Sample,bob.import@example.org,,,uz,Observer,,ru",
      `Chen,Test,chen.import@example.org,"Institute, Department (fictional)",,,Делегат,${kazakhDelegation.name},`,
      "Dana,Bad,not-an-email,,,KZ,delegate,,en",
      ",Nameless,nameless.import@example.org,,,KZ,delegate,,en",
      "Eve,Unknown,eve.import@example.org,,,KZ,astronaut,,en",
      "Finn,Nowhere,finn.import@example.org,,,XX,delegate,,en",
      "Alice,Again,ALICE.import@example.org,,,KZ,delegate,,en",
      `Gus,Existing,${existingEmail},,,UZ,delegate,,en`,
    ].join("\r\n");
  let firstId: number;

  it("previews counts and row errors exactly, and writes no participant", async () => {
    const before = await db().select({ id: participants.id }).from(participants).where(eq(participants.eventId, eventId));
    const { res, id } = await upload(new File([csv()], "participants.csv", { type: "text/csv" }));
    expect(res.status).toBe(302);
    firstId = id!;
    const [stored] = await db().select().from(registrationImports).where(eq(registrationImports.id, firstId));
    expect(stored).toMatchObject({ eventId, status: "previewed", total: 9, done: 0, inserted: 0, filename: "participants.csv" });
    expect(stored.preview).toEqual({
      total: 9,
      fresh: 3,
      existing: 1,
      invalid: 5,
      ignoredColumns: [],
      errors: [
        { row: 5, column: "Email", code: "email.invalid", who: { name: "Dana Bad", email: "not-an-email" } },
        { row: 6, column: "Given name", code: "required", who: { name: "Nameless", email: "nameless.import@example.org" } },
        {
          row: 7,
          column: "Category",
          code: "import.category_unknown",
          values: { value: "astronaut" },
          who: { name: "Eve Unknown", email: "eve.import@example.org" },
        },
        { row: 8, column: "Country", code: "import.country_unknown", values: { value: "XX" }, who: { name: "Finn Nowhere", email: "finn.import@example.org" } },
        {
          row: 9,
          column: "Email",
          code: "import.duplicate_in_file",
          values: { row: 2 },
          who: { name: "Alice Again", email: "ALICE.import@example.org" },
        },
      ],
    });
    // The file is kept for the confirm step, privately.
    const [file] = await db().select().from(storedFiles).where(eq(storedFiles.id, stored.fileId!));
    expect(file).toMatchObject({ kind: "import", eventId, contentType: "text/csv" });

    const page = await html(await officer.get(`${base}/import?import=${firstId}`));
    expect(page).toContain("9 rows in the file");
    expect(page).toContain("3 new participants will be added");
    expect(page).toContain("1 person is already registered (same email) and will be skipped");
    expect(page).toContain("5 rows have errors and will be left out");
    expect(page).toContain("Enter a valid email address.");
    expect(page).toContain("There is no category “astronaut” in this event");
    expect(page).toContain("“XX” is not a country");
    expect(page).toContain("The same email is already in row 2 of this file.");
    // Each row error names whom it is about, as the file does.
    expect(page).toContain("Finn Nowhere");
    expect(page).toContain("finn.import@example.org");
    expect(page).toContain("Import 3 participants");

    const after = await db().select({ id: participants.id }).from(participants).where(eq(participants.eventId, eventId));
    expect(after.length).toBe(before.length);
    expect(await emailsIn(good)).toEqual([]);
  });

  it("writes the good rows on confirm, with one audit row, and drops the stored file", async () => {
    // A double click: two confirms, one import.
    const [a, b] = await Promise.all([1, 2].map(() => officer.post(`${base}/import`, { intent: "confirm", import: String(firstId) })));
    expect([a.status, b.status]).toEqual([302, 302]);
    await app.services.jobs.idle("registration-import");
    const [done] = await db().select().from(registrationImports).where(eq(registrationImports.id, firstId));
    expect(done).toMatchObject({ status: "done", total: 9, done: 9, inserted: 3, skipped: 1, invalid: 5, fileId: null, error: null });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(
      await db()
        .select()
        .from(storedFiles)
        .where(and(eq(storedFiles.eventId, eventId), eq(storedFiles.kind, "import"))),
    ).toEqual([]);

    const written = Object.fromEntries((await emailsIn(good)).map((p) => [p.email, p]));
    expect(Object.keys(written).sort()).toEqual(good);
    expect(written["alice.import@example.org"]).toMatchObject({
      givenName: "Alice",
      familyName: "Example",
      organisation: "Ministry of Examples (fictional)",
      position: "Adviser",
      country: "KZ",
      categoryId: await categoryId("delegate"),
      delegationId: null,
      status: "pending",
      lang: "en",
    });
    expect(written["bob.import@example.org"]).toMatchObject({ country: "UZ", categoryId: await categoryId("observer"), lang: "ru", organisation: null });
    // The country comes from the delegation; the language, left empty, is the event's first.
    expect(written["chen.import@example.org"]).toMatchObject({
      country: "KZ",
      delegationId: kazakhDelegation.id,
      categoryId: await categoryId("delegate"),
      organisation: "Institute, Department (fictional)",
      lang: "en",
    });
    const [existing] = await emailsIn([existingEmail]);
    expect(existing.familyName).not.toBe("Existing");

    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "registration_import"), eq(auditLog.entityId, String(firstId))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ eventId, actorId: officer.userId, action: "create" });
    expect(audit[0].after).toMatchObject({ filename: "participants.csv", total: 9, inserted: 3, skipped: 1, invalid: 5 });

    const page = await html(await officer.get(`${base}/import?import=${firstId}`));
    expect(page).toContain("The import is finished.");
    expect(page).toContain("Added: 3; skipped (already registered): 1; left out (errors): 5.");
    const list = await html(await officer.get(`${base}/import`));
    expect(list).toContain(`href="${base}/import?import=${firstId}"`);
  });

  it("adds nobody when the same file is imported again", async () => {
    const { id } = await upload(new File([csv()], "participants.csv", { type: "text/csv" }));
    const [previewed] = await db().select().from(registrationImports).where(eq(registrationImports.id, id!));
    expect(previewed.preview).toMatchObject({ total: 9, fresh: 0, existing: 4, invalid: 5 });
    const page = await html(await officer.get(`${base}/import?import=${id}`));
    expect(page).toContain("There is nobody new to import in this file.");
    expect(page).not.toContain('name="intent" value="confirm"');
    const before = (await db().select({ id: participants.id }).from(participants).where(eq(participants.eventId, eventId))).length;
    expect(await confirmAndWait(id!)).toMatchObject({ status: "done", inserted: 0, skipped: 4, invalid: 5 });
    expect((await db().select({ id: participants.id }).from(participants).where(eq(participants.eventId, eventId))).length).toBe(before);
  });

  it("reads a semicolon CSV with a byte-order mark, Russian headers and Cyrillic names", async () => {
    const text =
      "\uFEFFИмя;Фамилия;Эл. почта;Организация;Страна;Категория;Язык;Примечание\r\n" +
      'Айгерим;Тестова;aigerim.test@example.org;"Министерство; отдел (вымышленное)";Казахстан;Наблюдатель;русский;первая\r\n' +
      "Ёлдош;Примеров;yoldosh.test@example.org;;UZ;observer;uz;\r\n";
    const { res, id } = await upload(new File([new TextEncoder().encode(text)], "участники.csv"));
    expect(res.status).toBe(302);
    const [previewed] = await db().select().from(registrationImports).where(eq(registrationImports.id, id!));
    expect(previewed.preview).toEqual({ total: 2, fresh: 2, existing: 0, invalid: 0, errors: [], ignoredColumns: ["Примечание"] });
    expect(previewed.filename).toBe("участники.csv");
    expect(await confirmAndWait(id!)).toMatchObject({ status: "done", inserted: 2 });
    const rows = Object.fromEntries((await emailsIn(["aigerim.test@example.org", "yoldosh.test@example.org"])).map((p) => [p.email, p]));
    expect(rows["aigerim.test@example.org"]).toMatchObject({
      givenName: "Айгерим",
      familyName: "Тестова",
      organisation: "Министерство; отдел (вымышленное)",
      country: "KZ",
      lang: "ru",
      categoryId: await categoryId("observer"),
    });
    expect(rows["yoldosh.test@example.org"]).toMatchObject({ givenName: "Ёлдош", lang: "uz", country: "UZ" });
  });

  it("reads the first sheet of an XLSX workbook: hyperlinked emails, rich text, a status", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Participants");
    workbook.addWorksheet("Notes").addRow(["not read"]);
    sheet.addRow(["First name", "Last name", "E-mail", "Country", "Category", "Status"]);
    sheet.addRow([
      "Farida",
      { richText: [{ text: "Work" }, { text: "book", font: { bold: true } }] },
      { text: "farida.xlsx@example.org", hyperlink: "mailto:farida.xlsx@example.org" },
      "TJ",
      "expert",
      "approved",
    ]);
    sheet.addRow(["Gulnora", "Sheet", "gulnora.xlsx@example.org", "Uzbekistan", "Media", "Одобрено"]);
    sheet.addRow(["Hamid", "Wrong", "hamid.xlsx@example.org", "TJ", "expert", "maybe"]);
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const { res, id } = await upload(new File([bytes], "participants.xlsx"));
    expect(res.status).toBe(302);
    const [previewed] = await db().select().from(registrationImports).where(eq(registrationImports.id, id!));
    expect(previewed.preview).toEqual({
      total: 3,
      fresh: 2,
      existing: 0,
      invalid: 1,
      ignoredColumns: [],
      errors: [
        { row: 4, column: "Status", code: "import.status_unknown", values: { value: "maybe" }, who: { name: "Hamid Wrong", email: "hamid.xlsx@example.org" } },
      ],
    });
    expect(await confirmAndWait(id!)).toMatchObject({ status: "done", inserted: 2, invalid: 1 });
    const rows = Object.fromEntries(
      (await emailsIn(["farida.xlsx@example.org", "gulnora.xlsx@example.org", "hamid.xlsx@example.org"])).map((p) => [p.email, p]),
    );
    expect(Object.keys(rows).sort()).toEqual(["farida.xlsx@example.org", "gulnora.xlsx@example.org"]);
    expect(rows["farida.xlsx@example.org"]).toMatchObject({
      familyName: "Workbook",
      country: "TJ",
      status: "approved",
      categoryId: await categoryId("expert"),
    });
    expect(rows["gulnora.xlsx@example.org"]).toMatchObject({ country: "UZ", status: "approved", categoryId: await categoryId("media") });
  });
});

describe("progress, and an import whose process died", () => {
  it("shows progress while running, and is taken over where its last batch ended", async () => {
    const lines = ["Email,Given name,Family name,Country,Category"];
    for (let i = 0; i < 2500; i++) lines.push(`bulk.${i}@example.org,Given${i},Family${i},UZ,delegate`);
    const { id } = await upload(new File([lines.join("\n")], "bulk.csv"));
    // As if a process had committed the first batch and died.
    const { checkSheet, insertParticipants, loadImportLookups } = await import("./import-rows.ts");
    const { readSheet } = await import("./read-sheet.ts");
    const [event] = await db().select().from(events).where(eq(events.id, eventId));
    const checked = await checkSheet(await readSheet(new TextEncoder().encode(lines.join("\n"))), await loadImportLookups(db(), event));
    expect(
      await insertParticipants(
        db(),
        checked.participants.slice(0, 1000).filter((p) => p !== null),
      ),
    ).toBe(1000);
    await db()
      .update(registrationImports)
      .set({ status: "running", done: 1000, inserted: 1000, heartbeatAt: new Date() })
      .where(eq(registrationImports.id, id!));

    const running = await html(await officer.get(`${base}/import?import=${id}`));
    // Only without JavaScript: with it, the page follows the live channel instead.
    expect(running).toContain('<noscript><meta http-equiv="refresh" content="2"/></noscript>');
    expect(running).toContain("1,000 of 2,500 rows processed.");
    expect(running).toContain(`href="${base}/import?import=${id}"`);
    expect((await db().select().from(registrationImports).where(eq(registrationImports.id, id!)))[0].status).toBe("running");

    // pg-boss retries the job of a worker whose heartbeat stopped; the retry goes on after the committed batch.
    await db().transaction((tx) => app.services.jobs.send(tx, "registration-import", { importId: id! }, { singletonKey: `import:${id}` }));
    await app.services.jobs.idle("registration-import");
    const [done] = await db().select().from(registrationImports).where(eq(registrationImports.id, id!));
    expect(done).toMatchObject({ status: "done", done: 2500, inserted: 2500, skipped: 0, invalid: 0 });
    const bulk = await db()
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.eventId, eventId), like(participants.email, "bulk.%")));
    expect(bulk).toHaveLength(2500);
  });
});

describe("files the import refuses", () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  const countImports = async () =>
    (await db().select({ id: registrationImports.id }).from(registrationImports).where(eq(registrationImports.eventId, eventId))).length;

  it("answers 415 for a PNG renamed .csv, in the staff member's language", async () => {
    const before = await countImports();
    const en = await upload(new File([png], "participants.csv", { type: "text/csv" }));
    expect(en.res.status).toBe(415);
    expect(await html(en.res)).toContain("The file must be a CSV file (UTF-8) or an Excel workbook (XLSX).");
    // Staff read the interface in the language they chose.
    await db().update(users).set({ locale: "ru" }).where(eq(users.id, officer.userId));
    try {
      const ru = await upload(new File([png], "participants.csv", { type: "text/csv" }));
      expect(ru.res.status).toBe(415);
      expect(await html(ru.res)).toContain("Нужен файл CSV (UTF-8) или книга Excel (XLSX).");
    } finally {
      await db().update(users).set({ locale: "en" }).where(eq(users.id, officer.userId));
    }
    expect(await countImports()).toBe(before);
  });

  it("refuses a zip bomb dressed as a workbook with 413 before unpacking it, the server's memory barely moving", async () => {
    const before = await countImports();
    // Half a megabyte that unpacks to 512 MB (one of 1.5 MB once took the server from 570 MB to 2.2 GB before it said no).
    const bomb = zip([...workbookParts(), await deflatedZeros("xl/worksheets/sheet1.xml", 512 * 1024 * 1024)]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const { res } = await upload(new File([new Uint8Array(bomb)], "participants.xlsx"));
      expect(res.status).toBe(413);
      expect(await html(res)).toContain("The workbook would take more than 100 MB once unpacked: split it into smaller files, or save it as CSV (UTF-8).");
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(peak - baseline).toBeLessThan(100 * 1024 * 1024);
    expect(await countImports()).toBe(before);
  });

  it.each([
    ["an empty file", new File([], "empty.csv"), "The file is empty."],
    ["a header without rows", new File(["Email,Given name,Family name,Country,Category\r\n"], "header.csv"), "The file has a header row but no participants."],
    [
      "a file without the required columns",
      new File(["Name;Country\nSomeone;UZ\n"], "names.csv"),
      "The file has no column for: Given name(s), Family name, Email, and Category.",
    ],
    [
      "an unclosed quote",
      new File(['Email,Given name,Family name,Country,Category\n"a@example.org,A,B,UZ,delegate\n'], "broken.csv"),
      "The file cannot be read as CSV near line",
    ],
    [
      "text that is not UTF-8",
      new File([Uint8Array.from([0x45, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xc8, 0xec, 0xff, 0x0a])], "cp1251.csv"),
      "The file is not in UTF-8",
    ],
  ])("answers 422 for %s", async (_what, file, message) => {
    const before = await countImports();
    const { res } = await upload(file);
    expect(res.status).toBe(422);
    expect(await html(res)).toContain(message);
    expect(await countImports()).toBe(before);
  });

  it("asks for a file when none is chosen", async () => {
    const { res } = await upload(new File([], ""));
    expect(res.status).toBe(422);
    expect(await html(res)).toContain("Choose a file.");
  });

  it("is closed to a viewer (403), and shown in the menu only to those who manage registrations", async () => {
    expect((await viewer.get(`${base}/import`)).status).toBe(403);
    const { res } = await upload(new File(["Email\n"], "x.csv"), viewer);
    expect(res.status).toBe(403);
    const [{ id }] = await db().select({ id: registrationImports.id }).from(registrationImports).where(eq(registrationImports.eventId, eventId)).limit(1);
    expect((await viewer.post(`${base}/import`, { intent: "confirm", import: String(id) })).status).toBe(403);
    expect(await html(await officer.get(base))).toContain(`href="${base}/import"`);
    expect(await html(await viewer.get(base))).not.toContain(`href="${base}/import"`);
    const stranger = await staff(app, { email: "import.stranger@example.org" });
    expect((await stranger.get(`${base}/import`)).status).toBe(404);
  });

  it("answers 404 for an import of another event or none", async () => {
    expect((await officer.get(`${base}/import?import=999999`)).status).toBe(404);
    expect((await officer.post(`${base}/import`, { intent: "confirm", import: "999999" })).status).toBe(404);
  });
});
