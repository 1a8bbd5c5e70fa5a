import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import type { Db, DbOrTx } from "../../db/index.ts";
import { htmlLang, textDirection } from "../../i18n/index.ts";
import { channels, notify } from "../shared/notify.ts";
import { mailOutbox } from "./schema.ts";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  lang: string;
  /** Same key, same message: enqueueing twice is a no-op. */
  idempotencyKey: string;
  /** For the event's delivery view (features/mail/schema.ts). */
  eventId?: number | null;
  kind?: string | null;
  participantId?: number | null;
}

/**
 * Call inside the transaction of the change that causes the mail. The outbox workers are woken when it
 * commits (a NOTIFY in the same transaction: server/notifications.ts), so the message leaves at once.
 */
export async function enqueueMail(tx: DbOrTx, mail: OutgoingMail, domain = "plenary.example.org"): Promise<void> {
  await tx
    .insert(mailOutbox)
    .values({ ...mail, html: mail.html ?? null, messageId: `<${randomUUID()}@${domain}>` })
    .onConflictDoNothing({ target: mailOutbox.idempotencyKey });
  await notify(tx, channels.outbox);
}

/**
 * Many messages at once (a reminder to thousands), in the caller's transaction: multi-row inserts of
 * `chunk` rows, a key already queued left as it is. Returns how many messages are new.
 */
export async function enqueueMany(tx: DbOrTx, mails: readonly OutgoingMail[], domain = "plenary.example.org", chunk = 1000): Promise<number> {
  let queued = 0;
  for (let i = 0; i < mails.length; i += chunk) {
    const rows = await tx
      .insert(mailOutbox)
      .values(mails.slice(i, i + chunk).map((mail) => ({ ...mail, html: mail.html ?? null, messageId: `<${randomUUID()}@${domain}>` })))
      .onConflictDoNothing({ target: mailOutbox.idempotencyKey })
      .returning({ id: mailOutbox.id });
    queued += rows.length;
  }
  if (queued) await notify(tx, channels.outbox);
  return queued;
}

const maxAttempts = 8;
const leaseMs = 5 * 60_000;

/** Back-off after the n-th failed attempt: 10 s, 20 s, 40 s … capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** (attempts - 1), 3_600_000);
}

/**
 * Sends what is due. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so several instances never take the
 * same message; a message marked sent is never sent again. Rows are claimed with a lease, so an instance that dies mid-batch
 * leaves them to be retried. The one window for a duplicate is a crash
 * between the SMTP server's acceptance and the update below.
 */
export async function deliverDue(db: Db, transport: Transporter, from: string, now = new Date(), batch = 50): Promise<number> {
  // Claim a batch with a lease: other instances skip these rows until the lease runs out.
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, now)))
    .orderBy(asc(mailOutbox.id))
    .limit(batch)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(mailOutbox)
    .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
    .where(inArray(mailOutbox.id, due))
    .returning();
  if (rows.length === 0) return 0;
  rows.sort((a, b) => a.id - b.id);
  let sent = 0;
  for (const row of rows) {
    try {
      await transport.sendMail({
        from,
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html ?? rightToLeftHtml(row.text, row.lang),
        messageId: row.messageId,
        headers: { "Content-Language": row.lang, "X-Idempotency-Key": row.idempotencyKey },
      });
      await db
        .update(mailOutbox)
        .set({ status: "sent", sentAt: new Date(), attempts: row.attempts + 1, lastError: null })
        .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.status, "pending")));
      sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      await db
        .update(mailOutbox)
        .set({
          attempts,
          status: attempts >= maxAttempts ? "failed" : "pending",
          nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
          lastError: error instanceof Error ? error.message.slice(0, 500) : "error",
        })
        .where(eq(mailOutbox.id, row.id));
    }
  }
  return sent;
}

/**
 * The worker loop: polls the outbox, and looks at once when woken (a NOTIFY after a transaction queued
 * mail). A wake while a pass runs is kept: that pass may have read the outbox before the new mail committed.
 */
export function startOutboxWorker(db: Db, transport: Transporter, from: string, intervalMs = 2000) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | null = null;
  let wokenWhileRunning = false;
  let stopped = false;
  const tick = async () => {
    if (stopped || running) return;
    wokenWhileRunning = false;
    running = deliverDue(db, transport, from).catch((error) => console.error("outbox:", error instanceof Error ? error.message : error));
    await running;
    running = null;
    if (!stopped) timer = setTimeout(tick, wokenWhileRunning ? 0 : intervalMs);
  };
  timer = setTimeout(tick, 100);
  return {
    wake() {
      if (stopped) return;
      if (running) {
        wokenWhileRunning = true;
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export async function outboxCounts(db: DbOrTx) {
  const rows = await db.select({ status: mailOutbox.status, n: sql<number>`count(*)::int` }).from(mailOutbox).groupBy(mailOutbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/**
 * Our emails are plain text; a plain text has no direction, and mail programs lay Arabic out left to right.
 * A message in a right-to-left language also carries its text as HTML marked `dir="rtl"`, its addresses
 * isolated left to right, so the links and Latin names inside it stay whole.
 */
export function rightToLeftHtml(text: string, lang: string): string | undefined {
  if (textDirection(lang) !== "rtl") return undefined;
  const body = escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}" dir="ltr">${url}</a>`);
  return `<!doctype html><html lang="${htmlLang(lang)}" dir="rtl"><head><meta charset="utf-8"></head><body><div dir="rtl" style="white-space: pre-wrap; text-align: right">${body}</div></body></html>`;
}
