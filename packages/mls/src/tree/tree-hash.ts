/**
 * RFC 9420 §7.8 tree hashes of single nodes. The recursion and its cache live in `RatchetTree`; these
 * functions hash one TreeHashInput so that the parent-hash code can hash modified subtrees (§7.9) with the
 * same encoding.
 *
 * A freshly joined 50,000-member tree has ~130,000 nodes to hash. Each TreeHashInput is written into one
 * reused scratch buffer (the suite's hash consumes its input synchronously) around the leaf's remembered
 * encoding, instead of allocating an encoder per node. `test/tree-hash.test.ts` checks the bytes against
 * the codec's `encodeTreeHashInput`.
 */
import type { LeafNode } from "../codec/leaf-node.js";
import type { ParentNode } from "../codec/parent-node.js";
import { NodeType } from "../codec/ratchet-tree.js";
import type { CipherSuite } from "../crypto/provider.js";
import { InternalError } from "../errors.js";
import { leafNodeBytes } from "./leaf-encoding.js";

let scratch = new Uint8Array(1024);
let view = new DataView(scratch.buffer);

function ensure(size: number): void {
  if (size <= scratch.length) return;
  scratch = new Uint8Array(Math.max(size, 2 * scratch.length));
  view = new DataView(scratch.buffer);
}

/** RFC 9420 §2.1.2 variable-length integer (1, 2 or 4 bytes) at `at`; returns the next offset. */
function putVarint(at: number, v: number): number {
  if (v < 0x40) {
    scratch[at] = v;
    return at + 1;
  }
  if (v < 0x4000) {
    view.setUint16(at, 0x4000 | v);
    return at + 2;
  }
  if (v < 0x40000000) {
    view.setUint32(at, (0x80000000 | v) >>> 0);
    return at + 4;
  }
  throw new InternalError(`vector of ${v} bytes in a tree hash input`);
}

function putOpaque(at: number, b: Uint8Array): number {
  const next = putVarint(at, b.length);
  scratch.set(b, next);
  return next + b.length;
}

/** Hash(TreeHashInput{leaf, LeafNodeHashInput{leaf_index, optional leaf_node}}). */
export function hashLeafNode(cs: CipherSuite, leafIndex: number, leafNode: LeafNode | undefined): Uint8Array {
  const bytes = leafNode === undefined ? undefined : leafNodeBytes(leafNode);
  ensure(6 + (bytes?.length ?? 0));
  scratch[0] = NodeType.leaf;
  view.setUint32(1, leafIndex);
  scratch[5] = bytes === undefined ? 0 : 1;
  if (bytes !== undefined) scratch.set(bytes, 6);
  return cs.hash(scratch.subarray(0, 6 + (bytes?.length ?? 0)));
}

/** Hash(TreeHashInput{parent, ParentNodeHashInput{optional parent_node, left_hash, right_hash}}). */
export function hashParentNode(
  cs: CipherSuite,
  parentNode: ParentNode | undefined,
  leftHash: Uint8Array,
  rightHash: Uint8Array,
): Uint8Array {
  const p = parentNode;
  const nodeSize =
    p === undefined ? 0 : p.encryptionKey.length + p.parentHash.length + 4 * p.unmergedLeaves.length;
  ensure(2 + nodeSize + leftHash.length + rightHash.length + 5 * 4);
  scratch[0] = NodeType.parent;
  scratch[1] = p === undefined ? 0 : 1;
  let at = 2;
  if (p !== undefined) {
    at = putOpaque(at, p.encryptionKey);
    at = putOpaque(at, p.parentHash);
    at = putVarint(at, 4 * p.unmergedLeaves.length);
    for (const leaf of p.unmergedLeaves) {
      view.setUint32(at, leaf);
      at += 4;
    }
  }
  at = putOpaque(at, leftHash);
  at = putOpaque(at, rightHash);
  return cs.hash(scratch.subarray(0, at));
}
