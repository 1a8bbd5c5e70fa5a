import { type Decision, decide, type KnownKey, type ListRules, type RosterState } from "./decide.ts";
import { maxCodeLength, maxOverrideReasonLength, type RefusalReason, type ScanResult } from "./vocabulary.ts";

/**
 * What a kiosk holds and does, with or without the network: the roster, keys and revocations it synced,
 * the decision for each code read, and the queue of scans waiting to be sent. Pure and free of Node and
 * of the DOM: the kiosk page keeps it in IndexedDB (app/kiosk/), and the tests drive it as a kiosk would.
 */
export interface KioskCategory {
  id: number;
  letter: string;
  colour: string;
  name: Record<string, string>;
}

export interface KioskLabels {
  kiosk: string;
  event: Record<string, string>;
  list: Record<string, string>;
  languages: string[];
}

export interface SyncPayload {
  serverTime: string;
  kiosk: { id: number; name: string };
  event: { id: number; timezone: string; title: Record<string, string>; languages: string[] };
  list: ListRules & { id: number; name: Record<string, string> };
  categories: KioskCategory[];
  keys: { keyId: number; publicKey: string }[];
  roster: {
    entries: (RosterState & { participantId: number; name: string; localName: string | null; photo: boolean })[];
    cursor: string | null;
    more: boolean;
  };
  revocations: { revocations: { participantId: number; version: number }[]; cursor: number; more: boolean };
}

export interface QueuedScan {
  nonce: string;
  code: string;
  shown: ScanResult;
  shownReason: RefusalReason | null;
  overrideReason: string | null;
  scannedAt: string;
  clockOffsetMs: number;
}

export interface KioskSnapshot {
  eventId: number;
  listId?: number;
  timeZone: string;
  rules: ListRules;
  keys: { keyId: number; publicKey: string }[];
  roster: [number, RosterState & { name: string; localName: string | null; photo: boolean }][];
  revoked: string[];
  rosterCursor: string | null;
  revocationCursor: number;
  clockOffsetMs: number;
  queue: QueuedScan[];
  setAside?: QueuedScan[];
  categories: KioskCategory[];
  labels: KioskLabels;
  lastSync: string | null;
}

export type Verify = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

export class KioskState {
  eventId = 0;
  /** The check-in list (door or room) this kiosk is bound to. */
  listId = 0;
  timeZone = "UTC";
  rules: ListRules = { direction: "entry", categoryIds: [], windows: [] };
  keys: KnownKey[] = [];
  private rawKeys: { keyId: number; publicKey: string }[] = [];
  roster = new Map<number, RosterState & { name: string; localName: string | null; photo: boolean }>();
  revoked = new Set<string>();
  rosterCursor: string | null = null;
  revocationCursor = 0;
  /** Server clock minus kiosk clock, from the last sync. */
  clockOffsetMs = 0;
  queue: QueuedScan[] = [];
  /**
   * Scans the server refused to take (a 422 for the scan alone): kept, never dropped, and no longer in the
   * queue, where they would block every later scan. They are tried once more when the kiosk starts again.
   */
  setAside: QueuedScan[] = [];
  /**
   * The refused scan on the guard's screen, which the operator may let through whether or not it was
   * sent already: it may have left the queue long before the operator types the reason.
   */
  lastRefused: QueuedScan | null = null;
  /** For the guard's screen: categories' letters and colours, the names of the kiosk, its door and event. */
  categories: KioskCategory[] = [];
  labels: KioskLabels = { kiosk: "", event: {}, list: {}, languages: [] };
  /** The kiosk's clock at the last complete sync. */
  lastSync: string | null = null;

  private readonly verify: Verify;
  /** How many scans a push may carry: halved while the server refuses batches whole, to find the scan it cannot take. */
  private batchLimit = Number.POSITIVE_INFINITY;

  constructor(verify: Verify) {
    this.verify = verify;
  }

  /** Takes one page of a sync answer; `receivedAt` is the kiosk's clock when it arrived. Returns whether more pages wait. */
  applySync(payload: SyncPayload, receivedAt: Date): boolean {
    this.eventId = payload.event.id;
    this.listId = payload.list.id;
    this.timeZone = payload.event.timezone;
    this.rules = { direction: payload.list.direction, categoryIds: payload.list.categoryIds, windows: payload.list.windows };
    this.rawKeys = payload.keys;
    this.keys = payload.keys.map((k) => ({ keyId: k.keyId, publicKey: fromBase64url(k.publicKey) }));
    for (const { participantId, ...entry } of payload.roster.entries) this.roster.set(participantId, entry);
    for (const r of payload.revocations.revocations) this.revoked.add(`${r.participantId}:${r.version}`);
    this.rosterCursor = payload.roster.cursor;
    this.revocationCursor = payload.revocations.cursor;
    this.clockOffsetMs = Date.parse(payload.serverTime) - receivedAt.getTime();
    this.categories = payload.categories;
    this.labels = { kiosk: payload.kiosk.name, event: payload.event.title, list: payload.list.name, languages: payload.event.languages };
    const more = payload.roster.more || payload.revocations.more;
    if (!more) this.lastSync = receivedAt.toISOString();
    return more;
  }

  /** The query of the next sync: only what changed since the last one. */
  syncQuery(): string {
    const q = new URLSearchParams();
    if (this.rosterCursor) q.set("roster", this.rosterCursor);
    if (this.revocationCursor) q.set("revocations", String(this.revocationCursor));
    return q.toString();
  }

  /**
   * Decides on a code read now, offline, and queues the scan with a fresh nonce; the guard sees the decision.
   * The code is recorded as the server can take it (see `storable`), and decided as recorded, so the guard
   * sees what the server will decide.
   */
  scan(read: string, now: Date): { decision: Decision; scan: QueuedScan } {
    const code = storable(read, maxCodeLength);
    const decision = decide({
      code,
      eventId: this.eventId,
      timeZone: this.timeZone,
      // The decision uses the server's time as best known: a kiosk whose clock is off does not open early.
      now: new Date(now.getTime() + this.clockOffsetMs),
      keys: this.keys,
      rules: this.rules,
      person: (id) => this.roster.get(id),
      isRevoked: (id, version) => this.revoked.has(`${id}:${version}`),
      verify: this.verify,
    });
    const scan: QueuedScan = {
      nonce: uuidv7(now),
      code,
      shown: decision.ok ? "accepted" : "refused",
      shownReason: decision.ok ? null : decision.reason,
      overrideReason: null,
      scannedAt: now.toISOString(),
      clockOffsetMs: this.clockOffsetMs,
    };
    this.queue.push(scan);
    this.lastRefused = scan.shown === "refused" ? scan : null;
    return { decision, scan };
  }

  /**
   * An operator lets the person of the refused scan on screen through; the reason is required. It travels
   * with a new scan of the same code (new nonce, the operator's time, shown "overridden"), which the server
   * counts as an entry; the refusal stays recorded as what the guard saw first. Never a change to the refused
   * scan: it may be sent already, or on its way, and a retry with its nonce is the same scan to the server.
   */
  override(nonce: string, reason: string, now: Date): QueuedScan {
    const refused = this.lastRefused;
    if (refused?.nonce !== nonce) throw new Error("no refused scan to override");
    const why = storable(reason.trim(), maxOverrideReasonLength).trim();
    if (!why) throw new Error("a reason is required");
    const scan: QueuedScan = {
      ...refused,
      nonce: uuidv7(now),
      shown: "overridden",
      overrideReason: why,
      scannedAt: now.toISOString(),
      clockOffsetMs: this.clockOffsetMs,
    };
    this.queue.push(scan);
    this.lastRefused = null;
    return scan;
  }

  /** The oldest queued scans, for one push. They stay queued until the server acknowledges them. */
  nextBatch(max = 500): QueuedScan[] {
    return this.queue.slice(0, Math.min(max, this.batchLimit));
  }

  /** Drops the scans the server has stored (a receipt is proof, even for a retry it already had). */
  acknowledge(nonces: readonly string[]): void {
    const done = new Set(nonces);
    this.queue = this.queue.filter((s) => !done.has(s.nonce));
  }

  /**
   * The server refused a batch whole (422: a scan it cannot take; 413: too large). Sent again as it is, it
   * would be refused again, forever, with every later scan behind it. So the next batches are halves of it,
   * until the server takes them; a scan refused alone is set aside (kept, see `setAside`), and the rest go on.
   */
  rejected(batch: readonly QueuedScan[]): void {
    if (batch.length > 1) {
      this.batchLimit = Math.ceil(batch.length / 2);
      return;
    }
    const nonces = new Set(batch.map((s) => s.nonce));
    this.setAside.push(...this.queue.filter((s) => nonces.has(s.nonce)));
    this.queue = this.queue.filter((s) => !nonces.has(s.nonce));
    this.batchLimit = Number.POSITIVE_INFINITY;
  }

  /**
   * Where the scan on the guard's screen (`nonce`) had been let in before, by the server's receipts: at this
   * kiosk's own door (the same badge shown here twice), at another, or null for none or no receipt for it.
   * Receipts of other scans (a queue sent after an offline spell) say nothing of the person in front of the guard.
   */
  repeatedAt(receipts: readonly { nonce: string; duplicateOf: { listId: number } | null }[], nonce: string | null): "here" | "elsewhere" | null {
    const repeat = receipts.find((r) => r.nonce === nonce)?.duplicateOf;
    if (!repeat) return null;
    return repeat.listId === this.listId ? "here" : "elsewhere";
  }

  snapshot(): KioskSnapshot {
    return {
      eventId: this.eventId,
      listId: this.listId,
      timeZone: this.timeZone,
      rules: this.rules,
      keys: this.rawKeys,
      roster: [...this.roster],
      revoked: [...this.revoked],
      rosterCursor: this.rosterCursor,
      revocationCursor: this.revocationCursor,
      clockOffsetMs: this.clockOffsetMs,
      queue: this.queue,
      setAside: this.setAside,
      categories: this.categories,
      labels: this.labels,
      lastSync: this.lastSync,
    };
  }

  static restore(snapshot: KioskSnapshot, verify: Verify): KioskState {
    const state = new KioskState(verify);
    state.eventId = snapshot.eventId;
    state.listId = snapshot.listId ?? 0;
    state.timeZone = snapshot.timeZone;
    state.rules = snapshot.rules;
    state.rawKeys = snapshot.keys;
    state.keys = snapshot.keys.map((k) => ({ keyId: k.keyId, publicKey: fromBase64url(k.publicKey) }));
    state.roster = new Map(snapshot.roster);
    state.revoked = new Set(snapshot.revoked);
    state.rosterCursor = snapshot.rosterCursor;
    state.revocationCursor = snapshot.revocationCursor;
    state.clockOffsetMs = snapshot.clockOffsetMs;
    // Scans the server refused before go back at the end of the queue: a new start tries them once more
    // (a newer server may take them), and `rejected` sets them aside again if not.
    state.queue = [...snapshot.queue, ...(snapshot.setAside ?? [])];
    state.categories = snapshot.categories ?? [];
    state.labels = snapshot.labels ?? state.labels;
    state.lastSync = snapshot.lastSync ?? null;
    return state;
  }
}

/**
 * Text as the server can store and take it: no NUL and no half of a surrogate pair (each becomes U+FFFD,
 * as the server refuses both), at most `max` UTF-16 units, cut between characters, never inside a pair.
 */
export function storable(text: string, max: number): string {
  const clean = text.toWellFormed().replaceAll("\u0000", "\uFFFD");
  const cut = clean.slice(0, max);
  return cut.isWellFormed() ? cut : cut.slice(0, -1);
}

function fromBase64url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** A UUIDv7 (RFC 9562): the time in its first 48 bits, so nonces sort by when the scan happened. */
export function uuidv7(at: Date): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let ms = at.getTime();
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
