/**
 * RFC 9420 §12.1.8 "External Proposals", sender side: proposals from outside the group, built from what a
 * non-member knows — the group's GroupContext as a GroupInfo states it. Two kinds of sender exist: an
 * `external` sender listed in the group's `external_senders` extension (§12.1.8.1), which may propose add,
 * remove, psk, reinit and group_context_extensions; and a `new_member_proposal` sender, a client asking to be
 * added with its own KeyPackage. Either is sent as a PublicMessage without a membership tag (§6.2: the sender
 * has no epoch secrets), signed with the sender's key; members verify and cache it like any proposal.
 */
import { encode } from "@parley/codec";
import { ContentType, SenderType, WireFormat, encodeMLSMessage } from "../codec/index.js";
import type { GroupContext, GroupInfo, KeyPackage, Proposal, Sender } from "../codec/index.js";
import type { CryptoProvider } from "../crypto/provider.js";
import { UsageError } from "../errors.js";
import { signAuthenticatedContent, verifyAuthenticatedContent } from "../framing/content-auth.js";
import { protectPublicMessage } from "../framing/public-message.js";
import { externalSendersOf } from "./context-extensions.js";
import { decodeMessage } from "./process-message.js";
import { addProposal, toKeyPackage } from "./proposal-builders.js";
import { EXTERNAL_TYPES } from "./proposal-checks.js";
import { GroupRule, groupViolation } from "./rules.js";

/** The group's GroupInfo as an encoded MLSMessage or decoded; only its GroupContext is used. */
export type GroupInfoSource = Uint8Array | GroupInfo;

interface ExternalProposalCommon {
  readonly provider: CryptoProvider;
  readonly groupInfo: GroupInfoSource;
  readonly signaturePrivateKey: Uint8Array;
  readonly authenticatedData?: Uint8Array;
}

export interface ExternalSenderProposalInput extends ExternalProposalCommon {
  /** This sender's index in the group's `external_senders` extension. */
  readonly senderIndex: number;
  readonly proposal: Proposal;
}

export interface NewMemberProposalInput extends ExternalProposalCommon {
  /** The joiner's KeyPackage (object or encoded MLSMessage); its leaf's signature key signs the proposal. */
  readonly keyPackage: KeyPackage | Uint8Array;
}

function contextOf(source: GroupInfoSource): GroupContext {
  if (!(source instanceof Uint8Array)) return source.groupContext;
  const message = decodeMessage(source);
  if (message.wireFormat !== WireFormat.mlsGroupInfo) {
    throw new UsageError(`expected a GroupInfo MLSMessage, got wire format ${message.wireFormat}`);
  }
  return message.groupInfo.groupContext;
}

/** Signs the proposal for the context's epoch and checks the signature under the key members will use. */
function framed(
  input: ExternalProposalCommon,
  context: GroupContext,
  sender: Sender,
  proposal: Proposal,
  verifyKey: Uint8Array,
): Uint8Array {
  const cs = input.provider.suite(context.cipherSuite);
  const content = {
    groupId: context.groupId,
    epoch: context.epoch,
    sender,
    authenticatedData: input.authenticatedData ?? new Uint8Array(0),
    contentType: ContentType.proposal,
    proposal,
  } as const;
  const ac = signAuthenticatedContent(cs, {
    wireFormat: WireFormat.mlsPublicMessage,
    content,
    groupContext: context,
    signaturePrivateKey: input.signaturePrivateKey,
  });
  try {
    verifyAuthenticatedContent(cs, { authenticatedContent: ac }, verifyKey, context);
  } catch (e) {
    throw new UsageError("signaturePrivateKey does not match the signature key members verify with", {
      cause: e,
    });
  }
  const publicMessage = protectPublicMessage(cs, ac, { groupContext: context });
  return encode({ wireFormat: WireFormat.mlsPublicMessage, publicMessage }, encodeMLSMessage);
}

/** §12.1.8.1: a proposal from the external sender at `senderIndex`, as an encoded MLSMessage. */
export function createExternalProposal(input: ExternalSenderProposalInput): Uint8Array {
  const context = contextOf(input.groupInfo);
  if (!EXTERNAL_TYPES.has(input.proposal.proposalType)) {
    throw groupViolation(
      GroupRule.externalProposalType,
      `an external sender may not propose type ${input.proposal.proposalType}`,
    );
  }
  const entry = externalSendersOf(context.extensions)[input.senderIndex];
  if (entry === undefined) {
    throw groupViolation(
      GroupRule.externalSenderIndex,
      `the group lists no external sender ${input.senderIndex}`,
    );
  }
  const sender = { senderType: SenderType.external, senderIndex: input.senderIndex } as const;
  return framed(input, context, sender, input.proposal, entry.signatureKey);
}

/** §12.1.8: a client's request to be added, an Add of its own KeyPackage (sender new_member_proposal). */
export function createNewMemberProposal(input: NewMemberProposalInput): Uint8Array {
  const context = contextOf(input.groupInfo);
  const keyPackage = toKeyPackage(input.keyPackage);
  if (keyPackage.cipherSuite !== context.cipherSuite) {
    throw new UsageError(
      `the KeyPackage is for suite ${keyPackage.cipherSuite}, the group uses ${context.cipherSuite}`,
    );
  }
  const proposal = addProposal(keyPackage);
  const key = keyPackage.leafNode.signatureKey;
  return framed(input, context, { senderType: SenderType.newMemberProposal }, proposal, key);
}
