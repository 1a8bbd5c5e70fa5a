import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/server.ts";

let app: TestServer;
beforeAll(async () => { app = await startTestServer(); });
afterAll(async () => { await app?.stop(); });

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
