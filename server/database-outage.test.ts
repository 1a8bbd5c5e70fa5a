import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/server.ts";

/**
 * On PostgreSQL the server can end any connection at any time (restart, failover, idle timeout,
 * pg_terminate_backend). The app must stay up, answer 503 while the database is away, and recover by
 * itself. The embedded database has no connections to lose, so this runs with DATABASE_URL only.
 */
const base = process.env.DATABASE_URL;
const onPostgres = describe.skipIf(!base);

onPostgres(base ? "losing the database (PostgreSQL)" : "losing the database — skipped: needs DATABASE_URL (PostgreSQL)", () => {
  let app: TestServer;
  let admin: pg.Client;
  let name: string;
  // A cookie that matches no session: the page cache is skipped and the page reads the database.
  const uncached = { cookie: "plenary_session=no-such-session-token-0123456789" };

  beforeAll(async () => {
    app = await startTestServer();
    name = new URL(app.services.config.DATABASE_URL!).pathname.slice(1);
    admin = new pg.Client({ connectionString: base });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => {});
    await admin?.end();
    await app?.stop();
  });

  const terminate = () =>
    admin.query("SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
  const page = () => app.fetch("/en/e/tashkent-2022/programme", { headers: uncached });
  const api = () => app.fetch("/api/v1/events/tashkent-2022/sessions", { headers: uncached });

  async function untilOk(request: () => Promise<Response>, timeoutMs = 15_000): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const res = await request();
      await res.arrayBuffer();
      if (res.status === 200) return Date.now() - started;
      expect(res.status).toBe(503);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("no 200 after the database came back");
  }

  it("stays up when idle connections are terminated, and the next request succeeds", async () => {
    expect((await page()).status).toBe(200);
    expect((await api()).status).toBe(200);
    const { rows } = await terminate();
    expect(rows[0].n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect((await page()).status).toBe(200);
    expect((await api()).status).toBe(200);
  });

  it("answers 200 or 503 under load while connections are terminated, never 500, and recovers", async () => {
    const statuses = new Map<number, number>();
    let stop = false;
    const client = async () => {
      while (!stop) {
        for (const request of [page, api]) {
          const res = await request();
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 150));
      await terminate();
    }
    stop = true;
    await Promise.all(clients);
    expect([...statuses.keys()].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThan(0);
    await untilOk(page);
    await untilOk(api);
  });

  it("answers a translated 503 while the database refuses connections, and recovers by itself", async () => {
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await terminate();
    try {
      const html = await app.fetch("/ru/e/tashkent-2022/programme", { headers: uncached });
      expect(html.status).toBe(503);
      expect(html.headers.get("retry-after")).toBe("5");
      expect(await html.text()).toContain("Сервис временно недоступен");
      const json = await app.fetch("/api/v1/events/tashkent-2022/sessions", { headers: { ...uncached, "accept-language": "ru" } });
      expect(json.status).toBe(503);
      expect((await json.json()).error.code).toBe("unavailable");
      const staffPage = await app.fetch("/admin/e/tashkent-2022/sessions", { headers: uncached });
      expect(staffPage.status).toBe(503);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }
    await untilOk(page);
    await untilOk(api);
    expect((await app.fetch("/healthz")).status).toBe(200);
  });
});
