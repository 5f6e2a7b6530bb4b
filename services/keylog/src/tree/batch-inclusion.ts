/**
 * Inclusion proofs for a run of consecutive leaves at one tree size, the shape Append answers:
 * all entries of a call land in the same checkpoint.
 *
 * RFC 9162 §2.1.3.1 PATH(m, D[n]) descends from the root and, at each split, takes the sibling
 * range of the side holding leaf m. Leaves of a run share every sibling above the split that
 * separates them, so the run is descended once, forking only where it straddles a split: about
 * two sibling lookups per leaf instead of log2(n). A sibling is either a complete subtree (one
 * tile lookup) or a right-spine range [start, n) whose hash the TreeEdge already holds, so no
 * proof element is hashed here.
 */
import { completeSubtree, floorLog2, splitRangeHash, type NodeSource } from "./range-hash.js";
import type { TreeEdge } from "./tree-edge.js";

export type { NodeSource } from "./range-hash.js";

interface Walk {
  readonly edge: TreeEdge;
  readonly nodes: NodeSource;
  /** Siblings from the root down to the current range, shared by every leaf below it. */
  readonly above: Uint8Array[];
  readonly out: Uint8Array[][];
}

/** PATH(m, D[n]) for m = first … first + count - 1 at n = edge.size, each bottom-up (leaf first). */
export function inclusionProofs(
  first: number,
  count: number,
  edge: TreeEdge,
  nodes: NodeSource,
): Uint8Array[][] {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(count) || first < 0 || count < 0) {
    throw new RangeError(`leaf run must be non-negative safe integers, got ${first} + ${count}`);
  }
  if (first + count > edge.size) {
    throw new RangeError(`leaves [${first}, ${first + count}) are not all in a tree of size ${edge.size}`);
  }
  const walk: Walk = { edge, nodes, above: [], out: [] };
  if (count > 0) descend(walk, 0, edge.size, first, first + count);
  return walk.out;
}

/** Emits the proofs of leaves [a, b), which lie inside the range [lo, hi). */
function descend(w: Walk, lo: number, hi: number, a: number, b: number): void {
  if (hi - lo === 1) {
    w.out.push(w.above.slice().reverse());
    return;
  }
  // RFC 9162 §2.1.1: k is the largest power of two smaller than the range's width.
  const k = 2 ** floorLog2(hi - lo - 1);
  const mid = lo + k;
  if (a < mid) {
    w.above.push(splitRangeHash(w.edge, w.nodes, mid, hi));
    descend(w, lo, mid, a, Math.min(b, mid));
    w.above.pop();
  }
  if (b > mid) {
    w.above.push(completeSubtree(w.nodes, lo, k));
    descend(w, mid, hi, Math.max(a, mid), b);
    w.above.pop();
  }
}
