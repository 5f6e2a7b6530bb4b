import type { Reader, Writer } from "@parley/codec";
import { UsageError } from "../errors.js";
import { readEnum8, requireKnown, valuesOf } from "./enum.js";
import { type LeafNode, decodeLeafNode, encodeLeafNode } from "./leaf-node.js";
import { type ParentNode, decodeParentNode, encodeParentNode } from "./parent-node.js";

/** RFC 9420 §7.8: `enum { reserved(0), leaf(1), parent(2), (255) } NodeType`. */
export const NodeType = { leaf: 1, parent: 2 } as const;
export type NodeType = (typeof NodeType)[keyof typeof NodeType];
const NODE_TYPES = valuesOf(NodeType);

/** RFC 9420 §12.4.3.3 Node. */
export type Node =
  | { readonly nodeType: typeof NodeType.leaf; readonly leafNode: LeafNode }
  | { readonly nodeType: typeof NodeType.parent; readonly parentNode: ParentNode };

/**
 * RFC 9420 §12.4.3.3 `optional<Node> ratchet_tree<V>`, the body of the `ratchet_tree` extension:
 * nodes in array order (Appendix C), `undefined` for a blank node, trailing blanks omitted.
 */
export type RatchetTree = readonly (Node | undefined)[];

export function encodeNode(w: Writer, v: Node): void {
  w.u8(requireKnown(v.nodeType, NODE_TYPES, "NodeType"));
  switch (v.nodeType) {
    case NodeType.leaf:
      encodeLeafNode(w, v.leafNode);
      return;
    case NodeType.parent:
      encodeParentNode(w, v.parentNode);
      return;
  }
}

export function decodeNode(r: Reader, path = "Node"): Node {
  const nodeType = readEnum8(r, `${path}.node_type`, NODE_TYPES, "NodeType");
  switch (nodeType) {
    case NodeType.leaf:
      return { nodeType, leafNode: decodeLeafNode(r, `${path}.leaf_node`) };
    case NodeType.parent:
      return { nodeType, parentNode: decodeParentNode(r, `${path}.parent_node`) };
  }
}

function writeOptionalNode(w: Writer, v: Node | undefined): void {
  w.optional(v, encodeNode);
}

/** Refuses trees the decoder would reject, so an encoded tree always parses back. */
export function encodeRatchetTree(w: Writer, v: RatchetTree): void {
  if (v.length === 0 || v[v.length - 1] === undefined) {
    throw new UsageError("a ratchet_tree must end in a non-blank node (RFC 9420 §12.4.3.3)");
  }
  v.forEach((node, i) => {
    if (node !== undefined && node.nodeType !== expectedType(i)) {
      throw new UsageError(`ratchet_tree[${i}] must be a ${i % 2 === 0 ? "leaf" : "parent"} node`);
    }
  });
  w.vector(v, writeOptionalNode);
}

function expectedType(index: number): NodeType {
  return index % 2 === 0 ? NodeType.leaf : NodeType.parent;
}

/**
 * Decodes a ratchet tree and enforces the shape rules of §12.4.3.3 that need no crypto: leaves sit
 * at even positions and parents at odd ones (Appendix C), and the last entry is non-blank (so the
 * list is non-empty and carries no trailing blanks). Extending to a full tree is the tree's job.
 */
export function decodeRatchetTree(r: Reader, path = "ratchet_tree"): (Node | undefined)[] {
  const nodes = r.vector(path, (sub, i) => {
    const at = `${path}[${i}]`;
    const node = sub.optional(at, (o) => decodeNode(o, at));
    if (node !== undefined && node.nodeType !== expectedType(i)) {
      sub.fail(`a ${node.nodeType === NodeType.leaf ? "leaf" : "parent"} node at array index ${i}`, at);
    }
    return node;
  });
  if (nodes.length === 0) r.fail("the tree is empty; it must end in a non-blank node", path);
  if (nodes[nodes.length - 1] === undefined) r.fail("the last node is blank", path);
  return nodes;
}
