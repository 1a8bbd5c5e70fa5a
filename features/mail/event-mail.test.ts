import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEvent, makeParticipant } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/server.ts";
import { type Staff, staff, waitForMail } from "../../test/staff.ts";
import type { EventRow } from "../events/queries.ts";
import { mailOutbox, type OutboxStatus } from "./schema.ts";

let app: TestServer;
let event: EventRow;
let eventId: number;
let ownerId: number;
let officer: Staff;
let personId: number;
let base: string;
let page: string;
const db = () => app.services.db;
const html = async (res: Response) => (await res.text()).replaceAll("&#x27;", "'").replaceAll("&quot;", '"');
const never = new Date("2100-01-01T00:00:00Z");

function message(key: string, fields: Partial<typeof mailOutbox.$inferInsert> = {}): typeof mailOutbox.$inferInsert {
  return {
    idempotencyKey: `test:${key}`,
    messageId: `<${key}@example.org>`,
    to: `${key}@example.org`,
    subject: `Subject ${key} (test)`,
    text: "Text",
    lang: "en",
    eventId,
    ...fields,
  };
}

beforeAll(async () => {
  app = await startTestServer({ demo: false });
  const made = await makeEvent(db(), { languages: ["en", "ru"], timezone: "Asia/Tashkent" });
  ({ event } = made);
  eventId = event.id;
  ownerId = made.owner.id;
  base = `/admin/e/${event.slug}`;
  page = `${base}/mail`;
  officer = await staff(app, { email: "officer@example.org", role: "accreditation_officer", eventId });
  ({ id: personId } = await makeParticipant(db(), event, ownerId, {
    category: "expert",
    givenName: "Mail",
    familyName: "Person (fictional)",
    email: "mail.person@example.org",
    lang: "en",
  }));
  const { event: other } = await makeEvent(db(), { languages: ["en"], timezone: "UTC" });
  // The worker leaves these alone: sent and failed messages are never retried, and the pending one is not due.
  await db()
    .insert(mailOutbox)
    .values([
      ...Array.from({ length: 55 }, (_, i) =>
        message(`bulk${i}`, { kind: "invitation", status: "sent", attempts: 1, sentAt: new Date("2030-01-09T09:00:00Z") }),
      ),
      message("sent", {
        kind: "approved",
        status: "sent",
        attempts: 1,
        sentAt: new Date("2030-01-10T13:00:00Z"),
        participantId: personId,
        to: "mail.person@example.org",
      }),
      message("failed", {
        kind: "reminder",
        status: "failed",
        attempts: 8,
        lastError: "550 Mailbox unavailable (test)",
        participantId: personId,
        to: "mail.person@example.org",
      }),
      message("pending", { kind: "received", status: "pending", nextAttemptAt: never }),
      message("elsewhere", { eventId: other.id, kind: "approved", status: "sent", sentAt: new Date() }),
    ]);
});
afterAll(async () => {
  await app?.stop();
});

async function counts(): Promise<Record<OutboxStatus, number>> {
  const rows = await db()
    .select({ status: mailOutbox.status, n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .where(eq(mailOutbox.eventId, eventId))
    .groupBy(mailOutbox.status);
  return { pending: 0, sent: 0, failed: 0, ...Object.fromEntries(rows.map((r) => [r.status, r.n])) };
}

describe("the event's sent email", () => {
  it("lists the event's messages newest first, with counts per status, in the event's time zone", async () => {
    const res = await officer.get(page);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const body = await html(res);
    const n = await counts();
    // 55 invitations and an approval sent, a reminder failed, a receipt waiting.
    expect(n).toEqual({ pending: 1, sent: 56, failed: 1 });
    expect(body).toContain(`Waiting (${n.pending})`);
    expect(body).toContain(`Sent (${n.sent})`);
    expect(body).toContain(`Failed (${n.failed})`);
    expect(body).toContain("550 Mailbox unavailable (test)");
    expect(body).toMatch(/Jan 10, 2030, 6:00\sPM/); // 13:00 UTC is 18:00 in Tashkent
    expect(body).toContain("Registration approved");
    expect(body).not.toContain("Subject elsewhere (test)");
    // Newest first: the last ones written come before the bulk.
    expect(body.indexOf("Subject pending (test)")).toBeLessThan(body.indexOf("Subject failed (test)"));
    expect(body.indexOf("Subject failed (test)")).toBeLessThan(body.indexOf("Subject bulk54 (test)"));
    expect(body).not.toContain("Subject bulk0 (test)"); // on page 2
    expect(await html(await officer.get(`${page}?page=2`))).toContain("Subject bulk0 (test)");
  });

  it.each([
    ["status=failed", ["Subject failed (test)"], ["Subject sent (test)", "Subject pending (test)"]],
    ["status=pending", ["Subject pending (test)"], ["Subject sent (test)", "Subject failed (test)"]],
    ["kind=approved", ["Subject sent (test)"], ["Subject failed (test)", "Subject bulk1 (test)", "Subject elsewhere (test)"]],
    ["kind=invitation&status=failed", ["No email matches these filters."], ["Subject bulk1 (test)"]],
    ["status=nonsense&kind=%3Cscript%3E", ["Subject sent (test)", "Subject failed (test)"], []],
  ])("filters by %s", async (query, present, absent) => {
    const body = await html(await officer.get(`${page}?${query}`));
    for (const text of present) expect(body).toContain(text);
    for (const text of absent) expect(body).not.toContain(text);
  });

  it("shows on the participant's page what was written to them, and whether it went out", async () => {
    const body = await html(await officer.get(`${base}/registrations/${personId}`));
    expect(body).toContain("Email to this person");
    expect(body).toContain("Subject sent (test)");
    expect(body).toContain("Subject failed (test)");
    expect(body).toContain("550 Mailbox unavailable (test)");
    expect(body).not.toContain("Subject pending (test)");
  });

  it("shows a real email once the worker has sent it", async () => {
    const person = await makeParticipant(db(), event, ownerId, {
      category: "expert",
      givenName: "Approved",
      familyName: "Reader (fictional)",
      email: "approved.reader@example.org",
      lang: "ru",
    });
    expect((await officer.post(`${base}/registrations`, { status: "approved", "items[]": [`${person.id}:${person.version}`] })).status).toBe(200);
    await waitForMail(app, "approved.reader@example.org");
    for (let i = 0; i < 50; i++) {
      const [row] = await db().select().from(mailOutbox).where(eq(mailOutbox.participantId, person.id));
      if (row.status === "sent") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const body = await html(await officer.get(`${base}/registrations/${person.id}`));
    expect(body).toContain(
      `Ваше участие в мероприятии «${event.title.ru}» подтверждено</td><td>Registration approved</td><td class="status-sent">Sent</td><td>1</td>`,
    );
  });

  it("is refused to staff who may not read registrations, strangers and anyone not signed in", async () => {
    for (const role of ["viewer", "programme_editor", "side_event_partner"] as const) {
      const who = await staff(app, { email: `${role}@example.org`, role, eventId });
      expect((await who.get(page)).status).toBe(403);
      expect(await html(await who.get(base))).not.toContain(`href="${page}"`);
    }
    const stranger = await staff(app, { email: "stranger@example.org" });
    expect((await stranger.get(page)).status).toBe(404);
    // A focal point or a participant holds a link, not an account: without a staff session the page sends to sign-in.
    const anonymous = await app.fetch(page);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/admin/sign-in?next=${encodeURIComponent(page)}`);
    expect(await html(await officer.get(base))).toContain(`href="${page}"`);
  });
});
