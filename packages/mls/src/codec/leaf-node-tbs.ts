import { type Reader, Writer } from "@parley/codec";
import { UsageError } from "../errors.js";
import { type LeafNodeData, LeafNodeSource, decodeLeafNodeData, encodeLeafNodeData } from "./leaf-node.js";

/**
 * RFC 9420 §7.2: the group a LeafNode was created in. Update and commit leaves sign it so a leaf
 * cannot be replayed into another group or position; key_package leaves predate any group.
 */
export interface LeafNodeGroupBinding {
  readonly groupId: Uint8Array;
  readonly leafIndex: number;
}

/** RFC 9420 §7.2 LeafNodeTBS: the LeafNode fields plus, for update/commit sources, the group binding. */
export interface LeafNodeTBS {
  readonly leafNode: LeafNodeData;
  readonly group?: LeafNodeGroupBinding | undefined;
}

function bindingRequired(leafNode: LeafNodeData): boolean {
  return leafNode.leafNodeSource !== LeafNodeSource.keyPackage;
}

export function encodeLeafNodeTBS(w: Writer, v: LeafNodeTBS): void {
  encodeLeafNodeData(w, v.leafNode);
  if (!bindingRequired(v.leafNode)) {
    if (v.group !== undefined) throw new UsageError("a key_package LeafNodeTBS has no group_id/leaf_index");
    return;
  }
  if (v.group === undefined) {
    throw new UsageError(
      "an update or commit LeafNodeTBS needs the group_id and leaf_index it is signed for",
    );
  }
  w.opaque(v.group.groupId).u32(v.group.leafIndex);
}

export function decodeLeafNodeTBS(r: Reader, path = "LeafNodeTBS"): LeafNodeTBS {
  const leafNode = decodeLeafNodeData(r, path);
  if (!bindingRequired(leafNode)) return { leafNode };
  const groupId = r.opaque(`${path}.group_id`);
  return { leafNode, group: { groupId, leafIndex: r.u32(`${path}.leaf_index`) } };
}

/**
 * The bytes a leaf's signature covers (`SignWithLabel(., "LeafNodeTBS", LeafNodeTBS)`), for signing a
 * new leaf or verifying one taken from a KeyPackage, Update, Commit path or ratchet tree.
 */
export function leafNodeTbsBytes(leafNode: LeafNodeData, group?: LeafNodeGroupBinding): Uint8Array {
  const w = new Writer();
  encodeLeafNodeTBS(w, { leafNode, group });
  return w.finish();
}
