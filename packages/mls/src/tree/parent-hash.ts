/**
 * RFC 9420 §7.9 parent hashes: setting the chain along a freshly merged filtered direct path, and the
 * "parent-hash valid" check a joiner runs on every non-blank parent node (§7.9.2, top-down variant).
 */
import { Writer, bytesEqual } from "@parley/codec";
import { LeafNodeSource } from "../codec/leaf-node.js";
import { NodeType } from "../codec/ratchet-tree.js";
import { encodeParentHashInput } from "../codec/tree-hash-input.js";
import type { CipherSuite } from "../crypto/provider.js";
import { InternalError } from "../errors.js";
import * as tm from "../tree-math/index.js";
import type { LeafIndex, NodeIndex } from "../tree-math/index.js";
import type { RatchetTree } from "./ratchet-tree.js";
import { TreeRule, violation } from "./rules.js";
import { countBelow } from "./sorted-leaves.js";
import { leafSpan, subtreeHasLeaf } from "./subtree.js";
import { hashLeafNode, hashParentNode } from "./tree-hash.js";

const EMPTY = new Uint8Array(0);

/** Hash(ParentHashInput{encryption_key, parent_hash, original_sibling_tree_hash}). */
export function computeParentHash(
  cs: CipherSuite,
  encryptionKey: Uint8Array,
  parentHash: Uint8Array,
  originalSiblingTreeHash: Uint8Array,
): Uint8Array {
  const w = new Writer(128);
  encodeParentHashInput(w, { encryptionKey, parentHash, originalSiblingTreeHash });
  return cs.hash(w.finish());
}

/**
 * Fills in `parent_hash` along `leaf`'s filtered direct path, root first (§7.5 step 3: each hash covers the
 * keys above it; the topmost node gets the empty string), and returns the value the leaf must carry.
 * Every node on the path must already hold its new key and no unmerged leaves, as after a merge; then the
 * copath child's current tree hash is its original sibling tree hash.
 */
export function setParentHashChain(tree: RatchetTree, leaf: LeafIndex): Uint8Array {
  const path = tree.filteredDirectPath(leaf);
  let above: Uint8Array = EMPTY;
  for (let i = path.length - 1; i >= 0; i--) {
    const entry = path[i];
    const node = entry === undefined ? undefined : tree.parent(entry.parent);
    if (entry === undefined || node === undefined) {
      throw new InternalError(`node ${entry?.parent ?? i} of a merged path is blank`);
    }
    tree.setParent(entry.parent, { ...node, parentHash: above });
    above = computeParentHash(tree.cs, node.encryptionKey, above, tree.treeHash(entry.copathChild));
  }
  return above;
}

/**
 * The tree hash of `x` in the tree with the leaves `excluded` blanked and dropped from every unmerged list
 * (§7.9 original_sibling_tree_hash). Subtrees containing none of them reuse the cached hash.
 */
export function originalTreeHash(tree: RatchetTree, x: NodeIndex, excluded: readonly number[]): Uint8Array {
  const sorted = [...new Set(excluded)].filter((l) => subtreeHasLeaf(x, l)).sort((a, b) => a - b);
  return hashWithout(tree, x, sorted, new Set(sorted));
}

/**
 * `originalTreeHash` below the top: `inside` holds the excluded leaves under `x` in increasing order and is
 * split between the children by binary search, and `all` answers membership, so each node costs
 * O(log U + |unmerged|) rather than a scan of the excluded list.
 */
function hashWithout(
  tree: RatchetTree,
  x: NodeIndex,
  inside: readonly number[],
  all: ReadonlySet<number>,
): Uint8Array {
  if (inside.length === 0) return tree.treeHash(x);
  if (tm.isLeaf(x)) return hashLeafNode(tree.cs, x / 2, undefined);
  const p = tree.parent(x);
  const kept = p && {
    ...p,
    unmergedLeaves: p.unmergedLeaves.filter((l) => !(all.has(l) && subtreeHasLeaf(x, l))),
  };
  const left = tm.left(x);
  const split = countBelow(inside, leafSpan(left).last + 1);
  const leftHash = hashWithout(tree, left, inside.slice(0, split), all);
  const rightHash = hashWithout(tree, tm.right(x), inside.slice(split), all);
  return hashParentNode(tree.cs, kept, leftHash, rightHash);
}

/** The `parent_hash` a node carries: parents always, leaves only when set by a Commit. */
function parentHashField(tree: RatchetTree, x: NodeIndex): Uint8Array | undefined {
  const node = tree.node(x);
  if (node === undefined) return undefined;
  if (node.nodeType === NodeType.parent) return node.parentNode.parentHash;
  return node.leafNode.leafNodeSource === LeafNodeSource.commit ? node.leafNode.parentHash : undefined;
}

/**
 * §7.9.2: whether P (at `p`) is authenticated by a descendant D on the `child` side: D is in the resolution
 * of `child`, the rest of that resolution is exactly P's unmerged leaves under `child`, and D's parent_hash
 * is the parent hash of P with copath child `sibling`.
 */
function chainsThrough(tree: RatchetTree, p: NodeIndex, child: NodeIndex, sibling: NodeIndex): boolean {
  const node = tree.parent(p);
  if (node === undefined) return false;
  const unmergedHere = new Set(node.unmergedLeaves.filter((l) => subtreeHasLeaf(child, l)).map((l) => 2 * l));
  // Sizes first: a resolution of the wrong size fails without being built (it may span a whole subtree).
  if (tree.resolutionSize(child) - 1 !== unmergedHere.size) return false;
  const rest = tree.resolution(child).filter((x) => !unmergedHere.has(x));
  const d = rest[0];
  if (d === undefined || rest.length !== 1) return false;
  const field = parentHashField(tree, d);
  if (field === undefined) return false;
  const siblingHash = originalTreeHash(tree, sibling, node.unmergedLeaves);
  return bytesEqual(field, computeParentHash(tree.cs, node.encryptionKey, node.parentHash, siblingHash));
}

/**
 * RFC 9420 §7.9.2, top down: every non-blank parent node must be authenticated by exactly one descendant.
 * Together this chains each parent back to a leaf whose signature covers the chain. Throws TREE-2.
 */
export function verifyParentHashes(tree: RatchetTree): void {
  for (let x = 1; x < tree.nodeCount; x += 2) {
    const p = x as NodeIndex;
    if (tree.parent(p) === undefined) continue;
    const l = tm.left(p);
    const r = tm.right(p);
    const valid = Number(chainsThrough(tree, p, l, r)) + Number(chainsThrough(tree, p, r, l));
    if (valid !== 1) {
      throw violation(TreeRule.parentHash, `parent node ${p} is not parent-hash valid (${valid} chains)`);
    }
  }
}
