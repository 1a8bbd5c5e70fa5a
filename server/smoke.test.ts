import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/server.ts";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.stop();
});

describe("a fresh start", () => {
  it("answers /healthz", async () => {
    const res = await app.fetch("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("serves the demo programme in Russian with the right <html lang>", async () => {
    const res = await app.fetch("/ru/e/tashkent-2022/programme");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="ru"');
    expect(html).toContain("Церемония открытия");
    expect(html).toContain('hrefLang="uz-Latn"');
  });

  it("answers an unknown event with a translated 404", async () => {
    const res = await app.fetch("/ru/e/no-such-event");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Страница не найдена");
  });
});

describe("`npm start` as a process of its own", () => {
  it("starts on a fresh data folder, serves pages in every interface language, and stops on SIGTERM", { timeout: 120_000 }, async () => {
    const { spawn } = await import("node:child_process");
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { freePort } = await import("../test/free-port.ts");
    const dataDir = mkdtempSync(path.join(tmpdir(), "plenary-start-"));
    const port = await freePort();
    // Nothing preloaded here, unlike in this test process: what a user's `npm start` runs.
    const child = spawn(process.execPath, ["server/main.ts"], {
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: "", SMTP_URL: "", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; i < 1200 && !output.includes("Plenary is running"); i++) {
        if (child.exitCode !== null) throw new Error(`the app exited:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(output).toContain("Plenary is running");
      expect(output).toMatch(/may create events/);
      for (const lang of ["ar", "zh", "en", "fr", "ru", "es", "uz", "uz-Cyrl"]) {
        const res = await fetch(`${url}/${lang}/e/tashkent-2022/programme`);
        expect(res.status, lang).toBe(200);
      }
      expect((await fetch(`${url}/admin/sign-in`)).status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(child.exitCode).toBe(0);
    expect(output).not.toMatch(/TypeError|unhandled/i);
  });
});
