import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { getRequestListener } from "@hono/node-server";
import nodemailer from "nodemailer";
import type { ServerBuild } from "react-router";
import { openDatabase } from "../db/index.ts";
import { ensureInstanceAccounts, type Bootstrap } from "../features/access/bootstrap.ts";
import { seedDemo } from "../features/demo/seed.ts";
import { startMailSink } from "../features/mail/sink.ts";
import { startOutboxWorker } from "../features/mail/outbox.ts";
import { ImportRunner } from "../features/registration/import-jobs.ts";
import { createApp } from "./app.ts";
import { startJobs } from "./jobs.ts";
import type { Config } from "./config.ts";
import { PageCache, serveFromCache } from "./page-cache.ts";
import type { Services } from "./services.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface Running {
  services: Services;
  url: string;
  port: number;
  bootstrap: Bootstrap;
  stop(): Promise<void>;
}

/** Opens the database (migrating it), seeds what a first start needs, and serves. */
export async function startServer(config: Config, options: { memory?: boolean } = {}): Promise<Running> {
  const memory = options.memory ?? false;
  if (!memory) mkdirSync(config.DATA_DIR, { recursive: true });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: memory ? "memory://" : config.DATA_DIR });
  const secret = config.SECRET_KEY ?? (memory ? randomBytes(32).toString("hex") : loadOrCreateSecret(config.DATA_DIR));

  const sinkDir = memory ? path.join(config.DATA_DIR, "mail") : path.join(config.DATA_DIR, "mail");
  const sink = config.SMTP_URL ? null : await startMailSink(sinkDir);
  const mail = nodemailer.createTransport(config.SMTP_URL ?? sink!.url);
  const worker = startOutboxWorker(database.db, mail, config.MAIL_FROM);
  const cache = new PageCache();
  // Each batch of an import is a write: counts and public pages (the list of participants) are cleared as by any other.
  const imports = new ImportRunner(database.db, () => services.cache.clear());
  const jobs = await startJobs(database, () => cache.clear());
  const services: Services = {
    config, database, db: database.db, secret, mail, mailSinkDir: sink ? sinkDir : null, kickOutbox: () => worker.kick(), cache, imports,
    jobs,
  };
  const stopListening = await listenForChanges(services);

  const bootstrap = await ensureInstanceAccounts(database.db, config, memory);
  if (config.DEMO) await seedDemo(database.db, bootstrap);
  // Imports a previous process left unfinished go on; the embedded database has one process, so all of its are.
  await imports.resumeStale(database.kind === "pglite" ? 0 : undefined);

  const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
  const app = createApp(services, build);
  // What `serve()` of @hono/node-server does, with a cached page answered before Hono (page-cache.ts).
  const listener = getRequestListener(app.fetch, { hostname: config.HOST });
  const server: Server = createServer((req, res) => {
    if (!serveFromCache(cache, req, res)) void listener(req, res);
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, () => resolve((server.address() as AddressInfo).port));
  });
  const url = config.PUBLIC_URL;
  return {
    services, url, port, bootstrap,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await imports.stop();
      await services.jobs.stop();
      await stopListening();
      await worker.stop();
      mail.close();
      await sink?.close();
      await database.close();
    },
  };
}

/**
 * What a first start does before serving (migrations, instance accounts, the demo), done once by the
 * primary of a cluster (WEB_CONCURRENCY) so that its workers never race to do it.
 */
export async function prepareDatabase(config: Config): Promise<Bootstrap> {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const bootstrap = await ensureInstanceAccounts(database.db, config, false);
    if (config.DEMO) await seedDemo(database.db, bootstrap);
    return bootstrap;
  } finally {
    await database.close();
  }
}

/** The embedded default keeps its secret next to its data; with PostgreSQL it must come from SECRET_KEY. */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "secret.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Several instances on one PostgreSQL clear each other's page caches through NOTIFY. */
async function listenForChanges(services: Services): Promise<() => Promise<void>> {
  if (services.database.kind !== "postgres" || !services.config.DATABASE_URL) return async () => {};
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: services.config.DATABASE_URL });
  await client.connect();
  client.on("error", (error) => console.error(`listen: ${error.message}`));
  await client.query("LISTEN plenary_changed");
  const instance = randomBytes(8).toString("hex");
  client.on("notification", (n) => {
    if (n.payload !== instance) services.cache.clear();
  });
  const clear = services.cache.clear.bind(services.cache);
  services.cache.clear = () => {
    clear();
    client.query("SELECT pg_notify('plenary_changed', $1)", [instance]).catch(() => {});
  };
  return () => client.end();
}
