import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminActor, makeEvent } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/server.ts";
import { waitForMail } from "../../../test/staff.ts";
import { issueMissingBadges } from "../../badges/print-badges.ts";
import { badgeRevocations, badges } from "../../badges/schema.ts";
import { reviewParticipants } from "../review/review-participants.ts";
import { categories, delegations, participants } from "../schema.ts";
import { createDelegation } from "./delegations.ts";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ demo: false });
});
afterAll(async () => {
  await app?.stop();
});

const postForm = (path: string, fields: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return app.fetch(path, { method: "POST", body: form });
};
const html = async (res: Response) => (await res.text()).replaceAll("&#x27;", "'");

describe("a focal point replaces a member", () => {
  it("withdraws them, revokes their badge, nominates the successor in their place and as head, and tells the focal point", async () => {
    const db = app.services.db;
    const { event, owner } = await makeEvent(db, { languages: ["en", "ru"], startDate: "2030-05-14", endDate: "2030-05-15" });
    const ctx = { db, actor: adminActor(owner.id), now: new Date(), publicUrl: app.url };
    const focal = `focal-${event.slug}@example.org`;
    const delegation = await createDelegation(ctx, event, {
      kind: "state",
      country: "KZ",
      name: { en: "Republic of Kazakhstan (test)", ru: "Республика Казахстан (тест)" },
      quota: 2,
      deadline: "2030-05-01T12:00",
      focalPointName: "Focal Point (fictional)",
      focalPointEmail: focal,
      focalPointLang: "en",
    });
    const portal = new URL(/http:\/\/\S+\/delegation\/[\w-]+/.exec((await waitForMail(app, focal)).text)![0]).pathname;
    for (const [n, head] of [
      [1, true],
      [2, false],
    ] as const) {
      const nominated = await postForm(portal, {
        intent: "nominate",
        givenName: `Given${n}`,
        familyName: `Member${n} (fictional)`,
        email: `m${n}-${event.slug}@example.org`,
        lang: "en",
        ...(head ? { head: "on" } : {}),
      });
      expect(nominated.status).toBe(200);
    }
    const members = await db.select().from(participants).where(eq(participants.delegationId, delegation.id));
    await reviewParticipants(ctx, event, { status: "approved", items: members.map((m) => ({ id: m.id, version: m.version })) });
    await issueMissingBadges({ ...ctx, secret: app.services.secret }, event);
    const head = members.find((m) => m.familyName.startsWith("Member1"))!;

    // The quota is full, yet the head's row offers a replacement.
    const page = await html(await app.fetch(`${portal}?replace=${head.id}`));
    expect(page).toContain("Replace Given1 Member1 (fictional)");
    // A refused successor (an email already registered) leaves everyone as they were.
    const refused = await postForm(portal, {
      intent: "replace",
      participantId: String(head.id),
      givenName: "Dup",
      familyName: "Duplicate",
      email: members[1].email,
      lang: "en",
    });
    expect(refused.status).toBe(422);
    expect((await db.select().from(participants).where(eq(participants.id, head.id)))[0].status).toBe("approved");

    const replaced = await postForm(portal, {
      intent: "replace",
      participantId: String(head.id),
      givenName: "Aigerim",
      familyName: "Successor (fictional)",
      email: `successor-${event.slug}@example.org`,
      lang: "ru",
    });
    expect(replaced.status).toBe(200);
    expect(await html(replaced)).toContain("Given1 Member1 (fictional) is replaced by Aigerim Successor (fictional).");
    const [old] = await db.select().from(participants).where(eq(participants.id, head.id));
    expect(old.status).toBe("withdrawn");
    const [successor] = await db
      .select()
      .from(participants)
      .where(eq(participants.email, `successor-${event.slug}@example.org`));
    const [hod] = await db
      .select()
      .from(categories)
      .where(and(eq(categories.eventId, event.id), eq(categories.code, "hod")));
    expect(successor).toMatchObject({ status: "pending", delegationId: delegation.id, categoryId: hod.id });
    expect((await db.select().from(delegations).where(eq(delegations.id, delegation.id)))[0].headParticipantId).toBe(successor.id);
    const [badge] = await db.select().from(badges).where(eq(badges.participantId, head.id));
    expect(badge.revokedAt).not.toBeNull();
    expect(await db.select({ reason: badgeRevocations.reason }).from(badgeRevocations).where(eq(badgeRevocations.participantId, head.id))).toEqual([
      { reason: "substituted" },
    ]);
    const told = await waitForMail(app, focal, /replaced by/);
    expect(told.subject).toContain("Given1 Member1 (fictional) replaced by Aigerim Successor (fictional)");
    expect(told.text).toContain("Republic of Kazakhstan (test)");
    expect(told.text).toContain(portal);
    await waitForMail(app, successor.email);

    // The same member cannot be replaced twice.
    const again = await postForm(portal.replace("/en/", "/ru/"), {
      intent: "replace",
      participantId: String(head.id),
      givenName: "X",
      familyName: "Y",
      email: `x-${event.slug}@example.org`,
      lang: "en",
    });
    expect(again.status).toBe(422);
    expect(await html(again)).toContain("Этот член делегации уже отозван.");
  });
});
