import { and, asc, desc, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/index.ts";
import { formInteger } from "../shared/validate.ts";
import { mailOutbox, type OutboxStatus, outboxStatuses } from "./schema.ts";

/** The event's delivery view: what was sent to whom, and what is stuck. */
export const eventMailFilters = z.object({
  status: z.enum(outboxStatuses).optional().catch(undefined),
  kind: z
    .string()
    .regex(/^[A-Za-z][\w.]{0,39}$/)
    .optional()
    .catch(undefined),
  page: formInteger().min(1).max(100_000).optional().catch(undefined),
});
export type EventMailFilters = z.infer<typeof eventMailFilters>;

export const mailPageSize = 50;

const columns = {
  id: mailOutbox.id,
  to: mailOutbox.to,
  subject: mailOutbox.subject,
  kind: mailOutbox.kind,
  lang: mailOutbox.lang,
  participantId: mailOutbox.participantId,
  status: mailOutbox.status,
  attempts: mailOutbox.attempts,
  lastError: mailOutbox.lastError,
  sentAt: mailOutbox.sentAt,
  createdAt: mailOutbox.createdAt,
};

function conditions(eventId: number, filters: Pick<EventMailFilters, "status" | "kind">): SQL[] {
  const where: SQL[] = [eq(mailOutbox.eventId, eventId)];
  if (filters.status) where.push(eq(mailOutbox.status, filters.status));
  if (filters.kind) where.push(eq(mailOutbox.kind, filters.kind));
  return where;
}

/** Newest first, a page at a time. */
export async function listEventMail(db: DbOrTx, eventId: number, filters: EventMailFilters) {
  const where = and(...conditions(eventId, filters));
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(mailOutbox).where(where);
  const pages = Math.max(1, Math.ceil(total / mailPageSize));
  const page = Math.min(filters.page ?? 1, pages);
  const rows = await db
    .select(columns)
    .from(mailOutbox)
    .where(where)
    .orderBy(desc(mailOutbox.id))
    .limit(mailPageSize)
    .offset((page - 1) * mailPageSize);
  return { rows, total, page, pages };
}

/** Messages per status (within a kind, when one is chosen). */
export async function eventMailCounts(db: DbOrTx, eventId: number, kind?: string): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .select({ status: mailOutbox.status, n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .where(and(...conditions(eventId, { kind })))
    .groupBy(mailOutbox.status);
  const counts = { pending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** The kinds of message the event has sent, for the filter. */
export async function eventMailKinds(db: DbOrTx, eventId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ kind: mailOutbox.kind })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.eventId, eventId), isNotNull(mailOutbox.kind)))
    .orderBy(asc(mailOutbox.kind));
  return rows.map((r) => r.kind!);
}

/** What was written to one participant, newest first. */
export async function participantMail(db: DbOrTx, eventId: number, participantId: number, limit = 20) {
  return db
    .select(columns)
    .from(mailOutbox)
    .where(and(eq(mailOutbox.eventId, eventId), eq(mailOutbox.participantId, participantId)))
    .orderBy(desc(mailOutbox.id))
    .limit(limit);
}

export type EventMailRow = Awaited<ReturnType<typeof participantMail>>[number];

/** The instance's latest messages, whatever their event (the administrators' outbox page). */
export function recentOutbox(db: DbOrTx, limit = 50) {
  return db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.to,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.id))
    .limit(limit);
}
