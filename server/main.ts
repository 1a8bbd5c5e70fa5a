import cluster from "node:cluster";
import type { Bootstrap } from "../features/access/bootstrap.ts";
import { demoKiosks, demoKioskToken } from "../features/demo/venue.ts";
import { type Config, ConfigError, loadConfig } from "../features/shared/config.ts";
import { prepareDatabase, startServer } from "./start.ts";

/** What `npm start` prints: where the app is and how to sign in. */
function startupLines(config: Config, url: string, databaseKind: string, bootstrap: Bootstrap, mailSink: boolean, secret: string | undefined): string {
  return [
    `Plenary is running at ${url}  (database: ${databaseKind}${config.WEB_CONCURRENCY > 1 ? `, ${config.WEB_CONCURRENCY} processes` : ""})`,
    config.DEMO ? `Demo conference: ${url}/en/e/tashkent-2022  ·  ${url}/ru/e/tashkent-2022` : "",
    `Staff sign-in: ${url}/admin`,
    bootstrap.demoOrganiser ? `  demo organiser: ${bootstrap.demoOrganiser.email} / ${bootstrap.demoOrganiser.password}` : "",
    bootstrap.demoOrganiser ? "    organises the demo conference (everything but roles), and may create events of their own" : "",
    bootstrap.adminCreated
      ? `  instance administrator: ${bootstrap.admin.email} / ${bootstrap.admin.password}  (shown once; also in ${bootstrap.credentialsFile ?? "nowhere"})`
      : `  instance administrator: ${bootstrap.admin.email}  (password in ${bootstrap.credentialsFile ?? "the first start's output"})`,
    "    everything in every event; gives roles, and lets chosen staff create events (Staff sign-in → Events)",
    mailSink ? `Mail is caught by a local SMTP sink: ${url}/admin/mail or \`npm run mail\`` : "",
    ...(config.DEMO && secret
      ? [
          "Demo check-in kiosks (open on a phone or tablet; badges of the demo are under Staff sign-in → the demo → Badges):",
          ...demoKiosks.map((k) => `  ${k.list.en}: ${url}/kiosk#${demoKioskToken(secret, k.key)}`),
        ]
      : []),
  ]
    .filter(Boolean)
    .join("\n");
}

/** One process: the app itself. */
async function serveOne(config: Config, quiet: boolean) {
  const running = await startServer(config);
  if (!quiet)
    console.log(startupLines(config, running.url, running.services.database.kind, running.bootstrap, !!running.services.mailSinkDir, running.services.secret));
  const shutdown = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

/**
 * WEB_CONCURRENCY > 1: the primary prepares the database once, then forks that many workers sharing the
 * port (node:cluster). A worker that dies is replaced; SIGTERM stops them all.
 */
async function serveCluster(config: Config) {
  const bootstrap = await prepareDatabase(config);
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < config.WEB_CONCURRENCY; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(fork, 1000);
  });
  let online = 0;
  cluster.on("listening", () => {
    if (++online === config.WEB_CONCURRENCY) console.log(startupLines(config, config.PUBLIC_URL, "postgres", bootstrap, !config.SMTP_URL, config.SECRET_KEY));
  });
  const shutdown = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once("exit", () => resolve());
            w.process.kill("SIGTERM");
          }),
      ),
    );
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

try {
  const config = loadConfig();
  if (config.WEB_CONCURRENCY > 1 && cluster.isPrimary) await serveCluster(config);
  else await serveOne(config, cluster.isWorker);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
