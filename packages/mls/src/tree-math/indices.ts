import { UsageError } from "../errors.js";

declare const leafIndexBrand: unique symbol;
declare const nodeIndexBrand: unique symbol;

/**
 * Leaf positions (`leaf_index` on the wire, 0-based among leaves) and node positions (index into the
 * Appendix C array, leaf `L` at node `2L`) are both plain numbers; branding them stops one being
 * passed where the other is meant, the classic off-by-factor-two bug of array trees.
 */
export type LeafIndex = number & { readonly [leafIndexBrand]: true };
export type NodeIndex = number & { readonly [nodeIndexBrand]: true };

/**
 * Tree arithmetic uses 32-bit bitwise operations, so node indices stay below 2^31 - 1 and trees hold
 * at most 2^30 leaves; a ratchet_tree vector (at most 2^30 bytes, §2.1.2) could never describe more.
 */
export const MAX_NODE_INDEX = 0x7ffffffe;
export const MAX_LEAVES = 0x40000000;

export function toNodeIndex(n: number): NodeIndex {
  if (!Number.isInteger(n) || n < 0 || n > MAX_NODE_INDEX) {
    throw new UsageError(`node index ${n} is not an integer in 0..${MAX_NODE_INDEX}`);
  }
  return n as NodeIndex;
}

/** Accepts any uint32, as a wire `leaf_index` may be; whether it lies inside a tree is checked on use. */
export function toLeafIndex(n: number): LeafIndex {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new UsageError(`leaf index ${n} is not a uint32`);
  }
  return n as LeafIndex;
}

export function isLeaf(x: NodeIndex): boolean {
  return x % 2 === 0;
}

/** RFC 9420 Appendix C: leaf `L` is node `2L`. */
export function leafToNode(leaf: LeafIndex): NodeIndex {
  if (leaf >= MAX_LEAVES) throw new UsageError(`leaf index ${leaf} exceeds the largest supported tree`);
  return (leaf * 2) as NodeIndex;
}

export function nodeToLeaf(x: NodeIndex): LeafIndex {
  if (!isLeaf(x)) throw new UsageError(`node ${x} is a parent node, not a leaf`);
  return (x / 2) as LeafIndex;
}
