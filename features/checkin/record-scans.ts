import { eq } from "drizzle-orm";
import type { Database, DbOrTx } from "../../db/index.ts";
import { type Pipeline, pipelinedTransaction } from "../../db/pipeline.ts";
import { type DecodedCode, decodeCode } from "../badges/code.ts";
import { recentKeys, verifyEd25519 } from "../badges/keys.ts";
import type { LinkContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { type DecideInput, decide, type KnownKey } from "./decide.ts";
import { scanBatchInput } from "./input.ts";
import type { KioskSession } from "./kiosks.ts";
import { kiosks } from "./schema.ts";
import { type DoorStates, insertScans, lockAndRead, type NewScan, storedReceipts, writeDerived } from "./store-scans.ts";
import type { RefusalReason } from "./vocabulary.ts";

/** What the server answers for each scan of a batch, new or already known: the kiosk corrects its display by it. */
export interface ScanReceipt {
  nonce: string;
  verdict: "accepted" | "refused";
  reason: RefusalReason | null;
  /** Set when this entry repeats an earlier one (another gate let the same badge through): kept, not counted. */
  duplicateOf: { scanId: number; listId: number; at: string } | null;
}

/**
 * Stores a kiosk's scans (append-only; a nonce already stored is a no-op that answers the same), then
 * derives again, from all their scans in time order, where each person concerned is. Returns a receipt
 * per scan, in the order sent. The kiosk acts through its device token (a LinkContext).
 *
 * Requests that arrive together are committed together (`commitTogether`): each commit waits for the
 * disk, and one wait for many requests is what lets one instance take thousands of scans a second. A
 * request is answered only once its scans are committed, so an acknowledged scan is never lost. The
 * signatures are checked first, per request and outside any transaction (the CPU part of a decision);
 * the rest of the decision (revoked? superseded? withdrawn?) reads the roster once per commit, inside
 * it, so it is as fresh as if each scan had read it alone.
 */
export async function recordScans(ctx: LinkContext, database: Database, session: KioskSession, input: unknown): Promise<ScanReceipt[]> {
  const { scans: batch } = parseInput(scanBatchInput, input);
  const keys = await loadKeys(ctx.db, session.event.id, ctx.now);
  const checked = batch.map((s) => checkSignature(s.code, session.event.id, keys));
  const receipts = await commitTogether(database, {
    session,
    scans: batch,
    keys,
    decoded: checked.map((c) => c.decoded),
    signed: checked.map((c) => c.signed),
    named: checked.map((c) => c.names),
    receivedAt: ctx.now,
  });
  await markSeen(ctx.db, session.kiosk.id, ctx.now);
  return receipts;
}

type ScanBatch = ReturnType<typeof scanBatchInput.parse>["scans"];

/**
 * A code's signature, checked once: whether it holds, and the person the code names. A code of another
 * event or unreadable names nobody, nor does one whose signature fails (a forged code); one signed by a key
 * the event does not publish still names its person, as `decide` does (refused as "unknown_key").
 */
function checkSignature(code: string, eventId: number, keys: readonly KnownKey[]): { decoded: DecodedCode | null; signed: boolean; names: number | null } {
  const decoded = decodeCode(code);
  if (!decoded || decoded.claims.eventId !== eventId) return { decoded, signed: false, names: null };
  const key = keys.find((k) => k.keyId === decoded.claims.keyId);
  if (!key) return { decoded, signed: false, names: decoded.claims.participantId };
  const signed = verifyEd25519(decoded.signature, decoded.signed, key.publicKey);
  return { decoded, signed, names: signed ? decoded.claims.participantId : null };
}

interface Pending {
  session: KioskSession;
  scans: ScanBatch;
  keys: readonly KnownKey[];
  /** Per scan: its code, decoded once. */
  decoded: readonly (DecodedCode | null)[];
  /** Per scan: whether its signature held (checked before queueing). */
  signed: readonly boolean[];
  /** Per scan: the person its code names, known without the roster (see `checkSignature`). */
  named: readonly (number | null)[];
  receivedAt: Date;
  resolve(receipts: ScanReceipt[]): void;
  reject(error: unknown): void;
}

interface Queue {
  waiting: Pending[];
  running: number;
}

/** Per database (one per instance; tests may start several) and event: the requests waiting for the next commit. */
const queues = new WeakMap<object, Map<number, Queue>>();
const maxScansPerCommit = 2000;
/**
 * Commits under way at once per event and instance. One: each commit then takes everything that arrived
 * while the previous one ran, and bigger commits cost less a scan (measured: two at once were no faster).
 * Commits of other instances about the same people take turns on their presence rows (store-scans.ts).
 */
const commitsAtOnce = 1;

/** Queues one request's scans for the next commit; resolves with its receipts once they are committed. */
function commitTogether(db: Database, item: Omit<Pending, "resolve" | "reject">): Promise<ScanReceipt[]> {
  let byEvent = queues.get(db);
  if (!byEvent) queues.set(db, (byEvent = new Map()));
  let queue = byEvent.get(item.session.event.id);
  if (!queue) byEvent.set(item.session.event.id, (queue = { waiting: [], running: 0 }));
  const q = queue;
  return new Promise<ScanReceipt[]>((resolve, reject) => {
    q.waiting.push({ ...item, resolve, reject });
    if (q.running < commitsAtOnce) void drain(db, q);
  });
}

async function drain(db: Database, q: Queue) {
  q.running++;
  try {
    while (q.waiting.length > 0) {
      // Everything that arrived while the last commit waited for the disk goes into this one.
      const group: Pending[] = [];
      let size = 0;
      while (q.waiting.length > 0 && (group.length === 0 || size + q.waiting[0].scans.length <= maxScansPerCommit)) {
        const next = q.waiting.shift()!;
        group.push(next);
        size += next.scans.length;
      }
      try {
        const receipts = await commitScans(db, group);
        group.forEach((p, i) => {
          const r = receipts[i];
          if (r instanceof AppError) p.reject(r);
          else p.resolve(r);
        });
      } catch (error) {
        // One bad request must not fail the others: alone, each fails or succeeds on its own.
        if (group.length === 1) group[0].reject(error);
        else for (const p of group) commitScans(db, [p]).then(([r]) => (r instanceof AppError ? p.reject(r) : p.resolve(r)), p.reject);
      }
    }
  } finally {
    q.running--;
  }
}

/**
 * One transaction for several requests of one event (store-scans.ts has its statements): the roster's
 * word on everyone they name, with the presence rows of those let in taken; the decisions; the new scans;
 * the derived state of everyone concerned. Receipts come from what this transaction decided and derived;
 * only nonces stored before (retries) are read back.
 */
async function commitScans(database: Database, group: Pending[]): Promise<(ScanReceipt[] | AppError)[]> {
  const { event } = group[0].session;
  return pipelinedTransaction(database, async (tx: Pipeline) => {
    // Who each scan names does not depend on the roster (a forged code names nobody): known before reading it.
    const read = new Set<number>();
    const lock = new Set<number>();
    group.forEach((p) => {
      p.scans.forEach((s, i) => {
        const id = p.named[i];
        if (id === null) return;
        read.add(id);
        if (s.shown !== "refused") lock.add(id);
      });
    });
    const people = [...lock].sort((a, b) => a - b);
    const states = await lockAndRead(tx, event.id, people, [...read], new Date());
    const decided = group.map((p) => p.scans.map((_, i) => toRow(p, i, states)));
    // One row per nonce (a retry may arrive beside its original), in nonce order: two commits that hold
    // the same nonces take them in the same order, so neither waits for the other while holding one.
    const unique = new Map<string, NewScan>();
    for (const rows of decided) for (const row of rows) if (!unique.has(row.nonce)) unique.set(row.nonce, row);
    const rows = [...unique.values()].sort((a, b) => (a.nonce < b.nonce ? -1 : a.nonce > b.nonce ? 1 : 0));
    const { inserted, admitted } = await insertScans(tx, event.id, rows, people);
    const { repeats, written } = writeDerived(tx, event.id, event.timezone, people, admitted, new Date());
    const known = await storedReceipts(
      tx,
      event.id,
      rows.flatMap((r) => (inserted.has(r.nonce) ? [] : [r.nonce])),
    );
    const receipts = group.map((p, g) => {
      // Neither stored now nor before: its kiosk was withdrawn after this instance last looked it up.
      if (decided[g].some((row) => !inserted.has(row.nonce) && !known.has(row.nonce))) return new AppError(401, "kiosk.invalid");
      return decided[g].map((row, i): ScanReceipt => {
        const id = inserted.get(row.nonce);
        // The nonce as the kiosk sent it: it acknowledges its queue by that text.
        const nonce = p.scans[i].nonce;
        if (id === undefined) return { nonce, ...known.get(row.nonce)! };
        const stored = unique.get(row.nonce)!;
        return { nonce, verdict: stored.verdict, reason: stored.verdictReason, duplicateOf: repeats.get(id) ?? null };
      });
    });
    // The derived state's statement is still on its way: the COMMIT follows it at once.
    return { value: receipts, last: written ?? undefined };
  });
}

function decideOne(p: Pending, i: number, states: DoorStates) {
  const { event, list } = p.session;
  const s = p.scans[i];
  const input: DecideInput = {
    code: s.code,
    decoded: p.decoded[i],
    eventId: event.id,
    timeZone: event.timezone,
    now: new Date(new Date(s.scannedAt).getTime() + s.clockOffsetMs),
    keys: p.keys,
    rules: list,
    person: (id) => states.roster.get(id),
    isRevoked: (id, version) => states.revoked.has(`${id}:${version}`),
    verify: () => p.signed[i],
  };
  return decide(input);
}

/** Only a code whose signature held names a person: a forged one names nobody. */
const claimsOf = (decision: ReturnType<typeof decide>) => (decision.ok || decision.reason !== "bad_signature" ? decision.claims : undefined);

/** Decides on one scan as the server sees it now: the row to store. */
function toRow(p: Pending, i: number, states: DoorStates): NewScan {
  const { list, kiosk } = p.session;
  const s = p.scans[i];
  const decision = decideOne(p, i, states);
  const claims = claimsOf(decision);
  const kioskClock = new Date(s.scannedAt);
  return {
    nonce: s.nonce.toLowerCase(),
    kioskId: kiosk.id,
    listId: list.id,
    code: s.code,
    participantId: claims?.participantId ?? null,
    badgeVersion: claims?.version ?? null,
    shown: s.shown,
    shownReason: s.shown === "accepted" ? null : (s.shownReason ?? null),
    overrideReason: s.shown === "overridden" ? (s.overrideReason ?? "") : null,
    verdict: decision.ok ? "accepted" : "refused",
    verdictReason: decision.ok ? null : decision.reason,
    scannedAt: new Date(kioskClock.getTime() + s.clockOffsetMs),
    kioskClock,
    clockOffsetMs: s.clockOffsetMs,
    receivedAt: p.receivedAt,
  };
}

/** When each kiosk was last heard from, written at most every 30 s: a row every scan would update is a lock every scan would wait for. */
const seenAt = new Map<number, number>();
async function markSeen(db: DbOrTx, kioskId: number, now: Date): Promise<void> {
  if ((seenAt.get(kioskId) ?? 0) > now.getTime() - 30_000) return;
  seenAt.set(kioskId, now.getTime());
  await db.update(kiosks).set({ lastSeenAt: now }).where(eq(kiosks.id, kioskId));
}

/** The event's keys as `decide` takes them, converted once for each list `recentKeys` hands out (kept 5 s). */
const converted = new WeakMap<object, KnownKey[]>();
async function loadKeys(db: DbOrTx, eventId: number, now: Date): Promise<KnownKey[]> {
  const published = await recentKeys(db, eventId, now);
  let keys = converted.get(published);
  if (!keys) {
    keys = published.map((k) => ({ keyId: k.keyId, publicKey: new Uint8Array(Buffer.from(k.publicKey, "base64url")) }));
    converted.set(published, keys);
  }
  return keys;
}
