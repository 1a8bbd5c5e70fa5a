import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { staff, waitForMail } from "../../test/staff.ts";
import { loadActor } from "../access/load-actor.ts";
import { users } from "../access/schema.ts";
import type { EventRow } from "../events/queries.ts";
import { events } from "../events/schema.ts";
import { createDelegation } from "./delegations/delegations.ts";
import { reviewParticipants } from "./review/review-participants.ts";
import { accessLinks, delegations, participants } from "./schema.ts";

let app: TestServer;
let event: EventRow;
let officerCtx: Parameters<typeof createDelegation>[0];

const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

beforeAll(async () => {
  app = await startTestServer();
  [event] = await app.services.db.select().from(events).where(eq(events.slug, "tashkent-2022"));
  const officer = await staff(app, { email: "officer@example.org", role: "accreditation_officer", eventId: event.id });
  const [user] = await app.services.db.select().from(users).where(eq(users.id, officer.userId));
  officerCtx = { db: app.services.db, actor: (await loadActor(app.services.db, user, event.id))!, now: new Date(), publicUrl: app.url };
});
afterAll(async () => {
  await app?.stop();
});

async function newDelegation(focalPointEmail: string, quota = 3, deadline = "2030-01-01T12:00") {
  const delegation = await createDelegation(officerCtx, event, {
    kind: "state",
    country: "KZ",
    name: { en: "Republic of Kazakhstan (test)", ru: "Республика Казахстан (тест)" },
    quota,
    deadline,
    focalPointName: "Focal Point (fictional)",
    focalPointEmail,
    focalPointLang: "en",
  });
  const mail = await waitForMail(app, focalPointEmail);
  const link = /http:\/\/\S+\/delegation\/[\w-]+/.exec(mail.text)![0];
  return { delegation, mail, path: new URL(link).pathname };
}

const postForm = (path: string, fields: Record<string, string | Blob>, lang = "en") => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return app.fetch(path, { method: "POST", body: form, headers: { "accept-language": lang } });
};

const member = (n: number, overrides: Record<string, string> = {}) => ({
  intent: "nominate",
  givenName: `Given${n}`,
  familyName: `Family${n} (fictional)`,
  email: `member${n}@example.org`,
  lang: "en",
  ...overrides,
});

describe("a focal point nominates the delegation", () => {
  let portal: string;
  let delegationId: number;

  beforeAll(async () => {
    const created = await newDelegation("focal.kz@example.org");
    portal = created.path;
    delegationId = created.delegation.id;
    expect(created.mail.subject).toContain("Republic of Kazakhstan (test)");
  });

  it("opens the portal from the emailed link, privately", async () => {
    const res = await app.fetch(portal);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const html = await res.text();
    expect(html).toContain("Delegation: Republic of Kazakhstan (test)");
    expect(html).toContain("0 of 3 places used");
  });

  it("nominates three members; each is told by email in their language", async () => {
    for (const [n, lang] of [
      [1, "en"],
      [2, "ru"],
      [3, "uz"],
    ] as const) {
      const res = await postForm(portal, member(n, { lang, ...(n === 1 ? { head: "on" } : {}) }));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("The member is nominated.");
    }
    const russian = await waitForMail(app, "member2@example.org");
    expect(russian.subject).toBe(
      "Ваше выдвижение на мероприятие «Региональное сотрудничество стран Центральной Азии в рамках Совместного плана действий по реализации Глобальной контртеррористической стратегии ООН» получено",
    );
    const [d] = await app.services.db.select().from(delegations).where(eq(delegations.id, delegationId));
    const members = await app.services.db.select().from(participants).where(eq(participants.delegationId, delegationId));
    expect(members).toHaveLength(3);
    expect(d.headParticipantId).toBe(members.find((m) => m.email === "member1@example.org")!.id);
  });

  it("refuses a fourth member over the quota, in Russian for a Russian reader", async () => {
    const res = await postForm(portal.replace("/en/", "/ru/"), member(4));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Квота делегации (3) исчерпана");
    const members = await app.services.db.select().from(participants).where(eq(participants.delegationId, delegationId));
    expect(members).toHaveLength(3);
  });

  it("lets a member be replaced: withdraw one, nominate another", async () => {
    const [third] = await app.services.db.select().from(participants).where(eq(participants.email, "member3@example.org"));
    expect((await postForm(portal, { intent: "withdraw", participantId: String(third.id) })).status).toBe(200);
    expect((await postForm(portal, member(5))).status).toBe(200);
  });

  it.each([
    ["missing names", member(6, { givenName: "", familyName: "" }), 422, "This field is required."],
    ["a duplicate email", member(7, { email: "member1@example.org" }), 422, "Someone is already registered with this email"],
    ["a malformed email", member(8, { email: "not-an-email" }), 422, "Enter a valid email address."],
    ["an unknown language", member(9, { lang: "xx" }), 422, "Choose one of the languages offered"],
  ])("refuses %s", async (_what, fields, status, message) => {
    const before = await app.services.db.select().from(participants).where(eq(participants.delegationId, delegationId));
    const res = await postForm(portal, fields);
    expect(res.status).toBe(status);
    const body = await res.text();
    expect(body, body.slice(body.indexOf("<main"), body.indexOf("<main") + 1500)).toContain(message);
    const after = await app.services.db.select().from(participants).where(eq(participants.delegationId, delegationId));
    expect(after.length).toBe(before.length);
  });

  it("takes a real PDF letter and refuses a disguised one", async () => {
    const fake = await postForm(portal, {
      intent: "letter",
      letter: new File([new TextEncoder().encode("MZ\u0090\u0000 not a pdf")], "letter.pdf", { type: "application/pdf" }),
    });
    expect(fake.status).toBe(415);
    expect(await fake.text()).toContain("The letter must be a PDF file.");
    const real = await postForm(portal, { intent: "letter", letter: new File([pdf], "note-verbale.pdf", { type: "application/pdf" }) });
    expect(real.status).toBe(200);
    expect(await (await app.fetch(portal)).text()).toContain("A letter is on file: note-verbale.pdf.");
  });

  it("never lets one focal point touch another delegation's members", async () => {
    const other = await newDelegation("focal.kg@example.org");
    expect((await postForm(other.path, member(10))).status).toBe(200);
    const [theirs] = await app.services.db.select().from(participants).where(eq(participants.email, "member10@example.org"));
    const res = await postForm(portal, { intent: "withdraw", participantId: String(theirs.id) });
    expect(res.status).toBe(404);
    const [unchanged] = await app.services.db.select().from(participants).where(eq(participants.id, theirs.id));
    expect(unchanged.status).toBe("pending");
    expect(await (await app.fetch(portal)).text()).not.toContain("member10@example.org");
  });

  it("answers a tampered link with 404 and an expired one with 410, each with a clear message", async () => {
    const tampered = await app.fetch(`${portal.slice(0, -3)}abc`);
    expect(tampered.status).toBe(404);
    expect(await tampered.text()).toContain("This link is not valid.");
    await app.services.db
      .update(accessLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accessLinks.delegationId, delegationId));
    const expired = await app.fetch(portal);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("This link has expired.");
    await app.services.db
      .update(accessLinks)
      .set({ expiresAt: new Date(Date.now() + 86_400_000) })
      .where(eq(accessLinks.delegationId, delegationId));
  });

  it("closes nominations at the deadline", async () => {
    await app.services.db
      .update(delegations)
      .set({ deadline: new Date(Date.now() - 60_000) })
      .where(eq(delegations.id, delegationId));
    const res = await postForm(portal, member(11));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("The deadline for nominations has passed.");
    await app.services.db
      .update(delegations)
      .set({ deadline: new Date("2030-01-01T07:00:00Z") })
      .where(eq(delegations.id, delegationId));
  });
});

describe("the secretariat reviews, and members see the outcome", () => {
  it("approves two and waitlists one; the Russian member reads it in Russian", async () => {
    const { path } = await newDelegation("focal.tj@example.org");
    for (const [n, lang] of [
      [21, "en"],
      [22, "ru"],
      [23, "en"],
    ] as const)
      expect((await postForm(path, member(n, { lang }))).status).toBe(200);
    const rows = await app.services.db
      .select()
      .from(participants)
      .where(and(eq(participants.eventId, event.id)));
    const pick = (n: number) => rows.find((r) => r.email === `member${n}@example.org`)!;
    const approved = await reviewParticipants(officerCtx, event, {
      status: "approved",
      items: [pick(21), pick(22)].map((p) => ({ id: p.id, version: p.version })),
    });
    expect(approved.changed).toHaveLength(2);
    await reviewParticipants(officerCtx, event, { status: "waitlisted", items: [{ id: pick(23).id, version: pick(23).version }] });

    const found = await waitForMail(app, "member22@example.org", /подтверждено/);
    expect(found.subject).toMatch(/^Ваше участие в мероприятии «.+» подтверждено$/);
    expect(found.language).toBe("ru");
    const link = /http:\/\/\S+\/ru\/e\/tashkent-2022\/my\/[\w-]+/.exec(found.text)![0];
    const portal = await app.fetch(new URL(link).pathname);
    expect(portal.status).toBe(200);
    const html = await portal.text();
    expect(html).toContain('<html lang="ru"');
    expect(html).toContain("Одобрено");
  });

  it("lets one of two reviewers acting at once win, and tells the other", async () => {
    const { path } = await newDelegation("focal.tm@example.org");
    expect((await postForm(path, member(31))).status).toBe(200);
    const [p] = await app.services.db.select().from(participants).where(eq(participants.email, "member31@example.org"));
    const results = await Promise.allSettled([
      reviewParticipants(officerCtx, event, { status: "approved", items: [{ id: p.id, version: p.version }] }),
      reviewParticipants(officerCtx, event, { status: "rejected", reason: "Duplicate", items: [{ id: p.id, version: p.version }] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409, code: "conflict.stale" });
    const [after] = await app.services.db.select().from(participants).where(eq(participants.id, p.id));
    expect(after.version).toBe(p.version + 1);
  });

  it("requires a reason to reject", async () => {
    const [p] = await app.services.db.select().from(participants).where(eq(participants.email, "member5@example.org"));
    await expect(reviewParticipants(officerCtx, event, { status: "rejected", items: [{ id: p.id, version: p.version }] })).rejects.toMatchObject({
      status: 422,
    });
  });

  it("lets a participant update their details, refuses a stale form, and withdraw", async () => {
    const { path } = await newDelegation("focal.uz@example.org");
    expect((await postForm(path, member(41))).status).toBe(200);
    const mail = await waitForMail(app, "member41@example.org");
    const my = new URL(/http:\/\/\S+\/my\/[\w-]+/.exec(mail.text)![0]).pathname;
    const [p] = await app.services.db.select().from(participants).where(eq(participants.email, "member41@example.org"));
    const save = (version: number, fields: Record<string, string> = {}) =>
      postForm(my, { version: String(version), lang: "en", position: "Counsellor", dietary: "Vegetarian", ...fields });
    expect((await save(p.version)).status).toBe(200);
    expect((await save(p.version, { position: "Stale" })).status).toBe(409);
    expect((await save(p.version + 1, { lang: "de" })).status).toBe(422);
    const [saved] = await app.services.db.select().from(participants).where(eq(participants.id, p.id));
    expect(saved).toMatchObject({ position: "Counsellor", dietary: "Vegetarian" });
    expect((await postForm(my, { intent: "withdraw", confirm: "on" })).status).toBe(200);
    const [withdrawn] = await app.services.db.select().from(participants).where(eq(participants.id, p.id));
    expect(withdrawn.status).toBe("withdrawn");
  });

  it("refuses review to someone without the right", async () => {
    const viewer = await staff(app, { email: "regviewer@example.org", role: "viewer", eventId: event.id });
    const [user] = await app.services.db.select().from(users).where(eq(users.id, viewer.userId));
    const ctx = { ...officerCtx, actor: (await loadActor(app.services.db, user, event.id))! };
    await expect(reviewParticipants(ctx, event, { status: "approved", items: [{ id: 1, version: 1 }] })).rejects.toMatchObject({ status: 403 });
    await expect(createDelegation(ctx, event, {})).rejects.toMatchObject({ status: 403 });
  });
});

describe("identity data on the participant's own page", () => {
  let my: string;
  let participantId: number;

  /** A PNG header of the given size: enough for the type and size checks, which never decode pixels. */
  const pngOfSize = (width: number, height: number) => {
    const bytes = Buffer.alloc(57);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
    bytes.writeUInt32BE(13, 8);
    bytes.write("IHDR", 12, "latin1");
    bytes.writeUInt32BE(width, 16);
    bytes.writeUInt32BE(height, 20);
    bytes.set([8, 2, 0, 0, 0], 24);
    bytes.writeUInt32BE(0, 33);
    bytes.write("IEND", 37, "latin1");
    return new Uint8Array(bytes);
  };

  beforeAll(async () => {
    const { path } = await newDelegation("focal.id@example.org");
    expect((await postForm(path, member(51))).status).toBe(200);
    const mail = await waitForMail(app, "member51@example.org");
    my = new URL(/http:\/\/\S+\/my\/[\w-]+/.exec(mail.text)![0]).pathname;
    [{ id: participantId }] = await app.services.db.select({ id: participants.id }).from(participants).where(eq(participants.email, "member51@example.org"));
  });

  const current = async () => (await app.services.db.select().from(participants).where(eq(participants.id, participantId)))[0];
  const identity = async (fields: Record<string, string>) => postForm(my, { intent: "identity", version: String((await current()).version), ...fields });

  it("lists what the category still needs", async () => {
    const html = await (await app.fetch(my)).text();
    expect(html).toContain("Still needed to complete your registration:");
    expect(html).toContain("ID document");
  });

  it.each([
    [
      "a malformed number",
      { idDocumentType: "passport", idDocumentNumber: "AB 12<script>", idDocumentExpiry: "2031-01-01", nationality: "KZ", birthDate: "1980-05-01" },
      "Use 3 to 30 Latin letters",
    ],
    [
      "a document that expires before the event ends",
      { idDocumentType: "passport", idDocumentNumber: "N1234567", idDocumentExpiry: "2021-01-01", nationality: "KZ", birthDate: "1980-05-01" },
      "The document expires before the end of the event.",
    ],
    [
      "a birth date in the future",
      { idDocumentType: "passport", idDocumentNumber: "N1234567", idDocumentExpiry: "2031-01-01", nationality: "KZ", birthDate: "2999-01-01" },
      "Enter a date as YYYY-MM-DD.",
    ],
    ["missing required items", { nationality: "KZ" }, "This field is required."],
    [
      "departure before arrival",
      {
        idDocumentType: "passport",
        idDocumentNumber: "N1234567",
        idDocumentExpiry: "2031-01-01",
        nationality: "KZ",
        birthDate: "1980-05-01",
        arrival: "2022-03-03",
        departure: "2022-03-01",
      },
      "Departure cannot be before arrival.",
    ],
  ])("refuses %s with 422 and saves nothing", async (_what, fields, message) => {
    const before = await current();
    const res = await identity(fields);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
    expect((await current()).version).toBe(before.version);
  });

  it("seals the ID number and date of birth, and the audit log never holds them", async () => {
    const res = await identity({
      idDocumentType: "passport",
      idDocumentNumber: "n 1234567",
      idDocumentExpiry: "2031-01-01",
      nationality: "kz",
      birthDate: "1980-05-01",
    });
    expect(res.status).toBe(200);
    const saved = await current();
    expect(saved.nationality).toBe("KZ");
    expect(saved.idDocumentNumberEnc).toMatch(/^v1\./);
    expect(saved.idDocumentNumberEnc).not.toContain("1234567");
    const { createSealer } = await import("./privacy/crypto.ts");
    expect(createSealer(app.services.secret).open(saved.idDocumentNumberEnc!)).toBe("N1234567");
    expect(createSealer(app.services.secret).open(saved.birthDateEnc!)).toBe("1980-05-01");
    expect(saved.identityHash).toMatch(/^[0-9a-f]{64}$/);
    const { auditLog } = await import("../access/schema.ts");
    const log = JSON.stringify(
      await app.services.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(participantId))),
    );
    expect(log).not.toContain("1234567");
    expect(log).not.toContain("1980-05-01");
    expect(await (await app.fetch(my)).text()).toContain("On file: •••••567.");
  });

  it("takes a real photo of a decent size, and refuses others", async () => {
    const upload = (bytes: Uint8Array<ArrayBuffer>, name: string, type: string) => postForm(my, { intent: "photo", photo: new File([bytes], name, { type }) });
    expect((await upload(new TextEncoder().encode("GIF89a not really"), "me.jpg", "image/jpeg")).status).toBe(415);
    const small = await upload(pngOfSize(120, 160), "small.png", "image/png");
    expect(small.status).toBe(422);
    expect(await small.text()).toContain("at least 300 × 300 pixels");
    expect((await upload(pngOfSize(600, 800), "me.png", "image/png")).status).toBe(200);
    expect((await current()).photoFileId).not.toBeNull();
  });
});
