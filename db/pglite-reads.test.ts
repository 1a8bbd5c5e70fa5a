import { PGlite, types } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "../features/events/schema.ts";
import { openDatabase } from "./index.ts";
import { preparedReads } from "./pglite-reads.ts";

let client: PGlite;
let reads: NonNullable<ReturnType<typeof preparedReads>>;

beforeAll(async () => {
  client = await PGlite.create();
  await client.exec(`
    CREATE TABLE item (id int PRIMARY KEY, name text, at timestamptz, done boolean, data jsonb);
    INSERT INTO item VALUES (1, 'one', '2026-05-12T09:00:00Z', true, '{"a": [1, 2]}'), (2, 'два', NULL, false, NULL);`);
  reads = preparedReads(client)!;
});
afterAll(async () => {
  await client?.close();
});

/** Drizzle's own options for PGlite: dates as strings, rows as arrays. */
const drizzleLike = { rowMode: "array" as const, parsers: { [types.TIMESTAMPTZ]: (value: string) => value } };

describe("reads of the embedded database through prepared statements", () => {
  it("answers as PGlite's own query does, in both row modes, with parameters of every kind", async () => {
    const text = "select id, name, at, done, data from item where (id = $1 or name = $2) and (at < $3 or at is null) and done = any($4) order by id";
    const params = [1, "два", new Date("2027-01-01T00:00:00Z"), "{true,false}"];
    for (const options of [undefined, drizzleLike]) {
      const ours = await reads(text, params, options)!;
      const theirs = await client.query(text, params, options);
      expect(ours.rows).toEqual(theirs.rows);
      expect(ours.fields).toEqual(theirs.fields);
      expect(ours.rows).toHaveLength(2);
    }
    // Run again: the statement is kept, and a null parameter is sent as null.
    expect((await reads("select count(*)::int as n from item where name is distinct from $1", [null])!).rows).toEqual([{ n: 2 }]);
    const kept = await client.query<{ name: string }>("select name from pg_prepared_statements where name like 'plenary_%'");
    expect(kept.rows.length).toBe(2);
  });

  it("takes only reads: a write or a COPY goes PGlite's own way", () => {
    expect(reads("insert into item (id) values ($1)", [3])).toBeNull();
    expect(reads("  SELECT 1", [])).not.toBeNull();
  });

  it("reports an error with its code and leaves the connection usable", async () => {
    await expect(reads("select 1 / $1::int as n", [0])!).rejects.toMatchObject({ code: "22012" });
    await expect(reads("select nope from item", [])!).rejects.toMatchObject({ code: "42703" });
    expect((await reads("select 1 / $1::int as n", [1])!).rows).toEqual([{ n: 1 }]);
  });

  it("prepares a text again when its table changed under the kept plan", async () => {
    expect((await reads("select * from item where id = $1", [1])!).fields.map((f) => f.name)).toEqual(["id", "name", "at", "done", "data"]);
    await client.exec("ALTER TABLE item ADD COLUMN extra text");
    expect((await reads("select * from item where id = $1", [1])!).fields.map((f) => f.name)).toContain("extra");
  });

  it("waits for a transaction in progress instead of reading inside it", async () => {
    let finish = () => {};
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const transaction = client.transaction(async (tx) => {
      await tx.query("insert into item (id, name) values (10, 'ten')");
      await held;
      await tx.rollback();
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const read = reads("select count(*)::int as n from item where id = $1", [10])!;
    let answered = false;
    void read.then(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    finish();
    await transaction;
    expect((await read).rows).toEqual([{ n: 0 }]);
  });

  it("serves the app's reads on the embedded database", async () => {
    const database = await openDatabase({ dataDir: "memory://" });
    try {
      await database.db.select().from(events);
      const kept = await database.embedded!.query<{ statement: string }>("select statement from pg_prepared_statements where name like 'plenary_%'");
      expect(kept.rows.some((r) => r.statement.includes('from "events"'))).toBe(true);
    } finally {
      await database.close();
    }
  });
});

describe("bytes on the embedded database", () => {
  it("writes and reads bytea through Node's hex codec, byte for byte, large and small", async () => {
    const database = await openDatabase({ dataDir: "memory://" });
    try {
      const client = database.embedded!;
      await client.exec("CREATE TABLE blob (id int PRIMARY KEY, data bytea)");
      const large = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
      const small = new Uint8Array([0, 1, 254, 255]);
      const empty = new Uint8Array(0);
      for (const [id, bytes] of [large, small, empty, large.subarray(5, 17)].entries()) {
        await client.query("INSERT INTO blob VALUES ($1, $2)", [id, bytes]);
        const { rows } = await client.query<{ data: Uint8Array; hex: string }>("SELECT data, encode(data, 'hex') AS hex FROM blob WHERE id = $1", [id]);
        expect(rows[0].data).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(rows[0].data).equals(Buffer.from(bytes))).toBe(true);
        expect(rows[0].hex).toBe(Buffer.from(bytes).toString("hex"));
        // The answer owns its memory: nothing else of Node's shared pool comes with it.
        expect(rows[0].data.buffer.byteLength).toBe(bytes.byteLength);
      }
    } finally {
      await database.close();
    }
  });
});
