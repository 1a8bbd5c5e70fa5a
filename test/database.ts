import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * A fresh PostgreSQL database of its own, next to the one `base` (default DATABASE_URL) names; `drop()`
 * removes it. Returns null without a base (tests then use in-memory PGlite).
 */
export async function scratchDatabase(prefix = "plenary_test", base = process.env.DATABASE_URL): Promise<{ url: string; drop(): Promise<void> } | null> {
  if (!base) return null;
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: base });
      await again.connect();
      // pool.end() resolves before its sockets have closed; a forced drop would then kill them
      // mid-goodbye, and each would surface as an uncaught "terminating connection" error.
      for (let i = 0; i < 100; i++) {
        const { rows } = await again.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}
