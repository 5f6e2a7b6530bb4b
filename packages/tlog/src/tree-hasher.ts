/**
 * RFC 9162 §2.1.1 Merkle Tree hashing over a pluggable SHA-256 (RFC 6962 §2.1 fixes SHA-256).
 *
 * The library stays portable by defaulting to @noble/hashes (hash.ts), but a server that hashes
 * tens of thousands of leaves per second can hand in a native SHA-256 (node-tree-hasher.ts wraps
 * node:crypto, about twice as fast on 65- and 200-byte inputs). Everything else — the 0x00/0x01
 * domain prefixes, the buffers, the size checks — is written once here, so both back ends compute
 * the same function by construction and differ only in the compression code underneath.
 */

export const HASH_SIZE = 32;

/** One-shot SHA-256 (FIPS 180-4): 32 bytes out, the input neither kept nor modified. */
export type Sha256 = (data: Uint8Array) => Uint8Array;

/** The three hashes of an RFC 9162 Merkle tree. */
export interface TreeHasher {
  /** RFC 9162 §2.1.1: MTH({d(0)}) = SHA-256(0x00 || d(0)). */
  leafHash(entry: Uint8Array): Uint8Array;
  /** RFC 9162 §2.1.1: MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
  nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array;
  /** RFC 9162 §2.1.1: the hash of an empty list is the hash of an empty string. */
  emptyRoot(): Uint8Array;
}

/** Leaf inputs up to this size reuse one buffer; larger entries get their own. */
const REUSED_LEAF_INPUT = 4096;

/**
 * A TreeHasher over `sha256`. Inputs are assembled in buffers reused across calls, which is safe
 * because a one-shot hash has consumed its input before it returns; outputs are always fresh.
 */
export function createTreeHasher(sha256: Sha256): TreeHasher {
  const nodeInput = new Uint8Array(1 + 2 * HASH_SIZE);
  nodeInput[0] = 0x01;
  // Byte 0 stays 0x00, the leaf prefix; only bytes from offset 1 are ever written.
  const leafInput = new Uint8Array(1 + REUSED_LEAF_INPUT);
  return {
    leafHash(entry) {
      if (entry.length > REUSED_LEAF_INPUT) {
        const input = new Uint8Array(1 + entry.length);
        input.set(entry, 1);
        return sha256(input);
      }
      leafInput.set(entry, 1);
      return sha256(leafInput.subarray(0, 1 + entry.length));
    },
    nodeHash(left, right) {
      if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
        throw new RangeError(
          `node children must be ${HASH_SIZE}-byte hashes, got ${left.length} and ${right.length}`,
        );
      }
      nodeInput.set(left, 1);
      nodeInput.set(right, 1 + HASH_SIZE);
      return sha256(nodeInput);
    },
    emptyRoot() {
      return sha256(new Uint8Array(0));
    },
  };
}
