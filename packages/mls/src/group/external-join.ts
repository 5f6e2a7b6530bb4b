/**
 * RFC 9420 §12.4.3.2 "Joining via External Commits", joiner side: verify the GroupInfo and its tree, run the
 * §8.3 external init against `external_pub`, take the leftmost free leaf (after an optional resync Remove of an
 * old self), and send a Commit by value (ExternalInit, Remove?, PSKs) with a path, signed as
 * `new_member_commit` with the key of the new leaf. The joiner is in the new epoch as soon as it is built.
 */
import { encode } from "@parley/codec";
import {
  ContentType,
  ExtensionType,
  LeafNodeSource,
  ProposalOrRefType,
  ProposalType,
  SenderType,
  WireFormat,
} from "../codec/index.js";
import { encodeMLSMessage } from "../codec/index.js";
import type {
  AuthenticatedContent,
  Commit,
  Credential,
  GroupInfo,
  PreSharedKeyID,
  Proposal,
} from "../codec/index.js";
import type { CipherSuite, KeyPair } from "../crypto/provider.js";
import { findExtension } from "../extensions/index.js";
import { signAuthenticatedContent, withConfirmationTag } from "../framing/content-auth.js";
import { computeConfirmationTag } from "../framing/tags.js";
import { protectPublicMessage } from "../framing/public-message.js";
import { buildCapabilities } from "../key-package/capabilities.js";
import type { CapabilitiesOptions } from "../key-package/capabilities.js";
import { createExternalInit } from "../schedule/external-init.js";
import { groupContextBytes } from "../schedule/key-schedule.js";
import { computeInterimTranscriptHash } from "../schedule/transcript-hashes.js";
import { toLeafIndex } from "../tree-math/index.js";
import { TreePrivateKeys } from "../tree/private-keys.js";
import { ratchetTreeFromBytes } from "../tree/tree-decode.js";
import { RatchetTree } from "../tree/ratchet-tree.js";
import { validateRatchetTree } from "../tree/tree-validation.js";
import { createUpdatePath } from "../tree/update-path-create.js";
import { verifyGroupInfoSignature } from "../welcome/group-info-signature.js";
import { applyProposals } from "./apply-proposals.js";
import type { AppliedProposals } from "./apply-proposals.js";
import type { ResolvedGroupConfig } from "./config.js";
import { externalPubOf, requiredCapabilitiesOf } from "./context-extensions.js";
import { makeEpochState } from "./epoch-state.js";
import type { EpochState } from "./epoch-state.js";
import { deriveNextEpoch, provisionalContext } from "./next-epoch.js";
import { commitPskSecret } from "./psks.js";
import type { PskLookup } from "../welcome/welcome-psks.js";
import { GroupRule, groupViolation } from "./rules.js";
import type { RatchetTreeSource } from "./welcome-join.js";

export interface ExternalJoinInput {
  readonly config: ResolvedGroupConfig;
  readonly groupInfo: GroupInfo;
  readonly ratchetTree?: RatchetTreeSource | undefined;
  readonly credential: Credential;
  readonly signatureKeyPair: KeyPair;
  readonly capabilities?: CapabilitiesOptions | undefined;
  /** Resync (§12.4.3.2): the leaf of this client's old appearance, removed by the same Commit. */
  readonly removeLeaf?: number | undefined;
  readonly psks?: readonly PreSharedKeyID[] | undefined;
  readonly lookupPsk: PskLookup;
  readonly authenticatedData?: Uint8Array | undefined;
}

/** §12.4.3.2: the GroupInfo verified against its tree, and the tree (from the extension or supplied). */
function verifiedTree(input: ExternalJoinInput): RatchetTree {
  const { groupInfo } = input;
  const cs = input.config.provider.suite(groupInfo.groupContext.cipherSuite);
  const ext = findExtension(groupInfo.extensions, ExtensionType.ratchetTree);
  let tree: RatchetTree;
  if (ext !== undefined) tree = ratchetTreeFromBytes(cs, ext.extensionData, "GroupInfo.ratchet_tree");
  else if (input.ratchetTree instanceof RatchetTree) tree = input.ratchetTree.clone();
  else if (input.ratchetTree !== undefined) tree = ratchetTreeFromBytes(cs, input.ratchetTree);
  else
    throw groupViolation(
      GroupRule.ratchetTreeMissing,
      "the GroupInfo has no ratchet_tree and none was supplied",
    );
  const context = groupInfo.groupContext;
  validateRatchetTree(tree, {
    groupId: context.groupId,
    treeHash: context.treeHash,
    requiredCapabilities: requiredCapabilitiesOf(context.extensions),
  });
  const signer = groupInfo.signer < tree.leafCount ? tree.leaf(toLeafIndex(groupInfo.signer)) : undefined;
  if (signer === undefined)
    throw groupViolation(GroupRule.senderLeaf, `GroupInfo signer ${groupInfo.signer} is blank`);
  verifyGroupInfoSignature(cs, signer.signatureKey, groupInfo);
  return tree;
}

/** §12.4.3.2: ExternalInit first, then the optional resync Remove, then PSKs — all by value. */
function externalCommitProposals(input: ExternalJoinInput, kemOutput: Uint8Array): Proposal[] {
  return [
    { proposalType: ProposalType.externalInit, externalInit: { kemOutput } },
    ...(input.removeLeaf === undefined
      ? []
      : [{ proposalType: ProposalType.remove, remove: { removed: input.removeLeaf } } as const]),
    ...(input.psks ?? []).map((psk) => ({ proposalType: ProposalType.psk, psk: { psk } }) as const),
  ];
}

/** The joiner's own leaf, added to the tree, and the UpdatePath from it (§12.4.3.2: the path is required). */
function joinerPath(input: ExternalJoinInput, cs: CipherSuite, applied: AppliedProposals) {
  const { config } = input;
  const context = input.groupInfo.groupContext;
  const leafPair = cs.hpke.generateKeyPair();
  const capabilities = buildCapabilities(
    config.provider,
    { cipherSuite: cs.id, credentialType: input.credential.credentialType, extensionTypes: [] },
    input.capabilities,
  );
  const placeholder = {
    encryptionKey: leafPair.publicKey,
    signatureKey: input.signatureKeyPair.publicKey,
    credential: input.credential,
    capabilities,
    extensions: [],
    leafNodeSource: LeafNodeSource.update,
    signature: new Uint8Array(0),
  } as const;
  leafPair.privateKey.fill(0);
  const ownLeaf = applied.tree.addLeaf(placeholder);
  const created = createUpdatePath({
    tree: applied.tree,
    privateKeys: new TreePrivateKeys(),
    leafIndex: ownLeaf,
    groupId: context.groupId,
    leafNode: placeholder,
    signaturePrivateKey: input.signatureKeyPair.privateKey,
    groupContext: (treeHash) => groupContextBytes(provisionalContext(context, treeHash, applied.extensions)),
    randomBytes: (n) => config.provider.randomBytes(n),
  });
  return { ownLeaf, created };
}

/** §6.1: the Commit, signed by the joiner over the GroupInfo's context (sender new_member_commit). */
function signExternalCommit(input: ExternalJoinInput, cs: CipherSuite, commit: Commit): AuthenticatedContent {
  const context = input.groupInfo.groupContext;
  return signAuthenticatedContent(cs, {
    wireFormat: WireFormat.mlsPublicMessage,
    content: {
      groupId: context.groupId,
      epoch: context.epoch,
      sender: { senderType: SenderType.newMemberCommit },
      authenticatedData: input.authenticatedData ?? new Uint8Array(0),
      contentType: ContentType.commit,
      commit,
    },
    groupContext: context,
    signaturePrivateKey: input.signatureKeyPair.privateKey,
  });
}

/** Builds the external Commit; returns the encoded MLSMessage and the joiner's state in the new epoch. */
export function createExternalCommit(input: ExternalJoinInput): { message: Uint8Array; state: EpochState } {
  const { config, groupInfo } = input;
  const context = groupInfo.groupContext;
  const cs = config.provider.suite(context.cipherSuite);
  const tree = verifiedTree(input);
  const externalPub = externalPubOf(groupInfo.extensions);
  if (externalPub === undefined)
    throw groupViolation(GroupRule.externalPubMissing, "the GroupInfo has no external_pub");
  const init = createExternalInit(cs, externalPub);
  const sender = { senderType: SenderType.newMemberCommit } as const;
  const proposals = externalCommitProposals(input, init.kemOutput);
  const entries = proposals.map((proposal) => ({ proposal, sender }));
  const applied = applyProposals(tree, context.extensions, entries);
  const pskSecret = commitPskSecret(cs, applied.psks, input.lookupPsk);
  const { ownLeaf, created } = joinerPath(input, cs, applied);
  const commit = {
    proposals: proposals.map((proposal) => ({ type: ProposalOrRefType.proposal, proposal }) as const),
    path: created.updatePath,
  };
  const signed = signExternalCommit(input, cs, commit);
  const next = deriveNextEpoch({
    cs,
    oldContext: context,
    oldInterimTranscriptHash: computeInterimTranscriptHash(
      cs,
      context.confirmedTranscriptHash,
      groupInfo.confirmationTag,
    ),
    commit: signed,
    treeHash: created.tree.treeHash(),
    extensions: applied.extensions,
    initSecret: init.initSecret.bytes,
    commitSecret: created.commitSecret,
    pskSecret,
  });
  init.initSecret.wipe();
  next.schedule.joinerSecret.wipe();
  next.schedule.welcomeSecret.wipe();
  for (const s of created.pathSecrets.values()) s.fill(0);
  const confirmationKey = next.schedule.epoch.confirmationKey.bytes;
  const tag = computeConfirmationTag(cs, confirmationKey, next.context.confirmedTranscriptHash);
  const publicMessage = protectPublicMessage(cs, withConfirmationTag(signed, tag), { groupContext: context });
  const state = makeEpochState({
    cs,
    context: next.context,
    tree: created.tree,
    keys: created.privateKeys,
    ownLeaf,
    secrets: next.schedule.epoch,
    interimTranscriptHash: computeInterimTranscriptHash(cs, next.context.confirmedTranscriptHash, tag),
    confirmationTag: tag,
    ratchetPolicy: config.ratchetPolicy,
  });
  const message = encode({ wireFormat: WireFormat.mlsPublicMessage, publicMessage }, encodeMLSMessage);
  return { message, state };
}
