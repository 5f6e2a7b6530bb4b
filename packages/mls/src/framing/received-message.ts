/**
 * RFC 9420 §6 MLSMessage decoding on the receive path, keeping what `content-bytes.ts` needs: for a
 * PublicMessage (§6.2) the exact bytes of its FramedContent, located with the reader's offsets while the
 * message is decoded once, strictly, as `decodeMLSMessage` would.
 */
import { Reader, decode } from "@parley/codec";
import {
  SenderType,
  WireFormat,
  decodeFramedContent,
  decodeFramedContentAuthData,
  decodeMLSMessage,
} from "../codec/index.js";
import type { MLSMessage, PublicMessage } from "../codec/index.js";
import { decodeMls10 } from "../codec/protocol-version.js";

export interface ReceivedMLSMessage {
  readonly message: MLSMessage;
  /** A PublicMessage's FramedContent as it arrived (a copy); absent for every other wire format. */
  readonly framedContentBytes?: Uint8Array | undefined;
}

/** MLSMessage starts with `version` and `wire_format`, two uint16s (§6). */
const HEADER = 4;

function isPublicMessage(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER && bytes[2] === 0 && bytes[3] === WireFormat.mlsPublicMessage;
}

/** Decodes an MLSMessage strictly (malformed bytes throw `CodecError` naming the field). */
export function decodeReceivedMessage(bytes: Uint8Array): ReceivedMLSMessage {
  if (!isPublicMessage(bytes)) return { message: decode(bytes, decodeMLSMessage, "MLSMessage") };
  const r = new Reader(bytes);
  decodeMls10(r, "MLSMessage.version");
  r.u16("MLSMessage.wire_format");
  const path = "MLSMessage.public_message";
  const start = r.offset;
  const content = decodeFramedContent(r, `${path}.content`);
  const framedContentBytes = bytes.slice(start, r.offset);
  const auth = decodeFramedContentAuthData(r, content.contentType, `${path}.auth`);
  // §6.2, as in decodePublicMessage: only a member's PublicMessage carries a membership_tag.
  const publicMessage: PublicMessage =
    content.sender.senderType === SenderType.member
      ? { content, auth, membershipTag: r.opaque(`${path}.membership_tag`) }
      : { content, auth };
  r.done("MLSMessage");
  return { message: { wireFormat: WireFormat.mlsPublicMessage, publicMessage }, framedContentBytes };
}
