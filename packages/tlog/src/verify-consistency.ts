/** RFC 9162 §2.1.4.2: verifying a consistency proof. */
import { bytesEqual } from "@parley/codec";
import { ProofError } from "./errors.js";
import { nodeHash } from "./hash.js";
import { consistencyPlan } from "./proof-plan.js";
import { assertIndex, isPowerOfTwo } from "./tree-math.js";
import { element } from "./verify-inclusion.js";

/**
 * Throws ProofError unless `proof` shows the tree of size `first` with `firstRoot` is a prefix of
 * the tree of size `second` with `secondRoot`. Like transparency-dev/merkle, a proof from the
 * empty tree is refused: RFC 9162 §2.1.4 defines proofs only for 0 < first.
 */
export function verifyConsistency(
  first: number,
  second: number,
  proof: readonly Uint8Array[],
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
): void {
  assertIndex("first", first);
  assertIndex("second", second);
  if (first === 0)
    throw new ProofError("consistency proofs from an empty tree are not accepted (RFC 9162 §2.1.4: 0 < m)");
  if (first > second) throw new ProofError(`first tree size ${first} exceeds second tree size ${second}`);
  if (first === second) {
    if (proof.length !== 0)
      throw new ProofError(`proof between equal tree sizes must be empty, got ${proof.length} hashes`);
    if (!bytesEqual(firstRoot, secondRoot))
      throw new ProofError(`two different roots for the same tree size ${first}`);
    return;
  }
  const want = consistencyPlan(0, first, second).ranges.length;
  if (proof.length !== want) {
    throw new ProofError(
      `consistency proof has ${proof.length} hashes, expected ${want} for sizes ${first} → ${second}`,
    );
  }
  // Step 1: if first is an exact power of 2, the path implicitly starts with first_hash.
  const implied = isPowerOfTwo(first);
  const at = (i: number): Uint8Array =>
    implied ? (i === 0 ? firstRoot : element(proof, i - 1)) : element(proof, i);
  const length = proof.length + (implied ? 1 : 0);
  // Step 2-3: fn = first - 1, sn = second - 1; shift past the levels where fn is a right child.
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 4: fr = sr = path[0].
  let fr = at(0);
  let sr = fr;
  // Step 5: fold in the remaining elements.
  for (let i = 1; i < length; i++) {
    const c = at(i);
    if (sn === 0) throw new ProofError("consistency proof is longer than the path to the root");
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 6: both roots must match and sn must have reached 0.
  if (sn !== 0) throw new ProofError("consistency proof is shorter than the path to the root");
  if (!bytesEqual(fr, firstRoot))
    throw new ProofError(`consistency proof does not match the root of the tree of size ${first}`);
  if (!bytesEqual(sr, secondRoot))
    throw new ProofError(`consistency proof does not match the root of the tree of size ${second}`);
}
