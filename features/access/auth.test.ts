import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { staff, waitForMail } from "../../test/staff.ts";
import { auditLog, users } from "./schema.ts";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.stop();
});

const signIn = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.fetch("/admin/sign-in", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });

describe("signing in", () => {
  it("lets the demo organiser in with the printed password and sets a safe cookie", async () => {
    const res = await signIn({ email: "organiser@example.org", password: app.bootstrap.demoOrganiser!.password, next: "/admin" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/admin");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/plenary_session=[\w-]{40,}/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const page = await app.fetch("/admin", { headers: { cookie: cookie.split(";")[0] } });
    expect(await page.text()).toContain("tashkent-2022");
  });

  it("never redirects to another site after sign-in", async () => {
    const res = await signIn({ email: "organiser@example.org", password: app.bootstrap.demoOrganiser!.password, next: "//evil.example.org/" });
    expect(res.headers.get("location")).toBe("/admin");
  });

  it("refuses a wrong password with a translated 401", async () => {
    const res = await signIn({ email: "organiser@example.org", password: "wrong password" }, { "accept-language": "ru" });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("Неверный адрес электронной почты или пароль");
  });

  it("asks for missing fields with 422", async () => {
    const res = await signIn({ email: "", password: "" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("This field is required.");
  });

  it("limits attempts per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn({ email: "limited@example.org", password: `guess ${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it("refuses a form posted from another site", async () => {
    const res = await signIn({ email: "organiser@example.org", password: "x" }, { origin: "https://evil.example.org" });
    expect(res.status).toBe(403);
  });

  it("sends anonymous visitors of staff pages to sign in", async () => {
    const res = await app.fetch("/admin/e/tashkent-2022/sessions");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/admin/sign-in?next=%2Fadmin%2Fe%2Ftashkent-2022%2Fsessions");
  });
});

describe("the interface language switch", () => {
  it("goes back to the page it was on, and to the staff home for a Referer that is not a page of this site", async () => {
    const organiser = await staff(app, { email: "organiser@example.org" });
    const switchTo = (referer: string) => {
      const form = new FormData();
      form.set("_csrf", organiser.csrf);
      form.set("locale", "en");
      return app.fetch("/admin/locale", { method: "POST", body: form, headers: { cookie: organiser.cookie, referer } });
    };
    expect((await switchTo(`${app.url}/admin/e/tashkent-2022/sessions?day=2`)).headers.get("location")).toBe("/admin/e/tashkent-2022/sessions?day=2");
    for (const referer of ["garbage", `${app.url}//evil.example/x`, `${app.url}/\\evil.example`, "https://evil.example/admin"]) {
      const res = await switchTo(referer);
      expect(res.status, referer).toBe(302);
      expect(res.headers.get("location"), referer).toBe("/admin");
    }
  });
});

describe("CSRF tokens on staff forms", () => {
  it("refuses a staff form without the token, and changes nothing", async () => {
    const organiser = await staff(app, { email: "organiser@example.org" });
    const res = await organiser.post("/admin/e/tashkent-2022/venue", { kind: "room", "name.en": "Sneaky room" }, { csrf: false });
    expect(res.status).toBe(403);
    const venue = await (await organiser.get("/admin/e/tashkent-2022/venue")).text();
    expect(venue).not.toContain("Sneaky room");
  });
});

describe("password reset by email", () => {
  it("mails a link that sets a new password once", async () => {
    const [user] = await app.services.db.update(users).set({ locale: "ru" }).where(eq(users.email, "organiser@example.org")).returning();
    const res = await app.fetch("/admin/forgot", {
      method: "POST",
      body: new URLSearchParams({ email: "Organiser@Example.org" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    const mail = await waitForMail(app, "organiser@example.org");
    expect(mail.subject).toBe("Сброс пароля Plenary");
    const link = /http:\/\/\S+\/admin\/reset\/[\w-]+/.exec(mail.text)![0];
    const path = new URL(link).pathname;

    const tooShort = await app.fetch(path, {
      method: "POST",
      body: new URLSearchParams({ password: "short" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(tooShort.status).toBe(422);

    const ok = await app.fetch(path, {
      method: "POST",
      body: new URLSearchParams({ password: "a much longer password" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(ok.status).toBe(302);
    const again = await app.fetch(path, {
      method: "POST",
      body: new URLSearchParams({ password: "another long password" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(again.status).toBe(400);

    expect((await signIn({ email: "organiser@example.org", password: "a much longer password" })).status).toBe(302);
    const audit = await app.services.db.select().from(auditLog).where(eq(auditLog.action, "password_reset"));
    expect(audit.some((a) => a.actorId === user.id)).toBe(true);
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const res = await app.fetch("/admin/forgot", {
      method: "POST",
      body: new URLSearchParams({ email: "nobody@example.org" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("If an account exists");
  });

  it("rejects a malformed address with 422", async () => {
    const res = await app.fetch("/admin/forgot", {
      method: "POST",
      body: new URLSearchParams({ email: "not-an-email" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(422);
  });
});
