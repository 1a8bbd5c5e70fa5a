import { and, asc, count, desc, eq, notInArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importParticipants, makeDelegation, makeEvent, makeParticipant } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff } from "../../../test/staff.ts";
import type { EventRow } from "../../events/queries.ts";
import { categories, delegations, inactiveStatuses, participants, type RegistrationStatus } from "../schema.ts";

/** The registration dashboard: an event's numbers, as charts and as tables, in the staff member's language. */
let app: TestServer;
let event: EventRow;
let eventId: number;
let officer: Staff;
let base: string;
let page: string;
const db = () => app.services.db;
const active = notInArray(participants.status, [...inactiveStatuses]);
const day = 86_400_000;

const html = async (res: Response) =>
  (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("<!-- -->", "");
/** The figure under a heading. */
const figure = (text: string, title: string) => {
  const at = text.indexOf(`<h2>${title}</h2>`);
  expect(at, title).toBeGreaterThan(0);
  return text.slice(at, text.indexOf("</figure>", at));
};
/** A table's body rows as the text of their cells. */
const rows = (part: string) =>
  [...part.slice(part.indexOf("<tbody>"), part.indexOf("</tbody>")).matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1].replace(/<[^>]*>/g, "")),
  );
const svgLabels = (part: string) => [...part.matchAll(/<svg role="img" aria-label="([^"]*)"/g)].map((m) => m[1]);

/**
 * Eleven registrations over four days (none on the third), ten and seven days ago: every status, three
 * countries (Uzbekistan first), two approved heads of delegation, and a Kazakh delegation using 3 of its
 * 5 places (a withdrawn member holds none).
 */
beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const made = await makeEvent(db(), { timezone: "Asia/Tashkent" });
  event = made.event;
  eventId = event.id;
  base = `/admin/e/${event.slug}`;
  page = `${base}/registrations/dashboard`;
  officer = await staff(app, { email: "officer.dashboard@example.org", role: "accreditation_officer", eventId });
  // A capacity, to be drawn as the track the approvals fill.
  await db()
    .update(categories)
    .set({ capacity: 40 })
    .where(and(eq(categories.eventId, eventId), eq(categories.code, "delegate")));
  await makeDelegation(db(), event, made.owner.id, { country: "KZ", name: { en: "Republic of Kazakhstan", ru: "Республика Казахстан" }, quota: 5 });
  const now = Date.now();
  const person = (category: string, status: RegistrationStatus, country: string, daysAgo: number, delegation?: string) =>
    makeParticipant(
      db(),
      event,
      made.owner.id,
      { category, country, ...(delegation ? { delegation } : {}) },
      { status, createdAt: new Date(now - daysAgo * day) },
    );
  await person("hod", "approved", "KZ", 10, "Republic of Kazakhstan");
  await person("delegate", "approved", "KZ", 10, "Republic of Kazakhstan");
  await person("delegate", "pending", "KZ", 9, "Republic of Kazakhstan");
  await person("delegate", "withdrawn", "KZ", 9, "Republic of Kazakhstan");
  await person("hod", "approved", "UZ", 10);
  await person("delegate", "approved", "UZ", 9);
  await person("delegate", "approved", "UZ", 7);
  await person("delegate", "waitlisted", "UZ", 7);
  await person("observer", "rejected", "UZ", 7);
  await person("media", "cancelled", "UZ", 10);
  await person("expert", "pending", "TJ", 7);
});
afterAll(async () => {
  await app?.stop();
});

describe("the registration dashboard", () => {
  it("shows the event's numbers by status and by category, as they are in the database", async () => {
    const res = await officer.get(page);
    expect(res.status).toBe(200);
    const text = await html(res);
    expect(text).toContain("<h1>Registrations: overview</h1>");
    const [{ total }] = await db().select({ total: count() }).from(participants).where(eq(participants.eventId, eventId));
    expect(total).toBe(11);
    expect(text).toContain("11 registrations in all.");

    const byStatus = await db()
      .select({ status: participants.status, n: count() })
      .from(participants)
      .where(eq(participants.eventId, eventId))
      .groupBy(participants.status);
    const status = figure(text, "By status");
    expect(rows(status)).toEqual(
      [
        ["Pending review", "pending"],
        ["Approved", "approved"],
        ["On the waiting list", "waitlisted"],
        ["Not accepted", "rejected"],
        ["Withdrawn", "withdrawn"],
        ["Cancelled", "cancelled"],
      ].map(([label, s]) => [label, String(byStatus.find((r) => r.status === s)?.n ?? 0)]),
    );
    expect(rows(status)).toEqual([
      ["Pending review", "2"],
      ["Approved", "5"],
      ["On the waiting list", "1"],
      ["Not accepted", "1"],
      ["Withdrawn", "1"],
      ["Cancelled", "1"],
    ]);
    expect(svgLabels(status)).toEqual([expect.stringMatching(/^By status: Pending review: 2; Approved: 5; /)]);

    const cats = await db()
      .select({
        letter: categories.letter,
        name: sql<string>`${categories.name}->>'en'`,
        capacity: categories.capacity,
        approved: sql<number>`(count(${participants.id}) filter (where ${participants.status} = 'approved'))::int`,
        pending: sql<number>`(count(${participants.id}) filter (where ${participants.status} = 'pending'))::int`,
        waitlisted: sql<number>`(count(${participants.id}) filter (where ${participants.status} = 'waitlisted'))::int`,
        active: sql<number>`(count(${participants.id}) filter (where ${active}))::int`,
      })
      .from(categories)
      .leftJoin(participants, eq(participants.categoryId, categories.id))
      .where(eq(categories.eventId, eventId))
      .groupBy(categories.id)
      .orderBy(asc(categories.position), asc(categories.id));
    const category = figure(text, "Approved per category, against its capacity");
    expect(rows(category)).toEqual(
      cats.map((c) => [
        `${c.letter} ${c.name}`,
        String(c.approved),
        String(c.pending),
        String(c.waitlisted),
        String(c.active),
        c.capacity === null ? "no limit" : String(c.capacity),
      ]),
    );
    expect(cats.find((c) => c.name === "Delegate")).toMatchObject({ approved: 3, pending: 1, waitlisted: 1, active: 5, capacity: 40 });
    // Each bar has its text, the colour is never the only cue; the capacity is an outlined track.
    expect(category).toContain(">Delegate: 3 approved of 40</text>");
    expect(category).toContain(">Head of Delegation: 2 approved, no limit</text>");
    expect(category).toMatch(/<rect[^>]*fill="#f3f5f7" stroke="#4a4a4a"/);
    expect(category).toMatch(/<rect[^>]*fill="#1f4e79" stroke="#1a1a1a"/);
  });

  it("shows countries (the top 15, then the rest) and delegations against their quota", async () => {
    const text = await html(await officer.get(page));
    const byCountry = await db()
      .select({ country: participants.country, n: count() })
      .from(participants)
      .where(and(eq(participants.eventId, eventId), active))
      .groupBy(participants.country)
      .orderBy(desc(count()), asc(participants.country));
    const named = byCountry.filter((c) => c.country);
    const names = new Intl.DisplayNames(["en"], { type: "region" });
    const expected = named.slice(0, 15).map((c) => [names.of(c.country!)!, String(c.n)]);
    if (named.length > 15)
      expected.push([
        `Other countries (${named.length - 15} ${named.length - 15 === 1 ? "country" : "countries"})`,
        String(named.slice(15).reduce((a, c) => a + c.n, 0)),
      ]);
    const country = figure(text, "By country, registrations holding a place");
    expect(rows(country)).toEqual(expected);
    expect(rows(country)).toEqual([
      ["Uzbekistan", "4"],
      ["Kazakhstan", "3"],
      ["Tajikistan", "1"],
    ]);
    expect(country).toContain(`href="${base}/registrations?country=UZ"`);

    const used = await db()
      .select({
        name: sql<string>`${delegations.name}->>'en'`,
        quota: delegations.quota,
        used: sql<number>`(count(${participants.id}) filter (where ${active}))::int`,
      })
      .from(delegations)
      .leftJoin(participants, eq(participants.delegationId, delegations.id))
      .where(eq(delegations.eventId, eventId))
      .groupBy(delegations.id)
      .orderBy(asc(delegations.id));
    const delegation = figure(text, "Delegations: places used of the quota");
    expect(rows(delegation)).toEqual(used.map((d) => [d.name, String(d.used), String(d.quota)]));
    expect(rows(delegation)).toEqual([["Republic of Kazakhstan", "3", "5"]]);
    expect(delegation).toContain(">Republic of Kazakhstan: 3 of 5 places</text>");
  });

  it("shows registrations per day in the event's time zone, with the running total", async () => {
    const text = await html(await officer.get(page));
    const days = await db()
      .select({ day: sql<string>`((${participants.createdAt} at time zone 'Asia/Tashkent')::date)::text`, n: count() })
      .from(participants)
      .where(eq(participants.eventId, eventId))
      .groupBy(sql`1`)
      .orderBy(sql`1`);
    const part = figure(text, "Registrations received per day");
    const table = rows(part);
    // The registrations arrive over less than 60 days: every day from the first to the last is listed, the empty one too.
    const span = (Date.parse(days.at(-1)!.day) - Date.parse(days[0].day)) / 86_400_000 + 1;
    expect(table).toHaveLength(span);
    expect(table.map((row) => row.slice(1))).toEqual([
      ["4", "4"],
      ["3", "7"],
      ["0", "7"],
      ["4", "11"],
    ]);
    const fmt = new Intl.DateTimeFormat("en", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    let running = 0;
    for (const [i, row] of table.entries()) {
      const day = new Date(Date.parse(days[0].day) + i * 86_400_000).toISOString().slice(0, 10);
      const n = days.find((d) => d.day === day)?.n ?? 0;
      running += n;
      expect(row).toEqual([fmt.format(new Date(`${day}T00:00:00Z`)), String(n), String(running)]);
    }
    const labels = svgLabels(part);
    expect(labels).toHaveLength(2);
    expect(labels[0]).toMatch(new RegExp(`^Registrations per day from .+ to .+: ${running} registrations, at most \\d+ in one day \\(.+\\)\\.$`));
    expect(labels[1]).toContain(`, ${running} on `);
    // A day's number leads to the list filtered to that day.
    expect(part).toContain(`href="${base}/registrations?from=${days[0].day}&to=${days[0].day}"`);
  });

  it("gives every chart a text alternative and a table", async () => {
    const text = await html(await officer.get(page));
    expect(svgLabels(text)).toHaveLength(6);
    for (const label of svgLabels(text)) expect(label.length).toBeGreaterThan(20);
    expect(text.match(/<figure /g)).toHaveLength(5);
    expect(text.match(/<figcaption/g)).toHaveLength(5);
    expect(text.match(/<table>/g)).toHaveLength(5);
    expect(text.match(/<th scope="row">/g)!.length).toBeGreaterThan(20);
  });

  it("speaks Russian and Uzbek, plurals and numbers included", async () => {
    const [{ total }] = await db().select({ total: count() }).from(participants).where(eq(participants.eventId, eventId));
    const ru = await html(await officer.get(`${page}?lang=ru`));
    const noun = { one: "регистрация", few: "регистрации", many: "регистраций", other: "регистрации" }[
      new Intl.PluralRules("ru").select(total) as "one" | "few" | "many" | "other"
    ];
    expect(ru).toContain("<h1>Регистрации: обзор</h1>");
    expect(ru).toContain(`Всего ${total} ${noun}.`);
    expect(ru).toContain(">Республика Казахстан: 3 из 5 мест</text>");
    expect(ru).toContain(">Глава делегации: одобрено 2, без лимита</text>");
    expect(rows(figure(ru, "По странам, регистрации, занимающие место"))[0][0]).toBe("Узбекистан");
    expect(ru).toContain("<h2>Регистрации, полученные по дням</h2>");
    const uz = await html(await officer.get(`${page}?lang=uz`));
    expect(uz).toContain("<h1>Roʻyxatdan oʻtishlar: umumiy koʻrinish</h1>");
    for (const text of [ru, uz]) expect(text).not.toMatch(/>(dashboard|registration)\.[a-z]/);
  });

  it("formats large numbers per language, sums countries beyond the 15th, and shows the last 60 days", async () => {
    const now = Date.now();
    const codes = ["AR", "BR", "CL", "DK", "EE", "FI", "GR", "HU", "IE", "JP", "LT", "MX", "NZ", "PT", "RO", "SG", "TH", "VN", "ZA", "ES"];
    const added = await importParticipants(
      db(),
      event,
      Array.from({ length: 1234 }, (_, i) => ({ category: "staff", status: "approved", country: codes[i % codes.length] })),
      // Over the last three days, but for one a hundred days ago: more than 60 days to show.
      { createdAt: (i) => new Date(now - (i === 0 ? 100 : i % 3) * day) },
    );
    expect(added).toBe(1234);
    app.services.cache.clear();
    const [{ total }] = await db().select({ total: count() }).from(participants).where(eq(participants.eventId, eventId));
    expect(total).toBe(1245);
    const en = await html(await officer.get(page));
    expect(en).toContain("1,245 registrations in all.");
    expect(en).toContain(">Organiser Staff: 1,234 approved, no limit</text>");
    const countries = rows(figure(en, "By country, registrations holding a place"));
    const [{ holding }] = await db()
      .select({ holding: count() })
      .from(participants)
      .where(and(eq(participants.eventId, eventId), active));
    const [{ named }] = await db()
      .select({ named: sql<number>`count(distinct ${participants.country})::int` })
      .from(participants)
      .where(and(eq(participants.eventId, eventId), active));
    // Twenty countries of staff and the three of the delegations.
    expect(named).toBe(23);
    expect(countries).toHaveLength(16);
    expect(countries[15][0]).toBe(`Other countries (${named - 15} countries)`);
    expect(countries.reduce((sum, row) => sum + Number(row[1].replace(/,/g, "")), 0)).toBe(holding);
    const table = rows(figure(en, "Registrations received per day"));
    expect(table).toHaveLength(60);
    expect(table.at(-1)![2]).toBe(new Intl.NumberFormat("en").format(total));
    expect(en).toContain("The last 60 days up to the latest registration, in the event's time zone (Asia/Tashkent).");
    const ru = await html(await officer.get(`${page}?lang=ru`));
    expect(ru).toContain("Всего 1\u00a0245 регистраций.");
    expect(ru).toContain(">Персонал организаторов: одобрено 1\u00a0234, без лимита</text>");
    expect(ru).toContain("Последние 60 дней до последней регистрации");
    expect(ru).toContain(`Другие страны (${named - 15} стран)`);
  });

  it("is for staff who may read registrations, and linked from the queue and the menu", async () => {
    const editor = await staff(app, { email: "editor.dashboard@example.org", role: "programme_editor", eventId });
    const viewer = await staff(app, { email: "viewer.dashboard@example.org", role: "viewer", eventId });
    const stranger = await staff(app, { email: "stranger.dashboard@example.org" });
    expect((await editor.get(page)).status).toBe(403);
    expect((await viewer.get(page)).status).toBe(403);
    expect((await stranger.get(page)).status).toBe(404);
    expect((await app.fetch(page)).status).toBe(302);
    expect(await html(await officer.get(`${base}/registrations`))).toContain(`href="${page}"`);
    expect(await html(await officer.get(base))).toContain(`href="${page}"`);
    expect(await html(await editor.get(base))).not.toContain(`href="${page}"`);
    // On the dashboard, only its own menu entry is the current page.
    expect((await html(await officer.get(page))).match(/aria-current="page"/g)).toHaveLength(1);
  });
});
