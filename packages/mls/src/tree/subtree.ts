/**
 * Leaf spans of subtrees in the Appendix C array layout. A node at level k heads the 2^k leaves whose
 * node indices lie within 2^k - 1 of it, whatever the size of the tree around it — which is why cached
 * subtree hashes and resolutions stay valid when §7.7 extends or truncates the tree.
 */
import { type LeafIndex, type NodeIndex, level } from "../tree-math/index.js";

/** The first and last leaf index under `x` (inclusive). */
export function leafSpan(x: NodeIndex): { first: LeafIndex; last: LeafIndex } {
  const half = 2 ** level(x) - 1;
  return { first: ((x - half) / 2) as LeafIndex, last: ((x + half) / 2) as LeafIndex };
}

/** Whether leaf `leaf` lies in the subtree headed by `x` (a leaf contains only itself). */
export function subtreeHasLeaf(x: NodeIndex, leaf: number): boolean {
  const { first, last } = leafSpan(x);
  return leaf >= first && leaf <= last;
}
