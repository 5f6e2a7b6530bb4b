/**
 * RFC 9420 §6.1 "Content Authentication": the signature over FramedContentTBS, and the typed step that turns
 * unprotected (but not yet authenticated) content into verified content. Nothing downstream accepts
 * content that has not passed `verifyAuthenticatedContent`.
 */
import type { CipherSuite } from "../crypto/provider.js";
import { signWithLabel, verifyWithLabel } from "../crypto/labels.js";
import { SenderType } from "../codec/index.js";
import type {
  AuthenticatedContent,
  FramedContent,
  FramedContentTBS,
  FramingWireFormat,
  GroupContext,
} from "../codec/index.js";
import { ValidationError } from "../errors.js";
import { framedContentTbsBytes } from "./content-bytes.js";
import { FramingRule } from "./rules.js";

const verifiedBrand: unique symbol = Symbol("verified AuthenticatedContent");

/**
 * Content that passed symmetric unprotection (membership tag or AEAD) but whose signature is unchecked.
 * For a PrivateMessage, the sender's leaf and ratchet generation come from the decrypted SenderData
 * (the leaf is also the content's `sender`).
 */
export interface UnverifiedAuthenticatedContent {
  readonly authenticatedContent: AuthenticatedContent;
  readonly leafIndex?: number | undefined;
  readonly generation?: number | undefined;
  /**
   * The FramedContent exactly as it arrived, when the message carried it in the clear (a PublicMessage
   * decoded by `decodeReceivedMessage`). The signature and the confirmed transcript hash are then computed
   * over these bytes rather than a re-encoding; absent for PrivateMessages.
   */
  readonly framedContentBytes?: Uint8Array | undefined;
}

/** Content whose signature verified; only `verifyAuthenticatedContent` makes one. */
export interface VerifiedAuthenticatedContent {
  readonly [verifiedBrand]: true;
  readonly authenticatedContent: AuthenticatedContent;
  readonly leafIndex?: number | undefined;
  readonly generation?: number | undefined;
  /** As in `UnverifiedAuthenticatedContent`: the bytes the signature was checked over. */
  readonly framedContentBytes?: Uint8Array | undefined;
}

/**
 * The FramedContentTBS for `content`: §6.1 includes the GroupContext exactly for member and
 * new_member_commit senders, so it is dropped here for the others.
 */
export function framedContentTbs(
  wireFormat: FramingWireFormat,
  content: FramedContent,
  groupContext: GroupContext,
): FramedContentTBS {
  const type = content.sender.senderType;
  const signsContext = type === SenderType.member || type === SenderType.newMemberCommit;
  return signsContext ? { wireFormat, content, context: groupContext } : { wireFormat, content };
}

/** §6.1: `signature = SignWithLabel(., "FramedContentTBS", FramedContentTBS)`. */
export function signFramedContent(
  cs: CipherSuite,
  signaturePrivateKey: Uint8Array,
  tbs: FramedContentTBS,
): Uint8Array {
  return signWithLabel(cs, signaturePrivateKey, "FramedContentTBS", framedContentTbsBytes(tbs));
}

/**
 * §6.1 check of `signature`, without the typed wrapper (e.g. for vector runners and tools).
 * `framedContentBytes`, if given, is the encoding of `tbs.content` as received (see `content-bytes.ts`).
 */
export function verifyFramedContent(
  cs: CipherSuite,
  signaturePublicKey: Uint8Array,
  tbs: FramedContentTBS,
  signature: Uint8Array,
  framedContentBytes?: Uint8Array,
): boolean {
  const content = framedContentTbsBytes(tbs, framedContentBytes);
  return verifyWithLabel(cs, signaturePublicKey, "FramedContentTBS", content, signature);
}

/** What an outgoing message needs to be signed. */
export interface SignContentInput {
  readonly wireFormat: FramingWireFormat;
  readonly content: FramedContent;
  /** The GroupContext of the epoch the content is sent in. */
  readonly groupContext: GroupContext;
  readonly signaturePrivateKey: Uint8Array;
  /** Commits only: MAC(confirmation_key, confirmed_transcript_hash), see `computeConfirmationTag`. */
  readonly confirmationTag?: Uint8Array | undefined;
  /** `content` already encoded, for a sender that encodes a big Commit once (see `content-bytes.ts`). */
  readonly framedContentBytes?: Uint8Array | undefined;
}

/**
 * Signs outgoing content into an AuthenticatedContent. For a Commit the caller computes the confirmation
 * tag from the signature (via the confirmed transcript hash) and adds it with `withConfirmationTag`.
 */
export function signAuthenticatedContent(cs: CipherSuite, input: SignContentInput): AuthenticatedContent {
  const tbs = framedContentTbs(input.wireFormat, input.content, input.groupContext);
  const tbsBytes = framedContentTbsBytes(tbs, input.framedContentBytes);
  const signature = signWithLabel(cs, input.signaturePrivateKey, "FramedContentTBS", tbsBytes);
  const auth =
    input.confirmationTag === undefined
      ? { signature }
      : { signature, confirmationTag: input.confirmationTag };
  return { wireFormat: input.wireFormat, content: input.content, auth };
}

/** The same AuthenticatedContent with its Commit confirmation tag filled in (§6.1, §8.2). */
export function withConfirmationTag(
  ac: AuthenticatedContent,
  confirmationTag: Uint8Array,
): AuthenticatedContent {
  return { ...ac, auth: { signature: ac.auth.signature, confirmationTag } };
}

/**
 * §6.1: "Recipients of an MLSMessage MUST verify the signature with the key depending on the sender_type".
 * The caller picks that key (leaf, external_senders entry, or the joiner's LeafNode) — it owns the tree.
 */
export function verifyAuthenticatedContent(
  cs: CipherSuite,
  unverified: UnverifiedAuthenticatedContent,
  signaturePublicKey: Uint8Array,
  groupContext: GroupContext,
): VerifiedAuthenticatedContent {
  const { wireFormat, content, auth } = unverified.authenticatedContent;
  const tbs = framedContentTbs(wireFormat, content, groupContext);
  const received = unverified.framedContentBytes;
  if (!verifyFramedContent(cs, signaturePublicKey, tbs, auth.signature, received)) {
    const rule = FramingRule.signature;
    throw new ValidationError(rule.id, rule.section, "the FramedContent signature does not verify");
  }
  return {
    [verifiedBrand]: true,
    authenticatedContent: unverified.authenticatedContent,
    leafIndex: unverified.leafIndex,
    generation: unverified.generation,
    framedContentBytes: received,
  };
}
