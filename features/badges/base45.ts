/**
 * Base45 (RFC 9285): bytes as text of QR code's alphanumeric set, which a QR code stores at 5.5 bits per
 * character instead of 8. Two bytes become three characters, a last odd byte two.
 */
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
const values = new Map([...alphabet].map((ch, i) => [ch, i]));

export function encodeBase45(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i] * 256 + bytes[i + 1];
    for (let k = 0; k < 3; k++) {
      out += alphabet[n % 45];
      n = Math.floor(n / 45);
    }
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1];
    out += alphabet[n % 45] + alphabet[Math.floor(n / 45)];
  }
  return out;
}

/** Null for text that is not base45 (a character outside the set, a length of 3n+1, a group over its range). */
export function decodeBase45(text: string): Uint8Array | null {
  if (text.length % 3 === 1) return null;
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const group = text.slice(i, i + 3);
    let n = 0;
    for (let k = group.length - 1; k >= 0; k--) {
      const v = values.get(group[k]);
      if (v === undefined) return null;
      n = n * 45 + v;
    }
    if (group.length === 3) {
      if (n > 0xffff) return null;
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) return null;
      out[o++] = n;
    }
  }
  return out;
}
