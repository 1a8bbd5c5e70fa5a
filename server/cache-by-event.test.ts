import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "../features/events/schema.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { type Staff, staff } from "../test/staff.ts";

let app: TestServer;
let admin: Staff;

beforeAll(async () => {
  app = await startTestServer();
  admin = await staff(app, { email: "cache.admin@example.org", isAdmin: true });
  const created = await admin.post("/admin/events/new", {
    languages: "en",
    "title.en": "Second Review Meeting",
    slug: "second-2026",
    startDate: "2026-09-01",
    endDate: "2026-09-02",
    timezone: "UTC",
    format: "in_person",
  });
  expect(created.status).toBe(302);
  await app.services.db.update(events).set({ status: "published" }).where(eq(events.slug, "second-2026"));
  app.services.cache.clear();
});
afterAll(async () => {
  await app?.stop();
});

/** Reads a page twice as an anonymous reader: the second read must come from the cache. */
async function warm(path: string) {
  expect((await app.fetch(path)).status).toBe(200);
  expect((await app.fetch(path)).headers.get("x-cache")).toBe("hit");
}
const cached = async (path: string) => (await app.fetch(path)).headers.get("x-cache") === "hit";

describe("the page cache, by event", () => {
  it("keeps an event's cached pages through a write to another event, and clears the written one's and the list of events", async () => {
    for (const path of ["/en/e/tashkent-2022/programme", "/en/e/second-2026", "/en"]) await warm(path);
    expect((await admin.post("/admin/e/second-2026/venue", { kind: "room", "name.en": "Room B" })).status).toBe(200);
    expect(await cached("/en/e/tashkent-2022/programme")).toBe(true);
    expect(await cached("/en/e/second-2026")).toBe(false);
    expect(await cached("/en")).toBe(false);
  });

  it("keeps every page through a write that changes only an account (the interface language)", async () => {
    for (const path of ["/en/e/tashkent-2022/programme", "/en/e/second-2026"]) await warm(path);
    const res = await admin.post("/admin/locale", { locale: "ru" });
    expect(res.status).toBeLessThan(400);
    expect(await cached("/en/e/tashkent-2022/programme")).toBe(true);
    expect(await cached("/en/e/second-2026")).toBe(true);
  });

  it("clears everything when an event's own settings are saved (its slug or title may show elsewhere)", async () => {
    for (const path of ["/en/e/tashkent-2022/programme", "/en/e/second-2026"]) await warm(path);
    const res = await admin.post("/admin/e/second-2026?index", { intent: "publish" });
    expect(res.status).toBe(200);
    expect(await cached("/en/e/tashkent-2022/programme")).toBe(false);
    expect(await cached("/en/e/second-2026")).toBe(false);
  });

  it("renders a cleared page once however many readers ask for it at the same moment", async () => {
    await warm("/en/e/tashkent-2022/programme");
    app.services.cache.clear("tashkent-2022");
    const answers = await Promise.all(Array.from({ length: 12 }, () => app.fetch("/en/e/tashkent-2022/programme")));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
    // One reader rendered it; the others waited for that render and were answered from the cache.
    expect(answers.filter((r) => r.headers.get("x-cache") !== "hit")).toHaveLength(1);
    const bodies = new Set(await Promise.all(answers.map((r) => r.text())));
    expect(bodies.size).toBe(1);
  });
});
