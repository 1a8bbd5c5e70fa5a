import { ConfigError, loadConfig } from "./config.ts";
import { startServer } from "./start.ts";

try {
  const config = loadConfig();
  const running = await startServer(config);
  const { bootstrap } = running;
  const lines = [
    `Plenary is running at ${running.url}  (database: ${running.services.database.kind})`,
    config.DEMO ? `Demo conference: ${running.url}/en/e/tashkent-2022  ·  ${running.url}/ru/e/tashkent-2022` : "",
    `Staff sign-in: ${running.url}/admin`,
    bootstrap.demoOrganiser ? `  demo organiser: ${bootstrap.demoOrganiser.email} / ${bootstrap.demoOrganiser.password}` : "",
    bootstrap.adminCreated
      ? `  instance administrator: ${bootstrap.admin.email} / ${bootstrap.admin.password}  (shown once; also in ${bootstrap.credentialsFile ?? "nowhere"})`
      : `  instance administrator: ${bootstrap.admin.email}  (password in ${bootstrap.credentialsFile ?? "the first start's output"})`,
    running.services.mailSinkDir ? `Mail is caught by a local SMTP sink: ${running.url}/admin/mail or \`npm run mail\`` : "",
  ].filter(Boolean);
  console.log(lines.join("\n"));

  const shutdown = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
