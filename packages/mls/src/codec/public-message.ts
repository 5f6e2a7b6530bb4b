import type { Reader, Writer } from "@parley/codec";
import { UsageError } from "../errors.js";
import {
  type FramedContent,
  type FramedContentAuthData,
  decodeFramedContent,
  decodeFramedContentAuthData,
  encodeFramedContent,
  encodeFramedContentAuthData,
} from "./framed-content.js";
import { SenderType } from "./sender.js";

/**
 * RFC 9420 §6.2 PublicMessage. `membershipTag` is present exactly when the sender is a member:
 * non-members hold no membership key.
 */
export interface PublicMessage {
  readonly content: FramedContent;
  readonly auth: FramedContentAuthData;
  readonly membershipTag?: Uint8Array | undefined;
}

export function encodePublicMessage(w: Writer, v: PublicMessage): void {
  const fromMember = v.content.sender.senderType === SenderType.member;
  if (fromMember && v.membershipTag === undefined) {
    throw new UsageError("a PublicMessage from a member needs a membership_tag (RFC 9420 §6.2)");
  }
  if (!fromMember && v.membershipTag !== undefined) {
    throw new UsageError("only a PublicMessage from a member carries a membership_tag (RFC 9420 §6.2)");
  }
  encodeFramedContent(w, v.content);
  encodeFramedContentAuthData(w, v.auth, v.content.contentType);
  if (v.membershipTag !== undefined) w.opaque(v.membershipTag);
}

export function decodePublicMessage(r: Reader, path = "PublicMessage"): PublicMessage {
  const content = decodeFramedContent(r, `${path}.content`);
  const auth = decodeFramedContentAuthData(r, content.contentType, `${path}.auth`);
  if (content.sender.senderType !== SenderType.member) return { content, auth };
  return { content, auth, membershipTag: r.opaque(`${path}.membership_tag`) };
}
