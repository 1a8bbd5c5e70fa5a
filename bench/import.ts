/**
 * `npm run bench:import` (and the second half of `npm run bench`): importing 100,000 participants from CSV,
 * against a plain batched insert of the same rows, on PGlite and on PostgreSQL; then the staff list of
 * participants with 100,000 rows in the event, under load.
 *
 * (a) the app's import: the functions the import page uses, without HTTP: `uploadImport` (read, check every
 *     row, count those already registered; the preview) and `runImport` (read again, check again, insert in
 *     batches of 1,000 with ON CONFLICT DO NOTHING, progress and audit row in the batches' transactions).
 * (b) the baseline: the same rows, already checked, inserted with Drizzle in batches of 1,000, nothing else.
 * Each measurement gets a fresh database of its own (a temporary PGlite directory; a scratch PostgreSQL
 * database, created and dropped), so neither runs against the other's rows.
 *
 * PostgreSQL: DATABASE_URL when set, else postgres://postgres@127.0.0.1:5432 when something answers there.
 * The list: the app in a process of its own, on a PGlite data directory and then on a PostgreSQL scratch
 * database (demo content, plus 100,000 participants imported into the demo event),
 * `/admin/e/tashkent-2022/registrations` as a signed-in accreditation officer, with wrk (bench/wrk.ts); the aim is
 * a p99 of at most 100 ms at 10 connections on PGlite, newest first.
 *
 * BENCH_IMPORT_ROWS (100000), BENCH_SECONDS (10), BENCH_LIST_CONNECTIONS (10), BENCH_LIST=0 skips the list,
 * BENCH_COMPARE=0 skips the import comparison, BENCH_PG=0 skips PostgreSQL.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import { type Database, openDatabase } from "../db/index.ts";
import { createAuthSession } from "../features/access/auth.ts";
import { roleGrants, users } from "../features/access/schema.ts";
import type { EventRow } from "../features/events/queries.ts";
import { events } from "../features/events/schema.ts";
import { ensureDefaultCategories } from "../features/registration/default-categories.ts";
import { confirmImport, runImport, uploadImport } from "../features/registration/imports/import-jobs.ts";
import { checkSheet, importBatchSize, insertParticipants, loadImportLookups, type NewParticipant } from "../features/registration/imports/import-rows.ts";
import { readSheet } from "../features/registration/imports/read-sheet.ts";
import { categories, participants } from "../features/registration/schema.ts";
import type { StaffContext } from "../features/shared/context.ts";
import { loadCatalogues } from "../i18n/index.ts";
import { scratchDatabase } from "../test/database.ts";
import { aim, fmt, postgresBase, printAims, runBench, spawnApp, stop, table, tempDir } from "./lib.ts";
import { wrk } from "./wrk.ts";

// Import headers are recognised in every interface language.
await loadCatalogues();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rowCount = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const listConnections = Number(process.env.BENCH_LIST_CONNECTIONS ?? 10);

// ---------------------------------------------------------------------------------------------------
// 100,000 fictional participants.

const given = [
  "Aziz",
  "Dilnoza",
  "Timur",
  "Aigerim",
  "Bakyt",
  "Gulnara",
  "Rustam",
  "Madina",
  "Farrukh",
  "Zarina",
  "Nurlan",
  "Saida",
  "Erlan",
  "Kamila",
  "Jamshid",
  "Anna",
  "Pierre",
  "Maria",
  "John",
  "Li",
  "Hiroshi",
  "Fatima",
  "Omar",
  "Elena",
  "Sven",
  "Priya",
  "Carlos",
  "Amina",
  "Yusuf",
  "Leila",
];
const family = [
  "Example",
  "Sample",
  "Testov",
  "Demova",
  "Placeholder",
  "Fictive",
  "Mockov",
  "Specimen",
  "Dummy",
  "Instance",
  "Prototype",
  "Modelov",
  "Variant",
  "Pattern",
  "Figment",
  "Invent",
  "Notreal",
  "Imagin",
  "Pretend",
  "Madeup",
];
const organisations = [
  "Ministry of Foreign Affairs (fictional)",
  "Institute for Strategic Studies (demo)",
  "Regional Centre, Security Unit (fictional)",
  "University of Examples",
  "Civil Society Forum (demo)",
  "International Press Agency (fictional)",
  "",
];
const positions = ["Adviser", "Director", "Third Secretary", "Researcher", "Journalist", "Programme Officer", ""];
const countries = ["UZ", "KZ", "KG", "TJ", "TM", "AF", "RU", "CN", "US", "GB", "DE", "FR", "IN", "TR", "JP", "Kazakhstan", "Узбекистан"];
const categoryCells = ["delegate", "delegate", "observer", "expert", "media", "civil_society", "Observer", "Делегат", "organisation"];
const langs = ["en", "ru", "uz", "", "Русский"];
const statuses = ["", "", "", "approved", "waitlisted"];

function csvCell(value: string) {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function makeCsv(n: number): Uint8Array {
  const lines = ["Given name,Family name,Email,Organisation,Position,Country,Category,Language,Status"];
  for (let i = 0; i < n; i++) {
    const g = given[i % given.length];
    const f = family[Math.floor(i / given.length) % family.length];
    lines.push(
      [
        g,
        f,
        `${g}.${f}.${i}@example.org`.toLowerCase(),
        organisations[i % 7],
        positions[i % 7 === 3 ? 0 : i % 7],
        countries[i % countries.length],
        categoryCells[i % categoryCells.length],
        langs[i % langs.length],
        statuses[i % statuses.length],
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}

// ---------------------------------------------------------------------------------------------------
// Databases.

interface Target {
  name: string;
  open(): Promise<Database & { drop(): Promise<void> }>;
}

function pgliteTarget(): Target {
  return {
    name: "PGlite",
    async open() {
      const database = await openDatabase({ dataDir: tempDir("plenary-bench-import-") });
      return { ...database, drop: () => database.close() };
    },
  };
}

async function postgresTarget(): Promise<Target | null> {
  const base = await postgresBase();
  if (!base) return null;
  return {
    name: base.version,
    async open() {
      const scratch = (await scratchDatabase("plenary_bench", base.url))!;
      const database = await openDatabase({ url: scratch.url });
      return {
        ...database,
        drop: async () => {
          await database.close();
          await scratch.drop();
        },
      };
    },
  };
}

/** An event with the default categories, and a staff member who may import into it. */
async function prepareEvent(database: Database): Promise<{ event: EventRow; ctx: StaffContext }> {
  const { db } = database;
  const [event] = await db
    .insert(events)
    .values({
      slug: `bench-${randomBytes(4).toString("hex")}`,
      title: { en: "Benchmark conference (fictional)" },
      startDate: "2030-03-03",
      endDate: "2030-03-04",
      timezone: "Asia/Tashkent",
      languages: ["en", "ru", "uz"],
    })
    .returning();
  await ensureDefaultCategories(db, event.id);
  const [user] = await db
    .insert(users)
    .values({ email: `bench.${event.id}@example.org`, name: "Bench officer" })
    .returning();
  await db.insert(roleGrants).values({ eventId: event.id, userId: user.id, role: "accreditation_officer" });
  return {
    event,
    ctx: { db, actor: { userId: user.id, isAdmin: false, role: "accreditation_officer", sideEventIds: [] }, now: new Date(), publicUrl: "http://localhost" },
  };
}

interface ImportTiming {
  preview: number;
  run: number;
  inserted: number;
  skipped: number;
  invalid: number;
}

/** What the page does: upload (preview), confirm, and the background run (timed until done). */
async function appImport(database: Database, event: EventRow, ctx: StaffContext, csv: Uint8Array): Promise<ImportTiming> {
  const started = performance.now();
  const uploaded = await uploadImport(ctx, event, new File([csv as BlobPart], "participants.csv", { type: "text/csv" }));
  const preview = performance.now() - started;
  // The page's confirm queues a pg-boss job; here the import runs in the foreground instead, to be timed.
  await confirmImport(ctx, event, uploaded.id, { send: async () => {} });
  const runStarted = performance.now();
  const done = await runImport(database.db, uploaded.id);
  const run = performance.now() - runStarted;
  if (!done || done === "stopped" || done.status !== "done")
    throw new Error(`import ended as ${typeof done === "object" ? `${done?.status}: ${done?.error}` : done}`);
  return { preview, run, inserted: done.inserted, skipped: done.skipped, invalid: done.invalid };
}

/** The baseline: rows already checked, inserted with Drizzle in batches of the same size, nothing else. */
async function plainInsert(database: Database, rows: NewParticipant[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < rows.length; i += importBatchSize) {
    await database.db.insert(participants).values(rows.slice(i, i + importBatchSize));
  }
  return performance.now() - started;
}

/** A second floor: the import's own INSERT statement alone (no reading, checking, transactions or progress). */
async function bareStatement(database: Database, rows: NewParticipant[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < rows.length; i += importBatchSize) await insertParticipants(database.db, rows.slice(i, i + importBatchSize));
  return performance.now() - started;
}

async function checkedRows(database: Database, event: EventRow, csv: Uint8Array): Promise<NewParticipant[]> {
  const checked = await checkSheet(await readSheet(csv), await loadImportLookups(database.db, event));
  return checked.participants.filter((p): p is NewParticipant => p !== null);
}

async function importBenchmarks(csv: Uint8Array) {
  const targets = [pgliteTarget(), await postgresTarget()].filter((t): t is Target => t !== null);
  const results: { target: string; baseline: number; statement: number; app: ImportTiming; again: number }[] = [];
  for (const target of targets) {
    // (b) the baseline, in a database of its own.
    const forBaseline = await target.open();
    const base = await prepareEvent(forBaseline);
    const rows = await checkedRows(forBaseline, base.event, csv);
    const baseline = await plainInsert(forBaseline, rows);
    await forBaseline.drop();
    const forStatement = await target.open();
    const other = await prepareEvent(forStatement);
    const statement = await bareStatement(
      forStatement,
      rows.map((r) => ({ ...r, eventId: other.event.id })),
    );
    await forStatement.drop();

    // (a) the app's import, in another fresh one; then the same file again (safe to run twice).
    const forApp = await target.open();
    const { event, ctx } = await prepareEvent(forApp);
    const app = await appImport(forApp, event, ctx, csv);
    const again = await appImport(forApp, event, ctx, csv);
    if (again.inserted !== 0) throw new Error(`the second import inserted ${again.inserted}`);
    const n = await forApp.db.$count(participants, eq(participants.eventId, event.id));
    if (n !== rows.length) throw new Error(`expected ${rows.length} participants, found ${n}`);
    await forApp.drop();
    console.log(
      `${target.name}: baseline ${fmt(baseline / 1000, 1)} s, statement alone ${fmt(statement / 1000, 1)} s, import ${fmt(app.run / 1000, 1)} s (preview ${fmt(app.preview / 1000, 1)} s), again ${fmt(again.run / 1000, 1)} s`,
    );
    results.push({ target: target.name, baseline, statement, app, again: again.run });
  }
  console.log(`\nImport of ${fmt(rowCount)} participants from CSV (${fmt(csv.length / 1024 / 1024, 1)} MB), batches of ${fmt(importBatchSize)}`);
  table([
    [
      "database",
      "import s",
      "plain Drizzle insert s",
      "ratio",
      "same statement alone s",
      "ratio",
      "preview s",
      "inserted",
      "same file again s",
      "inserted again",
    ],
    ...results.map((r) => [
      r.target,
      fmt(r.app.run / 1000, 1),
      fmt(r.baseline / 1000, 1),
      fmt(r.app.run / r.baseline, 2),
      fmt(r.statement / 1000, 1),
      fmt(r.app.run / r.statement, 2),
      fmt(r.app.preview / 1000, 1),
      fmt(r.app.inserted),
      fmt(r.again / 1000, 1),
      "0",
    ]),
  ]);
  console.log(
    "import s: the background run (read + check every row + batched INSERT … ON CONFLICT DO NOTHING, each batch in a transaction with its progress);",
  );
  console.log(
    "plain Drizzle insert s: db.insert(participants).values(batch) of the same checked rows; same statement alone s: the import's INSERT (json_to_recordset) of the same rows, nothing else;",
  );
  console.log("preview s: the upload step (read + check + lookup of already registered emails). Each column timed on a fresh database.");
}

// ---------------------------------------------------------------------------------------------------
// The participants list at 100,000 rows.

/** Where the app under load keeps its data: how to start it there, and how the bench opens the same database. */
interface AppTarget {
  name: string;
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function appTargets(): Promise<AppTarget[]> {
  const dataDir = tempDir("plenary-bench-list-");
  const targets: AppTarget[] = [{ name: "PGlite", env: { DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }), drop: async () => {} }];
  const postgres = await postgresTarget();
  if (postgres) {
    const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const scratch = (await scratchDatabase("plenary_bench_list", url))!;
    targets.push({
      name: postgres.name,
      env: { DATA_DIR: tempDir("plenary-bench-list-pg-"), DATABASE_URL: scratch.url, SECRET_KEY: randomBytes(32).toString("hex") },
      open: () => openDatabase({ url: scratch.url }),
      drop: () => scratch.drop(),
    });
  }
  return targets;
}

async function listBenchmark(csv: Uint8Array, target: AppTarget) {
  // A first start migrates and seeds the demo; then the bench process opens the same database.
  await stop((await spawnApp(target.env.DATA_DIR, target.env)).child);
  const database = await target.open();
  const [event] = await database.db.select().from(events).where(eq(events.slug, "tashkent-2022"));
  const [user] = await database.db.insert(users).values({ email: "bench.list@example.org", name: "Bench officer" }).returning();
  await database.db.insert(roleGrants).values({ eventId: event.id, userId: user.id, role: "accreditation_officer" });
  const ctx: StaffContext = {
    db: database.db,
    actor: { userId: user.id, isAdmin: false, role: "accreditation_officer", sideEventIds: [] },
    now: new Date(),
    publicUrl: "http://localhost",
  };
  const imported = await appImport(database, event, ctx, csv);
  const total = await database.db.$count(participants, eq(participants.eventId, event.id));
  const cookie = `plenary_session=${await createAuthSession(database.db, user.id)}`;
  const [delegate] = await database.db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.eventId, event.id), eq(categories.code, "delegate")));
  await database.close();
  console.log(
    `\n${target.name}, demo database: import ${fmt(imported.run / 1000, 1)} s (preview ${fmt(imported.preview / 1000, 1)} s); ${fmt(total)} participants in the demo event`,
  );

  const { child, url } = await spawnApp(target.env.DATA_DIR, target.env);
  const list = "/admin/e/tashkent-2022/registrations";
  const variants: [string, string][] = [
    ["newest first, page 1", list],
    ["page 1,000 (offset 49,950)", `${list}?page=1000`],
    ["family name A–Z", `${list}?sort=name`],
    ["status approved, name Z–A", `${list}?status=approved&sort=-name`],
    ["country KZ, category Delegate", `${list}?country=KZ&category=${delegate.id}`],
    ["search a family name", `${list}?q=Testov`],
    ["search an email", `${list}?q=${encodeURIComponent("aziz.example.0@")}`],
  ];
  const rows: string[][] = [["request", "connections", "req/s", "p50 ms", "p99 ms", "non-2xx+errors", "matches", "bytes"]];
  const warm = await fetch(url + list, { headers: { cookie } });
  const page = await warm.text();
  if (warm.status !== 200 || !page.includes(fmt(total))) throw new Error(`the list answered ${warm.status} without the total`);
  let firstP99 = NaN;
  const measure = async (name: string, pathname: string, connections: number) => {
    await wrk({ url: url + pathname, connections, seconds: 1, threads: 1, headers: { cookie } });
    const result = await wrk({ url: url + pathname, connections, seconds, threads: 1, headers: { cookie } });
    if (Number.isNaN(firstP99)) firstP99 = result.p99;
    const body = await (await fetch(url + pathname, { headers: { cookie } })).text();
    // The list says how many registrations match ("100,078 registrations"): proof that each variant lists something.
    const matches = /([\d,]+) registrations?\b/.exec(body)?.[1] ?? "?";
    rows.push([name, String(connections), fmt(result.rps), fmt(result.p50, 1), fmt(result.p99, 1), String(result.bad), matches, fmt(Buffer.byteLength(body))]);
    console.log(`${name}, ${connections} connections: ${fmt(result.rps)} req/s, p99 ${fmt(result.p99, 1)} ms`);
  };
  // The app has just started: its code is not optimised yet and its heap grows in small steps (ADR 0025),
  // each with a full collection. An app that has served staff for a while has done both: every variant is
  // asked for 2 s first, and only then measured.
  for (const [, pathname] of variants) await wrk({ url: url + pathname, connections: listConnections, seconds: 2, threads: 1, headers: { cookie } });
  for (const [name, pathname] of variants) await measure(name, pathname, listConnections);
  // How the wait grows with the number of staff asking at the same moment: one Node thread answers them in turn.
  for (const connections of [1, 4]) await measure(variants[0][0], list, connections);
  await stop(child);
  await target.drop();
  console.log(`\nGET ${list} as an accreditation officer, ${fmt(total)} participants in the event, ${target.name}, ${seconds} s each`);
  table(rows);
  if (target.name === "PGlite")
    aim("participants list, 100,000 rows", `p99 ≤ 100 ms at ${listConnections} connections, PGlite`, `${fmt(firstP99, 1)} ms`, firstP99 <= 100);
}

async function main() {
  console.log(
    `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const csv = makeCsv(rowCount);
  if (process.env.BENCH_COMPARE !== "0") await importBenchmarks(csv);
  if (process.env.BENCH_LIST !== "0") {
    console.log("\n> react-router build");
    const build = spawnSync(path.join(root, "node_modules/.bin/react-router"), ["build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    if (build.status !== 0) throw new Error("react-router build failed");
    for (const target of await appTargets()) await listBenchmark(csv, target);
  }
  printAims("Aims of bench/import.ts");
}

runBench(main);
