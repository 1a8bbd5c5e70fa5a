import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { staff, waitForMail } from "../../test/staff.ts";
import { requestPasswordReset, resetPassword, signIn } from "./auth.ts";
import { safeNext } from "./safe-next.ts";
import { passwordResets, rateLimits } from "./schema.ts";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

const password = "correct horse battery";
const form = (fields: Record<string, string>) => ({
  method: "POST",
  body: new URLSearchParams(fields),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

describe("sign-in limits", () => {
  it("ten wrong guesses from ten addresses do not lock out the right password", async () => {
    await staff(app, { email: "target@example.org" });
    for (let i = 0; i < 10; i++) {
      for (let j = 0; j < 10; j++) {
        await expect(signIn(app.services.db, { email: "target@example.org", password: `guess ${i}-${j}` }, `198.51.100.${i}`)).rejects.toMatchObject({
          status: 401,
        });
      }
    }
    // Each of those addresses is now stopped for this email…
    await expect(signIn(app.services.db, { email: "target@example.org", password }, "198.51.100.3")).rejects.toMatchObject({ status: 429 });
    // …but the owner, from her own address, gets in.
    const { user } = await signIn(app.services.db, { email: "target@example.org", password }, "203.0.113.7");
    expect(user.email).toBe("target@example.org");
  });

  it("does not count sign-ins that succeed", async () => {
    await staff(app, { email: "busy@example.org" });
    for (let i = 0; i < 15; i++) await signIn(app.services.db, { email: "busy@example.org", password }, "203.0.113.20");
    await expect(signIn(app.services.db, { email: "busy@example.org", password }, "203.0.113.20")).resolves.toBeTruthy();
  });

  it("stops one address guessing across many emails", async () => {
    for (let i = 0; i < 30; i++) {
      await expect(signIn(app.services.db, { email: `nobody${i}@example.org`, password: "x" }, "203.0.113.99")).rejects.toMatchObject({ status: 401 });
    }
    await expect(signIn(app.services.db, { email: "someone-else@example.org", password: "x" }, "203.0.113.99")).rejects.toMatchObject({ status: 429 });
  });

  it("keeps a password reset possible when others have asked for the same email, and the reset lifts the lock", async () => {
    await staff(app, { email: "locked@example.org" });
    for (let i = 0; i < 6; i++) await requestPasswordReset(app.services.db, "locked@example.org", app.url, `192.0.2.${i}`).catch(() => {});
    for (let i = 0; i < 10; i++) await signIn(app.services.db, { email: "locked@example.org", password: "wrong" }, "203.0.113.50").catch(() => {});
    await expect(signIn(app.services.db, { email: "locked@example.org", password }, "203.0.113.50")).rejects.toMatchObject({ status: 429 });

    const res = await app.fetch("/admin/forgot", form({ email: "locked@example.org" }));
    expect(res.status).toBe(200);
    const mail = await waitForMail(app, "locked@example.org");
    const token = /\/admin\/reset\/([\w-]+)/.exec(mail.text)![1];
    await resetPassword(app.services.db, token, "a brand new password");
    await expect(signIn(app.services.db, { email: "locked@example.org", password: "a brand new password" }, "203.0.113.50")).resolves.toBeTruthy();
  });
});

describe("password reset links", () => {
  it("using one link ends the user's other links", async () => {
    const who = await staff(app, { email: "two-links@example.org" });
    await requestPasswordReset(app.services.db, "two-links@example.org", app.url, "192.0.2.200");
    await requestPasswordReset(app.services.db, "two-links@example.org", app.url, "192.0.2.200");
    const [first, second] = await app.services.db.select().from(passwordResets).where(eq(passwordResets.userId, who.userId));
    expect(first && second).toBeTruthy();
    // The tokens themselves are only mailed; read them from the sink.
    const { readSink } = await import("../mail/sink.ts");
    let tokens: string[] = [];
    for (let i = 0; i < 75 && tokens.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 200));
      tokens = (await readSink(app.mailDir)).filter((m) => m.to.includes("two-links@example.org")).map((m) => /\/admin\/reset\/([\w-]+)/.exec(m.text)![1]);
    }
    expect(tokens).toHaveLength(2);
    await resetPassword(app.services.db, tokens[0], "the first new password");
    await expect(resetPassword(app.services.db, tokens[1], "the second new password")).rejects.toMatchObject({ status: 400 });
    await expect(signIn(app.services.db, { email: "two-links@example.org", password: "the first new password" }, "192.0.2.201")).resolves.toBeTruthy();
  });
});

describe("the rate-limit table", () => {
  it("is purged by a scheduled job of counters whose window ended more than a day ago", async () => {
    const now = new Date();
    await app.services.db.insert(rateLimits).values([
      { key: "test:old", windowStart: new Date(now.getTime() - 2 * 86_400_000), count: 3 },
      { key: "test:fresh", windowStart: now, count: 1 },
    ]);
    await app.services.jobs.runNow("rate-limit-purge");
    let keys: string[] = [];
    for (let i = 0; i < 100; i++) {
      keys = (await app.services.db.select().from(rateLimits)).map((r) => r.key);
      if (!keys.includes("test:old")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(keys).toContain("test:fresh");
    expect(keys).not.toContain("test:old");
  });
});

describe("after sign-in, only paths on this site", () => {
  it.each([
    // Still percent-encoded, this is a path on this site; decoded (as a query string is), the tab is dropped and refused.
    ["/%09/evil.example", "/%09/evil.example"],
    ["/\t/evil.example", "/admin"],
    ["/\n/evil.example", "/admin"],
    ["//evil.example", "/admin"],
    ["/\\evil.example", "/admin"],
    ["/\\/evil.example", "/admin"],
    ["https://evil.example/", "/admin"],
    ["javascript:alert(1)", "/admin"],
    ["/admin/e/x/sessions?tab=1#top", "/admin/e/x/sessions?tab=1#top"],
  ])("%j → %j", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it("redirects a tab-smuggled next to /admin, and a newline gets no 500", async () => {
    await staff(app, { email: "redirected@example.org" });
    for (const next of ["/\t/evil.example", "/\n/evil.example"]) {
      const res = await app.fetch("/admin/sign-in", form({ email: "redirected@example.org", password, next }));
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/admin");
    }
    const page = await app.fetch(`/admin/sign-in?next=${encodeURIComponent("/\t/evil.example")}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="next" value="/admin"');
  });
});
