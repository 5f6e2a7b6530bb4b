/**
 * Subtrees, their inclusion proofs and consistency proofs, per draft-ietf-plants-merkle-tree-certs
 * ("Subtrees"), which c2sp.org/tlog-witness and tlog-cosignature (ML-DSA subtree cosignatures)
 * build on. A subtree [start, end) is a contiguous leaf range that appears as a node in some
 * version of the tree: non-empty, and `start` a multiple of the smallest power of two >= its size.
 */
import { bytesEqual } from "@parley/codec";
import { ProofError } from "./errors.js";
import { emptyRoot, nodeHash } from "./hash.js";
import { consistencyPlan } from "./proof-plan.js";
import { assertIndex, floorLog2 } from "./tree-math.js";
import { element, rootFromInclusionProof } from "./verify-inclusion.js";

/** True if [start, end) is a valid subtree (safe integers, start < end, start aligned). */
export function isValidSubtree(start: number, end: number): boolean {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start >= end) return false;
  const size = end - start;
  const ceil = size === 1 ? 1 : 2 * 2 ** floorLog2(size - 1);
  return start % ceil === 0;
}

function requireSubtree(start: number, end: number): void {
  assertIndex("start", start);
  assertIndex("end", end);
  if (!isValidSubtree(start, end)) throw new ProofError(`[${start}, ${end}) is not a valid subtree`);
}

/** Inclusion of `leafHash` at `index` in the subtree [start, end) whose hash is `subtreeHash`. */
export function verifySubtreeInclusion(
  leafHash: Uint8Array,
  index: number,
  start: number,
  end: number,
  proof: readonly Uint8Array[],
  subtreeHash: Uint8Array,
): void {
  requireSubtree(start, end);
  assertIndex("index", index);
  if (index < start || index >= end)
    throw new ProofError(`leaf index ${index} is not in subtree [${start}, ${end})`);
  const computed = rootFromInclusionProof(leafHash, index - start, end - start, proof);
  if (!bytesEqual(computed, subtreeHash)) {
    throw new ProofError(
      `inclusion proof for leaf ${index} does not lead to the subtree [${start}, ${end}) hash`,
    );
  }
}

/**
 * Consistency of the subtree [start, end) with hash `subtreeHash` and the tree of `size` leaves
 * with `root`. The proof is replayed bottom-up along the plan its generator followed: siblings
 * outside the subtree only extend the tree hash, siblings inside it extend both hashes. An empty
 * subtree (start == end) is trivially consistent when its hash is the empty-tree hash.
 */
export function verifySubtreeConsistency(
  start: number,
  end: number,
  size: number,
  proof: readonly Uint8Array[],
  subtreeHash: Uint8Array,
  root: Uint8Array,
): void {
  assertIndex("start", start);
  assertIndex("end", end);
  assertIndex("size", size);
  if (end > size) throw new ProofError(`subtree [${start}, ${end}) extends past tree size ${size}`);
  if (start === end) {
    if (proof.length !== 0) throw new ProofError("proof for an empty subtree must be empty");
    if (!bytesEqual(subtreeHash, emptyRoot()))
      throw new ProofError("empty subtree hash is not the empty-tree hash");
    return;
  }
  requireSubtree(start, end);
  const plan = consistencyPlan(start, end, size);
  if (proof.length !== plan.ranges.length) {
    throw new ProofError(
      `subtree consistency proof has ${proof.length} hashes, expected ${plan.ranges.length} for [${start}, ${end}) → ${size}`,
    );
  }
  let next = 0;
  let fr = plan.startsWithOwnHash ? element(proof, next++) : subtreeHash;
  let sr = fr;
  for (const step of plan.steps) {
    const c = element(proof, next++);
    if (step === "right-sibling") sr = nodeHash(sr, c);
    else if (step === "left-sibling") sr = nodeHash(c, sr);
    else {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
    }
  }
  if (!bytesEqual(fr, subtreeHash))
    throw new ProofError(`proof does not match the hash of subtree [${start}, ${end})`);
  if (!bytesEqual(sr, root))
    throw new ProofError(`proof does not match the root of the tree of size ${size}`);
}
