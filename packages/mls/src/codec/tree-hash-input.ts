import type { Reader, Writer } from "@parley/codec";
import { readEnum8, requireKnown } from "./enum.js";
import { type LeafNode, decodeLeafNode, encodeLeafNode } from "./leaf-node.js";
import { type ParentNode, decodeParentNode, encodeParentNode } from "./parent-node.js";
import { NodeType } from "./ratchet-tree.js";

/** RFC 9420 §7.8 LeafNodeHashInput; `leafNode` undefined for a blank leaf. */
export interface LeafNodeHashInput {
  readonly leafIndex: number;
  readonly leafNode?: LeafNode | undefined;
}

/** RFC 9420 §7.8 ParentNodeHashInput; `parentNode` undefined for a blank parent. */
export interface ParentNodeHashInput {
  readonly parentNode?: ParentNode | undefined;
  readonly leftHash: Uint8Array;
  readonly rightHash: Uint8Array;
}

/** RFC 9420 §7.8 TreeHashInput: what the tree hash of one node hashes. */
export type TreeHashInput =
  | { readonly nodeType: typeof NodeType.leaf; readonly leafNode: LeafNodeHashInput }
  | { readonly nodeType: typeof NodeType.parent; readonly parentNode: ParentNodeHashInput };

export function encodeLeafNodeHashInput(w: Writer, v: LeafNodeHashInput): void {
  w.u32(v.leafIndex).optional(v.leafNode, encodeLeafNode);
}

export function decodeLeafNodeHashInput(r: Reader, path = "LeafNodeHashInput"): LeafNodeHashInput {
  const leaf = `${path}.leaf_node`;
  return {
    leafIndex: r.u32(`${path}.leaf_index`),
    leafNode: r.optional(leaf, (o) => decodeLeafNode(o, leaf)),
  };
}

export function encodeParentNodeHashInput(w: Writer, v: ParentNodeHashInput): void {
  w.optional(v.parentNode, encodeParentNode).opaque(v.leftHash).opaque(v.rightHash);
}

export function decodeParentNodeHashInput(r: Reader, path = "ParentNodeHashInput"): ParentNodeHashInput {
  const parent = `${path}.parent_node`;
  return {
    parentNode: r.optional(parent, (o) => decodeParentNode(o, parent)),
    leftHash: r.opaque(`${path}.left_hash`),
    rightHash: r.opaque(`${path}.right_hash`),
  };
}

export function encodeTreeHashInput(w: Writer, v: TreeHashInput): void {
  w.u8(requireKnown(v.nodeType, [NodeType.leaf, NodeType.parent], "NodeType"));
  switch (v.nodeType) {
    case NodeType.leaf:
      encodeLeafNodeHashInput(w, v.leafNode);
      return;
    case NodeType.parent:
      encodeParentNodeHashInput(w, v.parentNode);
      return;
  }
}

export function decodeTreeHashInput(r: Reader, path = "TreeHashInput"): TreeHashInput {
  const nodeType = readEnum8(r, `${path}.node_type`, [NodeType.leaf, NodeType.parent], "NodeType");
  switch (nodeType) {
    case NodeType.leaf:
      return { nodeType, leafNode: decodeLeafNodeHashInput(r, `${path}.leaf_node`) };
    case NodeType.parent:
      return { nodeType, parentNode: decodeParentNodeHashInput(r, `${path}.parent_node`) };
  }
}

/** RFC 9420 §7.9 ParentHashInput: what a parent hash hashes. */
export interface ParentHashInput {
  readonly encryptionKey: Uint8Array;
  readonly parentHash: Uint8Array;
  readonly originalSiblingTreeHash: Uint8Array;
}

export function encodeParentHashInput(w: Writer, v: ParentHashInput): void {
  w.opaque(v.encryptionKey).opaque(v.parentHash).opaque(v.originalSiblingTreeHash);
}

export function decodeParentHashInput(r: Reader, path = "ParentHashInput"): ParentHashInput {
  return {
    encryptionKey: r.opaque(`${path}.encryption_key`),
    parentHash: r.opaque(`${path}.parent_hash`),
    originalSiblingTreeHash: r.opaque(`${path}.original_sibling_tree_hash`),
  };
}
