/**
 * Encoded LeafNodes, remembered per (immutable) LeafNode object. Every tree hash over a leaf hashes its
 * encoding; a tree received as bytes already holds those encodings, so a joiner of a 50,000-member group
 * hashes the wire bytes instead of re-encoding 50,000 leaves. LeafNode values are readonly: code that
 * wants a different leaf builds a new object, which gets its own entry.
 */
import { encode } from "@parley/codec";
import { type LeafNode, encodeLeafNode } from "../codec/leaf-node.js";

const encodings = new WeakMap<LeafNode, Uint8Array>();

export function leafNodeBytes(leaf: LeafNode): Uint8Array {
  let bytes = encodings.get(leaf);
  if (bytes === undefined) {
    bytes = encode(leaf, encodeLeafNode);
    encodings.set(leaf, bytes);
  }
  return bytes;
}

/** Records the bytes `leaf` was decoded from (which must be exactly its encoding, and never change). */
export function rememberLeafNodeBytes(leaf: LeafNode, bytes: Uint8Array): void {
  encodings.set(leaf, bytes);
}
