import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json" with { type: "json" };
import addFormats from "ajv-formats";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { createTranslator } from "../../i18n/index.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { events, rooms } from "../events/schema.ts";
import { sessions } from "../programme/schema.ts";
import { asciiSlug, scheduleAcronym, uuidV5 } from "./ids.ts";

/**
 * The community schemas live beside the project (../shared/schemas), never inside it: a user's clone has
 * no such folder. There the schema checks are skipped, by name, and the structural checks still run.
 */
const schemas = path.resolve("..", "shared", "schemas");
const haveSchemas = existsSync(path.join(schemas, "schedule.json")) && existsSync(path.join(schemas, "schedule.xml.xsd"));
const withSchemas = (name: string) => (haveSchemas ? name : `${name} — skipped: no ../shared/schemas beside the project`);
const schemaIt = it.skipIf(!haveSchemas);
const slug = "tashkent-2022";
let app: TestServer;
let sessionCount: number;
let demoId: number;

beforeAll(async () => {
  app = await startTestServer();
  const [event] = await app.services.db.select().from(events).where(eq(events.slug, slug));
  demoId = event.id;
  sessionCount = (await app.services.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.eventId, event.id))).length;
});
afterAll(async () => {
  await app?.stop();
});

/** Ajv as the schema README says: draft-06 meta-schema, not strict (the schema misspells `$oneOf`), formats, and `color`. */
function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  ajv.addFormat("color", /^#[0-9a-fA-F]{6}$/);
  return ajv.compile(JSON.parse(readFileSync(path.join(schemas, "schedule.json"), "utf8")));
}

async function xsdErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: "schedule.xml", contents: xml }],
    schema: [{ fileName: "schedule.xml.xsd", contents: readFileSync(path.join(schemas, "schedule.xml.xsd"), "utf8") }],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** Physical lines of an iCalendar text, each with its length in octets. */
const octetLengths = (ics: string) => ics.split("\r\n").map((line) => Buffer.byteLength(line, "utf8"));
/** Unfolds RFC 5545 continuation lines and unescapes text values. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

describe("identifiers", () => {
  it("makes RFC 4122 version 5 UUIDs", () => {
    // The reference value from Python's uuid.uuid5(uuid.NAMESPACE_DNS, "python.org").
    expect(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
  });

  it("maps slugs to schedule acronyms and titles to ASCII slugs", () => {
    expect(scheduleAcronym("tashkent-2022")).toBe("tashkent_2022");
    expect(scheduleAcronym("abc")).toBe("abc_");
    expect(asciiSlug("Церемония открытия")).toBe("tseremoniya-otkrytiya");
    expect(asciiSlug("Oʻzbekiston — Side event!")).toBe("ozbekiston-side-event");
  });
});

describe("feed messages", () => {
  it("count sessions with Russian plural forms", () => {
    const t = createTranslator("ru");
    const count = (n: number) => t("api.feeds.calendarDescription", { event: "X", count: n, zone: "Asia/Tashkent" }).match(/: (.+?)\./)![1];
    expect([1, 2, 5, 11, 21, 22].map(count)).toEqual(["1 заседание", "2 заседания", "5 заседаний", "11 заседаний", "21 заседание", "22 заседания"]);
    expect(createTranslator("uz")("api.feeds.noRoom")).toBe("Zal keyinroq maʼlum qilinadi");
  });
});

describe("programme.ics", () => {
  it("is an RFC 5545 calendar with one VEVENT per session, lines folded at 75 octets", async () => {
    const res = await app.fetch(`/e/${slug}/programme.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const ics = await res.text();
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    // Every content line ends with CRLF, the last one too; no bare LF anywhere.
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(ics).toContain("VERSION:2.0");
    expect(ics.match(/^BEGIN:VEVENT\r$/gm)?.length ?? ics.split("BEGIN:VEVENT").length - 1).toBe(sessionCount);
    expect(Math.max(...octetLengths(ics))).toBeLessThanOrEqual(75);
    const text = unfold(ics);
    expect(text).toMatch(/^UID:session-\d+@localhost:\d+$/m);
    expect(text).toContain("SUMMARY:Opening ceremony");
    expect(text).toMatch(/^LOCATION:Plenary Hall$/m);
    expect(text).toMatch(/^DTSTART:20220303T033000Z$/m); // 08:30 in Tashkent (UTC+5)
    expect(text).toMatch(new RegExp(`^URL(;VALUE=URI)?:${app.url}/en/e/${slug}/programme/\\d+$`, "m"));
  });

  it("writes Russian titles with ?lang=ru, with Cyrillic lines still at most 75 octets", async () => {
    const res = await app.fetch(`/e/${slug}/programme.ics?lang=ru`);
    expect(res.status).toBe(200);
    const ics = await res.text();
    expect(Math.max(...octetLengths(ics))).toBeLessThanOrEqual(75);
    const text = unfold(ics);
    expect(text).toContain("SUMMARY:Церемония открытия");
    expect(text).toContain("LOCATION:Пленарный зал");
    expect(text).toMatch(new RegExp(`/ru/e/${slug}/programme/\\d+`));
    // A long Cyrillic description forced folding.
    expect(ics).toMatch(/\r\n [^\r]/);
  });

  it("keeps UIDs stable across languages and requests", async () => {
    const uids = async (lang: string) =>
      [...unfold(await (await app.fetch(`/e/${slug}/programme.ics?lang=${lang}`)).text()).matchAll(/^UID:(.+)\r$/gm)].map((m) => m[1]);
    const en = await uids("en");
    expect(en).toHaveLength(sessionCount);
    expect(await uids("ru")).toEqual(en);
  });

  it("serves one session as an attachment for “add to calendar”", async () => {
    const all = await app.services.db.select().from(sessions).where(eq(sessions.eventId, demoId));
    const first = all.find((s) => s.title.en === "Opening ceremony")!;
    const res = await app.fetch(`/e/${slug}/programme/${first.id}.ics?lang=ru`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.ics"$/);
    const text = unfold(await res.text());
    expect(text.split("BEGIN:VEVENT").length - 1).toBe(1);
    expect(text).toContain(`UID:session-${first.id}@`);
    expect(text).toContain(`SUMMARY:${first.title.ru}`);
  });

  it("answers 404 for a session of no such id", async () => {
    expect((await app.fetch(`/e/${slug}/programme/999999.ics`)).status).toBe(404);
    expect((await app.fetch(`/e/${slug}/programme/99999999999999999999.ics`)).status).toBe(404);
  });
});

describe("schedule.xml", () => {
  it("has one event per session in every language", async () => {
    for (const lang of ["en", "ru", "uz"]) {
      const res = await app.fetch(`/e/${slug}/schedule.xml?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
      const xml = await res.text();
      expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<schedule/);
      expect(xml.match(/<event id=/g)).toHaveLength(sessionCount);
    }
  });

  schemaIt(withSchemas("is valid against the community XSD"), async () => {
    for (const lang of ["en", "ru", "uz"]) {
      const xml = await (await app.fetch(`/e/${slug}/schedule.xml?lang=${lang}`)).text();
      expect(await xsdErrors(xml)).toEqual([]);
    }
  });

  it("carries the acronym, plain conference dates, days, tracks for breaks and stable guids", async () => {
    const xml = await (await app.fetch(`/e/${slug}/schedule.xml`)).text();
    expect(xml).toContain("<acronym>tashkent_2022</acronym>");
    expect(xml).toContain("<start>2022-03-03</start>");
    expect(xml).toContain("<end>2022-03-04</end>");
    expect(xml).toMatch(/<day index="1" date="2022-03-03" start="2022-03-03T08:30:00\+05:00" end="2022-03-03T18:30:00\+05:00">/);
    expect(xml).toMatch(/<title>Coffee break<\/title>\s*<subtitle\/>\s*<track>Conference<\/track>\s*<type>Break<\/type>/);
    expect(xml).toMatch(/<duration>01:30<\/duration>/);
    const again = await (await app.fetch(`/e/${slug}/schedule.xml?lang=ru`)).text();
    const guids = (s: string) => [...s.matchAll(/<event id="(\d+)" guid="([^"]+)">/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(guids(again)).toEqual(guids(xml));
    expect(again).toContain("<title>Церемония открытия</title>");
  });
});

describe("schedule.json", () => {
  schemaIt(withSchemas("the validator accepts the upstream example and refuses a broken one"), () => {
    const validate = validator();
    const example = JSON.parse(readFileSync(path.join(schemas, "example-schedule.json"), "utf8"));
    expect(validate(example)).toBe(true);
    expect(validate({ schedule: { version: "1", conference: { acronym: "tashkent-2022" } } })).toBe(false);
  });

  schemaIt(withSchemas("is valid against the community JSON schema, in every language"), async () => {
    const validate = validator();
    for (const lang of ["en", "ru", "uz"]) {
      const body = await (await app.fetch(`/e/${slug}/schedule.json?lang=${lang}`)).json();
      const ok = validate(body);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it("carries every session with its track, type and duration, in every language", async () => {
    for (const lang of ["en", "ru", "uz"]) {
      const res = await app.fetch(`/e/${slug}/schedule.json?lang=${lang}`);
      expect(res.status).toBe(200);
      const body = await res.json();
      const conference = body.schedule.conference;
      expect(conference.acronym).toBe("tashkent_2022");
      expect([conference.start, conference.end]).toEqual(["2022-03-03", "2022-03-04"]);
      const all = conference.days.flatMap((d: { rooms: Record<string, unknown[]> }) => Object.values(d.rooms).flat());
      expect(all).toHaveLength(sessionCount);
      for (const event of all as { track: string; type: string; duration: string; persons: { id: number }[] }[]) {
        expect(event.track).toBeTruthy();
        expect(event.type).toBeTruthy();
        expect(event.duration).toMatch(/^\d\d:\d\d$/);
        for (const person of event.persons) expect(Number.isInteger(person.id)).toBe(true);
      }
    }
    const ru = await (await app.fetch(`/e/${slug}/schedule.json?lang=ru`)).json();
    expect(JSON.stringify(ru)).toContain("Церемония открытия");
  });
});

describe("sitemap.xml and robots.txt", () => {
  it("lists every public page in every language with hreflang alternates", async () => {
    const res = await app.fetch("/sitemap.xml");
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    for (const lang of ["en", "ru", "uz"]) expect(xml).toContain(`<loc>${app.url}/${lang}/e/${slug}/programme</loc>`);
    expect(xml).toContain(`<loc>${app.url}/ru/e/${slug}/pages/concept-note</loc>`);
    // The library's public documents, not those for participants only.
    expect(xml).toContain(`<loc>${app.url}/ru/e/${slug}/documents/TC/2022/1</loc>`);
    expect(xml).not.toContain("TC/2022/INF.1");
    expect(xml).toMatch(new RegExp(`<loc>${app.url}/ru/e/${slug}/speakers/\\d+</loc>`));
    expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="uz-Latn" href="${app.url}/uz/e/${slug}/speakers"/>`);
    expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="x-default" href="${app.url}/en/e/${slug}"/>`);
    const [first] = await app.services.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.eventId, demoId)).limit(1);
    expect(xml).toContain(`<loc>${app.url}/en/e/${slug}/programme/${first.id}</loc>`);
    const result = await validateXML({ xml: [{ fileName: "sitemap.xml", contents: xml }], normalization: "format" });
    expect(result.errors).toEqual([]);
  });

  it("robots.txt allows all but staff and API paths, and names the sitemap", async () => {
    const res = await app.fetch("/robots.txt");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("User-agent: *");
    expect(text).toContain("Disallow: /admin");
    expect(text).toContain("Disallow: /api");
    expect(text).toContain(`Sitemap: ${app.url}/sitemap.xml`);
  });
});

describe("what is not there", () => {
  it("answers an unknown event with a translated JSON 404 on every feed", async () => {
    for (const feed of ["programme.ics", "schedule.xml", "schedule.json", "programme/1.ics"].flatMap((f) => [
      `no-such-event/${f}`,
      `%00/${f}`,
      `Tashkent-2022/${f}`,
    ])) {
      const res = await app.fetch(`/e/${feed}`, { headers: { "accept-language": "ru" } });
      expect(res.status).toBe(404);
      const body = await res.json();
      expect(body.error.code).toBe("event.not_found");
      expect(body.error.message).toBe("Такого мероприятия нет.");
    }
  });

  it("answers a language that is neither the event's nor the interface's with a 404", async () => {
    for (const feed of ["programme.ics", "schedule.xml", "schedule.json"]) {
      const res = await app.fetch(`/e/${slug}/${feed}?lang=xx`);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("language.not_found");
    }
  });

  it("hides an unpublished event from every feed and from the sitemap", async () => {
    await app.services.db.update(events).set({ status: "draft" }).where(eq(events.id, demoId));
    try {
      for (const feed of ["programme.ics", "schedule.xml", "schedule.json"]) {
        expect((await app.fetch(`/e/${slug}/${feed}`)).status).toBe(404);
      }
      expect(await (await app.fetch("/sitemap.xml")).text()).not.toContain(slug);
    } finally {
      await app.services.db.update(events).set({ status: "published" }).where(eq(events.id, demoId));
    }
  });
});

describe("awkward programmes", () => {
  const awkward: { xml?: string; json?: unknown } = {};
  it("stay valid with a session without room or track, rooms of the same name and markup in titles", async () => {
    const db = app.services.db;
    const [twin] = await db
      .insert(rooms)
      .values({ eventId: demoId, name: { en: "Hall A", ru: "Зал A" }, position: 99 })
      .returning();
    const added = await db
      .insert(sessions)
      .values([
        {
          eventId: demoId,
          kind: "other",
          title: { en: 'Bilateral <meetings> & "talks" \u0007' },
          startsAt: new Date("2022-03-04T12:00:00Z"),
          endsAt: new Date("2022-03-04T13:00:00Z"),
        },
        {
          eventId: demoId,
          kind: "press",
          title: { en: "Press briefing" },
          startsAt: new Date("2022-03-04T12:00:00Z"),
          endsAt: new Date("2022-03-04T12:30:00Z"),
          roomId: twin.id,
        },
      ])
      .returning();
    try {
      const xml = await (await app.fetch(`/e/${slug}/schedule.xml`)).text();
      awkward.xml = xml;
      expect(xml).toContain("<title>Bilateral &lt;meetings&gt; &amp; &quot;talks&quot; </title>");
      expect(xml).toMatch(/<room name="Room to be announced" guid="[0-9a-f-]{36}">\s*<event id="\d+" guid="[^"]+">[\s\S]*?<track>Other<\/track>/);
      const json = await (await app.fetch(`/e/${slug}/schedule.json?lang=ru`)).json();
      awkward.json = json;
      const day2 = json.schedule.conference.days[1].rooms;
      expect(day2["Зал A (2)"].map((e: { title: string }) => e.title)).toEqual(["Press briefing"]);
      expect(day2["Зал будет объявлен позже"]).toHaveLength(1);
      const ics = await (await app.fetch(`/e/${slug}/programme.ics`)).text();
      expect(unfold(ics)).toContain('SUMMARY:Bilateral <meetings> & "talks" \r\n');
    } finally {
      await db.delete(sessions).where(
        inArray(
          sessions.id,
          added.map((s) => s.id),
        ),
      );
      await db.delete(rooms).where(eq(rooms.id, twin.id));
    }
  });

  schemaIt(withSchemas("the awkward programme is valid against the XSD and the JSON schema"), async () => {
    expect(awkward.xml && awkward.json).toBeTruthy();
    expect(await xsdErrors(awkward.xml!)).toEqual([]);
    const validate = validator();
    expect(validate(awkward.json) ? [] : validate.errors).toEqual([]);
  });
});
