import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "../features/events/schema.ts";
import { participants, registrationImports } from "../features/registration/schema.ts";
import { freePort } from "../test/free-port.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { staff } from "../test/staff.ts";

const onPostgres = describe.skipIf(!process.env.DATABASE_URL);

describe("jobs", () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer({ demo: false });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.skipIf(!!process.env.DATABASE_URL)(
    "refuse at once, on the embedded database, to queue through pg-boss's own connection inside an open transaction (it would wait forever)",
    async () => {
      const attempt = app.services.db.transaction(() => app.services.jobs.runNow("rate-limit-purge"));
      await expect(attempt).rejects.toThrow(/inside a transaction/);
    },
  );

  it("queue a job in the caller's transaction: none when it rolls back, one when it commits", async () => {
    const db = app.services.db;
    await expect(
      db.transaction(async (tx) => {
        await app.services.jobs.send(tx, "registration-import", { importId: 999_999 }, { singletonKey: "import:999999" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const count = async () =>
      ((await db.execute(sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'registration-import'`)) as unknown as { rows: { n: number }[] }).rows[0].n;
    expect(await count()).toBe(0);
    await db.transaction((tx) => app.services.jobs.send(tx, "registration-import", { importId: 999_999 }, { singletonKey: "import:999999" }));
    expect(await count()).toBe(1);
    // The import does not exist: the job finds nothing to do and completes.
    await app.services.jobs.idle("registration-import");
  });
});

onPostgres(
  process.env.DATABASE_URL ? "an import whose process is killed (PostgreSQL)" : "an import whose process is killed — skipped: needs DATABASE_URL",
  () => {
    let app: TestServer;
    let child: ChildProcess | undefined;
    let dataDir: string;
    beforeAll(async () => {
      app = await startTestServer();
      // This instance only serves the test's reads: its own worker must leave the import to the other process.
      await app.services.jobs.stop();
      dataDir = mkdtempSync(path.join(tmpdir(), "plenary-killed-"));
    });
    afterAll(async () => {
      child?.kill("SIGKILL");
      await app?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("goes on after kill -9, on another instance, after the last committed batch, nothing twice", { timeout: 180_000 }, async () => {
      const db = app.services.db;
      const [{ id: eventId }] = await db.select({ id: events.id }).from(events).where(eq(events.slug, "tashkent-2022"));
      const officer = await staff(app, { email: "killed.officer@example.org", role: "accreditation_officer", eventId });
      const total = 30_000;
      const lines = ["Email,Given name,Family name,Country,Category"];
      for (let i = 0; i < total; i++) lines.push(`killed.${i}@example.org,Given${i},Family${i},UZ,delegate`);

      const port = await freePort();
      child = spawn(process.execPath, ["server/main.ts"], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: "127.0.0.1",
          DATABASE_URL: app.databaseUrl,
          SECRET_KEY: app.secretKey,
          DATA_DIR: dataDir,
          DEMO: "false",
          SMTP_URL: "",
          NODE_ENV: "production",
          PUBLIC_URL: `http://127.0.0.1:${port}`,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 600; i++) {
        try {
          if ((await fetch(`${url}/healthz`)).ok) break;
        } catch {
          /* not yet */
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const post = (fields: Record<string, string | Blob>) => {
        const form = new FormData();
        form.set("_csrf", officer.csrf);
        for (const [k, v] of Object.entries(fields)) form.set(k, v);
        return fetch(`${url}/admin/e/tashkent-2022/import`, {
          method: "POST",
          body: form,
          headers: { cookie: officer.cookie, origin: url },
          redirect: "manual",
        });
      };
      const uploaded = await post({ intent: "upload", file: new File([lines.join("\n")], "killed.csv") });
      const importId = Number(new URL(uploaded.headers.get("location")!, url).searchParams.get("import"));
      expect(importId).toBeGreaterThan(0);
      expect((await post({ intent: "confirm", import: String(importId) })).status).toBe(302);

      // Kill it between batches, once some are committed and some are not.
      let done = 0;
      for (let i = 0; i < 3000 && done === 0; i++) {
        [{ done }] = await db.select({ done: registrationImports.done }).from(registrationImports).where(eq(registrationImports.id, importId));
        if (done === 0) await new Promise((r) => setTimeout(r, 10));
      }
      child.kill("SIGKILL");
      await new Promise((r) => child!.once("exit", r));
      const [killed] = await db.select().from(registrationImports).where(eq(registrationImports.id, importId));
      expect(killed.status).toBe("running");
      expect(killed.done).toBeGreaterThan(0);
      expect(killed.done).toBeLessThan(total);

      // Another instance: pg-boss fails the silent job after its heartbeat lapses and retries it here.
      const other = await startTestServer({ shareWith: app });
      try {
        let row = killed;
        for (let i = 0; i < 1500 && row.status !== "done"; i++) {
          await new Promise((r) => setTimeout(r, 100));
          [row] = await db.select().from(registrationImports).where(eq(registrationImports.id, importId));
        }
        expect(row).toMatchObject({ status: "done", done: total, inserted: total, skipped: 0, invalid: 0 });
        const rows = await db
          .select({ id: participants.id })
          .from(participants)
          .where(and(eq(participants.eventId, eventId), like(participants.email, "killed.%")));
        expect(rows).toHaveLength(total);
      } finally {
        await other.stop();
      }
    });
  },
);
