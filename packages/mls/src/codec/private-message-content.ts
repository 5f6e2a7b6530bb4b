import type { Reader, Writer } from "@parley/codec";
import {
  type FramedContentAuthData,
  type FramedContentBody,
  decodeFramedContentAuthData,
  encodeFramedContentAuthData,
  readBodyValue,
  writeBodyValue,
} from "./framed-content.js";
import type { ContentType } from "./sender.js";

/**
 * RFC 9420 §6.3.1 PrivateMessageContent: the plaintext of a PrivateMessage. The content type is not
 * in the plaintext (it is the enclosing PrivateMessage's `content_type`), so the decoder takes it.
 * `paddingLength` zero bytes follow the auth data; they are kept as a count so re-encoding is exact.
 */
export type PrivateMessageContent = FramedContentBody & {
  readonly auth: FramedContentAuthData;
  readonly paddingLength: number;
};

export function encodePrivateMessageContent(w: Writer, v: PrivateMessageContent): void {
  if (!Number.isInteger(v.paddingLength) || v.paddingLength < 0) {
    throw new RangeError(`padding length must be a non-negative integer, got ${v.paddingLength}`);
  }
  writeBodyValue(w, v);
  encodeFramedContentAuthData(w, v.auth, v.contentType);
  w.bytes(new Uint8Array(v.paddingLength));
}

/**
 * Consumes the whole plaintext: whatever follows the auth data is padding, and §6.3.1 requires
 * rejecting the message as malformed if any padding byte is non-zero.
 */
export function decodePrivateMessageContent(
  r: Reader,
  contentType: ContentType,
  path = "PrivateMessageContent",
): PrivateMessageContent {
  const body = readBodyValue(r, contentType, path);
  const auth = decodeFramedContentAuthData(r, contentType, `${path}.auth`);
  const padding = r.bytes(r.remaining, `${path}.padding`);
  const nonZero = padding.findIndex((b) => b !== 0);
  if (nonZero >= 0) r.fail(`padding byte ${nonZero} is non-zero`, `${path}.padding`);
  return { ...body, auth, paddingLength: padding.length };
}
