import type { Reader, Writer } from "@parley/codec";
import { type HPKECiphertext, decodeHPKECiphertext, encodeHPKECiphertext } from "./hpke-ciphertext.js";
import { type LeafNode, decodeLeafNode, encodeLeafNode } from "./leaf-node.js";

/** RFC 9420 §7.6 UpdatePathNode: a new node key and the path secret encrypted to its copath resolution. */
export interface UpdatePathNode {
  readonly encryptionKey: Uint8Array;
  readonly encryptedPathSecret: readonly HPKECiphertext[];
}

/** RFC 9420 §7.6 UpdatePath: the committer's new leaf and one node per filtered direct-path entry. */
export interface UpdatePath {
  readonly leafNode: LeafNode;
  readonly nodes: readonly UpdatePathNode[];
}

export function encodeUpdatePathNode(w: Writer, v: UpdatePathNode): void {
  w.opaque(v.encryptionKey).vector(v.encryptedPathSecret, encodeHPKECiphertext);
}

export function decodeUpdatePathNode(r: Reader, path = "UpdatePathNode"): UpdatePathNode {
  const secrets = `${path}.encrypted_path_secret`;
  return {
    encryptionKey: r.opaque(`${path}.encryption_key`),
    encryptedPathSecret: r.vector(secrets, (sub, i) => decodeHPKECiphertext(sub, `${secrets}[${i}]`)),
  };
}

export function encodeUpdatePath(w: Writer, v: UpdatePath): void {
  encodeLeafNode(w, v.leafNode);
  w.vector(v.nodes, encodeUpdatePathNode);
}

export function decodeUpdatePath(r: Reader, path = "UpdatePath"): UpdatePath {
  const nodes = `${path}.nodes`;
  return {
    leafNode: decodeLeafNode(r, `${path}.leaf_node`),
    nodes: r.vector(nodes, (sub, i) => decodeUpdatePathNode(sub, `${nodes}[${i}]`)),
  };
}
