import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../server/config.ts";
import { startServer, type Running } from "../server/start.ts";
import { scratchDatabase } from "./database.ts";
import { freePort } from "./free-port.ts";

export interface TestServer extends Running {
  /** fetch relative to the server, with an Origin header as a browser sends it. */
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
  mailDir: string;
}

/**
 * A real app on a free port: in-memory PGlite by default, or a fresh PostgreSQL database of its own
 * when DATABASE_URL is set (dropped again at stop). `existing` opens a database a test prepared instead
 * (a PGlite data folder, or a PostgreSQL URL), which the test then removes itself.
 */
export async function startTestServer(options: { demo?: boolean; existing?: { dataDir: string } | { databaseUrl: string } } = {}): Promise<TestServer> {
  const existing = options.existing;
  const dataDir = existing && "dataDir" in existing ? existing.dataDir : mkdtempSync(path.join(tmpdir(), "plenary-test-"));
  const scratch = existing ? null : await scratchDatabase();
  const databaseUrl = existing && "databaseUrl" in existing ? existing.databaseUrl : scratch?.url;
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    SECRET_KEY: databaseUrl ? randomBytes(32).toString("hex") : undefined,
    DEMO: options.demo === false ? "false" : "true",
  });
  const running = await startServer(config, { memory: !databaseUrl && !existing });
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
      await scratch?.drop();
      if (!existing) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
