/**
 * Which subtrees a proof consists of, computed top-down from the recursive definitions in
 * RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (SUBPROOF), and their generalisation to subtrees in
 * draft-ietf-plants-merkle-tree-certs ("Subtree Consistency Proofs"). Each entry is a leaf range
 * [start, end) whose Merkle Tree Hash is one proof element, listed in proof order (leaf first).
 */
import { splitPoint } from "./tree-math.js";

export type LeafRange = readonly [start: number, end: number];

/** How one level of a subtree consistency proof combines its element (see verify-subtree.ts). */
export type ConsistencyStep = "right-sibling" | "left-sibling" | "shared-left";

export interface ConsistencyPlan {
  /** True if the proof starts with the subtree's own hash (it is not implied by the verifier's input). */
  readonly startsWithOwnHash: boolean;
  /** The proof elements' ranges, in proof order. */
  readonly ranges: LeafRange[];
  /** One step per element after the first derived one, bottom-up; aligned with the tail of `ranges`. */
  readonly steps: ConsistencyStep[];
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]): sibling ranges of leaf `index` in [lo, hi), bottom-up. */
export function inclusionRanges(index: number, lo: number, hi: number): LeafRange[] {
  const out: LeafRange[] = [];
  let a = lo;
  let b = hi;
  while (b - a > 1) {
    const mid = a + splitPoint(b - a);
    if (index < mid) {
      out.push([mid, b]);
      b = mid;
    } else {
      out.push([a, mid]);
      a = mid;
    }
  }
  return out.reverse();
}

/**
 * RFC 9162 §2.1.4.1 SUBPROOF, generalised to a subtree [start, end) of a tree of `size` leaves
 * (start = 0 gives the classic PROOF(end, D[size])). The caller has validated the subtree, which
 * guarantees that whenever it straddles a split point it begins at the left edge of the range.
 */
export function consistencyPlan(start: number, end: number, size: number): ConsistencyPlan {
  const topDown: LeafRange[] = [];
  const stepsTopDown: ConsistencyStep[] = [];
  let lo = 0;
  let hi = size;
  let from = start;
  let known = true;
  while (!(from === lo && end === hi)) {
    const mid = lo + splitPoint(hi - lo);
    if (end <= mid) {
      topDown.push([mid, hi]);
      stepsTopDown.push("right-sibling");
      hi = mid;
    } else if (from >= mid) {
      topDown.push([lo, mid]);
      stepsTopDown.push("left-sibling");
      lo = mid;
    } else {
      // The subtree covers [lo, mid) entirely and continues into [mid, hi): its right part is
      // no longer a hash the verifier knows, so SUBPROOF continues with b = false.
      topDown.push([lo, mid]);
      stepsTopDown.push("shared-left");
      lo = mid;
      from = mid;
      known = false;
    }
  }
  const ranges = topDown.reverse();
  if (!known) ranges.unshift([lo, hi]);
  return { startsWithOwnHash: !known, ranges, steps: stepsTopDown.reverse() };
}

/** The number of hashes in an inclusion proof for `index` in a tree of `size` leaves. */
export function inclusionProofLength(index: number, size: number): number {
  let length = 0;
  let a = 0;
  let b = size;
  while (b - a > 1) {
    const mid = a + splitPoint(b - a);
    if (index < mid) b = mid;
    else a = mid;
    length++;
  }
  return length;
}

/**
 * The proof elements of a run inclusion proof for the consecutive leaves [begin, end) in a tree of
 * `size` leaves, left to right: descending RFC 9162 §2.1.1's split from [0, size), every range
 * that holds no leaf of the run is one element (its MTH); ranges holding run leaves are split
 * further. Leaves of a run share all siblings above the split that separates them, so a run of c
 * leaves needs at most about 2·log2(size) elements instead of c·log2(size) for c PATHs. Each range
 * is a complete subtree or a right-edge range [start, size).
 */
export function runInclusionRanges(begin: number, end: number, size: number): LeafRange[] {
  const out: LeafRange[] = [];
  const visit = (lo: number, hi: number): void => {
    if (hi <= begin || lo >= end) {
      out.push([lo, hi]);
      return;
    }
    if (hi - lo === 1) return;
    const mid = lo + splitPoint(hi - lo);
    visit(lo, mid);
    visit(mid, hi);
  };
  visit(0, size);
  return out;
}
