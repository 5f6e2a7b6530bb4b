/**
 * The byte strings RFC 9420 §6.1 and §6.2 authenticate — FramedContentTBS and AuthenticatedContentTBM — built
 * around an already encoded FramedContent. A received PublicMessage carries its FramedContent in the clear, so
 * the bytes that arrived can be hashed as they are instead of re-encoding the decoded value: for a Commit to a
 * 50,000-member group that value is megabytes of UpdatePath ciphertexts, and it is authenticated three times
 * (membership tag, signature, confirmed transcript hash). The decoder is strict (§2.1), so the received bytes
 * are the one encoding of the decoded value; callers pass bytes only when they come from that same decode.
 */
import { Writer, encode } from "@parley/codec";
import {
  SenderType,
  WireFormat,
  encodeFramedContentAuthData,
  encodeFramedContentTBS,
  encodeFramingWireFormat,
  encodeGroupContext,
} from "../codec/index.js";
import type { FramedContentAuthData, FramedContentTBS, PublicMessage } from "../codec/index.js";
import { ProtocolVersion } from "../codec/protocol-version.js";
import { UsageError } from "../errors.js";

/** Room for the fixed fields, a GroupContext and the auth data around the content. */
const HEADROOM = 512;

/** Writes FramedContentTBS (§6.1) with `framedContentBytes` standing in for `tbs.content`. */
function writeTbs(w: Writer, tbs: FramedContentTBS, framedContentBytes: Uint8Array): void {
  const type = tbs.content.sender.senderType;
  const signsContext = type === SenderType.member || type === SenderType.newMemberCommit;
  if (signsContext !== (tbs.context !== undefined)) {
    throw new UsageError(
      `FramedContentTBS for sender type ${type} ${signsContext ? "needs" : "has no"} GroupContext (§6.1)`,
    );
  }
  w.u16(ProtocolVersion.mls10);
  encodeFramingWireFormat(w, tbs.wireFormat);
  w.bytes(framedContentBytes);
  if (tbs.context !== undefined) encodeGroupContext(w, tbs.context);
}

/**
 * §6.1 FramedContentTBS. `framedContentBytes`, when given, must be the encoding of `tbs.content` (as received);
 * without it the content is encoded here.
 */
export function framedContentTbsBytes(tbs: FramedContentTBS, framedContentBytes?: Uint8Array): Uint8Array {
  if (framedContentBytes === undefined) return encode(tbs, encodeFramedContentTBS);
  const w = new Writer(framedContentBytes.length + HEADROOM);
  writeTbs(w, tbs, framedContentBytes);
  return w.finish();
}

/** §6.2 AuthenticatedContentTBM = FramedContentTBS || FramedContentAuthData, the membership tag's input. */
export function authenticatedContentTbmBytes(
  tbs: FramedContentTBS,
  auth: FramedContentAuthData,
  framedContentBytes?: Uint8Array,
): Uint8Array {
  const size = (framedContentBytes?.length ?? 0) + HEADROOM;
  const w = new Writer(size);
  if (framedContentBytes === undefined) encodeFramedContentTBS(w, tbs);
  else writeTbs(w, tbs, framedContentBytes);
  encodeFramedContentAuthData(w, auth, tbs.content.contentType);
  return w.finish();
}

/**
 * §6 MLSMessage carrying `message` as a PublicMessage (§6.2), with `framedContentBytes` (the encoding of
 * `message.content`) written as they are: the same bytes `encodeMLSMessage` gives, without a fourth encoding.
 */
export function publicMessageBytes(message: PublicMessage, framedContentBytes: Uint8Array): Uint8Array {
  const fromMember = message.content.sender.senderType === SenderType.member;
  if (fromMember !== (message.membershipTag !== undefined)) {
    throw new UsageError("a PublicMessage carries a membership_tag exactly when a member sent it (§6.2)");
  }
  const w = new Writer(framedContentBytes.length + HEADROOM);
  w.u16(ProtocolVersion.mls10).u16(WireFormat.mlsPublicMessage).bytes(framedContentBytes);
  encodeFramedContentAuthData(w, message.auth, message.content.contentType);
  if (message.membershipTag !== undefined) w.opaque(message.membershipTag);
  return w.finish();
}
