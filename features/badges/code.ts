import { dayKey } from "../../i18n/format.ts";
import { decodeBase45, encodeBase45 } from "./base45.ts";

/**
 * The code printed on a badge (docs/decisions/0018-badges-and-doors.md). It holds no personal data:
 * ids, a version, a category and a validity window, signed with the event's Ed25519 key. Pure and free
 * of Node: the kiosk decodes it in the browser with the same functions.
 *
 * Layout (big-endian), 85 bytes, then base45 (128 characters, a version 7 QR code at level M):
 *   0      format (1)
 *   1–4    event id          5–8    accreditation (participant) id
 *   9–10   badge version     11–14  category id
 *   15–16  first valid day   17–18  last valid day (days since 1970-01-01, in the event's time zone)
 *   19–20  key id            21–84  Ed25519 signature over bytes 0–20
 */
export const codeFormat = 1;
const signedLength = 21;
export const signatureLength = 64;

export interface BadgeClaims {
  eventId: number;
  participantId: number;
  version: number;
  categoryId: number;
  /** Inclusive, as day numbers (`dayNumber`). */
  firstDay: number;
  lastDay: number;
  keyId: number;
}

export interface DecodedCode {
  claims: BadgeClaims;
  signed: Uint8Array;
  signature: Uint8Array;
}

export function claimsBytes(claims: BadgeClaims): Uint8Array {
  const bytes = new Uint8Array(signedLength);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, codeFormat);
  view.setUint32(1, claims.eventId);
  view.setUint32(5, claims.participantId);
  view.setUint16(9, claims.version);
  view.setUint32(11, claims.categoryId);
  view.setUint16(15, claims.firstDay);
  view.setUint16(17, claims.lastDay);
  view.setUint16(19, claims.keyId);
  return bytes;
}

export function encodeCode(signed: Uint8Array, signature: Uint8Array): string {
  const all = new Uint8Array(signed.length + signature.length);
  all.set(signed, 0);
  all.set(signature, signed.length);
  return encodeBase45(all);
}

/** Null for anything that is not a code of this format: the kiosk says "not a badge", never throws. */
export function decodeCode(text: string): DecodedCode | null {
  const bytes = decodeBase45(text.trim());
  if (!bytes || bytes.length !== signedLength + signatureLength || bytes[0] !== codeFormat) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    claims: {
      eventId: view.getUint32(1),
      participantId: view.getUint32(5),
      version: view.getUint16(9),
      categoryId: view.getUint32(11),
      firstDay: view.getUint16(15),
      lastDay: view.getUint16(17),
      keyId: view.getUint16(19),
    },
    signed: bytes.subarray(0, signedLength),
    signature: bytes.subarray(signedLength),
  };
}

/** Days since 1970-01-01 of a calendar date "YYYY-MM-DD". */
export function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
}

/** Per time zone: the day number of the minutes last asked for (Intl's formatting is the cost of a decision). */
const daysByZone = new Map<string, Map<number, number>>();

/**
 * The calendar date of an instant in a time zone, as a day number. Kept by minute: no zone has changed
 * its offset at other than a whole minute since 1972, so every instant of a minute falls on the same date.
 */
export function dayInZone(at: Date, timeZone: string): number {
  const ms = at.getTime();
  if (!(ms >= 94_694_400_000)) return dayNumber(dayKey(at, timeZone));
  let days = daysByZone.get(timeZone);
  if (!days) {
    if (daysByZone.size >= 100) daysByZone.clear();
    daysByZone.set(timeZone, (days = new Map()));
  }
  const minute = Math.floor(ms / 60_000);
  let day = days.get(minute);
  if (day === undefined) {
    day = dayNumber(dayKey(at, timeZone));
    if (days.size >= 10_000) days.clear();
    days.set(minute, day);
  }
  return day;
}
