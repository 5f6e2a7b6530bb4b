/**
 * c2sp.org/signed-note key identity: signer/verifier interfaces, key names, key IDs and the vkey
 * text format, shared by plain Ed25519 note keys and tlog-cosignature keys.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { concatBytes } from "@parley/codec";
import { encodeBase64 } from "./base64.js";
import { NoteError } from "./errors.js";
import { sha256Digest } from "./hash.js";
import { hasControlCharacter } from "./text.js";

/** signed-note "Signature types". */
export const SIGNATURE_TYPE_ED25519 = 0x01;
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;

export interface NoteSigner {
  readonly name: string;
  readonly keyHash: number;
  sign(message: Uint8Array): Promise<Uint8Array> | Uint8Array;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyHash: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

const encoder = new TextEncoder();

/** signed-note: key names are non-empty and contain no Unicode spaces and no `+`. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && !hasControlCharacter(name, false);
}

export function assertKeyName(name: string): void {
  if (!isValidKeyName(name))
    throw new NoteError(`invalid key name ${JSON.stringify(name)}: must be non-empty without spaces or "+"`);
}

/** signed-note: key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian. */
export function keyIdFor(name: string, type: number, publicKey: Uint8Array): number {
  const digest = sha256Digest(concatBytes(encoder.encode(name), Uint8Array.of(0x0a, type), publicKey));
  return (
    (((digest[0] ?? 0) << 24) | ((digest[1] ?? 0) << 16) | ((digest[2] ?? 0) << 8) | (digest[3] ?? 0)) >>> 0
  );
}

export function hex8(keyHash: number): string {
  return keyHash.toString(16).padStart(8, "0");
}

/** Formats a vkey: `<name>+<hex key ID>+base64(type || public key)`. */
export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  assertKeyName(name);
  return `${name}+${hex8(keyIdFor(name, type, publicKey))}+${encodeBase64(concatBytes(Uint8Array.of(type), publicKey))}`;
}

/** RFC 8032 verification (strict, not ZIP-215), returning false rather than throwing on junk. */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
