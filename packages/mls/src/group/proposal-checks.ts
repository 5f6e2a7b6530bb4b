/**
 * RFC 9420 §12.1.1–§12.1.8: the validity of one proposal on its own, against the group it is sent to. Run when
 * a proposal is received (before it is cached) and when a Commit carries it by value. Checks that need the
 * whole list (duplicates, the committer, capabilities of the resulting membership) are in `proposal-list.ts`.
 */
import { bytesEqual } from "@parley/codec";
import {
  LeafNodeSource,
  ProposalType,
  PSKType,
  ProtocolVersion,
  ResumptionPSKUsage,
  SenderType,
} from "../codec/index.js";
import type { Extension, KeyPackage, LeafNode, PreSharedKey, Sender } from "../codec/index.js";
import { runCredentialValidator } from "../credential/validator.js";
import { checkExtensionList, checkGroupContextExtensionsSupported } from "../extensions/index.js";
import { unverifiedKeyPackage } from "../key-package/unverified-key-package.js";
import { validateKeyPackage } from "../key-package/validate-key-package.js";
import { toLeafIndex } from "../tree-math/index.js";
import type { LeafIndex } from "../tree-math/index.js";
import { validateLeafNode } from "../tree/leaf-validation.js";
import { TreeRule, violation } from "../tree/rules.js";
import type { ResolvedGroupConfig } from "./config.js";
import { requiredCapabilitiesOf } from "./context-extensions.js";
import type { EpochState } from "./epoch-state.js";
import type { ProposalWithSender } from "./proposal-cache.js";
import { GroupRule, groupViolation } from "./rules.js";

/** §12.1.8: the proposal types an `external` sender may send (checked on receipt and when building one). */
export const EXTERNAL_TYPES: ReadonlySet<number> = new Set([
  ProposalType.add,
  ProposalType.remove,
  ProposalType.psk,
  ProposalType.reinit,
  ProposalType.groupContextExtensions,
]);

/** What a proposal is checked against: the epoch, and the GroupContext extensions in force for it (§12.3). */
export interface ProposalCheckContext {
  readonly state: EpochState;
  readonly config: ResolvedGroupConfig;
  readonly extensions: readonly Extension[];
  /**
   * §11.2/§11.3: the one resumption usage (reinit or branch) allowed in this list, set only for the first
   * Commit of a group that reinitializes or branches another. Everywhere else such a PSK is invalid (§12.1.4).
   */
  readonly resumptionUsage?: ResumptionPSKUsage | undefined;
}

/** §12.1.1: "An Add proposal is invalid if the KeyPackage is invalid according to Section 10.1." */
export function checkAddKeyPackage(ctx: ProposalCheckContext, keyPackage: KeyPackage): void {
  const { state, config } = ctx;
  const requiredCapabilities = requiredCapabilitiesOf(ctx.extensions);
  validateKeyPackage(unverifiedKeyPackage(keyPackage), {
    provider: config.provider,
    validateCredential: config.validateCredential,
    cipherSuite: state.cs.id,
    ...(requiredCapabilities === undefined ? {} : { requiredCapabilities }),
    now: config.now(),
    checkCurrentTime: config.checkKeyPackageLifetime,
    maxLifetimeSeconds: config.maxKeyPackageLifetimeSeconds,
    use: "add",
    groupId: state.context.groupId,
  });
  checkGroupContextExtensionsSupported(keyPackage.leafNode.capabilities, ctx.extensions);
}

/**
 * §12.1.2 with §7.3: an Update's leaf is valid for source `update` at the sender's position, carries a new
 * encryption key, and its credential is accepted as a successor of the old one (§5.3.1).
 */
export function checkUpdateLeaf(ctx: ProposalCheckContext, sender: LeafIndex, leaf: LeafNode): void {
  const { state, config } = ctx;
  const old = state.tree.leaf(sender);
  if (old === undefined) throw groupViolation(GroupRule.updateSender, `leaf ${sender} is blank`);
  validateLeafNode(state.cs, leaf, {
    groupId: state.context.groupId,
    leafIndex: sender,
    expectedSource: LeafNodeSource.update,
    requiredCapabilities: requiredCapabilitiesOf(ctx.extensions),
  });
  checkGroupContextExtensionsSupported(leaf.capabilities, ctx.extensions);
  if (bytesEqual(leaf.encryptionKey, old.encryptionKey)) {
    throw violation(TreeRule.leafKeyChanged, `the Update for leaf ${sender} keeps its encryption key`);
  }
  runCredentialValidator(config.validateCredential, leaf.credential, leaf.signatureKey, {
    use: "update",
    cipherSuite: state.cs.id,
    now: config.now(),
    groupId: state.context.groupId,
    previousCredential: old.credential,
  });
}

/** §12.1.3: "A Remove proposal is invalid if the removed field does not identify a non-blank leaf node." */
export function checkRemoveTarget(state: EpochState, removed: number): LeafIndex {
  if (removed >= state.tree.leafCount || state.tree.leaf(toLeafIndex(removed)) === undefined) {
    throw groupViolation(GroupRule.removeTarget, `Remove names leaf ${removed}, which is not a member`);
  }
  return toLeafIndex(removed);
}

/** §12.1.4: psk_nonce of KDF.Nh bytes; no reinit or branch resumption PSK in a proposal. */
export function checkPskProposal(
  state: EpochState,
  psk: PreSharedKey,
  allowedUsage: ResumptionPSKUsage = ResumptionPSKUsage.application,
): void {
  const id = psk.psk;
  if (id.pskNonce.length !== state.cs.hashLength) {
    const want = state.cs.hashLength;
    throw groupViolation(
      GroupRule.pskNonce,
      `psk_nonce is ${id.pskNonce.length} bytes, not KDF.Nh = ${want}`,
    );
  }
  if (
    id.pskType === PSKType.resumption &&
    id.usage !== ResumptionPSKUsage.application &&
    id.usage !== allowedUsage
  ) {
    throw groupViolation(
      GroupRule.pskUsage,
      `a PreSharedKey proposal names a resumption PSK of usage ${id.usage}`,
    );
  }
}

/** §12.1.8: which proposal types an `external` sender may send, and that it is a listed external sender. */
function checkSenderMayPropose(sender: Sender, type: number, externalSenderCount: number): void {
  if (sender.senderType === SenderType.external) {
    if (!EXTERNAL_TYPES.has(type)) {
      throw groupViolation(
        GroupRule.externalProposalType,
        `an external sender may not send proposal type ${type}`,
      );
    }
    if (sender.senderIndex >= externalSenderCount) {
      throw groupViolation(
        GroupRule.externalSenderIndex,
        `sender_index ${sender.senderIndex} is outside the ${externalSenderCount} external senders`,
      );
    }
  }
  if (type === ProposalType.update && sender.senderType !== SenderType.member) {
    throw groupViolation(GroupRule.updateSender, "an Update proposal must come from a member");
  }
}

/** Every check of §12.1 that one proposal must pass by itself. */
export function checkProposal(
  ctx: ProposalCheckContext,
  entry: ProposalWithSender,
  externalSenders: number,
): void {
  const { proposal, sender } = entry;
  checkSenderMayPropose(sender, proposal.proposalType, externalSenders);
  if (proposal.proposalData !== undefined) return;
  switch (proposal.proposalType) {
    case ProposalType.add:
      return checkAddKeyPackage(ctx, proposal.add.keyPackage);
    case ProposalType.update:
      if (sender.senderType !== SenderType.member) return;
      return checkUpdateLeaf(ctx, toLeafIndex(sender.leafIndex), proposal.update.leafNode);
    case ProposalType.remove:
      checkRemoveTarget(ctx.state, proposal.remove.removed);
      return;
    case ProposalType.psk:
      return checkPskProposal(ctx.state, proposal.psk, ctx.resumptionUsage);
    case ProposalType.reinit:
      if (proposal.reinit.version < ProtocolVersion.mls10) {
        throw groupViolation(
          GroupRule.reinitVersion,
          `ReInit version ${proposal.reinit.version} is below mls10`,
        );
      }
      return;
    case ProposalType.externalInit:
      return;
    case ProposalType.groupContextExtensions:
      checkExtensionList(proposal.groupContextExtensions.extensions, "group_context");
      return;
  }
}
