import { type BadgeClaims, type DecodedCode, dayInZone, decodeCode } from "../badges/code.ts";
import type { Direction, RefusalReason } from "./vocabulary.ts";

/**
 * The one decision a kiosk makes when a code is read, with no network: signature valid, key known, not
 * revoked nor superseded, inside its validity window, and admitted through this door now. Pure and free
 * of Node: the server and the kiosk (in the browser) run this same function; only `verify` differs.
 */
export interface KnownKey {
  keyId: number;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

export interface RosterState {
  version: number;
  categoryId: number;
  active: boolean;
}

export interface ListRules {
  direction: Direction;
  /** Empty: every category. */
  categoryIds: readonly number[];
  /** Opening hours as instants (ISO); empty: always open. */
  windows: readonly { from: string; to: string }[];
}

export interface DecideInput {
  code: string;
  /** `decodeCode(code)`, when the caller has it already (the server decodes each code once). */
  decoded?: DecodedCode | null;
  eventId: number;
  timeZone: string;
  now: Date;
  keys: readonly KnownKey[];
  rules: ListRules;
  /**
   * The roster's word on an accreditation: the badge version in force, the category it holds now, and
   * whether it is active (approved, not withdrawn). Undefined for someone not on the roster.
   */
  person(participantId: number): RosterState | undefined;
  /** Whether this exact version was revoked (a lost badge, a withdrawn accreditation). */
  isRevoked(participantId: number, version: number): boolean;
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

export type Decision = { ok: true; claims: BadgeClaims } | { ok: false; reason: RefusalReason; claims?: BadgeClaims };

export function decide(input: DecideInput): Decision {
  const decoded = input.decoded === undefined ? decodeCode(input.code) : input.decoded;
  if (!decoded) return { ok: false, reason: "unreadable" };
  const { claims } = decoded;
  if (claims.eventId !== input.eventId) return { ok: false, reason: "other_event" };
  const key = input.keys.find((k) => k.keyId === claims.keyId);
  if (!key) return { ok: false, reason: "unknown_key", claims };
  if (!input.verify(decoded.signature, decoded.signed, key.publicKey)) return { ok: false, reason: "bad_signature" };
  if (input.isRevoked(claims.participantId, claims.version)) return { ok: false, reason: "revoked", claims };
  const person = input.person(claims.participantId);
  if (person === undefined) return { ok: false, reason: "unknown_person", claims };
  if (!person.active) return { ok: false, reason: "revoked", claims };
  // A badge of an earlier version, or printed before the category changed, waits for its reprint.
  if (claims.version < person.version || claims.categoryId !== person.categoryId) return { ok: false, reason: "superseded", claims };
  const today = dayInZone(input.now, input.timeZone);
  if (today < claims.firstDay || today > claims.lastDay) return { ok: false, reason: "outside_validity", claims };
  if (input.rules.categoryIds.length > 0 && !input.rules.categoryIds.includes(claims.categoryId)) {
    return { ok: false, reason: "category_not_admitted", claims };
  }
  const at = input.now.getTime();
  if (input.rules.windows.length > 0 && !input.rules.windows.some((w) => Date.parse(w.from) <= at && at < Date.parse(w.to))) {
    return { ok: false, reason: "outside_hours", claims };
  }
  return { ok: true, claims };
}
