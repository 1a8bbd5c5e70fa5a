import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite, type QueryOptions, types } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { type ConstructorOptions, fromPglite } from "pg-boss";
import { preparedReads } from "./pglite-reads.ts";
import * as schema from "./schema.ts";

export { isDatabaseUnavailable, isRefusedValue } from "./unavailable.ts";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** How pg-boss (server/jobs.ts) reaches the same database: its own small pool, or the one PGlite connection. */
  jobs: ConstructorOptions;
  /** Whether the database answers a trivial query within a second and a half. */
  ping(): Promise<boolean>;
  /** The embedded database itself, for its in-process LISTEN (server/notifications.ts); null with PostgreSQL. */
  embedded: PGlite | null;
  /** PostgreSQL's connection pool, for the few hot paths that pipeline their statements (db/pipeline.ts); null when embedded. */
  pool: pg.Pool | null;
  close(): Promise<void>;
}

/** Set inside a transaction of the embedded database, which holds its one connection until it ends. */
const pgliteTransaction = new AsyncLocalStorage<true>();

/**
 * Whether the caller runs inside a transaction of the embedded database. Anything that would query through
 * another path (pg-boss's own connection) must not wait there: it would wait for the transaction forever.
 */
export const inPgliteTransaction = (): boolean => pgliteTransaction.getStore() === true;

/**
 * PGlite runs a statement synchronously and settles its promise at once, so a request's queries and its
 * render would chain as microtasks without ever giving the event loop a turn: under load, new connections
 * and requests then sat unread for seconds while the requests already in progress ran back to back. Each
 * query first waits for the loop's next turn (as a reply over a socket would), so sockets are read between
 * statements and requests are served in the order they came. Reads outside a transaction then go through
 * named prepared statements (db/pglite-reads.ts); everything else through PGlite's own `query`.
 */
function wrapQueries(client: PGlite) {
  const query = client.query.bind(client) as PGlite["query"];
  const reads = preparedReads(client);
  client.query = (async (text: string, params?: unknown[], options?: QueryOptions) => {
    await new Promise((resolve) => setImmediate(resolve));
    return reads?.(text, params, options) ?? query(text, params, options);
  }) as PGlite["query"];
}

async function answersWithin(query: () => Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      query().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * postgresql.conf of the embedded database (PGlite writes it at each start). Its shared buffers live in the
 * WebAssembly memory, which never shrinks: PostgreSQL's default of 128 MB cost about 125 MB of resident
 * memory once touched (bench/pages.ts, memory idle: 524 → 399 MB). The operating system's file cache still
 * holds what they no longer do. The other memory settings are allocated on demand and changed nothing measurable.
 */
const embeddedSettings = ["shared_buffers = 16MB"];

/**
 * Files (photos, badge PDFs, letters) travel as bytea, which PGlite writes and reads as hex text one byte
 * at a time in JavaScript (a string and a parseInt per byte). Node's own hex codec does the same in one
 * call: for 2 MB, writing 326 → 58 ms and reading 192 → 14 ms, with far less garbage behind.
 */
const byteaAsHex = {
  serializers: {
    [types.BYTEA]: (value: unknown) => {
      if (!(value instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
      return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;
    },
  },
  parsers: {
    [types.BYTEA]: (value: string) => {
      const bytes = Buffer.from(value.slice(2), "hex");
      // A small Buffer is a slice of Node's shared pool: copy it, so that `.buffer` holds these bytes alone.
      return bytes.byteLength === bytes.buffer.byteLength ? new Uint8Array(bytes.buffer) : new Uint8Array(bytes);
    },
  },
};

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * PostgreSQL when a URL is given, else embedded PGlite: in `dataDir`, or in memory for `memory://`.
 * Migrations run here, inside the app, so a fresh data directory needs no extra step.
 */
export async function openDatabase(options: { url?: string; dataDir?: string }): Promise<Database> {
  if (options.url) {
    // A request waits at most 5 s for a connection: with the database away it answers 503 instead of hanging.
    const pool = new pg.Pool({ connectionString: options.url, max: 10, connectionTimeoutMillis: 5_000 });
    // The server ending an idle pooled connection (restart, failover, pg_terminate_backend) is reported
    // here; without a listener it would crash the process. The pool drops that client and opens another.
    pool.on("error", (error) => console.error(`database: pooled connection lost (${(error as { code?: string }).code ?? error.message})`));
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    await migratePg(db as never, { migrationsFolder });
    return {
      db,
      kind: "postgres",
      jobs: { connectionString: options.url, max: 2 },
      embedded: null,
      pool,
      ping: () => answersWithin(() => pool.query("SELECT 1"), 1_500),
      close: () => pool.end(),
    };
  }
  const dir = options.dataDir ?? "memory://";
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  // pg_trgm backs the participants list's search index (db/migrations/0005).
  const client = await PGlite.create(dir.startsWith("memory://") ? undefined : path.join(dir, "pglite"), {
    extensions: { pg_trgm },
    postgresqlconf: embeddedSettings,
    ...byteaAsHex,
  });
  wrapQueries(client);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  const transaction = db.transaction.bind(db);
  db.transaction = ((work, config) => pgliteTransaction.run(true, () => transaction(work, config))) as Db["transaction"];
  await migratePglite(db as never, { migrationsFolder });
  // The embedded database has no autovacuum, so nothing else keeps the planner's statistics: without them
  // a list of 100,000 participants is planned as if it held a hundred.
  await client.exec("ANALYZE");
  return {
    db,
    kind: "pglite",
    jobs: { db: fromPglite(client), backend: "pglite" },
    embedded: client,
    pool: null,
    ping: () => answersWithin(() => client.query("SELECT 1"), 1_500),
    close: () => client.close(),
  };
}
