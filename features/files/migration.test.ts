import { createHash, randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { eq, sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/index.ts";
import { scratchDatabase } from "../../test/database.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { organisations } from "../events/schema.ts";
import { registrationImports } from "../registration/schema.ts";
import { storedFiles } from "./schema.ts";
import { fileStore } from "./store.ts";

/**
 * Migration 0010 on a database holding files in the old tables: the database is brought to 0008 with
 * drizzle's migrator on a copy of the migrations folder that stops there, old-format rows (base64 text)
 * are written, and the app is started on it, which applies 0009 and 0010 as at any upgrade.
 */

const migrations = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../db/migrations");
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const pdf = (body: Buffer) => Buffer.concat([Buffer.from("%PDF-1.4\n"), body, Buffer.from("\n%%EOF\n")]);
const old = {
  logo: png,
  photo: png,
  letter: pdf(randomBytes(300_000)),
  cv: pdf(randomBytes(1000)),
  csv: Buffer.from("Given name,Family name,Email\nAli,Old,ali.old@example.org\n"),
};
/** node-postgres and PGlite both answer with `rows`. */
async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

let work: string;
let dropScratch: (() => Promise<void>) | undefined;
let app: TestServer;
let officer: Staff;
let eventId: number;
let participantId: number;
let delegationId: number;
const ids = { logo: 0, photo: 0, letter: 0, cv: 0, csv: 0, importId: 0 };

/** The migrations folder as it was before 0009 (live messages) and 0010. */
function foldersUpTo(tag: string): string {
  const copy = path.join(work, "migrations-before");
  cpSync(migrations, copy, { recursive: true });
  const journalPath = path.join(copy, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { idx: number; tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === tag);
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return copy;
}

/** Rows as the app wrote them before 0010: files in `files` and `private_files`, as base64 text. */
async function writeOldRows(db: Db) {
  // Raw SQL throughout: the schema in code has columns that later migrations add.
  const [event] = await rowsOf<{ id: number }>(
    db,
    sql`INSERT INTO events (slug, title, start_date, end_date, timezone, languages, status)
    VALUES ('old-files', ${JSON.stringify({ en: "Old files" })}::jsonb, '2025-05-01', '2025-05-02', 'Asia/Tashkent', ${JSON.stringify(["en"])}::jsonb, 'published') RETURNING id`,
  );
  eventId = Number(event.id);
  const privateFile = async (kind: string, contentType: string, filename: string, bytes: Buffer) => {
    const rows = await rowsOf<{ id: number }>(
      db,
      sql`INSERT INTO private_files (event_id, kind, content_type, filename, size, sha256, data)
      VALUES (${eventId}, ${kind}, ${contentType}, ${filename}, ${bytes.length}, ${sha(bytes)}, ${bytes.toString("base64")}) RETURNING id`,
    );
    return Number(rows[0].id);
  };
  ids.photo = await privateFile("photo", "image/png", "photo.png", old.photo);
  // Names were stored made safe (letters, digits, dots, spaces, dashes and underscores).
  ids.letter = await privateFile("letter", "application/pdf", "Нота _7", old.letter);
  ids.cv = await privateFile("attachment", "application/pdf", "CV.pdf", old.cv);
  ids.csv = await privateFile("import", "text/csv", "people.csv", old.csv);
  // The logo's old id is 1: the same as the first private file's, which is what the migration must untangle.
  const rows = await rowsOf<{ id: number }>(
    db,
    sql`INSERT INTO files (event_id, content_type, size, sha256, data)
    VALUES (${eventId}, 'image/png', ${old.logo.length}, ${sha(old.logo)}, ${old.logo.toString("base64")}) RETURNING id`,
  );
  ids.logo = Number(rows[0].id);
  expect(ids.logo).toBe(ids.photo);
  await rowsOf(
    db,
    sql`INSERT INTO organisations (event_id, name, logo_file_id) VALUES (${eventId}, ${JSON.stringify({ en: "Old Org" })}::jsonb, ${ids.logo}) RETURNING id`,
  );
  const [category] = await rowsOf<{ id: number }>(
    db,
    sql`INSERT INTO registration_categories (event_id, code, name, colour, letter)
    VALUES (${eventId}, 'delegate', ${JSON.stringify({ en: "Delegate" })}::jsonb, '#000000', 'D') RETURNING id`,
  );
  const [delegation] = await rowsOf<{ id: number }>(
    db,
    sql`INSERT INTO delegations (event_id, kind, country, name, quota, deadline, focal_point_name, focal_point_email, letter_file_id)
    VALUES (${eventId}, 'state', 'UZ', ${JSON.stringify({ en: "Uzbekistan" })}::jsonb, 3, '2025-04-01T00:00:00Z', 'Focal Point', 'fp.old@example.org', ${ids.letter}) RETURNING id`,
  );
  delegationId = Number(delegation.id);
  await rowsOf(
    db,
    sql`INSERT INTO registration_form_fields (event_id, key, type, label) VALUES (${eventId}, 'cv', 'file', ${JSON.stringify({ en: "CV" })}::jsonb) RETURNING id`,
  );
  const [person] = await rowsOf<{ id: number }>(
    db,
    sql`INSERT INTO participants (event_id, category_id, given_name, family_name, email, photo_file_id, custom)
    VALUES (${eventId}, ${Number(category.id)}, 'Olim', 'Oldfile', 'olim.old@example.org', ${ids.photo}, ${JSON.stringify({ cv: ids.cv })}::jsonb) RETURNING id`,
  );
  participantId = Number(person.id);
  const [job] = await rowsOf<{ id: number }>(
    db,
    sql`INSERT INTO registration_imports (event_id, filename, file_id, preview)
    VALUES (${eventId}, 'people.csv', ${ids.csv}, ${JSON.stringify({ total: 1, fresh: 1, existing: 0, invalid: 0, errors: [], ignoredColumns: [] })}::jsonb) RETURNING id`,
  );
  ids.importId = Number(job.id);
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "plenary-migration-"));
  const before = foldersUpTo("0008_queue_filter_indexes");
  const scratch = await scratchDatabase();
  if (scratch) {
    dropScratch = scratch.drop;
    const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
    const db = drizzlePg({ client: pool }) as unknown as Db;
    await migratePg(db as never, { migrationsFolder: before });
    await writeOldRows(db);
    await pool.end();
    app = await startTestServer({ demo: false, existing: { databaseUrl: scratch.url } });
  } else {
    const client = await PGlite.create(path.join(work, "pglite"), { extensions: { pg_trgm } });
    const db = drizzlePglite({ client }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder: before });
    await writeOldRows(db);
    await client.close();
    app = await startTestServer({ demo: false, existing: { dataDir: work } });
  }
  officer = await staff(app, { email: "officer.migration@example.org", role: "accreditation_officer", eventId });
});
afterAll(async () => {
  await app?.stop();
  await dropScratch?.();
  if (work) rmSync(work, { recursive: true, force: true });
});

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe("migration 0010 (one file store)", () => {
  it("drops the old tables", async () => {
    const rows = await rowsOf<{ name: string }>(
      app.services.db,
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_name IN ('files', 'private_files')`,
    );
    expect(rows).toEqual([]);
  });

  it("keeps the ids of private files, so photos, letters, file answers and imports still point at them", async () => {
    const rows = await app.services.db
      .select({ id: storedFiles.id, kind: storedFiles.kind, visibility: storedFiles.visibility, size: storedFiles.size })
      .from(storedFiles)
      .where(eq(storedFiles.eventId, eventId));
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: ids.photo, kind: "photo", visibility: "private", size: old.photo.length },
        { id: ids.letter, kind: "letter", visibility: "private", size: old.letter.length },
        { id: ids.cv, kind: "attachment", visibility: "private", size: old.cv.length },
        { id: ids.csv, kind: "import", visibility: "private", size: old.csv.length },
      ]),
    );
    const stored = await fileStore.get(app.services.db, eventId, ids.csv, ["import"]);
    expect(Buffer.from(stored!.bytes)).toEqual(old.csv);
    const [job] = await app.services.db.select().from(registrationImports).where(eq(registrationImports.id, ids.importId));
    expect(job.fileId).toBe(ids.csv);
  });

  it("moves the logo to a new id and points its organisation there", async () => {
    const [org] = await app.services.db.select().from(organisations).where(eq(organisations.eventId, eventId));
    expect(org.logoFileId).not.toBe(ids.logo);
    const logo = await fileStore.head(app.services.db, eventId, org.logoFileId!, ["logo"]);
    expect(logo).toMatchObject({ kind: "logo", visibility: "public", contentType: "image/png", sha256: sha(old.logo) });
    const res = await app.fetch(`/files/${org.logoFileId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(await bytesOf(res)).toEqual(old.logo);
    // The old id now names the photo, which is private: never served as a public file.
    expect((await app.fetch(`/files/${ids.logo}`)).status).toBe(404);
  });

  it("serves the photo, the letter and the file answer with the same bytes", async () => {
    const base = `/admin/e/old-files`;
    const photo = await officer.get(`${base}/registrations/${participantId}/photo`);
    expect(photo.status).toBe(200);
    expect(await bytesOf(photo)).toEqual(old.photo);
    const letter = await officer.get(`${base}/delegations/${delegationId}/letter`);
    expect(letter.status).toBe(200);
    expect(letter.headers.get("content-disposition")).toBe(`attachment; filename="____ _7.pdf"; filename*=UTF-8''${encodeURIComponent("Нота _7.pdf")}`);
    expect(await bytesOf(letter)).toEqual(old.letter);
    const cv = await officer.get(`${base}/registrations/${participantId}/answers/cv`);
    expect(cv.status).toBe(200);
    expect(cv.headers.get("etag")).toBe(`"${sha(old.cv)}"`);
    expect(await bytesOf(cv)).toEqual(old.cv);
  });

  it("numbers new files after every moved one", async () => {
    const stored = await fileStore.put(app.services.db, { eventId, kind: "logo", filename: "new.png", body: png });
    const [{ max }] = await app.services.db
      .select({ max: sql<number>`max(${storedFiles.id})` })
      .from(storedFiles)
      .where(sql`${storedFiles.id} <> ${stored.id}`);
    expect(stored.id).toBeGreaterThan(Number(max));
  });
});
