/**
 * Incoming messages for a group (RFC 9420 §6, §12.1, §12.4.2): decode the MLSMessage, unprotect and verify it
 * with the keys of the epoch it names, then by content type: application data is returned, a proposal is
 * validated and cached (§12.1), a Commit is staged for the application to inspect and merge (§12.4.2).
 */
import { Reader } from "@parley/codec";
import { ContentType, SenderType, WireFormat, decodeMLSMessage } from "../codec/index.js";
import type { MLSMessage, Proposal, Sender } from "../codec/index.js";
import { UsageError } from "../errors.js";
import type { VerifiedAuthenticatedContent } from "../framing/content-auth.js";
import { decodeReceivedMessage } from "../framing/received-message.js";
import type { ReceivedMLSMessage } from "../framing/received-message.js";
import { toLeafIndex } from "../tree-math/index.js";
import type { LeafIndex } from "../tree-math/index.js";
import { stageReceivedCommit } from "./commit-process.js";
import { externalSendersOf } from "./context-extensions.js";
import type { MemberState } from "./member-state.js";
import { ownUpdateKey } from "./member-state.js";
import { readPrivateMessage, readPublicMessage } from "./message-in.js";
import { proposalRef } from "./proposal-cache.js";
import { checkProposal } from "./proposal-checks.js";
import { pskLookup } from "./psks.js";
import { GroupRule, groupViolation } from "./rules.js";
import type { StagedEpoch } from "./staged-epoch.js";

export interface ApplicationMessage {
  readonly kind: "application";
  readonly sender: LeafIndex;
  readonly epoch: bigint;
  readonly data: Uint8Array;
  readonly authenticatedData: Uint8Array;
}

export interface ProposalMessage {
  readonly kind: "proposal";
  /** The ProposalRef (§5.2) a later Commit uses to cover it. */
  readonly ref: Uint8Array;
  readonly proposal: Proposal;
  readonly sender: Sender;
  readonly authenticatedData: Uint8Array;
}

/** A received Commit, verified and staged, not yet in effect. */
export interface CommitMessage {
  readonly kind: "commit";
  readonly staged: StagedEpoch;
  readonly authenticatedData: Uint8Array;
}

export type ReceivedMessage = ApplicationMessage | ProposalMessage | CommitMessage;

/** Decodes an MLSMessage strictly; malformed bytes throw `CodecError` naming the field. */
export function decodeMessage(bytes: Uint8Array): MLSMessage {
  const r = new Reader(bytes);
  const message = decodeMLSMessage(r);
  r.done("MLSMessage");
  return message;
}

/** §6: unprotect with the named epoch's keys and verify the signature. */
function verifyFramed(m: MemberState, received: ReceivedMLSMessage): VerifiedAuthenticatedContent {
  const state = m.epoch;
  const { message } = received;
  if (message.wireFormat === WireFormat.mlsPublicMessage) {
    return readPublicMessage(state, m.config, message.publicMessage, received.framedContentBytes);
  }
  if (message.wireFormat === WireFormat.mlsPrivateMessage) {
    const { epoch } = message.privateMessage;
    const past = epoch < state.context.epoch ? m.past.find((p) => p.context.epoch === epoch) : undefined;
    return readPrivateMessage(past ?? state, m.config, message.privateMessage);
  }
  throw new UsageError(`an MLSMessage of wire format ${message.wireFormat} is not a group message`);
}

function receiveProposal(
  m: MemberState,
  verified: VerifiedAuthenticatedContent,
  proposal: Proposal,
): ProposalMessage {
  const ac = verified.authenticatedContent;
  const { sender } = ac.content;
  const state = m.epoch;
  const externalSenders = externalSendersOf(state.context.extensions).length;
  checkProposal(
    { state, config: m.config, extensions: state.context.extensions },
    { proposal, sender },
    externalSenders,
  );
  const ref = proposalRef(state.cs, ac);
  m.cache.add(ref, proposal, sender);
  return { kind: "proposal", ref, proposal, sender, authenticatedData: ac.content.authenticatedData };
}

function receiveCommit(m: MemberState, verified: VerifiedAuthenticatedContent): CommitMessage {
  const ac = verified.authenticatedContent;
  const { sender } = ac.content;
  if (m.epoch.reinit !== undefined) {
    throw groupViolation(
      GroupRule.groupReinitialized,
      "the group was reinitialized; it has no further epochs",
    );
  }
  if (sender.senderType === SenderType.member && sender.leafIndex === m.epoch.ownLeaf) {
    throw new UsageError(
      "this is our own Commit: merge or discard the pending commit instead of processing it",
    );
  }
  const staged = stageReceivedCommit({
    state: m.epoch,
    config: m.config,
    cache: m.cache,
    lookupPsk: pskLookup(m.config.externalPsks, m.resumption),
    message: verified,
    ownUpdateKey: (key) => ownUpdateKey(m, key),
  });
  return { kind: "commit", staged, authenticatedData: ac.content.authenticatedData };
}

/** Processes one MLSMessage addressed to this group. */
export function processMessage(m: MemberState, bytes: Uint8Array): ReceivedMessage {
  if (m.status !== "active") throw new UsageError("this member was removed from the group");
  const verified = verifyFramed(m, decodeReceivedMessage(bytes));
  const { content } = verified.authenticatedContent;
  if (content.epoch !== m.epoch.context.epoch && content.contentType !== ContentType.application) {
    throw groupViolation(GroupRule.staleHandshake, `a handshake message for past epoch ${content.epoch}`);
  }
  switch (content.contentType) {
    case ContentType.application: {
      // §6.3.2: application data only travels in PrivateMessages, which only members send.
      if (content.sender.senderType !== SenderType.member)
        throw new UsageError("application data from a non-member");
      return {
        kind: "application",
        sender: toLeafIndex(content.sender.leafIndex),
        epoch: content.epoch,
        data: content.applicationData,
        authenticatedData: content.authenticatedData,
      };
    }
    case ContentType.proposal:
      return receiveProposal(m, verified, content.proposal);
    case ContentType.commit:
      return receiveCommit(m, verified);
  }
}
