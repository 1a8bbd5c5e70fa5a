import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../../i18n/index.ts";
import { makeCategory, makeDelegation, makeEvent, makeParticipant } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { type Staff, staff } from "../../../test/staff.ts";
import { auditLog } from "../../access/schema.ts";
import type { EventRow } from "../../events/queries.ts";
import { storedFiles } from "../../files/schema.ts";
import { mailOutbox } from "../../mail/schema.ts";
import { type ImportField, importFields } from "../imports/import-fields.ts";
import { normalizeName } from "../imports/import-rows.ts";
import { createLink } from "../links/links.ts";
import { createSealer, identityHash } from "../privacy/crypto.ts";
import { accessLinks, delegations, distinctPairs, participants, type RegistrationStatus } from "../schema.ts";
import { findDuplicateGroups, markDistinct } from "./duplicates.ts";
import { mergeParticipants } from "./merge-participants.ts";

type Participant = typeof participants.$inferSelect;
let app: TestServer;
let event: EventRow;
let ownerId: number;
let officer: Staff;
let viewer: Staff;
let editor: Staff;
let foreign: Participant;
let base: string;
let page: string;

const db = () => app.services.db;
const html = async (res: Response) =>
  (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("<!-- -->", "");
const reload = async (id: number) => (await db().select().from(participants).where(eq(participants.id, id)))[0];
/** The columns staff type when they add a registration (the import's); the rest of a row is what forms and uploads store. */
const typed = new Set<string>(importFields);
/**
 * A fictional expert of the test's event (from Uzbekistan unless said otherwise), added as staff add one
 * (makeParticipant, with `category` a code and `delegation` a name); what only the person's own form
 * or an upload stores (a date of birth's hash, documents, a phone, answers, a photo) is then stored directly.
 */
const add = async (values: Partial<Record<ImportField, string>> & Omit<Partial<typeof participants.$inferInsert>, ImportField> = {}) => {
  const { status, ...rest } = values;
  const fields = Object.fromEntries(Object.entries(rest).filter(([k]) => typed.has(k))) as Record<string, string>;
  const stored = Object.fromEntries(Object.entries(rest).filter(([k]) => !typed.has(k)));
  const row = await makeParticipant(db(), event, ownerId, { category: "expert", ...fields }, { status: status as RegistrationStatus | undefined });
  if (Object.keys(stored).length === 0) return row;
  return (await db().update(participants).set(stored).where(eq(participants.id, row.id)).returning())[0];
};
const groupOf = async (id: number) => (await findDuplicateGroups(db(), event.id)).find((g) => g.ids.includes(id));
const mergeForm = (keep: Participant, other: Participant, overrides: Record<string, string> = {}) => ({
  intent: "merge",
  a: String(keep.id),
  b: String(other.id),
  keep: String(keep.id),
  [`version.${keep.id}`]: String(keep.version),
  [`version.${other.id}`]: String(other.version),
  ...overrides,
});

/** One person registered once, and two registered twice under another address (names and country alike, no date of birth). */
beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const made = await makeEvent(db());
  event = made.event;
  ownerId = made.owner.id;
  base = `/admin/e/${event.slug}`;
  page = `${base}/duplicates`;
  officer = await staff(app, { email: "officer.dup@example.org", role: "accreditation_officer", eventId: event.id });
  viewer = await staff(app, { email: "viewer.dup@example.org", role: "viewer", eventId: event.id });
  editor = await staff(app, { email: "editor.dup@example.org", role: "programme_editor", eventId: event.id });
  await add({ givenName: "Alone", familyName: "Once (fictional)", country: "UZ" });
  await add({ givenName: "Dilnoza", familyName: "Karimova (fictional)", country: "UZ", email: "dilnoza.karimova@example.org" });
  await add({ givenName: "Dilnoza", familyName: "Karimova (fictional)", country: "UZ", email: "dilnoza.karimova.personal@example.org" });
  await add({ givenName: "Timur", familyName: "Bekov (fictional)", country: "KZ", email: "timur.bekov@example.org" });
  await add({ givenName: "Timur", familyName: "Bekov (fictional)", country: "KZ", email: "t.bekov.personal@example.org" });
  const other = await makeEvent(db(), { languages: ["en"], timezone: "Europe/Vienna" });
  foreign = await makeParticipant(db(), other.event, other.owner.id, {
    givenName: "Foreign",
    familyName: "Guest (fictional)",
    email: "foreign.dup@example.org",
  });
});
afterAll(async () => {
  await app?.stop();
});

describe("finding duplicates", () => {
  it("lists the two people registered twice, by names and country, with a count in the title", async () => {
    const groups = await findDuplicateGroups(db(), event.id);
    expect(groups).toHaveLength(2);
    for (const g of groups) expect(g).toMatchObject({ reasons: ["names"], weak: true, pairs: [g.ids] });
    const emails = async (ids: number[]) =>
      (await db().select({ email: participants.email }).from(participants).where(inArray(participants.id, ids)).orderBy(asc(participants.id))).map(
        (p) => p.email,
      );
    expect(await Promise.all(groups.map((g) => emails(g.ids)))).toEqual(
      expect.arrayContaining([
        ["dilnoza.karimova@example.org", "dilnoza.karimova.personal@example.org"],
        ["timur.bekov@example.org", "t.bekov.personal@example.org"],
      ]),
    );
    const res = await officer.get(page);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const text = await html(res);
    expect(text).toContain("<h1>Possible duplicates (2)</h1>");
    for (const email of ["dilnoza.karimova.personal@example.org", "t.bekov.personal@example.org"]) expect(text).toContain(email);
    expect(text).not.toContain("Alone");
    expect(text).toContain("no date of birth to compare");
    expect(text).toContain("Merge into the chosen one");
    expect(await html(await officer.get(base))).toContain(`href="${page}"`);
  });

  it("heads each registration's column with its name and number, and each row with the field, for screen readers", async () => {
    const [group] = (await findDuplicateGroups(db(), event.id)).filter((g) => g.weak);
    const members = await db().select().from(participants).where(inArray(participants.id, group.ids)).orderBy(asc(participants.id));
    const text = await html(await officer.get(page));
    const table = text.slice(text.lastIndexOf("<table>", text.indexOf(`>${members[0].givenName} ${members[0].familyName}, #${members[0].id}<`)));
    const head = table.slice(0, table.indexOf("</thead>"));
    expect([...head.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(members.map((m) => `${m.givenName} ${m.familyName}, #${m.id}`));
    expect(head).toContain('<th scope="col"><span class="visually-hidden">Detail</span></th>');
    expect(table.slice(0, table.indexOf("</table>"))).toContain('<th scope="row">Email</th>');
    expect(await html(await officer.get(`${page}?lang=ru`))).toContain(
      `<th scope="col">${members[0].givenName} ${members[0].familyName}, №${members[0].id}</th>`,
    );
  });

  it("counts in Russian with the right plural forms", () => {
    const t = createTranslator("ru");
    expect([1, 2, 5, 11, 21, 22].map((count) => t("duplicates.group", { count }))).toEqual([
      "1 регистрация",
      "2 регистрации",
      "5 регистраций",
      "11 регистраций",
      "21 регистрация",
      "22 регистрации",
    ]);
    expect(t("duplicates.merged", { count: 3 })).toBe("Регистрации объединены; из другой заполнены 3 поля.");
  });

  it("finds the same names and date of birth, whatever the spelling's case and the country", async () => {
    const birth = "1990-01-01";
    const a = await add({
      givenName: "Olga",
      familyName: "Testerova (fictional)",
      country: "RU",
      identityHash: identityHash(app.services.secret, "Olga", "Testerova (fictional)", birth),
    });
    const b = await add({
      givenName: "OLGA",
      familyName: "testerova  (fictional)",
      country: "KZ",
      organisation: "Elsewhere",
      identityHash: identityHash(app.services.secret, "OLGA", "testerova  (fictional)", birth),
    });
    expect(await groupOf(a.id)).toEqual({ ids: [a.id, b.id], reasons: ["identity"], weak: false, pairs: [[a.id, b.id]] });
    // Strong signs come first.
    expect((await findDuplicateGroups(db(), event.id))[0].ids).toEqual([a.id, b.id]);
  });

  it("finds folded names (case, ё, punctuation) with the same country, and own-script names with the same organisation", async () => {
    const c = await add({ givenName: "Pyotr", familyName: "Ёлкин-Testov", country: "KG" });
    const d = await add({ givenName: "pyotr", familyName: "ЕЛКИН testov.", country: "KG" });
    expect(await groupOf(c.id)).toMatchObject({ ids: [c.id, d.id], reasons: ["names"], weak: true });
    // Countries differ: only the organisation joins these two.
    const e = await add({
      givenName: "Aleksei",
      familyName: "Smirnoff (fictional)",
      givenNameLocal: "Алексей",
      familyNameLocal: "Смирнов",
      country: "RU",
      organisation: "Test Institute (fictional)",
    });
    const f = await add({
      givenName: "Alexey",
      familyName: "Smirnov (fictional)",
      givenNameLocal: "алексей",
      familyNameLocal: "СМИРНОВ",
      country: "BY",
      organisation: "test institute, fictional",
    });
    expect(await groupOf(e.id)).toMatchObject({ ids: [e.id, f.id], reasons: ["names"] });
  });

  it("does not group the same names with different dates of birth, or with neither country nor organisation in common", async () => {
    const hash = (birth: string) => identityHash(app.services.secret, "Ivan", "Twin (fictional)", birth);
    const g = await add({ givenName: "Ivan", familyName: "Twin (fictional)", country: "TJ", identityHash: hash("1980-01-01") });
    const h = await add({ givenName: "Ivan", familyName: "Twin (fictional)", country: "TJ", identityHash: hash("1981-01-01") });
    const i = await add({ givenName: "Nora", familyName: "Namesake (fictional)", country: "NO", organisation: "One" });
    const j = await add({ givenName: "Nora", familyName: "Namesake (fictional)", country: "SE", organisation: "Two" });
    for (const p of [g, h, i, j]) expect(await groupOf(p.id)).toBeUndefined();
  });

  it("folds names in SQL exactly as normalizeName does in JavaScript", async () => {
    const names: [string, string][] = [
      ["Jean-Luc", "O'Brien"],
      ["Фёдор", "Ёлкин"],
      ["ÉMILE", "Zola  Jr."],
      ["Oʻtkir", "Xoʻjayev"],
      ["Ａnna", "Keller"],
    ];
    const rows = await Promise.all(names.map(([givenName, familyName]) => add({ givenName, familyName })));
    const keys = new Map(
      (
        await db()
          .select({ id: participants.id, key: participants.nameKey })
          .from(participants)
          .where(
            inArray(
              participants.id,
              rows.map((r) => r.id),
            ),
          )
      ).map((k) => [k.id, k.key]),
    );
    expect(rows.map((r) => keys.get(r.id))).toEqual(names.map(([g, f]) => normalizeName(`${g} ${f}`)));
  });

  it("warns on a person's page, with a link to the duplicates page", async () => {
    const [weak] = await findDuplicateGroups(db(), event.id).then((groups) => groups.filter((g) => g.weak));
    const text = await html(await officer.get(`${base}/registrations/${weak.ids[0]}`));
    expect(text).toContain("This registration may be the same person as:");
    expect(text).toContain(`href="${base}/registrations/${weak.ids[1]}"`);
    expect(text).toContain(`href="${page}"`);
    const [alone] = await db()
      .select({ id: participants.id })
      .from(participants)
      .where(eq(participants.eventId, event.id))
      .orderBy(asc(participants.id))
      .limit(1);
    expect(await html(await officer.get(`${base}/registrations/${alone.id}`))).not.toContain("may be the same person");
  });

  it("stops listing a pair marked as different people, and audits the decision once", async () => {
    const a = await add({ givenName: "Sam", familyName: "Same (fictional)", country: "FR" });
    const b = await add({ givenName: "Sam", familyName: "Same (fictional)", country: "FR" });
    const res = await officer.post(page, { intent: "distinct", a: String(b.id), b: String(a.id) });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("Marked as different people");
    expect(await groupOf(a.id)).toBeUndefined();
    expect(await html(await officer.get(`${base}/registrations/${a.id}`))).not.toContain("may be the same person");
    expect((await officer.post(page, { intent: "distinct", a: String(a.id), b: String(b.id) })).status).toBe(200);
    expect(await db().select().from(distinctPairs).where(eq(distinctPairs.lowId, a.id))).toMatchObject([{ highId: b.id, decidedBy: officer.userId }]);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "participant"), eq(auditLog.entityId, String(a.id)), ne(auditLog.action, "create")));
    expect(audit).toMatchObject([{ action: "update", after: { distinctFrom: b.id } }]);
    // A third registration of the same name is still offered, with each of the two, not as their pair.
    const c = await add({ givenName: "Sam", familyName: "Same (fictional)", country: "FR" });
    expect((await groupOf(a.id))?.pairs).toEqual([
      [a.id, c.id],
      [b.id, c.id],
    ]);
  });
});

describe("merging two registrations", () => {
  it("fills what the kept one lacks, never overwrites, moves links, emails and the delegation's head, deletes the other and audits field names only", async () => {
    const secret = app.services.secret;
    const sealer = createSealer(secret);
    const [photo] = await db()
      .insert(storedFiles)
      .values({
        eventId: event.id,
        kind: "photo",
        contentType: "image/png",
        filename: "p.png",
        size: 3,
        sha256: "x",
        visibility: "private",
        data: new Uint8Array([0, 0, 0]),
      })
      .returning();
    const delegation = await makeDelegation(db(), event, ownerId, {
      country: "KZ",
      name: { en: "Testland (fictional)", ru: "Тестландия (вымышленная)" },
      quota: 3,
    });
    const keep = await add({
      givenName: "Marat",
      familyName: "Merged (fictional)",
      email: "marat.personal@example.org",
      country: "KZ",
      organisation: "Think tank (fictional)",
      custom: { visa_letter: true },
    });
    const other = await add({
      givenName: "Marat",
      familyName: "Merged (fictional)",
      email: "marat.official@example.org",
      country: "KZ",
      organisation: "Ministry (fictional)",
      position: "Counsellor",
      phone: "+7 700 000 00 00",
      delegation: "Testland (fictional)",
      status: "approved",
      custom: { visa_letter: false, side_events: ["rats"] },
      photoFileId: photo.id,
      idDocumentType: "passport",
      idDocumentNumberEnc: sealer.seal("N0000001"),
      birthDateEnc: sealer.seal("1975-05-05"),
      identityHash: identityHash(secret, "Marat", "Merged (fictional)", "1975-05-05"),
    });
    await db().update(delegations).set({ headParticipantId: other.id }).where(eq(delegations.id, delegation.id));
    const token = await createLink(db(), { eventId: event.id, purpose: "participant", participantId: other.id, expiresAt: new Date("2099-01-01T00:00:00Z") });
    await db()
      .insert(mailOutbox)
      .values({
        idempotencyKey: `dup-${other.id}`,
        messageId: "<dup@example.org>",
        to: other.email,
        subject: "Received",
        text: "…",
        eventId: event.id,
        participantId: other.id,
      });
    // The other's approval mailed them a link of its own too.
    const linksOf = (id: number) => db().$count(accessLinks, eq(accessLinks.participantId, id));
    const mailsOf = (id: number) => db().$count(mailOutbox, eq(mailOutbox.participantId, id));
    const before = { links: await linksOf(other.id), mails: await mailsOf(other.id) };
    expect(before).toEqual({ links: 2, mails: 2 });
    expect([await linksOf(keep.id), await mailsOf(keep.id)]).toEqual([0, 0]);

    const res = await officer.post(page, mergeForm(keep, other));
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("The registrations were merged; 8 fields were filled from the other one.");

    const kept = await reload(keep.id);
    expect(kept).toMatchObject({
      email: "marat.personal@example.org",
      organisation: "Think tank (fictional)",
      position: "Counsellor",
      phone: "+7 700 000 00 00",
      status: "approved",
      delegationId: delegation.id,
      photoFileId: photo.id,
      idDocumentType: "passport",
      idDocumentNumberEnc: other.idDocumentNumberEnc,
      birthDateEnc: other.birthDateEnc,
      identityHash: identityHash(secret, "Marat", "Merged (fictional)", "1975-05-05"),
      custom: { visa_letter: true, side_events: ["rats"] },
      version: keep.version + 1,
    });
    expect(await reload(other.id)).toBeUndefined();
    expect({ links: await linksOf(keep.id), mails: await mailsOf(keep.id) }).toEqual(before);
    expect((await db().select().from(delegations).where(eq(delegations.id, delegation.id)))[0].headParticipantId).toBe(keep.id);
    expect(await db().$count(storedFiles, eq(storedFiles.id, photo.id))).toBe(1);
    // The other's personal link now opens the kept registration.
    const portal = await html(await app.fetch(`/en/e/${event.slug}/my/${token}`));
    expect(portal).toContain('name="organisation" value="Think tank (fictional)"');
    expect(portal).toContain(`name="version" value="${keep.version + 1}"`);

    // Beside the record of its being added, one entry: the merge.
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "participant"), eq(auditLog.entityId, String(keep.id)), ne(auditLog.action, "create")));
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toEqual({
      mergedFrom: other.id,
      filled: ["position", "phone", "delegation", "idDocument", "birthDate", "photo", "custom.side_events", "status"],
    });
    for (const personal of ["+7 700", "Ministry", "marat.official", "Counsellor", "N0000001", other.idDocumentNumberEnc!])
      expect(JSON.stringify(audit)).not.toContain(personal);
  });

  it("answers a stale version with 409 and changes nothing", async () => {
    const keep = await add({ givenName: "Stale", familyName: "Pair (fictional)", country: "AT" });
    const other = await add({ givenName: "Stale", familyName: "Pair (fictional)", country: "AT", phone: "+43 1" });
    for (const stale of [{ [`version.${keep.id}`]: String(keep.version + 1) }, { [`version.${other.id}`]: "7" }]) {
      const res = await officer.post(page, mergeForm(keep, other, stale));
      expect(res.status).toBe(409);
      expect(await html(res)).toContain("Someone else saved this");
    }
    expect(await reload(keep.id)).toEqual(keep);
    expect(await reload(other.id)).toEqual(other);
  });

  it("answers 404 for an unknown registration or another event's, and 422 when the kept one is not of the pair", async () => {
    const keep = await add({ givenName: "Lone", familyName: "Person (fictional)" });
    expect((await officer.post(page, mergeForm(keep, foreign))).status).toBe(404);
    expect((await officer.post(page, mergeForm(keep, { ...foreign, id: 99_999_999 }))).status).toBe(404);
    expect((await officer.post(page, mergeForm(foreign, keep))).status).toBe(404);
    expect((await officer.post(page, { intent: "distinct", a: String(keep.id), b: String(foreign.id) })).status).toBe(404);
    expect((await officer.post(page, mergeForm(keep, keep))).status).toBe(422);
    expect((await officer.post(page, mergeForm(keep, foreign, { keep: "12345" }))).status).toBe(422);
    expect(await reload(keep.id)).toEqual(keep);
    expect(await reload(foreign.id)).toEqual(foreign);
  });

  it("keeps the kept one's status when the other's approval would go beyond the category's capacity", async () => {
    const full = await makeCategory(db(), event, ownerId, { code: "dup_full", name: "Full (fictional)", capacity: 1 });
    await add({ category: full.code, status: "approved" });
    const keep = await add({ givenName: "Cap", familyName: "Full (fictional)", country: "IT", category: full.code, status: "pending" });
    const other = await add({ givenName: "Cap", familyName: "Full (fictional)", country: "IT", status: "approved" });
    const res = await officer.post(page, mergeForm(keep, other));
    expect(res.status).toBe(200);
    expect(await html(res)).toContain("its category has no place left");
    expect((await reload(keep.id)).status).toBe("pending");
    expect(await db().$count(participants, and(eq(participants.categoryId, full.id), eq(participants.status, "approved")))).toBe(1);

    // The other's own place in the same category is freed by the merge, so the kept one takes it.
    const roomy = await makeCategory(db(), event, ownerId, { code: "dup_one", name: "One place (fictional)", capacity: 1 });
    const waiting = await add({ givenName: "Cap", familyName: "Moved (fictional)", country: "IT", category: roomy.code, status: "waitlisted" });
    const holder = await add({ givenName: "Cap", familyName: "Moved (fictional)", country: "IT", category: roomy.code, status: "approved" });
    expect((await officer.post(page, mergeForm(waiting, holder))).status).toBe(200);
    expect((await reload(waiting.id)).status).toBe("approved");
    expect(await db().$count(participants, and(eq(participants.categoryId, roomy.id), eq(participants.status, "approved")))).toBe(1);
  });
});

describe("who may", () => {
  it("refuses the page and its actions to viewers and programme editors, and hides it from strangers", async () => {
    const a = await add({ givenName: "Guard", familyName: "Ed (fictional)", country: "PL" });
    const b = await add({ givenName: "Guard", familyName: "Ed (fictional)", country: "PL" });
    for (const who of [viewer, editor]) {
      expect((await who.get(page)).status).toBe(403);
      expect((await who.post(page, mergeForm(a, b))).status).toBe(403);
      expect((await who.post(page, { intent: "distinct", a: String(a.id), b: String(b.id) })).status).toBe(403);
    }
    expect(await html(await editor.get(base))).not.toContain(`href="${page}"`);
    expect((await (await staff(app, { email: "stranger.dup@example.org" })).get(page)).status).toBe(404);
    expect((await officer.post(page, mergeForm(a, b), { csrf: false })).status).toBe(403);
    expect(await reload(a.id)).toEqual(a);
    expect(await reload(b.id)).toEqual(b);
  });

  it("lets a reader see the groups but not merge or set them apart (a read-only API token's rights)", async () => {
    const a = await add({ givenName: "Read", familyName: "Only (fictional)", country: "PT" });
    const b = await add({ givenName: "Read", familyName: "Only (fictional)", country: "PT" });
    const ctx = {
      db: db(),
      actor: { userId: officer.userId, isAdmin: false, role: null, sideEventIds: [], token: "read" as const },
      now: new Date(),
      publicUrl: app.url,
      secret: app.services.secret,
    };
    expect(await groupOf(a.id)).toBeDefined();
    await expect(mergeParticipants(ctx, event, { keepId: a.id, mergeId: b.id, keepVersion: a.version, mergeVersion: b.version })).rejects.toMatchObject({
      status: 403,
    });
    await expect(markDistinct(ctx, event, { a: a.id, b: b.id })).rejects.toMatchObject({ status: 403 });
    expect(await reload(b.id)).toEqual(b);
  });
});
