import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeParticipant } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff } from "../../../test/staff.ts";
import type { EventRow } from "../../events/queries.ts";

/** The review queue's filters by organisation and by registration day (days in the event's zone, Tashkent, UTC+5). */
let app: TestServer;
let event: EventRow;
let officer: Staff;
let ownerId: number;
let base: string;
const organisation = "Ministry of Filter Tests (fictional)";
/** The event's most common organisation: two registrations that the "filtertest" search does not find. */
const common = "Common Organisation (fictional)";

const html = async (res: Response) => (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
const db = () => app.services.db;
/** The emails the queue lists, in its order. */
const listed = (page: string) => [...page.matchAll(/<span class="muted">([^<\s]+@example\.org)/g)].map((m) => m[1]);
const csvEmails = async (query: string) =>
  (await (await officer.get(`${base}/registrations/export.csv?columns=email&sort=created&${query}`)).text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .slice(1);

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const made = await makeEvent(db(), { timezone: "Asia/Tashkent" });
  event = made.event;
  ownerId = made.owner.id;
  base = `/admin/e/${event.slug}`;
  officer = await staff(app, { email: "officer.filters@example.org", role: "accreditation_officer", eventId: event.id });
  const person = (n: string, org: string | null, createdAt: string) =>
    makeParticipant(
      db(),
      event,
      ownerId,
      {
        givenName: `Given${n}`,
        familyName: "Filtertest",
        email: `${n}.filtertest@example.org`,
        category: "expert",
        ...(org === null ? {} : { organisation: org }),
      },
      { createdAt: new Date(createdAt) },
    );
  // 23:59 and 00:00 in Tashkent, on either side of midnight of 10 February.
  await person("late", organisation, "2022-02-09T18:59:00Z");
  await person("midnight", organisation.toUpperCase(), "2022-02-09T19:00:00Z");
  await person("annex", `${organisation} Annex`, "2022-02-10T06:00:00Z");
  await person("none", null, "2022-02-11T18:59:59Z");
  await person("next", "un", "2022-02-11T19:00:00Z");
  for (const n of ["first", "second"]) {
    await makeParticipant(
      db(),
      event,
      ownerId,
      { givenName: "Common", familyName: n, email: `${n}.common@example.org`, category: "expert", organisation: common },
      { createdAt: new Date("2022-01-20T06:00:00Z") },
    );
  }
});
afterAll(async () => {
  await app?.stop();
});

describe("filtering the queue by organisation", () => {
  it("matches the whole name in any case, not a part of it", async () => {
    const page = await html(await officer.get(`${base}/registrations?organisation=${encodeURIComponent(organisation.toLowerCase())}&sort=created`));
    expect(listed(page)).toEqual(["late.filtertest@example.org", "midnight.filtertest@example.org"]);
    expect(page).toContain("2 registrations");
    // A name of two letters is matched too (the trigram index needs three; the equality alone decides).
    expect(listed(await html(await officer.get(`${base}/registrations?organisation=UN&q=filtertest`)))).toEqual(["next.filtertest@example.org"]);
  });

  it("offers the event's most common organisations to choose from", async () => {
    const page = await html(await officer.get(`${base}/registrations`));
    const choices = [...(/<datalist id="organisation-choices">(.*?)<\/datalist>/s.exec(page)?.[1] ?? "").matchAll(/value="([^"]*)"/g)].map((m) => m[1]);
    // The most common first; the rest (one registration each) by name.
    expect(choices[0]).toBe(common);
    // Spellings that differ only in case are offered once.
    expect(choices.map((c) => c.toLowerCase()).sort()).toEqual([common, organisation, `${organisation} Annex`, "un"].map((c) => c.toLowerCase()).sort());
    expect(page).toContain('list="organisation-choices"');
  });
});

describe("filtering the queue by registration day", () => {
  it("reads days in the event's time zone, both ends included", async () => {
    const query = (from: string, to: string) => `${base}/registrations?q=filtertest&sort=created&from=${from}&to=${to}`;
    expect(listed(await html(await officer.get(query("2022-02-10", "2022-02-10"))))).toEqual([
      "midnight.filtertest@example.org",
      "annex.filtertest@example.org",
    ]);
    expect(listed(await html(await officer.get(query("2022-02-09", "2022-02-09"))))).toEqual(["late.filtertest@example.org"]);
    expect(listed(await html(await officer.get(query("2022-02-10", "2022-02-11"))))).toEqual([
      "midnight.filtertest@example.org",
      "annex.filtertest@example.org",
      "none.filtertest@example.org",
    ]);
    expect(listed(await html(await officer.get(`${base}/registrations?q=filtertest&sort=created&from=2022-02-12`)))).toEqual(["next.filtertest@example.org"]);
    expect(listed(await html(await officer.get(`${base}/registrations?q=filtertest&sort=created&to=2022-02-09`)))).toEqual(["late.filtertest@example.org"]);
    // Combined with the organisation.
    expect(
      listed(await html(await officer.get(`${base}/registrations?q=filtertest&from=2022-02-10&organisation=${encodeURIComponent(organisation)}`))),
    ).toEqual(["midnight.filtertest@example.org"]);
  });

  it.each([
    ["an impossible day", "from=2022-02-31"],
    ["a word", "to=yesterday"],
    ["another format", "from=10.02.2022"],
    ["an empty organisation", "organisation="],
    ["a very long organisation", `organisation=${"x".repeat(201)}`],
  ])("ignores %s, like the other filters", async (_what, query) => {
    const page = await html(await officer.get(`${base}/registrations?q=filtertest&${query}`));
    expect(listed(page)).toHaveLength(5);
  });

  it("keeps the filters in the page links and in the export form", async () => {
    for (let i = 0; i < 60; i++) {
      await makeParticipant(
        db(),
        event,
        ownerId,
        { givenName: `Many${i}`, familyName: "Pagedfilter", email: `many${i}.pagedfilter@example.org`, category: "expert", organisation },
        { createdAt: new Date("2022-02-15T06:00:00Z") },
      );
    }
    app.services.cache.clear();
    const page = await html(await officer.get(`${base}/registrations?organisation=${encodeURIComponent(organisation)}&from=2022-02-15&to=2022-02-15`));
    expect(page).toContain("60 registrations");
    const next = /<a rel="next" href="([^"]*)"/.exec(page)![1];
    const params = new URLSearchParams(next.slice(next.indexOf("?")));
    expect(Object.fromEntries(params)).toEqual({ organisation, from: "2022-02-15", to: "2022-02-15", page: "2" });
    expect(listed(await html(await officer.get(`${base}/registrations${next.slice(next.indexOf("?"))}`)))).toHaveLength(10);
    // The status tabs keep them too.
    const approvedTab = /href="([^"]*status=approved[^"]*)"/.exec(page)![1];
    expect(Object.fromEntries(new URLSearchParams(approvedTab.slice(approvedTab.indexOf("?"))))).toEqual({
      status: "approved",
      organisation,
      from: "2022-02-15",
      to: "2022-02-15",
    });
    for (const [name, value] of [
      ["organisation", organisation],
      ["from", "2022-02-15"],
      ["to", "2022-02-15"],
    ]) {
      expect(page).toContain(`<input type="hidden" name="${name}" value="${value}"/>`);
    }
  });

  it("applies to the CSV export", async () => {
    expect(await csvEmails(`q=filtertest&from=2022-02-10&to=2022-02-10`)).toEqual(["midnight.filtertest@example.org", "annex.filtertest@example.org"]);
    expect(await csvEmails(`q=filtertest&organisation=${encodeURIComponent(organisation.toUpperCase())}`)).toEqual([
      "late.filtertest@example.org",
      "midnight.filtertest@example.org",
    ]);
  });

  it("applies to the API", async () => {
    const page = await (await officer.post(`${base}/api-tokens`, { intent: "create", name: "Filters", scope: "read" })).text();
    const token = /plnr_[A-Za-z0-9_-]{43}/.exec(page)![0];
    const res = await app.fetch(
      `/api/v1/events/${event.slug}/registrations?q=filtertest&from=2022-02-10&to=2022-02-11&organisation=${encodeURIComponent(organisation)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { registrations: { email: string }[] };
    expect(body.registrations.map((r) => r.email)).toEqual(["midnight.filtertest@example.org"]);
  });
});
