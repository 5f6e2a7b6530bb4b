import type { Reader, Writer } from "@parley/codec";
import { type Extension, decodeExtensions, encodeExtensions } from "./extension.js";
import { type KeyPackage, decodeKeyPackage, encodeKeyPackage } from "./key-package.js";
import { type LeafNode, decodeLeafNode, encodeLeafNode } from "./leaf-node.js";
import { type PreSharedKeyID, decodePreSharedKeyID, encodePreSharedKeyID } from "./psk.js";

/** RFC 9420 §12.1.1 Add. */
export interface Add {
  readonly keyPackage: KeyPackage;
}

/** RFC 9420 §12.1.2 Update. */
export interface Update {
  readonly leafNode: LeafNode;
}

/** RFC 9420 §12.1.3 Remove. */
export interface Remove {
  readonly removed: number;
}

/** RFC 9420 §12.1.4 PreSharedKey. */
export interface PreSharedKey {
  readonly psk: PreSharedKeyID;
}

/** RFC 9420 §12.1.5 ReInit; `version` is kept as sent since a ReInit may move to a newer version. */
export interface ReInit {
  readonly groupId: Uint8Array;
  readonly version: number;
  readonly cipherSuite: number;
  readonly extensions: readonly Extension[];
}

/** RFC 9420 §12.1.6 ExternalInit. */
export interface ExternalInit {
  readonly kemOutput: Uint8Array;
}

/** RFC 9420 §12.1.7 GroupContextExtensions. */
export interface GroupContextExtensions {
  readonly extensions: readonly Extension[];
}

export function encodeAdd(w: Writer, v: Add): void {
  encodeKeyPackage(w, v.keyPackage);
}

export function decodeAdd(r: Reader, path = "Add"): Add {
  return { keyPackage: decodeKeyPackage(r, `${path}.key_package`) };
}

export function encodeUpdate(w: Writer, v: Update): void {
  encodeLeafNode(w, v.leafNode);
}

export function decodeUpdate(r: Reader, path = "Update"): Update {
  return { leafNode: decodeLeafNode(r, `${path}.leaf_node`) };
}

export function encodeRemove(w: Writer, v: Remove): void {
  w.u32(v.removed);
}

export function decodeRemove(r: Reader, path = "Remove"): Remove {
  return { removed: r.u32(`${path}.removed`) };
}

export function encodePreSharedKey(w: Writer, v: PreSharedKey): void {
  encodePreSharedKeyID(w, v.psk);
}

export function decodePreSharedKey(r: Reader, path = "PreSharedKey"): PreSharedKey {
  return { psk: decodePreSharedKeyID(r, `${path}.psk`) };
}

export function encodeReInit(w: Writer, v: ReInit): void {
  w.opaque(v.groupId).u16(v.version).u16(v.cipherSuite);
  encodeExtensions(w, v.extensions);
}

export function decodeReInit(r: Reader, path = "ReInit"): ReInit {
  return {
    groupId: r.opaque(`${path}.group_id`),
    version: r.u16(`${path}.version`),
    cipherSuite: r.u16(`${path}.cipher_suite`),
    extensions: decodeExtensions(r, `${path}.extensions`),
  };
}

export function encodeExternalInit(w: Writer, v: ExternalInit): void {
  w.opaque(v.kemOutput);
}

export function decodeExternalInit(r: Reader, path = "ExternalInit"): ExternalInit {
  return { kemOutput: r.opaque(`${path}.kem_output`) };
}

export function encodeGroupContextExtensions(w: Writer, v: GroupContextExtensions): void {
  encodeExtensions(w, v.extensions);
}

export function decodeGroupContextExtensions(
  r: Reader,
  path = "GroupContextExtensions",
): GroupContextExtensions {
  return { extensions: decodeExtensions(r, `${path}.extensions`) };
}
