/**
 * Proposals from outside the group (RFC 9420 §12.1.8). Parley's `Group` receives them but has no API to send
 * one, so the harness composes the library's own framing calls: the FramedContent is signed with
 * `signAuthenticatedContent` (for these senders FramedContentTBS carries no GroupContext, §6.1) and wrapped by
 * `protectPublicMessage` without a membership tag (non-members have no membership key, §6.2). Only
 * PublicMessages are possible: non-members have no epoch secrets to encrypt with.
 */
import { encode } from "@parley/codec";
import {
  ContentType,
  WireFormat,
  encodeMLSMessage,
  nodeProvider,
  protectPublicMessage,
  signAuthenticatedContent,
  type GroupContext,
  type Proposal,
  type Sender,
  type SenderType,
} from "@parley/mls";

export interface ExternalProposalInput {
  /** The context of the epoch the proposal is for, as the group's GroupInfo states it. */
  readonly groupContext: GroupContext;
  readonly sender: Extract<
    Sender,
    { senderType: typeof SenderType.external | typeof SenderType.newMemberProposal }
  >;
  readonly proposal: Proposal;
  readonly signaturePrivateKey: Uint8Array;
}

/** The proposal as an encoded MLSMessage (PublicMessage). */
export function externalProposalMessage(input: ExternalProposalInput): Uint8Array {
  const { groupContext } = input;
  const cs = nodeProvider.suite(groupContext.cipherSuite);
  const ac = signAuthenticatedContent(cs, {
    wireFormat: WireFormat.mlsPublicMessage,
    content: {
      groupId: groupContext.groupId,
      epoch: groupContext.epoch,
      sender: input.sender,
      authenticatedData: new Uint8Array(),
      contentType: ContentType.proposal,
      proposal: input.proposal,
    },
    groupContext,
    signaturePrivateKey: input.signaturePrivateKey,
  });
  const publicMessage = protectPublicMessage(cs, ac, { groupContext });
  return encode({ wireFormat: WireFormat.mlsPublicMessage, publicMessage }, encodeMLSMessage);
}
