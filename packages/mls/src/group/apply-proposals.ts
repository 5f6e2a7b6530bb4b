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

/**
 * §12.1.3 Removes in list order, as one batch (the tree truncates once, after the last). Returns each removed
 * leaf as it was.
 */
function applyRemoves(tree: RatchetTree, known: readonly ProposalWithSender[]): RemovedMember[] {
  const removed: RemovedMember[] = [];
  const leaves: LeafIndex[] = [];
  for (const { proposal } of known) {
    if (!isKnownProposal(proposal) || proposal.proposalType !== ProposalType.remove) continue;
    const leaf = toLeafIndex(proposal.remove.removed);
    const leafNode = tree.leaf(leaf);
    if (leafNode !== undefined) removed.push({ leafIndex: leaf, leafNode });
    leaves.push(leaf);
  }
  tree.removeLeaves(leaves);
  return removed;
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
  const removed = applyRemoves(next, known);
  const keyPackages: KeyPackage[] = [];
  for (const { proposal } of known) {
    switch (proposal.proposalType) {
      case ProposalType.add:
        keyPackages.push(proposal.add.keyPackage);
        break;
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
  // One batch, so each unmerged list under a non-blank parent is rewritten once for all Adds (§12.1.1).
  next.addLeaves(keyPackages.map((kp) => kp.leafNode)).forEach((leafIndex, i) => {
    const keyPackage = keyPackages[i];
    if (keyPackage !== undefined) added.push({ leafIndex, keyPackage });
  });
  return { tree: next, extensions: newExtensions, added, removed, updated, psks, externalInit, reinit };
}
