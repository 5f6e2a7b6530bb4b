/**
 * Incoming framed content (RFC 9420 §6): unprotect with the keys of the epoch the message names (membership tag
 * or AEAD), then verify the signature with the key the sender type points to (§6.1). Only content that passed
 * both becomes `VerifiedAuthenticatedContent`; nothing else reaches proposal or commit processing.
 */
import { ContentType, ProposalType, SenderType, WireFormat } from "../codec/index.js";
import type { FramedContent, PrivateMessage, PublicMessage } from "../codec/index.js";
import { verifyAuthenticatedContent } from "../framing/content-auth.js";
import type {
  UnverifiedAuthenticatedContent,
  VerifiedAuthenticatedContent,
} from "../framing/content-auth.js";
import { unprotectPrivateMessage } from "../framing/private-message.js";
import { unprotectPublicMessage } from "../framing/public-message.js";
import type { GroupContext } from "../codec/index.js";
import type { CipherSuite } from "../crypto/provider.js";
import { toLeafIndex } from "../tree-math/index.js";
import type { RatchetTree } from "../tree/ratchet-tree.js";
import type { ResolvedGroupConfig } from "./config.js";
import { externalSendersOf } from "./context-extensions.js";
import type { EpochState, PastEpoch } from "./epoch-state.js";
import { isKnownProposal } from "./proposal-cache.js";
import { GroupRule, groupViolation } from "./rules.js";

/** §6.1: "verify the signature with the key depending on the sender_type". */
export function senderSignatureKey(
  context: GroupContext,
  tree: RatchetTree,
  content: FramedContent,
): Uint8Array {
  const { sender } = content;
  switch (sender.senderType) {
    case SenderType.member: {
      const leaf = sender.leafIndex < tree.leafCount ? tree.leaf(toLeafIndex(sender.leafIndex)) : undefined;
      if (leaf === undefined)
        throw groupViolation(GroupRule.senderLeaf, `sender leaf ${sender.leafIndex} is blank`);
      return leaf.signatureKey;
    }
    case SenderType.external: {
      const entry = externalSendersOf(context.extensions)[sender.senderIndex];
      if (entry === undefined) {
        throw groupViolation(GroupRule.externalSenderIndex, `no external sender ${sender.senderIndex}`);
      }
      return entry.signatureKey;
    }
    case SenderType.newMemberProposal:
      // §12.1.8: such a sender sends only Adds (FRAMING-9), signed with the key in the KeyPackage.
      if (content.contentType === ContentType.proposal) {
        const { proposal } = content;
        if (isKnownProposal(proposal) && proposal.proposalType === ProposalType.add) {
          return proposal.add.keyPackage.leafNode.signatureKey;
        }
      }
      throw groupViolation(
        GroupRule.senderLeaf,
        "a new_member_proposal sender sent something other than an Add",
      );
    case SenderType.newMemberCommit: {
      // §12.4.3.2: the joiner signs with the key of the leaf in its path.
      const path = content.contentType === ContentType.commit ? content.commit.path : undefined;
      if (path === undefined) throw groupViolation(GroupRule.pathRequired, "an external Commit has no path");
      return path.leafNode.signatureKey;
    }
  }
}

function checkWireFormatPolicy(
  config: ResolvedGroupConfig,
  content: FramedContent,
  wireFormat: number,
): void {
  const want = config.requireHandshakeWireFormat;
  if (want === undefined || content.contentType === ContentType.application) return;
  if (content.sender.senderType !== SenderType.member) return;
  const expected = want === "private" ? WireFormat.mlsPrivateMessage : WireFormat.mlsPublicMessage;
  if (wireFormat !== expected) {
    throw groupViolation(GroupRule.wireFormatPolicy, `handshake messages must arrive as ${want} messages`);
  }
}

function verify(
  cs: CipherSuite,
  context: GroupContext,
  tree: RatchetTree,
  unverified: UnverifiedAuthenticatedContent,
): VerifiedAuthenticatedContent {
  const key = senderSignatureKey(context, tree, unverified.authenticatedContent.content);
  return verifyAuthenticatedContent(cs, unverified, key, context);
}

/** §6.2: a PublicMessage of the current epoch. */
export function readPublicMessage(
  state: EpochState,
  config: ResolvedGroupConfig,
  message: PublicMessage,
  /** `message.content` as received, so it is authenticated without re-encoding (`content-bytes.ts`). */
  framedContentBytes?: Uint8Array,
): VerifiedAuthenticatedContent {
  checkWireFormatPolicy(config, message.content, WireFormat.mlsPublicMessage);
  const keys = { groupContext: state.context, membershipKey: state.secrets.membershipKey.bytes };
  const unverified = unprotectPublicMessage(state.cs, message, keys, framedContentBytes);
  return verify(state.cs, state.context, state.tree, unverified);
}

/** §6.3: a PrivateMessage of the current epoch (any content) or of a retained past epoch (application only). */
export function readPrivateMessage(
  state: EpochState | PastEpoch,
  config: ResolvedGroupConfig,
  message: PrivateMessage,
): VerifiedAuthenticatedContent {
  const current = "secrets" in state;
  if (!current && message.contentType !== ContentType.application) {
    throw groupViolation(GroupRule.staleHandshake, `a handshake message for past epoch ${message.epoch}`);
  }
  const tree = state.tree;
  const unverified = unprotectPrivateMessage(
    tree.cs,
    message,
    {
      groupContext: state.context,
      senderDataSecret: current ? state.secrets.senderDataSecret.bytes : state.senderDataSecret.bytes,
      secretTree: state.secretTree,
    },
    { isMemberLeaf: (leaf) => tree.leaf(toLeafIndex(leaf)) !== undefined },
  );
  const { content } = unverified.authenticatedContent;
  checkWireFormatPolicy(config, content, WireFormat.mlsPrivateMessage);
  return verify(tree.cs, state.context, tree, unverified);
}
