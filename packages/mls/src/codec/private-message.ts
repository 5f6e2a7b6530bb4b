import type { Reader, Writer } from "@parley/codec";
import { type ContentType, decodeContentType, encodeContentType } from "./sender.js";

/**
 * RFC 9420 §6.3 PrivateMessage: content and sender encrypted under the secret tree; only the
 * group, epoch, content type and authenticated data stay visible.
 */
export interface PrivateMessage {
  readonly groupId: Uint8Array;
  readonly epoch: bigint;
  readonly contentType: ContentType;
  readonly authenticatedData: Uint8Array;
  readonly encryptedSenderData: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export function encodePrivateMessage(w: Writer, v: PrivateMessage): void {
  w.opaque(v.groupId).u64(v.epoch);
  encodeContentType(w, v.contentType);
  w.opaque(v.authenticatedData).opaque(v.encryptedSenderData).opaque(v.ciphertext);
}

export function decodePrivateMessage(r: Reader, path = "PrivateMessage"): PrivateMessage {
  return {
    groupId: r.opaque(`${path}.group_id`),
    epoch: r.u64(`${path}.epoch`),
    contentType: decodeContentType(r, `${path}.content_type`),
    authenticatedData: r.opaque(`${path}.authenticated_data`),
    encryptedSenderData: r.opaque(`${path}.encrypted_sender_data`),
    ciphertext: r.opaque(`${path}.ciphertext`),
  };
}

/** RFC 9420 §6.3.1 PrivateContentAAD: the AAD of the content ciphertext. */
export interface PrivateContentAAD {
  readonly groupId: Uint8Array;
  readonly epoch: bigint;
  readonly contentType: ContentType;
  readonly authenticatedData: Uint8Array;
}

export function encodePrivateContentAAD(w: Writer, v: PrivateContentAAD): void {
  w.opaque(v.groupId).u64(v.epoch);
  encodeContentType(w, v.contentType);
  w.opaque(v.authenticatedData);
}

export function decodePrivateContentAAD(r: Reader, path = "PrivateContentAAD"): PrivateContentAAD {
  return {
    groupId: r.opaque(`${path}.group_id`),
    epoch: r.u64(`${path}.epoch`),
    contentType: decodeContentType(r, `${path}.content_type`),
    authenticatedData: r.opaque(`${path}.authenticated_data`),
  };
}

/** RFC 9420 §6.3.2 SenderDataAAD: the first three fields of the PrivateMessage. */
export interface SenderDataAAD {
  readonly groupId: Uint8Array;
  readonly epoch: bigint;
  readonly contentType: ContentType;
}

export function encodeSenderDataAAD(w: Writer, v: SenderDataAAD): void {
  w.opaque(v.groupId).u64(v.epoch);
  encodeContentType(w, v.contentType);
}

export function decodeSenderDataAAD(r: Reader, path = "SenderDataAAD"): SenderDataAAD {
  return {
    groupId: r.opaque(`${path}.group_id`),
    epoch: r.u64(`${path}.epoch`),
    contentType: decodeContentType(r, `${path}.content_type`),
  };
}

/** RFC 9420 §6.3.2 SenderData: who sent a PrivateMessage, with which ratchet generation and reuse guard. */
export interface SenderData {
  readonly leafIndex: number;
  readonly generation: number;
  /** Exactly 4 bytes, XORed into the nonce (§6.3.1). */
  readonly reuseGuard: Uint8Array;
}

export const REUSE_GUARD_LENGTH = 4;

export function encodeSenderData(w: Writer, v: SenderData): void {
  if (v.reuseGuard.length !== REUSE_GUARD_LENGTH) {
    throw new RangeError(`reuse_guard must be ${REUSE_GUARD_LENGTH} bytes, got ${v.reuseGuard.length}`);
  }
  w.u32(v.leafIndex).u32(v.generation).bytes(v.reuseGuard);
}

export function decodeSenderData(r: Reader, path = "SenderData"): SenderData {
  return {
    leafIndex: r.u32(`${path}.leaf_index`),
    generation: r.u32(`${path}.generation`),
    reuseGuard: r.bytes(REUSE_GUARD_LENGTH, `${path}.reuse_guard`),
  };
}
