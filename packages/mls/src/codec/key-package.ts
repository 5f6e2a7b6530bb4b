import type { Reader, Writer } from "@parley/codec";
import { type Extension, decodeExtensions, encodeExtensions } from "./extension.js";
import { type LeafNode, decodeLeafNode, encodeLeafNode } from "./leaf-node.js";

/**
 * RFC 9420 §10 KeyPackageTBS: everything a KeyPackage signs. `version` is kept as sent (not forced to
 * mls10): §10.1 makes a version mismatch a validation failure against the group, not a parse error.
 */
export interface KeyPackageTBS {
  readonly version: number;
  readonly cipherSuite: number;
  readonly initKey: Uint8Array;
  readonly leafNode: LeafNode;
  readonly extensions: readonly Extension[];
}

/** RFC 9420 §10 KeyPackage: a pre-published, signed offer to be added to a group. */
export interface KeyPackage extends KeyPackageTBS {
  readonly signature: Uint8Array;
}

export function encodeKeyPackageTBS(w: Writer, v: KeyPackageTBS): void {
  w.u16(v.version).u16(v.cipherSuite).opaque(v.initKey);
  encodeLeafNode(w, v.leafNode);
  encodeExtensions(w, v.extensions);
}

export function decodeKeyPackageTBS(r: Reader, path = "KeyPackageTBS"): KeyPackageTBS {
  return {
    version: r.u16(`${path}.version`),
    cipherSuite: r.u16(`${path}.cipher_suite`),
    initKey: r.opaque(`${path}.init_key`),
    leafNode: decodeLeafNode(r, `${path}.leaf_node`),
    extensions: decodeExtensions(r, `${path}.extensions`),
  };
}

export function encodeKeyPackage(w: Writer, v: KeyPackage): void {
  encodeKeyPackageTBS(w, v);
  w.opaque(v.signature);
}

export function decodeKeyPackage(r: Reader, path = "KeyPackage"): KeyPackage {
  const tbs = decodeKeyPackageTBS(r, path);
  return { ...tbs, signature: r.opaque(`${path}.signature`) };
}
