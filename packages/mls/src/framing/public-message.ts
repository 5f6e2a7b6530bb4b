/**
 * RFC 9420 §6.2 "Encoding and Decoding a Public Message": signed, unencrypted framing. Members add a
 * membership tag under the epoch's `membership_key`; external and new-member senders cannot and do not.
 */
import type { CipherSuite } from "../crypto/provider.js";
import { ContentType, ProposalType, SenderType, WireFormat } from "../codec/index.js";
import type { AuthenticatedContent, FramedContent, GroupContext, PublicMessage } from "../codec/index.js";
import { UsageError, ValidationError } from "../errors.js";
import { framedContentTbs } from "./content-auth.js";
import type { UnverifiedAuthenticatedContent } from "./content-auth.js";
import { checkGroupAndEpoch } from "./epoch-check.js";
import { FramingRule } from "./rules.js";
import { computeMembershipTag, verifyMembershipTag } from "./tags.js";

/** The epoch state PublicMessage protection needs. */
export interface PublicMessageKeys {
  readonly groupContext: GroupContext;
  /** Required for member senders; non-members have none. */
  readonly membershipKey?: Uint8Array | undefined;
}

/** Wraps signed content as a PublicMessage, adding the membership tag for member senders (§6.2). */
export function protectPublicMessage(
  cs: CipherSuite,
  ac: AuthenticatedContent,
  keys: PublicMessageKeys,
  /** `ac.content` already encoded, if the sender has it (see `content-bytes.ts`). */
  framedContentBytes?: Uint8Array,
): PublicMessage {
  if (ac.wireFormat !== WireFormat.mlsPublicMessage) {
    throw new UsageError("content signed for a PrivateMessage cannot be sent as a PublicMessage (§6.1)");
  }
  if (ac.content.contentType === ContentType.application) {
    throw new UsageError("application data must be sent as a PrivateMessage (RFC 9420 §6)");
  }
  if (ac.content.sender.senderType !== SenderType.member) return { content: ac.content, auth: ac.auth };
  if (keys.membershipKey === undefined) {
    throw new UsageError("a member's PublicMessage needs the epoch's membership_key");
  }
  const tbs = framedContentTbs(ac.wireFormat, ac.content, keys.groupContext);
  const membershipTag = computeMembershipTag(cs, keys.membershipKey, tbs, ac.auth, framedContentBytes);
  return { content: ac.content, auth: ac.auth, membershipTag };
}

/** §6.1: which content types each sender type may send. */
function checkSenderContentType(content: FramedContent): void {
  const sender = content.sender.senderType;
  const ok =
    sender === SenderType.member ||
    (sender === SenderType.external && content.contentType === ContentType.proposal) ||
    (sender === SenderType.newMemberCommit && content.contentType === ContentType.commit) ||
    (sender === SenderType.newMemberProposal &&
      content.contentType === ContentType.proposal &&
      content.proposal.proposalType === ProposalType.add);
  if (!ok) {
    const rule = FramingRule.senderContentType;
    throw new ValidationError(
      rule.id,
      rule.section,
      `sender type ${sender} may not send content type ${content.contentType}`,
    );
  }
}

/**
 * §6.2: checks group, epoch, sender/content agreement and (for members) the membership tag. The result is
 * still unverified: the caller looks up the sender's signature key and calls `verifyAuthenticatedContent`.
 */
export function unprotectPublicMessage(
  cs: CipherSuite,
  message: PublicMessage,
  keys: PublicMessageKeys,
  /** The encoding of `message.content` as received, from `decodeReceivedMessage` (see `content-bytes.ts`). */
  framedContentBytes?: Uint8Array,
): UnverifiedAuthenticatedContent {
  const { content, auth, membershipTag } = message;
  checkGroupAndEpoch(keys.groupContext, content.groupId, content.epoch);
  if (content.contentType === ContentType.application) {
    const rule = FramingRule.applicationNotPublic;
    throw new ValidationError(rule.id, rule.section, "application data arrived in a PublicMessage");
  }
  checkSenderContentType(content);
  const authenticatedContent = { wireFormat: WireFormat.mlsPublicMessage, content, auth } as const;
  if (content.sender.senderType === SenderType.member) {
    if (keys.membershipKey === undefined) {
      throw new UsageError("verifying a member's PublicMessage needs the epoch's membership_key");
    }
    if (membershipTag === undefined) {
      const rule = FramingRule.membershipTag;
      throw new ValidationError(rule.id, rule.section, "a member's PublicMessage has no membership tag");
    }
    const tbs = framedContentTbs(WireFormat.mlsPublicMessage, content, keys.groupContext);
    verifyMembershipTag(cs, keys.membershipKey, tbs, auth, membershipTag, framedContentBytes);
    return { authenticatedContent, leafIndex: content.sender.leafIndex, framedContentBytes };
  }
  return { authenticatedContent, framedContentBytes };
}
