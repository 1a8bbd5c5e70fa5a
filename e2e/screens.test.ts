import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEventBySlug } from "../features/events/queries.ts";
import { loadProgramme } from "../features/programme/queries.ts";
import { createLink } from "../features/registration/links/links.ts";
import { makeParticipant } from "../test/factories.ts";
import { startTestServer, type TestServer } from "../test/server.ts";
import { staff } from "../test/staff.ts";
import { type Browser, checkA11y, describeViolations, launchBrowser } from "./browser.ts";

/**
 * The main pages at a phone's, a tablet's and a wide screen's width, in Arabic (right to left) and English:
 * nothing wider than the screen, the layout mirrored in Arabic (the header's title on the right, the text
 * starting on the right), nothing serious for axe. Each page is also saved as a screenshot, for a person to
 * look at (SCREENSHOT_DIR, else a folder in the system's temporary directory): pixels differ between
 * Chromium's versions and fonts, so the test holds the geometry, not the pixels.
 */
const shots = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), "plenary-screens");
mkdirSync(shots, { recursive: true });

let app: TestServer;
let browser: Browser;
/** The staff pages visited, by name; their addresses are known once the test data exists. */
const staffPages = ["overview", "sessions", "registrations", "registration", "delegations", "people", "documents", "library", "event"] as const;
let pages: { public: string[]; staff: Record<(typeof staffPages)[number], string> };
beforeAll(async () => {
  [app, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const organiser = await staff(app, { email: "screens@example.org", isAdmin: true });
  await browser.context.addCookies([{ name: "plenary_session", value: organiser.cookie.split("=")[1], url: app.url }]);
  const db = app.services.db;
  const event = await getEventBySlug(db, "tashkent-2022");
  const session = (await loadProgramme(db, event.id)).sessions[0];
  const person = await makeParticipant(db, event, organiser.userId, { givenName: "Layla", familyName: "Haddad", country: "JO" });
  const token = await createLink(db, { eventId: event.id, purpose: "participant", participantId: person.id, expiresAt: new Date(Date.now() + 86_400_000) });
  const e = "/e/tashkent-2022";
  pages = {
    public: [e, `${e}/programme`, `${e}/programme/${session.id}`, `${e}/register`, `${e}/my/${token}`],
    staff: {
      overview: `/admin${e}/overview`,
      sessions: `/admin${e}/sessions`,
      registrations: `/admin${e}/registrations`,
      registration: `/admin${e}/registrations/${person.id}`,
      delegations: `/admin${e}/delegations`,
      people: `/admin${e}/people`,
      documents: `/admin${e}/documents`,
      library: `/admin${e}/library`,
      event: `/admin${e}`,
    },
  };
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

interface Geometry {
  dir: string;
  overflow: number;
  /** Where the navigation starts: its first link's right edge in right-to-left pages, its left edge otherwise. */
  headingStart: number;
  headingEnd: number;
  width: number;
}

async function visit(address: string, width: number, name: string): Promise<Geometry> {
  const page = await browser.newPage();
  try {
    await page.setViewportSize({ width, height: width < 600 ? 800 : 900 });
    const res = await page.goto(app.url + address);
    expect(res?.status(), address).toBe(200);
    const geometry = await page.evaluate(() => {
      // The first link of the navigation, in the interface's language (a heading may be content that fell
      // back to English, laid out left to right as it should be).
      const start = document.querySelector(".site-nav a, .admin-nav a");
      const first = start?.getBoundingClientRect();
      return {
        dir: document.documentElement.dir,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        headingStart: first ? (document.documentElement.dir === "rtl" ? first.right : first.left) : -1,
        headingEnd: first ? (document.documentElement.dir === "rtl" ? first.left : first.right) : -1,
        width: document.documentElement.clientWidth,
      };
    });
    await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
    const violations = await checkA11y(page);
    expect(violations, `${address} at ${width}px\n${describeViolations(violations)}`).toEqual([]);
    expect(page.errors, address).toEqual([]);
    return geometry;
  } finally {
    await page.close();
  }
}

const slug = (address: string) =>
  address
    .replace(/^\/(admin\/)?e\/tashkent-2022/, "$1")
    .replace(/my\/[^/]+/, "my")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "home";

describe("the main pages at every width, in Arabic and English", () => {
  for (const width of [375, 768, 1440]) {
    it(`public pages at ${width}px`, async () => {
      for (const address of pages.public) {
        for (const lang of ["ar", "en"]) {
          const g = await visit(`/${lang}${address}`, width, `${lang}-public-${slug(address)}`);
          expect(g.dir, address).toBe(lang === "ar" ? "rtl" : "ltr");
          expect(g.overflow, `${lang}${address} is wider than ${width}px`).toBeLessThanOrEqual(0);
          // Mirrored: Arabic starts at the right-hand side of the screen, English at the left.
          if (lang === "ar") expect(g.headingStart, address).toBeGreaterThan(g.width / 2);
          else expect(g.headingStart, address).toBeLessThan(g.width / 2);
        }
      }
    });
  }

  // A test per page and width (two visits each): the time limit holds for a page, not for eighteen visits in a row.
  for (const width of [768, 1440]) {
    it.each(staffPages)(`staff page %s at ${width}px`, async (name) => {
      const address = pages.staff[name];
      for (const lang of ["ar", "en"]) {
        const g = await visit(`${address}?lang=${lang}`, width, `${lang}-${slug(address)}`);
        expect(g.dir, address).toBe(lang === "ar" ? "rtl" : "ltr");
        expect(g.overflow, `${address} in ${lang} is wider than ${width}px`).toBeLessThanOrEqual(0);
        if (lang === "ar") expect(g.headingStart, address).toBeGreaterThan(g.width / 2);
        else expect(g.headingStart, address).toBeLessThan(g.width / 2);
      }
    });
  }
});
