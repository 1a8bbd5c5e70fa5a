import { and, asc, eq, gt, inArray, lt, min, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { channels, maxPayloadBytes, notify } from "../shared/notify.ts";
import { liveMessages, liveSequences } from "./schema.ts";
import type { LiveData, LiveMessage, LiveTopic } from "./topics.ts";

/** How long messages are kept for clients that reconnect. */
export const liveRetentionMs = 3_600_000;
/** A client further behind than this is told to reload instead (`reset`). */
export const maxReplay = 500;

/** What travels by NOTIFY: the message itself when it fits, else its number (the listener reads the row). */
export interface LiveNotice {
  e: number;
  s: number;
  t: string;
  d?: Record<string, unknown>;
}

/**
 * Publishes a message to the event's followers of `topic`. Pass the transaction of the change it reports:
 * it is stored and sent when that commits, and never if it rolls back. The event's message counter stays
 * locked until then, so call it last, in a short transaction. Given the database instead, it commits at once.
 */
export async function publishLive<T extends LiveTopic>(db: DbOrTx, eventId: number, topic: T, data: LiveData<T>): Promise<number> {
  return db.transaction(async (tx) => {
    const [{ seq }] = await tx
      .insert(liveSequences)
      .values({ eventId, seq: 1 })
      .onConflictDoUpdate({ target: liveSequences.eventId, set: { seq: sql`${liveSequences.seq} + 1` } })
      .returning({ seq: liveSequences.seq });
    const body = data as Record<string, unknown>;
    await tx.insert(liveMessages).values({ eventId, seq, topic, data: body });
    const full = JSON.stringify({ e: eventId, s: seq, t: topic, d: body } satisfies LiveNotice);
    await notify(tx, channels.live, Buffer.byteLength(full) < maxPayloadBytes ? full : JSON.stringify({ e: eventId, s: seq, t: topic } satisfies LiveNotice));
    return seq;
  });
}

/** The event's last message number (0 before the first). */
export async function currentSeq(db: DbOrTx, eventId: number): Promise<number> {
  const [row] = await db.select({ seq: liveSequences.seq }).from(liveSequences).where(eq(liveSequences.eventId, eventId));
  return row?.seq ?? 0;
}

/**
 * Messages of `topics` after `after`, oldest first, at most `limit`, and the event's last number.
 * `complete` is false when some may be missing: purged already, more than the limit, or an `after` this
 * database never gave (another installation, a restored backup).
 */
export async function messagesSince(db: DbOrTx, eventId: number, topics: readonly LiveTopic[], after: number, limit = maxReplay) {
  // The last number first: a message committed after it is delivered live, and the caller skips it here.
  const current = await currentSeq(db, eventId);
  const [rows, [{ oldest }]] = await Promise.all([
    db
      .select({ seq: liveMessages.seq, topic: liveMessages.topic, data: liveMessages.data })
      .from(liveMessages)
      .where(and(eq(liveMessages.eventId, eventId), gt(liveMessages.seq, after), inArray(liveMessages.topic, [...topics])))
      .orderBy(asc(liveMessages.seq))
      .limit(limit + 1),
    db
      .select({ oldest: min(liveMessages.seq) })
      .from(liveMessages)
      .where(eq(liveMessages.eventId, eventId)),
  ]);
  const purged = oldest === null ? current > after : oldest > after + 1;
  return { messages: rows.slice(0, limit) as LiveMessage[], current, complete: !purged && after <= current && rows.length <= limit };
}

/** One stored message (a NOTIFY too large to carry it). */
export async function storedMessage(db: DbOrTx, eventId: number, seq: number): Promise<LiveMessage | undefined> {
  const [row] = await db
    .select({ seq: liveMessages.seq, topic: liveMessages.topic, data: liveMessages.data })
    .from(liveMessages)
    .where(and(eq(liveMessages.eventId, eventId), eq(liveMessages.seq, seq)));
  return row as LiveMessage | undefined;
}

/** Drops messages older than the retention (a scheduled job, server/jobs.ts). */
export async function purgeLiveMessages(db: DbOrTx, now: Date): Promise<number> {
  const gone = await db
    .delete(liveMessages)
    .where(lt(liveMessages.createdAt, new Date(now.getTime() - liveRetentionMs)))
    .returning({ seq: liveMessages.seq });
  return gone.length;
}
