import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../server/config.ts";
import { startServer, type Running } from "../server/start.ts";

export interface TestServer extends Running {
  /** fetch relative to the server, with an Origin header as a browser sends it. */
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
  mailDir: string;
}

/**
 * A real app on a free port: in-memory PGlite by default, or a fresh PostgreSQL database of its own
 * when DATABASE_URL is set (dropped again at stop).
 */
export async function startTestServer(options: { demo?: boolean } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "plenary-test-"));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (process.env.DATABASE_URL) {
    const name = `plenary_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const again = new pg.Client({ connectionString: process.env.DATABASE_URL });
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
    };
  }
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    SECRET_KEY: databaseUrl ? randomBytes(32).toString("hex") : undefined,
    DEMO: options.demo === false ? "false" : "true",
  });
  const running = await startServer(config, { memory: !databaseUrl });
  return {
    ...running,
    mailDir: path.join(dataDir, "mail"),
    fetch: (pathname, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has("origin")) headers.set("origin", running.url);
      return fetch(running.url + pathname, { ...init, headers, redirect: init.redirect ?? "manual" });
    },
    async stop() {
      await running.stop();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
