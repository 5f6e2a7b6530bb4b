/**
 * The library's default Merkle hashing: RFC 9162 §2.1.1 over @noble/hashes SHA-256, which runs
 * unchanged in browsers and Node. Code that needs more speed passes another TreeHasher where an
 * API accepts one (see tree-hasher.ts and, on Node, `@parley/tlog/node`).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { createTreeHasher, type TreeHasher } from "./tree-hasher.js";

export { HASH_SIZE } from "./tree-hasher.js";

/** The portable TreeHasher every function of this library uses unless given another. */
export const portableTreeHasher: TreeHasher = createTreeHasher((data) => sha256(data));

/** Plain SHA-256, for key IDs and anything else outside the tree. */
export function sha256Digest(data: Uint8Array): Uint8Array {
  return sha256(data);
}

/** RFC 9162 §2.1.1: MTH({d(0)}) = SHA-256(0x00 || d(0)). */
export function leafHash(entry: Uint8Array): Uint8Array {
  return portableTreeHasher.leafHash(entry);
}

/** RFC 9162 §2.1.1: MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return portableTreeHasher.nodeHash(left, right);
}

/** RFC 9162 §2.1.1: the hash of an empty list is the hash of an empty string. */
export function emptyRoot(): Uint8Array {
  return portableTreeHasher.emptyRoot();
}
