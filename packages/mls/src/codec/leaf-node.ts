import type { Reader, Writer } from "@parley/codec";
import { type Capabilities, decodeCapabilities, encodeCapabilities } from "./capabilities.js";
import { type Credential, decodeCredential, encodeCredential } from "./credential.js";
import { readEnum8, requireKnown, valuesOf } from "./enum.js";
import { type Extension, decodeExtensions, encodeExtensions } from "./extension.js";
import { type Lifetime, decodeLifetime, encodeLifetime } from "./lifetime.js";

/** RFC 9420 §7.2: how a LeafNode entered the tree; decides which of lifetime/parent_hash it carries. */
export const LeafNodeSource = { keyPackage: 1, update: 2, commit: 3 } as const;
export type LeafNodeSource = (typeof LeafNodeSource)[keyof typeof LeafNodeSource];
const LEAF_NODE_SOURCES = valuesOf(LeafNodeSource);

/** The `select (leaf_node_source)` part of LeafNode and LeafNodeTBS. */
export type LeafNodeSourceFields =
  | { readonly leafNodeSource: typeof LeafNodeSource.keyPackage; readonly lifetime: Lifetime }
  | { readonly leafNodeSource: typeof LeafNodeSource.update }
  | { readonly leafNodeSource: typeof LeafNodeSource.commit; readonly parentHash: Uint8Array };

/** A LeafNode without its signature: exactly the fields LeafNodeTBS covers before the group binding. */
export type LeafNodeData = {
  readonly encryptionKey: Uint8Array;
  readonly signatureKey: Uint8Array;
  readonly credential: Credential;
  readonly capabilities: Capabilities;
  readonly extensions: readonly Extension[];
} & LeafNodeSourceFields;

/** RFC 9420 §7.2 LeafNode: a member's keys, credential and capabilities, signed by the member. */
export type LeafNode = LeafNodeData & { readonly signature: Uint8Array };

/** Writes every LeafNode field above `signature`, shared by LeafNode and LeafNodeTBS. */
export function encodeLeafNodeData(w: Writer, v: LeafNodeData): void {
  w.opaque(v.encryptionKey).opaque(v.signatureKey);
  encodeCredential(w, v.credential);
  encodeCapabilities(w, v.capabilities);
  w.u8(requireKnown(v.leafNodeSource, LEAF_NODE_SOURCES, "LeafNodeSource"));
  switch (v.leafNodeSource) {
    case LeafNodeSource.keyPackage:
      encodeLifetime(w, v.lifetime);
      break;
    case LeafNodeSource.update:
      break;
    case LeafNodeSource.commit:
      w.opaque(v.parentHash);
      break;
  }
  encodeExtensions(w, v.extensions);
}

function decodeSourceFields(r: Reader, path: string): LeafNodeSourceFields {
  const leafNodeSource = readEnum8(r, `${path}.leaf_node_source`, LEAF_NODE_SOURCES, "LeafNodeSource");
  switch (leafNodeSource) {
    case LeafNodeSource.keyPackage:
      return { leafNodeSource, lifetime: decodeLifetime(r, `${path}.lifetime`) };
    case LeafNodeSource.update:
      return { leafNodeSource };
    case LeafNodeSource.commit:
      return { leafNodeSource, parentHash: r.opaque(`${path}.parent_hash`) };
  }
}

export function decodeLeafNodeData(r: Reader, path: string): LeafNodeData {
  const encryptionKey = r.opaque(`${path}.encryption_key`);
  const signatureKey = r.opaque(`${path}.signature_key`);
  const credential = decodeCredential(r, `${path}.credential`);
  const capabilities = decodeCapabilities(r, `${path}.capabilities`);
  const source = decodeSourceFields(r, path);
  const extensions = decodeExtensions(r, `${path}.extensions`);
  return { encryptionKey, signatureKey, credential, capabilities, extensions, ...source };
}

export function encodeLeafNode(w: Writer, v: LeafNode): void {
  encodeLeafNodeData(w, v);
  w.opaque(v.signature);
}

export function decodeLeafNode(r: Reader, path = "LeafNode"): LeafNode {
  const data = decodeLeafNodeData(r, path);
  const signature = r.opaque(`${path}.signature`);
  return Object.assign(data, { signature });
}
