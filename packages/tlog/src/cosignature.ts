/**
 * c2sp.org/tlog-cosignature, Ed25519 "cosignature/v1" (signature type 0x04): a witness signs
 * "cosignature/v1\ntime <t>\n" followed by the checkpoint body, and the note signature carries
 * the timestamped_signature struct (u64 timestamp || 64-byte Ed25519 signature).
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { concatBytes } from "@parley/codec";
import { NoteError } from "./errors.js";
import { ed25519Verify, formatVerifierKey, keyIdFor, type NoteSigner, type NoteVerifier } from "./key-id.js";

const COSIGNATURE_TYPE = 0x04;
const MAX_TIMESTAMP = 2n ** 63n - 1n;
const encoder = new TextEncoder();

export interface TimestampedSignature {
  /** POSIX seconds; tlog-cosignature: MUST NOT exceed 2^63 - 1. */
  readonly timestamp: bigint;
  readonly signature: Uint8Array;
}

/** Parses the note-signature payload (after the key ID) of a cosignature/v1 line. */
export function parseTimestampedSignature(bytes: Uint8Array): TimestampedSignature {
  if (bytes.length !== 8 + 64) throw new NoteError(`cosignature has ${bytes.length} bytes, expected 72`);
  const timestamp = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0);
  if (timestamp > MAX_TIMESTAMP) throw new NoteError("cosignature timestamp exceeds 2^63 - 1");
  return { timestamp, signature: bytes.slice(8) };
}

/** tlog-cosignature "Ed25519 signed message": header line, time line, then the checkpoint body. */
export function cosignatureV1Message(body: Uint8Array, timestamp: bigint): Uint8Array {
  return concatBytes(encoder.encode(`cosignature/v1\ntime ${timestamp.toString()}\n`), body);
}

export function cosignatureV1Verifier(name: string, keyHash: number, publicKey: Uint8Array): NoteVerifier {
  return {
    name,
    keyHash,
    verify(message: Uint8Array, signature: Uint8Array): boolean {
      let parsed: TimestampedSignature;
      try {
        parsed = parseTimestampedSignature(signature);
      } catch {
        return false;
      }
      return ed25519Verify(publicKey, cosignatureV1Message(message, parsed.timestamp), parsed.signature);
    },
  };
}

/**
 * A cosigner for witnesses and tests. `now` supplies POSIX seconds; the signer never signs a
 * timestamp beyond 2^63 - 1. `secretKey` is a 32-byte Ed25519 seed.
 */
export function cosignatureV1Signer(
  name: string,
  secretKey: Uint8Array,
  now: () => bigint = () => BigInt(Math.floor(Date.now() / 1000)),
): NoteSigner & { verifierKey: string } {
  const publicKey = ed25519.getPublicKey(secretKey);
  const seed = secretKey.slice();
  return {
    name,
    keyHash: keyIdFor(name, COSIGNATURE_TYPE, publicKey),
    verifierKey: formatVerifierKey(name, COSIGNATURE_TYPE, publicKey),
    sign(message: Uint8Array): Uint8Array {
      const timestamp = now();
      if (timestamp < 0n || timestamp > MAX_TIMESTAMP)
        throw new NoteError("cosignature timestamp out of range");
      const out = new Uint8Array(72);
      new DataView(out.buffer).setBigUint64(0, timestamp);
      out.set(ed25519.sign(cosignatureV1Message(message, timestamp), seed), 8);
      return out;
    },
  };
}
