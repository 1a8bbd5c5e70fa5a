import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../features/shared/config.ts";
import { type Running, startServer } from "../server/start.ts";
import { scratchDatabase } from "./database.ts";
import { freePort } from "./free-port.ts";

export interface TestServer extends Running {
  /** fetch relative to the server, with an Origin header as a browser sends it. */
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
  mailDir: string;
  /** The PostgreSQL database it runs on (none on PGlite), for a second instance to share. */
  databaseUrl: string | undefined;
  secretKey: string | undefined;
}

/**
 * A real app on a free port: in-memory PGlite by default, or a fresh PostgreSQL database of its own
 * when DATABASE_URL is set (dropped again at stop). `shareWith` starts a second instance on the first
 * one's database (and secret), as a load balancer's second process; it leaves the database to the first.
 * `existing` opens a database a test prepared instead (a PGlite data folder, or a PostgreSQL URL), which
 * the test then removes itself.
 */
export async function startTestServer(
  options: { demo?: boolean; shareWith?: TestServer; env?: Record<string, string>; existing?: { dataDir: string } | { databaseUrl: string } } = {},
): Promise<TestServer> {
  const existing = options.existing;
  const dataDir = existing && "dataDir" in existing ? existing.dataDir : mkdtempSync(path.join(tmpdir(), "plenary-test-"));
  if (options.shareWith && !options.shareWith.databaseUrl) throw new Error("a second instance needs PostgreSQL");
  const scratch = options.shareWith || existing ? null : await scratchDatabase();
  const databaseUrl = options.shareWith?.databaseUrl ?? (existing && "databaseUrl" in existing ? existing.databaseUrl : scratch?.url);
  const secretKey = options.shareWith?.secretKey ?? (databaseUrl ? randomBytes(32).toString("hex") : undefined);
  const configOn = (port: number) =>
    loadConfig({
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      SECRET_KEY: secretKey,
      DEMO: options.demo === false || options.shareWith ? "false" : "true",
      ...options.env,
    });
  // A free port can be taken by another test's process before this one listens on it: try another.
  let running: Running | undefined;
  for (let attempt = 1; !running; attempt++) {
    try {
      running = await startServer(configOn(await freePort()), { memory: !databaseUrl && !existing });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= 5) throw error;
    }
  }
  return {
    ...running,
    mailDir: path.join(dataDir, "mail"),
    databaseUrl,
    secretKey,
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
