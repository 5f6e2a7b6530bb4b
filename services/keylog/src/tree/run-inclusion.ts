/**
 * The run inclusion proof Append answers with when asked for the compact form: one proof for the
 * consecutive leaves of a call (see @parley/tlog runInclusionRanges / verifyRunInclusion). Every
 * element is a split range outside the run, so it is read from the tiles or the TreeEdge; nothing
 * is hashed here.
 */
import { runInclusionRanges } from "@parley/tlog";
import { splitRangeHash, type NodeSource } from "./range-hash.js";
import type { TreeEdge } from "./tree-edge.js";

/** The run inclusion proof of leaves [first, first + count) at n = edge.size. */
export function runInclusionProof(
  first: number,
  count: number,
  edge: TreeEdge,
  nodes: NodeSource,
): Uint8Array[] {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(count) || first < 0 || count < 1) {
    throw new RangeError(`leaf run must be a safe index and a positive count, got ${first} + ${count}`);
  }
  if (first + count > edge.size) {
    throw new RangeError(`leaves [${first}, ${first + count}) are not all in a tree of size ${edge.size}`);
  }
  return runInclusionRanges(first, first + count, edge.size).map(([start, end]) =>
    splitRangeHash(edge, nodes, start, end),
  );
}
