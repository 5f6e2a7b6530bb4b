/**
 * The Merkle Tree Hash of one range of RFC 9162 §2.1.1's recursive split of a tree, without
 * hashing: every such range is either a complete subtree (stored in the tiles) or a right-spine
 * range [start, size) whose hash the TreeEdge of that size already holds.
 */
import type { NodeId } from "@parley/tlog";
import type { TreeEdge } from "./tree-edge.js";

/** Synchronous complete-subtree reads, as the service's NodeReader offers from its tiles. */
export interface NodeSource {
  readNode(id: NodeId): Uint8Array;
}

const TWO_32 = 2 ** 32;

/** floor(log2(n)) for a safe integer n >= 1, without 32-bit wrap-around. */
export function floorLog2(n: number): number {
  return n < TWO_32 ? 31 - Math.clz32(n) : 32 + floorLog2(Math.floor(n / TWO_32));
}

/** MTH(D[start:end]) of a split range of the tree `edge` describes. */
export function splitRangeHash(edge: TreeEdge, nodes: NodeSource, start: number, end: number): Uint8Array {
  // Only a range that ends at the tree's size can be a right-spine range.
  const spine = end === edge.size ? edge.suffix(start) : undefined;
  return spine ?? completeSubtree(nodes, start, end - start);
}

/** The stored hash of the complete subtree over leaves [start, start + width). */
export function completeSubtree(nodes: NodeSource, start: number, width: number): Uint8Array {
  const level = floorLog2(width);
  if (2 ** level !== width || start % width !== 0) {
    throw new RangeError(`leaves [${start}, ${start + width}) are not a complete subtree`);
  }
  return nodes.readNode({ level, index: start / width });
}
