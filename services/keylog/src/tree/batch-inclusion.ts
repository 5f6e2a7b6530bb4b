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
import type { NodeId } from "@parley/tlog";
import type { TreeEdge } from "./tree-edge.js";

/** Synchronous complete-subtree reads, as the service's NodeReader offers from its tiles. */
export interface NodeSource {
  readNode(id: NodeId): Uint8Array;
}

const TWO_32 = 2 ** 32;

/** floor(log2(n)) for a safe integer n >= 1, without 32-bit wrap-around. */
function floorLog2(n: number): number {
  return n < TWO_32 ? 31 - Math.clz32(n) : 32 + floorLog2(Math.floor(n / TWO_32));
}

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
    // Only a range that still ends at the tree's size can have a right-spine right part.
    const spine = hi === w.edge.size ? w.edge.suffix(mid) : undefined;
    w.above.push(spine ?? complete(w.nodes, mid, hi - mid));
    descend(w, lo, mid, a, Math.min(b, mid));
    w.above.pop();
  }
  if (b > mid) {
    w.above.push(complete(w.nodes, lo, k));
    descend(w, mid, hi, Math.max(a, mid), b);
    w.above.pop();
  }
}

/** The stored hash of the complete subtree over leaves [start, start + width). */
function complete(nodes: NodeSource, start: number, width: number): Uint8Array {
  const level = floorLog2(width);
  if (2 ** level !== width || start % width !== 0) {
    throw new RangeError(`leaves [${start}, ${start + width}) are not a complete subtree`);
  }
  return nodes.readNode({ level, index: start / width });
}
