import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/**
 * Personal data at rest (ID document numbers, dates of birth): AES-256-GCM with a key derived from the
 * instance secret, so a database dump alone reveals nothing. Format: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function createSealer(secret: string, purpose = "personal-data-v1"): Sealer {
  // One key per purpose (personal data, badge signing keys): a key never serves two.
  const key = Buffer.from(hkdfSync("sha256", secret, "plenary", purpose, 32));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return ["v1", iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split(".");
      if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("not a sealed value");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}

/** A keyed hash of names and birth date: equal people give equal hashes, and the hash reveals neither. */
export function identityHash(secret: string, given: string, family: string, birthDate: string | null | undefined): string | null {
  if (!birthDate) return null;
  const norm = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
  return createHash("sha256")
    .update(`${secret}\u0000${norm(given)}\u0000${norm(family)}\u0000${birthDate}`)
    .digest("hex");
}
