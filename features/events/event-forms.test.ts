import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSession } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { auditLog, users } from "../access/schema.ts";
import { events, organisations } from "./schema.ts";

let app: TestServer;
let admin: Staff;
let organiser: Staff;

beforeAll(async () => {
  app = await startTestServer();
  admin = await staff(app, { email: "admin@example.org" });
  organiser = await staff(app, { email: "organiser@example.org" });
});
afterAll(async () => {
  await app?.stop();
});

const newEvent = (overrides: Record<string, string> = {}) => ({
  languages: "en, ru",
  "title.en": "Vienna Review Meeting",
  "title.ru": "Венское обзорное совещание",
  slug: "vienna-2026",
  startDate: "2026-06-01",
  endDate: "2026-06-02",
  timezone: "Europe/Vienna",
  format: "hybrid",
  ...overrides,
});

// A 1×1 PNG, and a JPEG's first and last bytes around nothing.
const png = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"));

describe("creating an event", () => {
  it.each([
    ["an end before the start", { endDate: "2026-05-30" }, "The event cannot end before it starts."],
    ["an unknown time zone", { timezone: "Mars/Olympus" }, "Unknown time zone"],
    ["a bad address", { slug: "Vienna 2026!" }, "lowercase Latin letters"],
    ["no title in the default language", { "title.en": "" }, "This field is required."],
    ["a malformed language code", { languages: "english" }, "This is not a known language code"],
    ["a made-up language code", { languages: "xx" }, "This is not a known language code"],
    ["a taken address", { slug: "tashkent-2022" }, "already used by another event"],
  ])("refuses %s with 422", async (_what, overrides, message) => {
    const res = await admin.post("/admin/events/new", newEvent(overrides));
    expect(res.status).toBe(422);
    expect((await res.text()).replaceAll("&#x27;", "'")).toContain(message);
    const [created] = await app.services.db.select().from(events).where(eq(events.slug, "vienna-2026"));
    expect(created).toBeUndefined();
  });

  it("is for instance administrators and the staff they let create events", async () => {
    const staffer = await staff(app, { email: "would-be-creator@example.org" });
    expect((await staffer.post("/admin/events/new", newEvent({ slug: "by-staff-2026" }))).status).toBe(403);
    expect(await (await staffer.get("/admin")).text()).not.toContain('href="/admin/events/new"');

    // The administrator lets them; an unknown address gets a translated reason.
    const unknown = await admin.post("/admin?index&lang=ru", { intent: "allow", email: "nobody-here@example.org" });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain("Учётной записи с таким адресом нет");
    expect((await admin.post("/admin?index", { intent: "allow", email: "Would-Be-Creator@example.org" })).status).toBe(200);
    expect(await (await admin.get("/admin")).text()).toContain("would-be-creator@example.org");
    expect((await staffer.post("/admin?index", { intent: "allow", email: "would-be-creator@example.org" })).status).toBe(403);

    expect(await (await staffer.get("/admin")).text()).toContain('href="/admin/events/new"');
    const created = await staffer.post("/admin/events/new", newEvent({ slug: "by-staff-2026" }));
    expect(created.status).toBe(302);
    // The creator owns it: roles are theirs to give.
    expect((await staffer.get("/admin/e/by-staff-2026/access")).status).toBe(200);

    expect((await admin.post("/admin?index", { intent: "revoke", email: "would-be-creator@example.org" })).status).toBe(200);
    expect((await staffer.post("/admin/events/new", newEvent({ slug: "by-staff-2027" }))).status).toBe(403);
  });

  it("is open to the printed demo organiser", async () => {
    expect(await (await organiser.get("/admin")).text()).toContain('href="/admin/events/new"');
  });

  it("creates a draft the creator owns, hidden from the public until published", async () => {
    const res = await admin.post("/admin/events/new", newEvent());
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/admin/e/vienna-2026?created=1");
    expect((await app.fetch("/en/e/vienna-2026")).status).toBe(404);

    const publish = await admin.post("/admin/e/vienna-2026?index", { intent: "publish" });
    expect(publish.status).toBe(200);
    const home = await app.fetch("/ru/e/vienna-2026");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Венское обзорное совещание");
  });

  it("keeps the first of two concurrent edits of the settings", async () => {
    const [event] = await app.services.db.select().from(events).where(eq(events.slug, "vienna-2026"));
    const save = (title: string) => admin.post("/admin/e/vienna-2026?index", newEvent({ "title.en": title, version: String(event.version) }));
    expect((await save("Vienna Meeting (first)")).status).toBe(200);
    expect((await save("Vienna Meeting (second)")).status).toBe(409);
    const [saved] = await app.services.db.select().from(events).where(eq(events.slug, "vienna-2026"));
    expect(saved.title.en).toBe("Vienna Meeting (first)");
    const log = await app.services.db.select().from(auditLog).where(eq(auditLog.eventId, saved.id));
    const update = log.find((l) => l.action === "update");
    expect(update?.before).toMatchObject({ title: { en: "Vienna Review Meeting" } });
    expect(update?.after).toMatchObject({ title: { en: "Vienna Meeting (first)" } });
  });

  it("says, when the dates move, how many sessions fall outside them", async () => {
    const [event] = await app.services.db.select().from(events).where(eq(events.slug, "vienna-2026"));
    await makeSession(app.services.db, event, admin.userId, { start: "2026-06-02T10:00", end: "2026-06-02T11:00" });
    await makeSession(app.services.db, event, admin.userId, { start: "2026-06-01T10:00", end: "2026-06-01T11:00" });
    const moved = await admin.post(
      "/admin/e/vienna-2026?index",
      newEvent({ "title.en": "Vienna Meeting (first)", endDate: "2026-06-01", version: String(event.version) }),
    );
    expect(moved.status).toBe(200);
    expect(await moved.text()).toContain("1 session of the programme now falls outside the event");
    // Saving again without moving them says nothing more.
    const [now] = await app.services.db.select().from(events).where(eq(events.slug, "vienna-2026"));
    const again = await admin.post(
      "/admin/e/vienna-2026?index",
      newEvent({ "title.en": "Vienna Meeting", endDate: "2026-06-01", version: String(now.version) }),
    );
    expect(await again.text()).not.toContain("falls outside");
  });
});

describe("organisation logos", () => {
  async function firstOrganisation() {
    const [event] = await app.services.db.select().from(events).where(eq(events.slug, "tashkent-2022"));
    const [org] = await app.services.db.select().from(organisations).where(eq(organisations.eventId, event.id)).orderBy(asc(organisations.id)).limit(1);
    return org;
  }
  const upload = (id: number, bytes: Uint8Array<ArrayBuffer>, name: string, type: string) =>
    organiser.post("/admin/e/tashkent-2022/organisations", { intent: "logo", id: String(id), logo: new File([bytes], name, { type }) });

  it("refuses a text file dressed up as a PNG", async () => {
    const org = await firstOrganisation();
    const res = await upload(org.id, new TextEncoder().encode("<svg onload=alert(1)>"), "logo.png", "image/png");
    expect(res.status).toBe(415);
    expect(await res.text()).toContain("The file must be a PNG, JPEG or WebP image.");
    expect((await firstOrganisation()).logoFileId).toBeNull();
  });

  it("refuses a file over the limit", async () => {
    const org = await firstOrganisation();
    const big = new Uint8Array(1024 * 1024 + 10);
    big.set(png);
    const res = await upload(org.id, big, "big.png", "image/png");
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("The file is too large (at most 1 MB).");
  });

  it("refuses a body well over the logo limit before reading it, stating the logo's limit", async () => {
    const org = await firstOrganisation();
    const res = await upload(org.id, new Uint8Array(3 * 1024 * 1024), "huge.png", "image/png");
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe("The file is too large (at most 1 MB).");
    expect((await firstOrganisation()).logoFileId).toBeNull();
  });

  it("answers a 20 MB logo posted without JavaScript with a translated page naming the limit, and a way back", async () => {
    const org = await firstOrganisation();
    const form = new FormData();
    form.set("_csrf", organiser.csrf);
    form.set("intent", "logo");
    form.set("id", String(org.id));
    form.set("logo", new File([new Uint8Array(20 * 1024 * 1024)], "huge.png", { type: "image/png" }));
    const res = await app.fetch("/admin/e/tashkent-2022/organisations", {
      method: "POST",
      body: form,
      headers: { cookie: organiser.cookie, accept: "text/html,application/xhtml+xml", "accept-language": "ru" },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('lang="ru"');
    expect(page).toContain("1 MB");
    expect(page).toContain('href="/admin/e/tashkent-2022/organisations"');
    expect((await firstOrganisation()).logoFileId).toBeNull();
  });

  it("stores a real PNG and serves it with its type", async () => {
    const org = await firstOrganisation();
    const res = await upload(org.id, png, "logo.png", "image/png");
    expect(res.status).toBe(200);
    const { logoFileId } = await firstOrganisation();
    const file = await app.fetch(`/files/${logoFileId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(file.headers.get("content-disposition")).toBe(`inline; filename="logo.png"; filename*=UTF-8''logo.png`);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
    // A new logo replaces the old one, which is gone.
    expect((await upload(org.id, png, "again.png", "image/png")).status).toBe(200);
    expect((await app.fetch(`/files/${logoFileId}`)).status).toBe(404);
  });

  it("is refused to a programme viewer", async () => {
    const [event] = await app.services.db.select().from(events).where(eq(events.slug, "tashkent-2022"));
    const viewer = await staff(app, { email: "viewer2@example.org", role: "viewer", eventId: event.id });
    const org = await firstOrganisation();
    const res = await viewer.post("/admin/e/tashkent-2022/organisations", {
      intent: "logo",
      id: String(org.id),
      logo: new File([png], "logo.png", { type: "image/png" }),
    });
    expect(res.status).toBe(403);
  });
});

describe("roles", () => {
  it("lets the owner invite someone new by email, and organisers may not", async () => {
    expect((await organiser.post("/admin/e/tashkent-2022/access", { email: "new.editor@example.org", role: "programme_editor" })).status).toBe(403);
    const res = await admin.post("/admin/e/tashkent-2022/access", { email: "new.editor@example.org", name: "New Editor", role: "programme_editor" });
    expect(res.status).toBe(200);
    const [user] = await app.services.db.select().from(users).where(eq(users.email, "new.editor@example.org"));
    expect(user).toBeDefined();
    expect(user.passwordHash).toBeNull();
  });

  it("refuses an unknown role and a bad email", async () => {
    expect((await admin.post("/admin/e/tashkent-2022/access", { email: "x@example.org", role: "emperor" })).status).toBe(422);
    expect((await admin.post("/admin/e/tashkent-2022/access", { email: "not an email", role: "viewer" })).status).toBe(422);
  });

  it("takes a revoked role away at once: grants are read on every request, never memoized", async () => {
    const [event] = await app.services.db.select().from(events).where(eq(events.slug, "tashkent-2022"));
    const leaving = await staff(app, { email: "leaving.viewer@example.org", role: "viewer", eventId: event.id });
    expect((await leaving.get("/admin/e/tashkent-2022/sessions")).status).toBe(200);
    expect((await leaving.get("/admin/e/tashkent-2022/sessions")).status).toBe(200);
    expect((await admin.post("/admin/e/tashkent-2022/access", { intent: "revoke", userId: String(leaving.userId) })).status).toBe(200);
    expect((await leaving.get("/admin/e/tashkent-2022/sessions")).status).toBe(404);
  });

  it("never removes the last owner", async () => {
    const res = await admin.post("/admin/e/tashkent-2022/access", { intent: "revoke", userId: String(admin.userId) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("An event needs at least one owner.");
  });
});
