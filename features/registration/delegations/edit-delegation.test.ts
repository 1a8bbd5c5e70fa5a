import { and, desc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDelegation, makeEvent } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff, waitForMail } from "../../../test/staff.ts";
import { auditLog } from "../../access/schema.ts";
import type { EventRow } from "../../events/queries.ts";
import { accessLinks, delegations } from "../schema.ts";
import type { DelegationRow } from "./delegations.ts";

let app: TestServer;
let event: EventRow;
let officer: Staff;
let viewer: Staff;
let base: string;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  ({ event } = await makeEvent(app.services.db, { startDate: "2030-05-14", endDate: "2030-05-15" }));
  officer = await staff(app, { email: `officer-${event.slug}@example.org`, role: "accreditation_officer", eventId: event.id });
  viewer = await staff(app, { email: `viewer-${event.slug}@example.org`, role: "viewer", eventId: event.id });
  base = `/admin/e/${event.slug}`;
});
afterAll(async () => {
  await app?.stop();
});

const db = () => app.services.db;
const html = async (res: Response) => (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"');
const reload = async (d: { id: number }) => (await db().select().from(delegations).where(eq(delegations.id, d.id)))[0];

/** The edit form as the page sends it, from a delegation's current values; `overrides` change some. */
const form = (d: DelegationRow, overrides: Record<string, string> = {}) => ({
  intent: "save",
  version: String(d.version),
  kind: d.kind,
  country: d.country ?? "",
  "name.en": d.name.en ?? "",
  "name.ru": d.name.ru ?? "",
  quota: String(d.quota),
  deadline: "2030-05-01T18:00",
  defaultCategoryId: "",
  focalPointName: d.focalPointName,
  focalPointEmail: d.focalPointEmail,
  focalPointLang: d.focalPointLang,
  ...overrides,
});

describe("editing a delegation after its invitation", () => {
  it("was a dead end: the list now links each delegation to its edit page, filled with what is stored", async () => {
    const d = await makeDelegation(db(), event, officer.userId, { quota: 5 });
    const list = await html(await officer.get(`${base}/delegations`));
    expect(list).toContain(`href="${base}/delegations/${d.id}"`);
    const page = await html(await officer.get(`${base}/delegations/${d.id}`));
    expect(page).toContain(`name="version" value="${d.version}"`);
    expect(page).toContain(`value="${d.focalPointEmail}"`);
    expect(page).toContain("History");
    expect(page).toContain("Invited");
  });

  it("changes every field in one save, audits it, and shows the earlier values in the history", async () => {
    const d = await makeDelegation(db(), event, officer.userId, { quota: 5 });
    const res = await officer.post(
      `${base}/delegations/${d.id}`,
      form(d, {
        kind: "organisation",
        country: "",
        "name.en": "Regional Centre (fictional)",
        "name.ru": "Региональный центр (вымышленный)",
        quota: "8",
        deadline: "2030-05-02T12:30",
        focalPointName: "New Focal Point",
        focalPointLang: "ru",
      }),
    );
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("The delegation is saved.");
    const saved = await reload(d);
    expect(saved).toMatchObject({
      kind: "organisation",
      country: null,
      name: { en: "Regional Centre (fictional)", ru: "Региональный центр (вымышленный)" },
      quota: 8,
      focalPointName: "New Focal Point",
      focalPointLang: "ru",
      version: d.version + 1,
    });
    expect(saved.deadline.toISOString()).toBe("2030-05-02T07:30:00.000Z"); // 12:30 in Tashkent (UTC+5)
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "delegation"), eq(auditLog.entityId, String(d.id))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit).toMatchObject({ actorId: officer.userId, action: "update", before: { quota: 5, focalPointName: "Focal Point" }, after: { quota: 8 } });
    const page = await html(await officer.get(`${base}/delegations/${d.id}`));
    expect(page).toContain("Quota (members): 5 → 8");
    expect(page).toContain("Focal point's name: Focal Point → New Focal Point");
    expect(page).toContain(`officer-${event.slug}@example.org`);
  });

  it("refuses a stale save with 409 and changes nothing", async () => {
    const d = await makeDelegation(db(), event, officer.userId);
    expect((await officer.post(`${base}/delegations/${d.id}`, form(d, { quota: "6" }))).status).toBe(200);
    const res = await officer.post(`${base}/delegations/${d.id}`, form(d, { quota: "9" }));
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("Someone else saved this while you were editing.");
    expect((await reload(d)).quota).toBe(6);
  });

  it.each([
    ["a malformed deadline", { deadline: "next Friday" }, "Enter a date and time as YYYY-MM-DD HH:MM."],
    ["a language the interface does not speak", { focalPointLang: "de" }, "Choose one of the languages offered"],
    ["a quota of 0", { quota: "0" }, "The quota must be at least 1."],
    ["a bad email", { focalPointEmail: "nobody" }, "Enter a valid email address."],
    ["a name in a language the event does not have", { "name.fr": "Nom" }, "This language is not one of the event's languages."],
    ["a version that is not a number", { version: "abc" }, "Some fields need attention."],
    ["a deadline in the past, unconfirmed", { deadline: "2020-01-01T10:00" }, "This deadline is already past."],
  ])("refuses %s with 422, a clear message, and changes nothing", async (_what, overrides, message) => {
    const d = await makeDelegation(db(), event, officer.userId);
    const res = await officer.post(`${base}/delegations/${d.id}`, form(d, overrides));
    expect(res.status).toBe(422);
    expect(await html(res)).toContain(message);
    expect(await reload(d)).toEqual(d);
  });

  it("takes a past deadline when the person says it is meant, and keeps an unchanged past one without asking", async () => {
    const d = await makeDelegation(db(), event, officer.userId);
    const res = await officer.post(`${base}/delegations/${d.id}`, form(d, { deadline: "2020-01-01T10:00", deadlinePastConfirmed: "on" }));
    expect(res.status).toBe(200);
    const closed = await reload(d);
    expect(closed.deadline.toISOString()).toBe("2020-01-01T05:00:00.000Z");
    const page = await html(await officer.get(`${base}/delegations/${d.id}`));
    expect(page).toContain("The deadline passed on");
    // Saving another field leaves the (already past) deadline as it was, with no confirmation needed.
    expect((await officer.post(`${base}/delegations/${d.id}`, form(closed, { deadline: "2020-01-01T10:00", quota: "7" }))).status).toBe(200);
    expect(await reload(d)).toMatchObject({ quota: 7, deadline: closed.deadline });
  });

  it("answers 404 for another event's delegation, and for no delegation at all", async () => {
    const other = await makeEvent(db());
    const foreign = await makeDelegation(db(), other.event, other.owner.id);
    expect((await officer.get(`${base}/delegations/${foreign.id}`)).status).toBe(404);
    expect((await officer.post(`${base}/delegations/${foreign.id}`, form(foreign, { quota: "9" }))).status).toBe(404);
    expect((await officer.post(`${base}/delegations/${foreign.id}`, { intent: "extend", days: "3", version: "1" })).status).toBe(404);
    expect((await reload(foreign)).quota).toBe(foreign.quota);
    expect((await officer.get(`${base}/delegations/999999`)).status).toBe(404);
    expect((await officer.get(`${base}/delegations/abc`)).status).toBe(404);
  });

  it("is refused to staff who may not change delegations", async () => {
    const d = await makeDelegation(db(), event, officer.userId);
    expect((await viewer.post(`${base}/delegations/${d.id}`, form(d, { quota: "9" }))).status).toBe(403);
    expect((await viewer.get(`${base}/delegations/${d.id}`)).status).toBe(403);
    expect(await reload(d)).toEqual(d);
  });
});

describe("a new focal point email", () => {
  it("revokes the old link and offers to send one to the new address", async () => {
    const d = await makeDelegation(db(), event, officer.userId);
    const first = await waitForMail(app, d.focalPointEmail);
    const oldPath = new URL(/http:\/\/\S+\/delegation\/[\w-]+/.exec(first.text)![0]).pathname;
    expect((await app.fetch(oldPath)).status).toBe(200);

    const email = `new-focal-${d.id}@example.org`;
    const res = await officer.post(`${base}/delegations/${d.id}`, form(d, { focalPointEmail: email }));
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain(`the link sent to ${d.focalPointEmail} no longer works. Send a link to ${email} when you are ready.`);
    expect(page).toContain(`Send a new link to ${email}`);
    expect((await app.fetch(oldPath)).status).toBe(404);
    expect(
      await db()
        .select()
        .from(accessLinks)
        .where(and(eq(accessLinks.delegationId, d.id), isNull(accessLinks.revokedAt))),
    ).toEqual([]);

    expect((await officer.post(`${base}/delegations/${d.id}`, { intent: "resend" })).status).toBe(200);
    const mail = await waitForMail(app, email);
    const newPath = new URL(/http:\/\/\S+\/delegation\/[\w-]+/.exec(mail.text)![0]).pathname;
    expect((await app.fetch(newPath)).status).toBe(200);
  });
});

describe("extending a deadline by some days", () => {
  it("moves the deadline on, audited, and refuses bad numbers or a result still past", async () => {
    const d = await makeDelegation(db(), event, officer.userId);
    const res = await officer.post(`${base}/delegations/${d.id}`, { intent: "extend", days: "10", version: String(d.version) });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("The deadline is now");
    const extended = await reload(d);
    expect(extended.deadline.getTime() - d.deadline.getTime()).toBe(10 * 86_400_000);
    expect(await html(await officer.get(`${base}/delegations/${d.id}`))).toContain("Deadline extended: +10 days");

    for (const days of ["0", "366", "many"]) {
      const refused = await officer.post(`${base}/delegations/${d.id}`, { intent: "extend", days, version: String(extended.version) });
      expect(refused.status).toBe(422);
      expect(await html(refused)).toContain("Enter a whole number of days from 1 to 365.");
    }
    const stale = await officer.post(`${base}/delegations/${d.id}`, { intent: "extend", days: "1", version: String(d.version) });
    expect(stale.status).toBe(409);

    await db()
      .update(delegations)
      .set({ deadline: new Date(Date.now() - 30 * 86_400_000) })
      .where(eq(delegations.id, d.id));
    const late = await reload(d);
    const still = await officer.post(`${base}/delegations/${d.id}`, { intent: "extend", days: "3", version: String(late.version) });
    expect(still.status).toBe(422);
    expect(await html(still)).toContain("The deadline would still be in the past.");
    expect(await reload(d)).toEqual(late);
  });
});

describe("the invitation form", () => {
  const invite = (overrides: Record<string, string> = {}) => ({
    intent: "create",
    kind: "state",
    country: "kz",
    "name.en": "Late delegation (fictional)",
    "name.ru": "Поздняя делегация (вымышленная)",
    quota: "3",
    defaultCategoryId: "",
    focalPointName: "Late Focal Point",
    focalPointEmail: `late-${Date.now()}@example.org`,
    focalPointLang: "en",
    ...overrides,
  });

  it("does not pre-fill a deadline already past, and refuses one unless it is confirmed", async () => {
    // An event starting in ten days: two weeks before its first day is already past.
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const { event: late } = await makeEvent(db(), { startDate: soon, endDate: soon });
    const owner = await staff(app, { email: `owner-${late.slug}@example.org`, role: "owner", eventId: late.id });
    const page = await html(await owner.get(`/admin/e/${late.slug}/delegations`));
    const deadlineInput = (text: string) => /<input[^>]*name="deadline"[^>]*>/.exec(text)?.[0];
    expect(deadlineInput(page)).toContain('value=""');
    expect(page).toContain("Yes, the deadline is in the past on purpose");
    // The usual default for an event far ahead stays.
    expect(deadlineInput(await html(await officer.get(`${base}/delegations`)))).toContain('value="2030-04-30T18:00"');

    const refused = await owner.post(`/admin/e/${late.slug}/delegations`, invite({ deadline: "2020-01-01T18:00" }));
    expect(refused.status).toBe(422);
    expect(await html(refused)).toContain("This deadline is already past.");
    expect(await db().select().from(delegations).where(eq(delegations.eventId, late.id))).toEqual([]);

    const confirmed = await owner.post(`/admin/e/${late.slug}/delegations`, invite({ deadline: "2020-01-01T18:00", deadlinePastConfirmed: "on" }));
    expect(confirmed.status).toBe(200);
    expect(await db().select().from(delegations).where(eq(delegations.eventId, late.id))).toHaveLength(1);
  });
});
