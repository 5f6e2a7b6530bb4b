import type { Reader, Writer } from "@parley/codec";
import { type Extension, decodeExtensions, encodeExtensions } from "./extension.js";
import { decodeMls10, encodeMls10 } from "./protocol-version.js";

/**
 * RFC 9420 §8.1 GroupContext: the group state every member agrees on. `version` is fixed to mls10
 * (`ProtocolVersion version = mls10`) and so is not a field here: written as mls10, checked on read.
 */
export interface GroupContext {
  readonly cipherSuite: number;
  readonly groupId: Uint8Array;
  readonly epoch: bigint;
  readonly treeHash: Uint8Array;
  readonly confirmedTranscriptHash: Uint8Array;
  readonly extensions: readonly Extension[];
}

export function encodeGroupContext(w: Writer, v: GroupContext): void {
  encodeMls10(w);
  w.u16(v.cipherSuite).opaque(v.groupId).u64(v.epoch).opaque(v.treeHash).opaque(v.confirmedTranscriptHash);
  encodeExtensions(w, v.extensions);
}

export function decodeGroupContext(r: Reader, path = "GroupContext"): GroupContext {
  decodeMls10(r, `${path}.version`);
  return {
    cipherSuite: r.u16(`${path}.cipher_suite`),
    groupId: r.opaque(`${path}.group_id`),
    epoch: r.u64(`${path}.epoch`),
    treeHash: r.opaque(`${path}.tree_hash`),
    confirmedTranscriptHash: r.opaque(`${path}.confirmed_transcript_hash`),
    extensions: decodeExtensions(r, `${path}.extensions`),
  };
}
