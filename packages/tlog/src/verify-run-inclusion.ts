/**
 * Verifying a run inclusion proof: that the consecutive leaves [begin, begin + c) of a tree of
 * `size` leaves have the given hashes. The proof lists, left to right, the MTH of each range of
 * RFC 9162 §2.1.1's recursive split that holds no leaf of the run (proof-plan.ts,
 * runInclusionRanges). The verifier recomputes MTH(D[0:size]) by that same recursion, taking a
 * run leaf's hash where the recursion reaches one and the next proof element where it reaches a
 * range outside the run; like §2.1.3.2 for a single leaf, the proof holds if the result equals the
 * signed root. Each run leaf is bound to its index by its position in the recursion, exactly as a
 * PATH binds one leaf.
 */
import { bytesEqual } from "@parley/codec";
import { ProofError } from "./errors.js";
import { HASH_SIZE, portableTreeHasher } from "./hash.js";
import { runInclusionRanges } from "./proof-plan.js";
import type { TreeHasher } from "./tree-hasher.js";
import { assertIndex, splitPoint } from "./tree-math.js";
import { element } from "./verify-inclusion.js";

/** Throws ProofError unless `proof` proves `leafHashes` sit at begin, begin + 1, … in the tree of `size` with `root`. */
export function verifyRunInclusion(
  begin: number,
  leafHashes: readonly Uint8Array[],
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  hasher: TreeHasher = portableTreeHasher,
): void {
  const computed = rootFromRunInclusionProof(begin, leafHashes, size, proof, hasher);
  if (!bytesEqual(computed, root)) {
    throw new ProofError(
      `run inclusion proof for leaves [${begin}, ${begin + leafHashes.length}) in tree of size ${size} does not lead to the expected root`,
    );
  }
}

/** The root a run inclusion proof implies; throws ProofError if the run or the proof's shape is wrong. */
export function rootFromRunInclusionProof(
  begin: number,
  leafHashes: readonly Uint8Array[],
  size: number,
  proof: readonly Uint8Array[],
  hasher: TreeHasher = portableTreeHasher,
): Uint8Array {
  assertIndex("begin", begin);
  assertIndex("size", size);
  const end = begin + leafHashes.length;
  if (leafHashes.length === 0) throw new ProofError("a run inclusion proof needs at least one leaf");
  if (end > size) throw new ProofError(`leaves [${begin}, ${end}) are not all in a tree of size ${size}`);
  leafHashes.forEach((h, i) => {
    if (h.length !== HASH_SIZE) {
      throw new ProofError(`leaf hash ${i} of the run has ${h.length} bytes, expected ${HASH_SIZE}`);
    }
  });
  const want = runInclusionRanges(begin, end, size).length;
  if (proof.length !== want) {
    throw new ProofError(
      `run inclusion proof has ${proof.length} hashes, expected ${want} for leaves [${begin}, ${end}) of ${size}`,
    );
  }
  let next = 0;
  // RFC 9162 §2.1.1: MTH(D[lo:hi]) = SHA-256(0x01 || MTH(D[lo:lo+k]) || MTH(D[lo+k:hi])).
  const fold = (lo: number, hi: number): Uint8Array => {
    if (hi <= begin || lo >= end) return element(proof, next++);
    if (hi - lo === 1) return leafHashes[lo - begin] ?? new Uint8Array(0);
    const mid = lo + splitPoint(hi - lo);
    const left = fold(lo, mid);
    return hasher.nodeHash(left, fold(mid, hi));
  };
  return fold(0, size);
}
