import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/index.ts";
import { decodeCode } from "../badges/code.ts";
import { recentKeys, verifyEd25519 } from "../badges/keys.ts";
import type { LinkContext } from "../shared/context.ts";
import { parseInput } from "../shared/validate.ts";
import { decide, type KnownKey } from "./decide.ts";
import { type AdmittedScan, derivePresence } from "./derive-presence.ts";
import { scanBatchInput } from "./input.ts";
import type { KioskSession } from "./kiosks.ts";
import { revokedVersions, rosterStates } from "./roster.ts";
import { checkinLists, kiosks, presence, scanOutcomes, scans } from "./schema.ts";
import type { RefusalReason } from "./vocabulary.ts";

/** What the server answers for each scan of a batch, new or already known: the kiosk corrects its display by it. */
export interface ScanReceipt {
  nonce: string;
  verdict: "accepted" | "refused";
  reason: RefusalReason | null;
  /** Set when this entry repeats an earlier one (another gate let the same badge through): kept, not counted. */
  duplicateOf: { scanId: number; listId: number; at: string } | null;
}

type ScanRow = typeof scans.$inferInsert;

/**
 * Stores a kiosk's scans (append-only; a nonce already stored is a no-op that answers the same), then
 * derives again, from all their scans in time order, where each person concerned is. Returns a receipt
 * per scan, in the order sent. The kiosk acts through its device token (a LinkContext).
 *
 * Requests that arrive together are committed together (`commitTogether`): each commit waits for the
 * disk, and one wait for many requests is what lets one instance take thousands of scans a second. A
 * request is answered only once its scans are committed, so an acknowledged scan is never lost.
 */
export async function recordScans(ctx: LinkContext, session: KioskSession, input: unknown): Promise<ScanReceipt[]> {
  const { scans: batch } = parseInput(scanBatchInput, input);
  // Decided here, in parallel with other requests; only the writes wait for the shared commit.
  const rows = await decideScans(ctx.db, session, batch, ctx.now);
  const receipts = await commitTogether(ctx.db, { session, rows });
  await markSeen(ctx.db, session.kiosk.id, ctx.now);
  return receipts;
}

type ScanBatch = ReturnType<typeof scanBatchInput.parse>["scans"];

/** Decides on each scan of one request as the server sees it now: the scan rows to store. */
async function decideScans(db: DbOrTx, session: KioskSession, batch: ScanBatch, receivedAt: Date): Promise<ScanRow[]> {
  const { event, list, kiosk } = session;
  const decoded = batch.map((s) => decodeCode(s.code));
  const ids = [...new Set(decoded.flatMap((d) => (d && d.claims.eventId === event.id ? [d.claims.participantId] : [])))];
  const [keys, roster, revoked] = await Promise.all([loadKeys(db, event.id, receivedAt), rosterStates(db, event.id, ids), revokedVersions(db, event.id, ids)]);
  return batch.map((s, i) => {
    const kioskClock = new Date(s.scannedAt);
    const scannedAt = new Date(kioskClock.getTime() + s.clockOffsetMs);
    const decision = decide({
      code: s.code,
      eventId: event.id,
      timeZone: event.timezone,
      now: scannedAt,
      keys,
      rules: list,
      person: (id) => roster.get(id),
      isRevoked: (id, version) => revoked.has(`${id}:${version}`),
      verify: verifyEd25519,
    });
    // Only a code whose signature held names a person: a forged one names nobody.
    const claims = decision.ok || decision.reason !== "bad_signature" ? decision.claims : undefined;
    return {
      eventId: event.id,
      nonce: s.nonce,
      kioskId: kiosk.id,
      listId: list.id,
      code: s.code,
      participantId: decoded[i] && claims ? claims.participantId : null,
      badgeVersion: claims?.version ?? null,
      shown: s.shown,
      shownReason: s.shown === "accepted" ? null : (s.shownReason ?? null),
      overrideReason: s.shown === "overridden" ? (s.overrideReason ?? "") : null,
      verdict: decision.ok ? ("accepted" as const) : ("refused" as const),
      verdictReason: decision.ok ? null : decision.reason,
      scannedAt,
      kioskClock,
      clockOffsetMs: s.clockOffsetMs,
      receivedAt,
    };
  });
}

interface Pending {
  session: KioskSession;
  rows: ScanRow[];
  resolve(receipts: ScanReceipt[]): void;
  reject(error: unknown): void;
}

/** Per database (one per instance; tests may start several): the requests waiting for the next commit. */
const queues = new WeakMap<object, { waiting: Pending[]; running: boolean }>();
const maxScansPerCommit = 2000;

/** Queues one request's scans for the next commit; resolves with its receipts once they are committed. */
function commitTogether(db: Db, item: Omit<Pending, "resolve" | "reject">): Promise<ScanReceipt[]> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], running: false }));
  const q = queue;
  return new Promise<ScanReceipt[]>((resolve, reject) => {
    q.waiting.push({ ...item, resolve, reject });
    if (!q.running) void drain(db, q);
  });
}

async function drain(db: Db, q: { waiting: Pending[]; running: boolean }) {
  q.running = true;
  try {
    while (q.waiting.length > 0) {
      // Everything that arrived while the last commit waited for the disk goes into this one.
      const group: Pending[] = [];
      let size = 0;
      while (q.waiting.length > 0 && (group.length === 0 || size + q.waiting[0].rows.length <= maxScansPerCommit)) {
        const next = q.waiting.shift()!;
        group.push(next);
        size += next.rows.length;
      }
      try {
        const receipts = await commitScans(db, group);
        group.forEach((p, i) => {
          p.resolve(receipts[i]);
        });
      } catch (error) {
        // One bad request must not fail the others: alone, each fails or succeeds on its own.
        if (group.length === 1) group[0].reject(error);
        else for (const p of group) commitScans(db, [p]).then(([r]) => p.resolve(r), p.reject);
      }
    }
  } finally {
    q.running = false;
  }
}

/** One transaction for several requests: the scans, then the derived state of everyone they concern. */
async function commitScans(db: Db, group: Pending[]): Promise<ScanReceipt[][]> {
  return db.transaction(async (tx) => {
    const rows = group.flatMap((p) => p.rows);
    const inserted = await tx
      .insert(scans)
      .values(rows)
      .onConflictDoNothing({ target: [scans.eventId, scans.nonce] })
      .returning({ eventId: scans.eventId, participantId: scans.participantId });
    const byEvent = new Map<number, Set<number>>();
    for (const r of inserted) if (r.participantId !== null) byEvent.set(r.eventId, (byEvent.get(r.eventId) ?? new Set()).add(r.participantId));
    for (const [eventId, people] of byEvent) {
      const timeZone = group.find((p) => p.session.event.id === eventId)!.session.event.timezone;
      await derive(
        tx,
        eventId,
        timeZone,
        [...people].sort((a, b) => a - b),
        new Date(),
      );
    }
    const receipts = await receiptsOf(
      tx,
      rows.map((r) => ({ eventId: r.eventId, nonce: r.nonce })),
    );
    let at = 0;
    return group.map((p) => {
      const mine = receipts.slice(at, at + p.rows.length);
      at += p.rows.length;
      return mine;
    });
  });
}

/** When each kiosk was last heard from, written at most every 30 s: a row every scan would update is a lock every scan would wait for. */
const seenAt = new Map<number, number>();
async function markSeen(db: DbOrTx, kioskId: number, now: Date): Promise<void> {
  if ((seenAt.get(kioskId) ?? 0) > now.getTime() - 30_000) return;
  seenAt.set(kioskId, now.getTime());
  await db.update(kiosks).set({ lastSeenAt: now }).where(eq(kiosks.id, kioskId));
}

async function loadKeys(db: DbOrTx, eventId: number, now: Date): Promise<KnownKey[]> {
  return (await recentKeys(db, eventId, now)).map((k) => ({ keyId: k.keyId, publicKey: new Uint8Array(Buffer.from(k.publicKey, "base64url")) }));
}

/**
 * Derives these people's presence and duplicate flags again from all their admitted scans: never patched.
 * Their presence rows are taken (and locked) first, in id order, so that batches about the same people,
 * on any instance, derive one after the other and each sees the other's scans.
 */
export async function derive(tx: DbOrTx, eventId: number, timeZone: string, people: readonly number[], now: Date): Promise<void> {
  if (people.length === 0) return;
  await tx
    .insert(presence)
    .values(people.map((participantId) => ({ eventId, participantId, inVenue: false, updatedAt: now })))
    .onConflictDoUpdate({ target: [presence.eventId, presence.participantId], set: { updatedAt: now } });
  const admitted = await tx
    .select({
      id: scans.id,
      participantId: scans.participantId,
      scannedAt: scans.scannedAt,
      kind: checkinLists.kind,
      direction: checkinLists.direction,
      roomId: checkinLists.roomId,
    })
    .from(scans)
    .innerJoin(checkinLists, eq(checkinLists.id, scans.listId))
    .where(and(eq(scans.eventId, eventId), inArray(scans.participantId, [...people]), inArray(scans.shown, ["accepted", "overridden"])));
  const byPerson = new Map<number, AdmittedScan[]>(people.map((p) => [p, []]));
  for (const s of admitted) byPerson.get(s.participantId!)?.push(s);
  const outcomes: (typeof scanOutcomes.$inferInsert)[] = [];
  const states: { participantId: number; inVenue: boolean; roomId: number | null; lastScanId: number | null }[] = [];
  for (const [participantId, mine] of byPerson) {
    const derived = derivePresence(mine, timeZone);
    for (const [scanId, duplicateOf] of derived.duplicateOf) outcomes.push({ scanId, eventId, participantId, duplicateOf });
    states.push({ participantId, inVenue: derived.inVenue, roomId: derived.roomId, lastScanId: derived.lastScanId });
  }
  await tx.delete(scanOutcomes).where(and(eq(scanOutcomes.eventId, eventId), inArray(scanOutcomes.participantId, [...people])));
  if (outcomes.length > 0) await tx.insert(scanOutcomes).values(outcomes);
  // One statement for everyone: the derived values travel as a JSON array.
  await tx.execute(sql`
    update ${presence} set in_venue = d.in_venue, room_id = d.room_id, last_scan_id = d.last_scan_id, updated_at = ${now}
    from jsonb_to_recordset(${JSON.stringify(states.map((s) => ({ participant_id: s.participantId, in_venue: s.inVenue, room_id: s.roomId, last_scan_id: s.lastScanId })))}::jsonb)
      as d(participant_id int, in_venue boolean, room_id int, last_scan_id bigint)
    where ${presence.eventId} = ${eventId} and ${presence.participantId} = d.participant_id`);
}

/** Receipts for these scans, in the order given, from what is stored (new and old alike). */
async function receiptsOf(db: DbOrTx, wanted: { eventId: number; nonce: string }[]): Promise<ScanReceipt[]> {
  const eventIds = [...new Set(wanted.map((w) => w.eventId))];
  const rows = await db
    .select({ eventId: scans.eventId, nonce: scans.nonce, verdict: scans.verdict, reason: scans.verdictReason, duplicateOf: scanOutcomes.duplicateOf })
    .from(scans)
    .leftJoin(scanOutcomes, eq(scanOutcomes.scanId, scans.id))
    .where(and(inArray(scans.eventId, eventIds), inArray(scans.nonce, [...new Set(wanted.map((w) => w.nonce))])));
  const firsts = [...new Set(rows.flatMap((r) => (r.duplicateOf === null ? [] : [r.duplicateOf])))];
  const earlier = firsts.length
    ? await db.select({ id: scans.id, listId: scans.listId, at: scans.scannedAt }).from(scans).where(inArray(scans.id, firsts))
    : [];
  const byId = new Map(earlier.map((e) => [e.id, e]));
  const byNonce = new Map(rows.map((r) => [`${r.eventId}:${r.nonce}`, r]));
  return wanted.map(({ eventId, nonce }) => {
    const r = byNonce.get(`${eventId}:${nonce}`)!;
    const first = r.duplicateOf === null ? undefined : byId.get(r.duplicateOf);
    return {
      nonce,
      verdict: r.verdict,
      reason: r.reason,
      duplicateOf: first ? { scanId: first.id, listId: first.listId, at: first.at.toISOString() } : null,
    };
  });
}
