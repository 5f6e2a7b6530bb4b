/** RFC 9162 §2.1.3.2: verifying an inclusion proof. */
import { bytesEqual } from "@parley/codec";
import { ProofError } from "./errors.js";
import { HASH_SIZE, nodeHash } from "./hash.js";
import { inclusionProofLength } from "./proof-plan.js";
import { assertIndex } from "./tree-math.js";

/** Throws ProofError unless `proof` proves `leafHash` sits at `index` in the tree of `size` with `root`. */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const computed = rootFromInclusionProof(leafHash, index, size, proof);
  if (!bytesEqual(computed, root)) {
    throw new ProofError(
      `inclusion proof for leaf ${index} in tree of size ${size} does not lead to the expected root`,
    );
  }
}

/** The root an inclusion proof implies; throws ProofError if the proof's shape is wrong. */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Uint8Array {
  assertIndex("index", index);
  assertIndex("size", size);
  // Step 1: the leaf must be in the tree.
  if (index >= size) throw new ProofError(`leaf index ${index} is not in a tree of size ${size}`);
  if (leafHash.length !== HASH_SIZE)
    throw new ProofError(`leaf hash has ${leafHash.length} bytes, expected ${HASH_SIZE}`);
  const want = inclusionProofLength(index, size);
  if (proof.length !== want) {
    throw new ProofError(
      `inclusion proof has ${proof.length} hashes, expected ${want} for leaf ${index} of ${size}`,
    );
  }
  // Step 2-3: fn = leaf_index, sn = tree_size - 1, r = hash.
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  // Step 4: fold in each path element.
  for (let i = 0; i < proof.length; i++) {
    const p = element(proof, i);
    if (sn === 0) throw new ProofError("inclusion proof is longer than the path to the root");
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      // Skip the levels where the node is the last one and has no right sibling.
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 5: sn must have reached 0.
  if (sn !== 0) throw new ProofError("inclusion proof is shorter than the path to the root");
  return r;
}

/** A proof element, checked to be a SHA-256 hash. */
export function element(proof: readonly Uint8Array[], i: number): Uint8Array {
  const p = proof[i];
  if (p === undefined || p.length !== HASH_SIZE) {
    throw new ProofError(`proof element ${i} has ${p?.length ?? 0} bytes, expected ${HASH_SIZE}`);
  }
  return p;
}
