import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { decodeCode } from "../badges/code.ts";
import { publishedKeys, verifyEd25519 } from "../badges/keys.ts";
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

/**
 * Stores a kiosk's scans (append-only; a nonce already stored is a no-op that answers the same), then
 * derives again, from all their scans in time order, where each person concerned is. Returns a receipt
 * per scan, in the order sent. The kiosk acts through its device token (a LinkContext).
 */
export async function recordScans(ctx: LinkContext, session: KioskSession, input: unknown): Promise<ScanReceipt[]> {
  const { scans: batch } = parseInput(scanBatchInput, input);
  const { event, list, kiosk } = session;
  const decoded = batch.map((s) => decodeCode(s.code));
  const ids = [...new Set(decoded.flatMap((d) => (d && d.claims.eventId === event.id ? [d.claims.participantId] : [])))];

  return ctx.db.transaction(async (tx) => {
    const [keys, roster, revoked] = await Promise.all([loadKeys(tx, event.id, ctx.now), rosterStates(tx, event.id, ids), revokedVersions(tx, event.id, ids)]);
    const rows = batch.map((s, i) => {
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
        receivedAt: ctx.now,
      };
    });
    const inserted = await tx
      .insert(scans)
      .values(rows)
      .onConflictDoNothing({ target: [scans.eventId, scans.nonce] })
      .returning({ participantId: scans.participantId });
    const touched = [...new Set(inserted.flatMap((r) => (r.participantId === null ? [] : [r.participantId])))].sort((a, b) => a - b);
    for (const participantId of touched) await derive(tx, event.id, event.timezone, participantId, ctx.now);
    await tx.update(kiosks).set({ lastSeenAt: ctx.now }).where(eq(kiosks.id, kiosk.id));
    return receipts(
      tx,
      event.id,
      batch.map((s) => s.nonce),
    );
  });
}

async function loadKeys(db: DbOrTx, eventId: number, now: Date): Promise<KnownKey[]> {
  return (await publishedKeys(db, eventId, now)).map((k) => ({ keyId: k.keyId, publicKey: new Uint8Array(Buffer.from(k.publicKey, "base64url")) }));
}

/** Derives one person's presence and duplicate flags again from all their admitted scans: never patched. */
export async function derive(tx: DbOrTx, eventId: number, timeZone: string, participantId: number, now: Date): Promise<void> {
  // The person's row of presence is taken first, so two batches about the same person derive one after the other.
  await tx.insert(presence).values({ eventId, participantId, inVenue: false, updatedAt: now }).onConflictDoNothing();
  await tx.execute(sql`select 1 from ${presence} where ${presence.eventId} = ${eventId} and ${presence.participantId} = ${participantId} for update`);
  const admitted = await tx
    .select({ id: scans.id, scannedAt: scans.scannedAt, kind: checkinLists.kind, direction: checkinLists.direction, roomId: checkinLists.roomId })
    .from(scans)
    .innerJoin(checkinLists, eq(checkinLists.id, scans.listId))
    .where(and(eq(scans.eventId, eventId), eq(scans.participantId, participantId), inArray(scans.shown, ["accepted", "overridden"])));
  const derived = derivePresence(admitted as AdmittedScan[], timeZone);
  await tx.delete(scanOutcomes).where(and(eq(scanOutcomes.eventId, eventId), eq(scanOutcomes.participantId, participantId)));
  if (derived.duplicateOf.size > 0) {
    await tx.insert(scanOutcomes).values([...derived.duplicateOf].map(([scanId, duplicateOf]) => ({ scanId, eventId, participantId, duplicateOf })));
  }
  await tx
    .update(presence)
    .set({ inVenue: derived.inVenue, roomId: derived.roomId, lastScanId: derived.lastScanId, updatedAt: now })
    .where(and(eq(presence.eventId, eventId), eq(presence.participantId, participantId)));
}

async function receipts(db: DbOrTx, eventId: number, nonces: string[]): Promise<ScanReceipt[]> {
  const rows = await db
    .select({ nonce: scans.nonce, verdict: scans.verdict, reason: scans.verdictReason, duplicateOf: scanOutcomes.duplicateOf })
    .from(scans)
    .leftJoin(scanOutcomes, eq(scanOutcomes.scanId, scans.id))
    .where(and(eq(scans.eventId, eventId), inArray(scans.nonce, nonces)));
  const firsts = rows.flatMap((r) => (r.duplicateOf === null ? [] : [r.duplicateOf]));
  const earlier = firsts.length
    ? await db.select({ id: scans.id, listId: scans.listId, at: scans.scannedAt }).from(scans).where(inArray(scans.id, firsts))
    : [];
  const byId = new Map(earlier.map((e) => [e.id, e]));
  const byNonce = new Map(rows.map((r) => [r.nonce, r]));
  return nonces.map((nonce) => {
    const r = byNonce.get(nonce)!;
    const first = r.duplicateOf === null ? undefined : byId.get(r.duplicateOf);
    return {
      nonce,
      verdict: r.verdict,
      reason: r.reason,
      duplicateOf: first ? { scanId: first.id, listId: first.listId, at: first.at.toISOString() } : null,
    };
  });
}
