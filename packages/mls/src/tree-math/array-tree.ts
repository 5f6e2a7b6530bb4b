import { UsageError } from "../errors.js";
import { type NodeIndex, MAX_LEAVES } from "./indices.js";

/**
 * RFC 9420 Appendix C: relationships in the array representation of a left-balanced binary tree.
 * RFC 9420 trees are always full (§7.7 extends and truncates by doubling and halving), so every
 * function that takes a leaf count requires a power of two and checks its node lies in the tree.
 */

/** The exponent of the largest power of 2 not above `x` (0 for 0). */
export function log2(x: number): number {
  if (!Number.isInteger(x) || x < 0) throw new UsageError(`log2 needs a non-negative integer, got ${x}`);
  if (x <= 0xffffffff) return x === 0 ? 0 : 31 - Math.clz32(x);
  let k = 0;
  for (let v = x; v >= 2; v = Math.floor(v / 2)) k++;
  return k;
}

/** Leaves are level 0; a parent's level is the number of trailing one bits of its index. */
export function level(x: NodeIndex): number {
  let k = 0;
  while (((x >> k) & 1) === 1) k++;
  return k;
}

/** The number of array entries for a tree of `nLeaves` leaves. */
export function nodeWidth(nLeaves: number): number {
  if (!Number.isInteger(nLeaves) || nLeaves < 0 || nLeaves > MAX_LEAVES) {
    throw new UsageError(`leaf count ${nLeaves} is not an integer in 0..${MAX_LEAVES}`);
  }
  return nLeaves === 0 ? 0 : 2 * (nLeaves - 1) + 1;
}

function checkLeafCount(nLeaves: number): void {
  const valid = Number.isInteger(nLeaves) && nLeaves >= 1 && nLeaves <= MAX_LEAVES;
  if (!valid || (nLeaves & (nLeaves - 1)) !== 0) {
    throw new UsageError(`leaf count ${nLeaves} is not a power of two in 1..${MAX_LEAVES} (RFC 9420 §7.7)`);
  }
}

function checkInTree(x: NodeIndex, nLeaves: number): void {
  checkLeafCount(nLeaves);
  const width = nodeWidth(nLeaves);
  if (x >= width) throw new UsageError(`node ${x} is outside a tree of ${nLeaves} leaves (${width} nodes)`);
}

export function root(nLeaves: number): NodeIndex {
  checkLeafCount(nLeaves);
  return ((1 << log2(nodeWidth(nLeaves))) - 1) as NodeIndex;
}

export function left(x: NodeIndex): NodeIndex {
  const k = level(x);
  if (k === 0) throw new UsageError(`node ${x} is a leaf and has no left child`);
  return (x ^ (1 << (k - 1))) as NodeIndex;
}

export function right(x: NodeIndex): NodeIndex {
  const k = level(x);
  if (k === 0) throw new UsageError(`node ${x} is a leaf and has no right child`);
  return (x ^ (3 << (k - 1))) as NodeIndex;
}

export function parent(x: NodeIndex, nLeaves: number): NodeIndex {
  checkInTree(x, nLeaves);
  if (x === root(nLeaves)) throw new UsageError(`node ${x} is the root and has no parent`);
  const k = level(x);
  const b = (x >> (k + 1)) & 1;
  return ((x | (1 << k)) ^ (b << (k + 1))) as NodeIndex;
}

export function sibling(x: NodeIndex, nLeaves: number): NodeIndex {
  const p = parent(x, nLeaves);
  return x < p ? right(p) : left(p);
}

/** The ancestors of `x`, from its parent up to the root (empty for the root). */
export function directPath(x: NodeIndex, nLeaves: number): NodeIndex[] {
  checkInTree(x, nLeaves);
  const r = root(nLeaves);
  const path: NodeIndex[] = [];
  for (let at = x; at !== r;) {
    at = parent(at, nLeaves);
    path.push(at);
  }
  return path;
}

/** The siblings of `x` and of each of its ancestors below the root, ordered from leaf to root. */
export function copath(x: NodeIndex, nLeaves: number): NodeIndex[] {
  checkInTree(x, nLeaves);
  const r = root(nLeaves);
  const out: NodeIndex[] = [];
  for (let at = x; at !== r; at = parent(at, nLeaves)) out.push(sibling(at, nLeaves));
  return out;
}

/** The lowest node whose subtree holds both `x` and `y` (either node itself if one contains the other). */
export function commonAncestor(x: NodeIndex, y: NodeIndex): NodeIndex {
  const lx = level(x) + 1;
  const ly = level(y) + 1;
  if (lx <= ly && x >> ly === y >> ly) return y;
  if (ly <= lx && x >> lx === y >> lx) return x;
  let xn: number = x;
  let yn: number = y;
  let k = 0;
  while (xn !== yn) {
    xn >>= 1;
    yn >>= 1;
    k++;
  }
  return ((xn << k) + (1 << (k - 1)) - 1) as NodeIndex;
}
