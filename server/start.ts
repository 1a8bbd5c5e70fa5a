import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { getRequestListener } from "@hono/node-server";
import nodemailer from "nodemailer";
import type { ServerBuild } from "react-router";
import { openDatabase } from "../db/index.ts";
import { type Bootstrap, demoOrganiserEmail, ensureInstanceAccounts } from "../features/access/bootstrap.ts";
import { forgetKioskSessions } from "../features/checkin/kiosks.ts";
import { seedDemoNegotiation } from "../features/demo/negotiation.ts";
import { seedDemo } from "../features/demo/seed.ts";
import { seedDemoVenue } from "../features/demo/venue.ts";
import { LiveHub } from "../features/live/hub.ts";
import { startOutboxWorker } from "../features/mail/outbox.ts";
import { startMailSink } from "../features/mail/sink.ts";
import type { Config } from "../features/shared/config.ts";
import { loadCatalogues } from "../i18n/index.ts";
import { createApp } from "./app.ts";
import { startJobs } from "./jobs.ts";
import { Notifications } from "./notifications.ts";
import { PageCache, serveFromCache } from "./page-cache.ts";
import type { ServerServices as Services } from "./services.ts";

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
  await loadCatalogues();
  if (!memory) mkdirSync(config.DATA_DIR, { recursive: true });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: memory ? "memory://" : config.DATA_DIR });
  const secret = config.SECRET_KEY ?? (memory ? randomBytes(32).toString("hex") : loadOrCreateSecret(config.DATA_DIR));

  const sinkDir = memory ? path.join(config.DATA_DIR, "mail") : path.join(config.DATA_DIR, "mail");
  const sink = config.SMTP_URL ? null : await startMailSink(sinkDir);
  const mail = nodemailer.createTransport(config.SMTP_URL ?? sink!.url);
  const worker = startOutboxWorker(database.db, mail, config.MAIL_FROM);
  const cache = new PageCache({ maxBytes: config.PAGE_CACHE_MB * 1024 * 1024 });
  const live = new LiveHub(database.db);
  const notifications = await Notifications.start(
    database,
    { cache, live, wakeOutbox: () => worker.wake(), forget: (slug) => forgetKioskSessions(database.db, slug) },
    config.DATABASE_URL,
  );
  const jobs = await startJobs(database, (eventIds) => notifications.invalidateEvents(eventIds), secret);
  const services: Services = {
    config,
    database,
    db: database.db,
    secret,
    mail,
    mailSinkDir: sink ? sinkDir : null,
    cache,
    notifications,
    live,
    jobs,
  };

  const bootstrap = await ensureInstanceAccounts(database.db, config, memory);
  if (config.DEMO) {
    await seedDemo(database.db, bootstrap);
    await seedDemoNegotiation(database.db, demoOrganiserEmail);
    await seedDemoVenue(database.db, secret);
  }

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
  }).catch(async (error: unknown) => {
    // The port is taken (say): leave nothing running behind, then say why.
    await services.jobs.stop();
    await notifications.stop();
    await worker.stop();
    mail.close();
    await sink?.close();
    await database.close();
    throw error;
  });
  const url = config.PUBLIC_URL;
  return {
    services,
    url,
    port,
    bootstrap,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await services.jobs.stop();
      await notifications.stop();
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
    if (config.DEMO) {
      await seedDemo(database.db, bootstrap);
      await seedDemoNegotiation(database.db, demoOrganiserEmail);
      if (config.SECRET_KEY) await seedDemoVenue(database.db, config.SECRET_KEY);
    }
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
