import type { Reader, Writer } from "@parley/codec";
import { decodeU32List, encodeU32List } from "./int-list.js";

/** RFC 9420 §7.1 ParentNode: the HPKE key shared by a subtree, its parent hash and unmerged leaves. */
export interface ParentNode {
  readonly encryptionKey: Uint8Array;
  readonly parentHash: Uint8Array;
  /** Leaf indices; §7.1 requires increasing order, which tree validation checks. */
  readonly unmergedLeaves: readonly number[];
}

export function encodeParentNode(w: Writer, v: ParentNode): void {
  w.opaque(v.encryptionKey).opaque(v.parentHash);
  encodeU32List(w, v.unmergedLeaves);
}

export function decodeParentNode(r: Reader, path = "ParentNode"): ParentNode {
  return {
    encryptionKey: r.opaque(`${path}.encryption_key`),
    parentHash: r.opaque(`${path}.parent_hash`),
    unmergedLeaves: decodeU32List(r, `${path}.unmerged_leaves`),
  };
}
