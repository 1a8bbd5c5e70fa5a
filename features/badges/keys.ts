import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { createSealer } from "../registration/privacy/crypto.ts";
import { badgeKeys } from "./schema.ts";

/** Badge signing keys are sealed under their own key, derived from the instance secret for this purpose alone. */
const sealPurpose = "badge-signing-key-v1";

export interface SigningKey {
  keyId: number;
  privateKey: KeyObject;
}

export interface PublishedKey {
  keyId: number;
  /** Raw 32 bytes, base64url: what kiosks verify with. */
  publicKey: string;
}

/** The key that signs new badges of the event, made on first use. */
export async function signingKey(tx: DbOrTx, eventId: number, secret: string): Promise<SigningKey> {
  const [row] = await tx
    .select()
    .from(badgeKeys)
    .where(and(eq(badgeKeys.eventId, eventId), isNull(badgeKeys.retiredAt)))
    .orderBy(desc(badgeKeys.keyId))
    .limit(1);
  if (row) return { keyId: row.keyId, privateKey: openPrivateKey(row.privateKeySealed, secret) };
  return createKey(tx, eventId, secret);
}

/**
 * Retires the signing key and makes a new one. Badges signed with the old key stay valid: its public key is
 * published until `keepUntil`, the end of the last validity window it signed.
 */
export async function rotateKey(tx: DbOrTx, eventId: number, secret: string, keepUntil: Date, now: Date): Promise<SigningKey> {
  keyCache.delete(eventId);
  await tx
    .update(badgeKeys)
    .set({ retiredAt: now, keepUntil })
    .where(and(eq(badgeKeys.eventId, eventId), isNull(badgeKeys.retiredAt)));
  return createKey(tx, eventId, secret);
}

async function createKey(tx: DbOrTx, eventId: number, secret: string): Promise<SigningKey> {
  keyCache.delete(eventId);
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const [last] = await tx.select({ keyId: badgeKeys.keyId }).from(badgeKeys).where(eq(badgeKeys.eventId, eventId)).orderBy(desc(badgeKeys.keyId)).limit(1);
  const keyId = (last?.keyId ?? 0) + 1;
  const sealed = createSealer(secret, sealPurpose).seal(privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"));
  await tx.insert(badgeKeys).values({ eventId, keyId, publicKey: rawPublicKey(publicKey).toString("base64url"), privateKeySealed: sealed });
  return { keyId, privateKey };
}

/** The keys a kiosk must know now: the signing key and retired ones still within their badges' windows. */
export async function publishedKeys(db: DbOrTx, eventId: number, now: Date): Promise<PublishedKey[]> {
  return db
    .select({ keyId: badgeKeys.keyId, publicKey: badgeKeys.publicKey })
    .from(badgeKeys)
    .where(and(eq(badgeKeys.eventId, eventId), or(isNull(badgeKeys.retiredAt), gt(badgeKeys.keepUntil, now))))
    .orderBy(badgeKeys.keyId);
}

const keyCache = new Map<number, { at: number; keys: PublishedKey[] }>();

/**
 * `publishedKeys`, kept for 5 s per instance for the scan endpoint: a rotation here is seen at once, one on
 * another instance within 5 s.
 */
export async function recentKeys(db: DbOrTx, eventId: number, now: Date): Promise<PublishedKey[]> {
  const cached = keyCache.get(eventId);
  if (cached && cached.at > now.getTime() - 5_000) return cached.keys;
  const keys = await publishedKeys(db, eventId, now);
  keyCache.set(eventId, { at: now.getTime(), keys });
  return keys;
}

function openPrivateKey(sealed: string, secret: string): KeyObject {
  const der = Buffer.from(createSealer(secret, sealPurpose).open(sealed), "base64");
  return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
}

function rawPublicKey(key: KeyObject): Buffer {
  // The SPKI DER of an Ed25519 key is a fixed 12-byte header followed by the raw 32 bytes.
  return key.export({ format: "der", type: "spki" }).subarray(-32);
}

export function signBytes(key: SigningKey, bytes: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, bytes, key.privateKey));
}

const spkiHeader = Buffer.from("302a300506032b6570032100", "hex");
const publicKeyObjects = new Map<string, KeyObject>();

/** Ed25519 verification with Node's crypto, for `decide` on the server. Key objects are kept, as parsing costs more than verifying. */
const byArray = new WeakMap<Uint8Array, KeyObject>();
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  // The same array again (the scan endpoint keeps its keys): no text to make to find its key object.
  let key = byArray.get(publicKey);
  if (!key) {
    const id = Buffer.from(publicKey).toString("base64url");
    key = publicKeyObjects.get(id);
    if (!key) {
      key = createPublicKey({ key: Buffer.concat([spkiHeader, publicKey]), format: "der", type: "spki" });
      if (publicKeyObjects.size > 1000) publicKeyObjects.clear();
      publicKeyObjects.set(id, key);
    }
    byArray.set(publicKey, key);
  }
  return verify(null, message, key, signature);
}
