/**
 * RFC 9420 §12.3 "Applying a Proposal List": GroupContextExtensions first, then Updates, Removes, Adds (in list
 * order), then PSKs, ExternalInit and ReInit are noted for the key schedule. Works on a clone of the tree; the
 * input state is never changed.
 */
import { ProposalType, SenderType } from "../codec/index.js";
import type {
  Extension,
  ExternalInit,
  KeyPackage,
  LeafNode,
  PreSharedKeyID,
  ReInit,
} from "../codec/index.js";
import { toLeafIndex } from "../tree-math/index.js";
import type { LeafIndex } from "../tree-math/index.js";
import type { RatchetTree } from "../tree/ratchet-tree.js";
import { isKnownProposal } from "./proposal-cache.js";
import type { ProposalWithSender } from "./proposal-cache.js";

export interface AddedMember {
  readonly leafIndex: LeafIndex;
  readonly keyPackage: KeyPackage;
}

export interface RemovedMember {
  readonly leafIndex: LeafIndex;
  /** The leaf as it was before removal, so the application can see who left. */
  readonly leafNode: LeafNode;
}

export interface AppliedProposals {
  readonly tree: RatchetTree;
  /** The GroupContext extensions of the new epoch. */
  readonly extensions: readonly Extension[];
  readonly added: readonly AddedMember[];
  readonly removed: readonly RemovedMember[];
  readonly updated: readonly LeafIndex[];
  /** In the order of the Commit's proposals (§8.4). */
  readonly psks: readonly PreSharedKeyID[];
  readonly externalInit?: ExternalInit | undefined;
  readonly reinit?: ReInit | undefined;
}

/** Applies an already validated proposal list to `tree` (left unchanged) and `extensions`. */
export function applyProposals(
  tree: RatchetTree,
  extensions: readonly Extension[],
  entries: readonly ProposalWithSender[],
): AppliedProposals {
  const next = tree.clone();
  let newExtensions = extensions;
  const updated: LeafIndex[] = [];
  const removed: RemovedMember[] = [];
  const added: AddedMember[] = [];
  const psks: PreSharedKeyID[] = [];
  let externalInit: ExternalInit | undefined;
  let reinit: ReInit | undefined;
  const known = entries.flatMap(({ proposal, sender }) =>
    isKnownProposal(proposal) ? [{ proposal, sender }] : [],
  );
  for (const { proposal } of known) {
    if (proposal.proposalType === ProposalType.groupContextExtensions) {
      newExtensions = proposal.groupContextExtensions.extensions;
    }
  }
  for (const { proposal, sender } of known) {
    if (proposal.proposalType === ProposalType.update && sender.senderType === SenderType.member) {
      const leaf = toLeafIndex(sender.leafIndex);
      next.updateLeaf(leaf, proposal.update.leafNode);
      updated.push(leaf);
    }
  }
  for (const { proposal } of known) {
    if (proposal.proposalType !== ProposalType.remove) continue;
    const leaf = toLeafIndex(proposal.remove.removed);
    const leafNode = next.leaf(leaf);
    if (leafNode !== undefined) removed.push({ leafIndex: leaf, leafNode });
    next.removeLeaf(leaf);
  }
  for (const { proposal } of known) {
    switch (proposal.proposalType) {
      case ProposalType.add: {
        const leafIndex = next.addLeaf(proposal.add.keyPackage.leafNode);
        added.push({ leafIndex, keyPackage: proposal.add.keyPackage });
        break;
      }
      case ProposalType.psk:
        psks.push(proposal.psk.psk);
        break;
      case ProposalType.externalInit:
        externalInit = proposal.externalInit;
        break;
      case ProposalType.reinit:
        reinit = proposal.reinit;
        break;
      case ProposalType.update:
      case ProposalType.remove:
      case ProposalType.groupContextExtensions:
        break;
    }
  }
  return { tree: next, extensions: newExtensions, added, removed, updated, psks, externalInit, reinit };
}
