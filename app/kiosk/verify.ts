// Ed25519 in the browser for the kiosk's offline decisions: @noble/ed25519 with @noble/hashes' SHA-512, synchronous,
// so a code is decided in well under a millisecond without a round trip.
import * as ed from "@noble/ed25519";
import { sha512 } from "@noble/hashes/sha2.js";

ed.hashes.sha512 = sha512;

export function verifyInBrowser(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}
