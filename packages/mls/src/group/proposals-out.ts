/**
 * Proposals this member sends (RFC 9420 §12.1): each is signed and protected in the current epoch, and cached
 * under its ProposalRef (§5.2) so that this member's own next Commit covers it by reference like any other. An
 * Update's new leaf key is kept until a Commit applies (or the epoch drops) the Update.
 */
import { toHex } from "@parley/codec";
import { ContentType, LeafNodeSource, ProposalType, SenderType } from "../codec/index.js";
import type { Proposal } from "../codec/index.js";
import { UsageError } from "../errors.js";
import { signLeafNode } from "../key-package/leaf-node-signature.js";
import type { MemberState } from "./member-state.js";
import { protectContent, signAsMember, wireFormatOf } from "./message-out.js";
import { proposalRef } from "./proposal-cache.js";
import { checkProposal } from "./proposal-checks.js";
import { externalSendersOf } from "./context-extensions.js";

export interface SentProposal {
  /** The encoded MLSMessage to send to the group. */
  readonly message: Uint8Array;
  readonly ref: Uint8Array;
}

/** §12.1: signs, protects and caches one proposal from this member. */
export function sendProposal(
  m: MemberState,
  proposal: Proposal,
  authenticatedData: Uint8Array,
): SentProposal {
  const state = m.epoch;
  const sender = { senderType: SenderType.member, leafIndex: state.ownLeaf } as const;
  const externalSenders = externalSendersOf(state.context.extensions).length;
  checkProposal(
    { state, config: m.config, extensions: state.context.extensions },
    { proposal, sender },
    externalSenders,
  );
  const body = { contentType: ContentType.proposal, proposal } as const;
  const ac = signAsMember(state, m.signaturePrivateKey, body, authenticatedData, wireFormatOf(m.config));
  const ref = proposalRef(state.cs, ac);
  const message = protectContent(state, m.config, ac);
  m.cache.add(ref, proposal, sender);
  return { message, ref };
}

/** §12.1.2: a new leaf for this member (fresh encryption key, source `update`), as an Update proposal. */
export function updateProposal(m: MemberState): Proposal {
  const state = m.epoch;
  const own = state.tree.leaf(state.ownLeaf);
  if (own === undefined) throw new UsageError("this member's leaf is blank");
  const pair = state.cs.hpke.generateKeyPair();
  const group = { groupId: state.context.groupId, leafIndex: state.ownLeaf };
  const leafNode = signLeafNode(
    state.cs,
    m.signaturePrivateKey,
    {
      encryptionKey: pair.publicKey,
      signatureKey: own.signatureKey,
      credential: own.credential,
      capabilities: own.capabilities,
      extensions: own.extensions,
      leafNodeSource: LeafNodeSource.update,
    },
    group,
  );
  m.ownUpdates.set(toHex(pair.publicKey), pair.privateKey);
  return { proposalType: ProposalType.update, update: { leafNode } };
}
