/**
 * RFC 9162 §2.1.1 Merkle Tree hashing with SHA-256 (RFC 6962 §2.1), the one place tlog hashes.
 * `@noble/hashes` keeps the library portable to browsers; measured against `node:crypto` on
 * 65-byte inputs it is within ~25%, not worth a second code path.
 */
import { sha256 } from "@noble/hashes/sha2.js";

export const HASH_SIZE = 32;

/** Reused input buffer for interior nodes: the sequencer hashes tens of thousands per second. */
const nodeInput = new Uint8Array(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

/** Plain SHA-256, for key IDs and anything else outside the tree. */
export function sha256Digest(data: Uint8Array): Uint8Array {
  return sha256(data);
}

/** RFC 9162 §2.1.1: MTH({d(0)}) = SHA-256(0x00 || d(0)). */
export function leafHash(entry: Uint8Array): Uint8Array {
  const input = new Uint8Array(entry.length + 1);
  input.set(entry, 1);
  return sha256(input);
}

/** RFC 9162 §2.1.1: MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    throw new RangeError(
      `node children must be ${HASH_SIZE}-byte hashes, got ${left.length} and ${right.length}`,
    );
  }
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return sha256(nodeInput);
}

/** RFC 9162 §2.1.1: the hash of an empty list is the hash of an empty string. */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}
