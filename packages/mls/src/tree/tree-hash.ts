/**
 * RFC 9420 §7.8 tree hashes of single nodes. The recursion and its cache live in `RatchetTree`; these
 * functions hash one TreeHashInput so that the parent-hash code can hash modified subtrees (§7.9) with the
 * same encoding.
 */
import { Writer } from "@parley/codec";
import type { LeafNode } from "../codec/leaf-node.js";
import type { ParentNode } from "../codec/parent-node.js";
import { NodeType } from "../codec/ratchet-tree.js";
import { encodeTreeHashInput } from "../codec/tree-hash-input.js";
import type { CipherSuite } from "../crypto/provider.js";

/** Hash(TreeHashInput{leaf, LeafNodeHashInput{leaf_index, optional leaf_node}}). */
export function hashLeafNode(cs: CipherSuite, leafIndex: number, leafNode: LeafNode | undefined): Uint8Array {
  const w = new Writer(256);
  encodeTreeHashInput(w, { nodeType: NodeType.leaf, leafNode: { leafIndex, leafNode } });
  return cs.hash(w.finish());
}

/** Hash(TreeHashInput{parent, ParentNodeHashInput{optional parent_node, left_hash, right_hash}}). */
export function hashParentNode(
  cs: CipherSuite,
  parentNode: ParentNode | undefined,
  leftHash: Uint8Array,
  rightHash: Uint8Array,
): Uint8Array {
  const w = new Writer(256);
  encodeTreeHashInput(w, { nodeType: NodeType.parent, parentNode: { parentNode, leftHash, rightHash } });
  return cs.hash(w.finish());
}
