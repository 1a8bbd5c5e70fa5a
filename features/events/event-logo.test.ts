import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeSession, makeUser } from "../../test/factories.ts";
import { solidPng } from "../../test/images.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff } from "../../test/staff.ts";
import { auditLog } from "../access/schema.ts";
import { storedFiles } from "../files/schema.ts";
import { eventLogo } from "./event-logo.ts";
import type { EventRow } from "./queries.ts";
import { events } from "./schema.ts";

let app: TestServer;
let event: EventRow;
let organiser: Staff;
let settings: string;

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const owner = await makeUser(app.services.db, { isAdmin: true });
  ({ event } = await makeEvent(app.services.db, { owner, languages: ["en", "fr"] }));
  await makeSession(app.services.db, event, owner.id, { title: "Opening", start: "2030-05-14T09:00", end: "2030-05-14T10:00" });
  organiser = await staff(app, { email: "logo-organiser@example.org", role: "organiser", eventId: event.id });
  settings = `/admin/e/${event.slug}?index`;
});
afterAll(async () => {
  await app?.stop();
});

const png = new Uint8Array(solidPng(40, 20));
const current = async () => (await app.services.db.select().from(events).where(eq(events.id, event.id)))[0];
const upload = (who: Staff, bytes: Uint8Array<ArrayBuffer>, fields: Record<string, string> = {}, type = "image/png") =>
  who.post(settings, { intent: "logo", logo: new File([bytes], "logo.png", { type }), ...fields });

describe("an event's logo", () => {
  it("states its limit on the settings form", async () => {
    const page = await (await organiser.get(`/admin/e/${event.slug}`)).text();
    expect(page).toContain("PNG, JPEG or WebP, at most 1 MB.");
    expect(page).toMatch(/enctype="multipart\/form-data"/i);
  });

  it("refuses what is not a logo, with the limit in the message, and keeps none", async () => {
    const text = await upload(organiser, new TextEncoder().encode("<svg onload=alert(1)>"));
    expect(text.status).toBe(415);
    expect(await text.text()).toContain("The file must be a PNG, JPEG or WebP image.");
    const big = new Uint8Array(1024 * 1024 + 10);
    big.set(png);
    const tooLarge = await upload(organiser, big);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain("The file is too large (at most 1 MB).");
    // A body well over the limit is refused before it is read, with the logo's limit.
    const huge = await upload(organiser, new Uint8Array(3 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.message).toBe("The file is too large (at most 1 MB).");
    const empty = await organiser.post(settings, { intent: "logo" });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Choose a file.");
    expect((await current()).logoFileId).toBeNull();
  });

  it("is refused to a viewer", async () => {
    const viewer = await staff(app, { email: "logo-viewer@example.org", role: "viewer", eventId: event.id });
    expect((await upload(viewer, png)).status).toBe(403);
  });

  it("shows in the public header with its text, in schedule.json, and to badges as bytes", async () => {
    const res = await upload(organiser, png, { "logoAlt.en": "A blue wave over two hills", "logoAlt.fr": "Une vague bleue sur deux collines" });
    expect(res.status).toBe(200);
    const { logoFileId } = await current();
    expect(logoFileId).not.toBeNull();

    const en = await (await app.fetch(`/en/e/${event.slug}`)).text();
    expect(en).toContain(`<img class="site-logo" src="/files/${logoFileId}" alt="A blue wave over two hills"/>`);
    expect(await (await app.fetch(`/fr/e/${event.slug}`)).text()).toContain('alt="Une vague bleue sur deux collines"');
    const file = await app.fetch(`/files/${logoFileId}`);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);

    const schedule = await (await app.fetch(`/e/${event.slug}/schedule.json`)).json();
    expect(schedule.schedule.conference.logo).toBe(`${app.url.replace("127.0.0.1", "localhost")}/files/${logoFileId}`);
    const sessions = Object.values(schedule.schedule.conference.days[0].rooms).flat() as { logo: string }[];
    expect(sessions.map((s) => s.logo)).toEqual([schedule.schedule.conference.logo]);

    expect(await eventLogo(app.services.db, event.id)).toEqual({ bytes: png, type: "image/png", filename: "logo.png" });
    const audit = await app.services.db.select().from(auditLog).where(eq(auditLog.eventId, event.id));
    expect(audit.some((a) => (a.after as { logoFileId?: number })?.logoFileId === logoFileId)).toBe(true);
  });

  it("falls back to the event's title when nothing describes it, and a new logo replaces the old one", async () => {
    const before = (await current()).logoFileId!;
    expect((await upload(organiser, new Uint8Array(solidPng(30, 30)), { "logoAlt.en": "", "logoAlt.fr": "" })).status).toBe(200);
    const after = (await current()).logoFileId!;
    expect(after).not.toBe(before);
    expect(await app.services.db.$count(storedFiles, eq(storedFiles.id, before))).toBe(0);
    expect(await (await app.fetch(`/en/e/${event.slug}`)).text()).toContain(`alt="${event.title.en}"`);
  });

  it("is seen by staff while the event is a draft, and by nobody else", async () => {
    const draft = (await makeEvent(app.services.db, { status: "draft" })).event;
    const owner = await staff(app, { email: "draft-owner@example.org", role: "owner", eventId: draft.id });
    expect((await owner.post(`/admin/e/${draft.slug}?index`, { intent: "logo", logo: new File([png], "l.png", { type: "image/png" }) })).status).toBe(200);
    const [row] = await app.services.db.select().from(events).where(eq(events.id, draft.id));
    expect((await app.fetch(`/files/${row.logoFileId}`)).status).toBe(404);
    const preview = await owner.get(`/admin/e/${draft.slug}/logo`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-type")).toBe("image/png");
    expect((await app.fetch(`/admin/e/${draft.slug}/logo`)).status).toBe(302);
  });

  it("can be removed", async () => {
    const { logoFileId } = await current();
    expect((await organiser.post(settings, { intent: "removeLogo" })).status).toBe(200);
    expect((await current()).logoFileId).toBeNull();
    expect(await app.services.db.$count(storedFiles, eq(storedFiles.id, logoFileId!))).toBe(0);
    expect(await (await app.fetch(`/en/e/${event.slug}`)).text()).not.toContain('class="site-logo"');
    expect(await eventLogo(app.services.db, event.id)).toBeNull();
  });
});
