import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff, waitForMail } from "../../test/staff.ts";
import { events } from "../events/schema.ts";
import { categories, participants } from "./schema.ts";

let app: TestServer;
let eventId: number;
let officer: Staff;

beforeAll(async () => {
  app = await startTestServer();
  [{ id: eventId }] = await app.services.db.select({ id: events.id }).from(events).where(eq(events.slug, "tashkent-2022"));
  officer = await staff(app, { email: "invites.officer@example.org", role: "accreditation_officer", eventId });
});
afterAll(async () => {
  await app?.stop();
});

const category = async (code: string) =>
  (
    await app.services.db
      .select()
      .from(categories)
      .where(and(eq(categories.eventId, eventId), eq(categories.code, code)))
  )[0];
const post = (path: string, fields: Record<string, string>, lang = "en") =>
  app.fetch(path, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": lang },
  });
const person = (overrides: Record<string, string> = {}) => ({
  givenName: "Nodira",
  familyName: "Saidova (fictional)",
  organisation: "Daily News (demo)",
  country: "UZ",
  email: "nodira.press@example.org",
  lang: "uz",
  consentData: "on",
  ...overrides,
});

describe("open registration", () => {
  it("lets a journalist register in the media category and sends her a link to her page", async () => {
    const media = await category("media");
    const res = await post("/uz/e/tashkent-2022/register", { categoryId: String(media.id), ...person() });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect(await res.text()).toContain("Rahmat.");
    const [saved] = await app.services.db.select().from(participants).where(eq(participants.email, "nodira.press@example.org"));
    expect(saved).toMatchObject({ status: "pending", categoryId: media.id, country: "UZ", lang: "uz", consentData: true });
    const mail = await waitForMail(app, "nodira.press@example.org");
    expect(mail.text).toMatch(/\/uz\/e\/tashkent-2022\/my\/[\w-]+/);
  });

  it.each([
    ["no consent to data processing", { consentData: "" }, "Registration needs your consent"],
    ["a duplicate email", { email: "nodira.press@example.org" }, "Someone is already registered with this email"],
    ["a malformed country", { country: "Uzbekistan" }, "two-letter country code"],
    ["a missing name", { givenName: "" }, "This field is required."],
  ])("refuses %s with 422, keeping what was typed", async (_what, overrides, message) => {
    const media = await category("media");
    const res = await post("/en/e/tashkent-2022/register", {
      categoryId: String(media.id),
      ...person({ email: "other.press@example.org", familyName: "Typed-Family (fictional)", ...overrides }),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain("Typed-Family (fictional)");
  });

  it("refuses a category that is not open, and checks access codes", async () => {
    const delegate = await category("delegate");
    expect((await post("/en/e/tashkent-2022/register", { categoryId: String(delegate.id), ...person({ email: "sneaky@example.org" }) })).status).toBe(404);
    const civil = await category("civil_society");
    await app.services.db.update(categories).set({ accessCode: "CSO-2022" }).where(eq(categories.id, civil.id));
    const wrong = await post("/en/e/tashkent-2022/register", { categoryId: String(civil.id), accessCode: "guess", ...person({ email: "cso@example.org" }) });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("The access code is not right.");
    expect(
      (await post("/en/e/tashkent-2022/register", { categoryId: String(civil.id), accessCode: "CSO-2022", ...person({ email: "cso@example.org" }) })).status,
    ).toBe(200);
  });
});

describe("personal invitations", () => {
  let link: string;

  it("lets the secretariat invite someone, who registers through the link and lands on her page", async () => {
    const expert = await category("expert");
    const sent = await officer.post("/admin/e/tashkent-2022/invitations", {
      givenName: "Zarina",
      familyName: "Ahmedova (fictional)",
      email: "zarina.expert@example.org",
      categoryId: String(expert.id),
      lang: "ru",
    });
    expect(sent.status).toBe(200);
    const mail = await waitForMail(app, "zarina.expert@example.org");
    expect(mail.subject).toMatch(/^Приглашение на мероприятие/);
    link = new URL(/http:\/\/\S+\/register\/[\w-]+/.exec(mail.text)![0]).pathname;
    const form = await (await app.fetch(link)).text();
    expect(form).toContain('value="zarina.expert@example.org"');
    expect(form).toContain("Эксперт");

    const otherEmail = await post(
      link,
      person({ givenName: "Zarina", familyName: "Ahmedova (fictional)", email: "someone.else@example.org", lang: "ru" }),
      "ru",
    );
    expect(otherEmail.status).toBe(422);
    const ok = await post(
      link,
      person({
        givenName: "Zarina",
        familyName: "Ahmedova (fictional)",
        email: "zarina.expert@example.org",
        lang: "ru",
        organisation: "Institute (demo)",
        position: "Researcher",
      }),
      "ru",
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toMatch(/^\/ru\/e\/tashkent-2022\/my\/[\w-]+$/);
    const [saved] = await app.services.db.select().from(participants).where(eq(participants.email, "zarina.expert@example.org"));
    expect(saved).toMatchObject({ categoryId: expert.id, status: "pending" });
  });

  it("cannot be used twice", async () => {
    const again = await post(link, person({ email: "zarina.expert@example.org" }));
    expect(again.status).toBe(403);
    expect(await again.text()).toContain("Это приглашение уже использовано.");
  });

  it("refuses a second invitation to the same person, bad input, and people without the right", async () => {
    const expert = await category("expert");
    expect(
      (
        await officer.post("/admin/e/tashkent-2022/invitations", {
          givenName: "Z",
          familyName: "A",
          email: "zarina.expert@example.org",
          categoryId: String(expert.id),
          lang: "en",
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await officer.post("/admin/e/tashkent-2022/invitations", {
          givenName: "",
          familyName: "A",
          email: "x@example.org",
          categoryId: String(expert.id),
          lang: "en",
        })
      ).status,
    ).toBe(422);
    expect(
      (await officer.post("/admin/e/tashkent-2022/invitations", { givenName: "Y", familyName: "A", email: "y@example.org", categoryId: "99999", lang: "en" }))
        .status,
    ).toBe(422);
    const viewer = await staff(app, { email: "invites.viewer@example.org", role: "viewer", eventId });
    expect(
      (
        await viewer.post("/admin/e/tashkent-2022/invitations", {
          givenName: "V",
          familyName: "A",
          email: "v@example.org",
          categoryId: String(expert.id),
          lang: "en",
        })
      ).status,
    ).toBe(403);
  });
});
