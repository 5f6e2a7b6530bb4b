/**
 * RFC 9420 §12.2 "Proposal List Validation": the rules on the list of proposals a Commit covers, for a regular
 * Commit (by a member) and for an external Commit (by a joiner). Both the committer and every receiver run
 * them; a list that fails is rejected as a whole.
 */
import { bytesEqual, encode } from "@parley/codec";
import { ProposalType, SenderType, encodePreSharedKeyID } from "../codec/index.js";
import type { Capabilities, Extension } from "../codec/index.js";
import {
  checkGroupContextExtensionsSupported,
  isDefaultProposalType,
  missingRequiredCapability,
} from "../extensions/index.js";
import type { LeafIndex } from "../tree-math/index.js";
import type { RatchetTree } from "../tree/ratchet-tree.js";
import { requiredCapabilitiesOf } from "./context-extensions.js";
import { isKnownProposal } from "./proposal-cache.js";
import type { ProposalWithSender } from "./proposal-cache.js";
import { GroupRule, groupViolation } from "./rules.js";

function countOf(entries: readonly ProposalWithSender[], type: number): number {
  return entries.filter((e) => e.proposal.proposalType === type).length;
}

/** The leaves an Update (its sender) or a Remove (its target) applies to. */
function touchedLeaves(entries: readonly ProposalWithSender[]): { updated: number[]; removed: number[] } {
  const updated: number[] = [];
  const removed: number[] = [];
  for (const { proposal, sender } of entries) {
    if (proposal.proposalType === ProposalType.update && sender.senderType === SenderType.member) {
      updated.push(sender.leafIndex);
    } else if (proposal.proposalType === ProposalType.remove && proposal.proposalData === undefined) {
      removed.push(proposal.remove.removed);
    }
  }
  return { updated, removed };
}

/** GROUP-14, -12, -13: one Update/Remove per leaf; never the committer's own Update or Remove. */
function checkLeafProposals(entries: readonly ProposalWithSender[], committer: LeafIndex | undefined): void {
  const { updated, removed } = touchedLeaves(entries);
  // Sets keep these checks linear: a Commit may carry thousands of proposals.
  const seen = new Set<number>();
  for (const leaf of [...updated, ...removed]) {
    if (seen.has(leaf)) {
      throw groupViolation(GroupRule.sameLeafTwice, `leaf ${leaf} is updated or removed more than once`);
    }
    seen.add(leaf);
  }
  if (committer === undefined) return;
  if (updated.includes(committer)) {
    throw groupViolation(GroupRule.committerUpdate, "the Commit covers an Update from the committer itself");
  }
  if (removed.includes(committer)) {
    throw groupViolation(GroupRule.committerRemove, "the Commit removes its own committer");
  }
}

function keyString(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString("latin1");
}

/** GROUP-15, -16: Adds are distinct clients, none already in the group unless removed by the same Commit. */
function checkAdds(
  entries: readonly ProposalWithSender[],
  tree: RatchetTree,
  removed: readonly number[],
): void {
  // Keys as latin1 strings in a Set: one lookup per Add and per member, not a scan (a bulk add of N
  // members to a group of M would otherwise cost O(N² + N·M) byte comparisons).
  const keys = new Set<string>();
  for (const { proposal } of entries) {
    if (proposal.proposalType !== ProposalType.add || proposal.proposalData !== undefined) continue;
    const key = keyString(proposal.add.keyPackage.leafNode.signatureKey);
    if (keys.has(key)) {
      throw groupViolation(GroupRule.duplicateAdd, "two Adds carry KeyPackages with the same signature key");
    }
    keys.add(key);
  }
  if (keys.size === 0) return;
  const gone = new Set(removed);
  for (const leaf of tree.members()) {
    const key = tree.leaf(leaf)?.signatureKey;
    if (key === undefined || gone.has(leaf)) continue;
    if (keys.has(keyString(key))) {
      throw groupViolation(GroupRule.addExistingMember, `an Add is for the client already at leaf ${leaf}`);
    }
  }
}

/** GROUP-17: the PreSharedKeyIDs are pairwise different. */
function checkPsks(entries: readonly ProposalWithSender[]): void {
  const seen: Uint8Array[] = [];
  for (const { proposal } of entries) {
    if (proposal.proposalType !== ProposalType.psk || proposal.proposalData !== undefined) continue;
    const id = encode(proposal.psk.psk, encodePreSharedKeyID);
    if (seen.some((s) => bytesEqual(s, id))) {
      throw groupViolation(GroupRule.duplicatePsk, "two PreSharedKey proposals reference the same PSK");
    }
    seen.push(id);
  }
}

/**
 * GROUP-9, GROUP-10, EXT-7: every member that stays (and, for a new required_capabilities, every member
 * being added) supports the non-default proposal types used and the new GroupContext extensions.
 */
function checkSupport(
  entries: readonly ProposalWithSender[],
  tree: RatchetTree,
  removed: readonly number[],
  newExtensions: readonly Extension[] | undefined,
): void {
  const gone = new Set(removed);
  const staying: Capabilities[] = tree
    .members()
    .filter((l) => !gone.has(l))
    .map((l) => tree.leaf(l)?.capabilities)
    .filter((c): c is Capabilities => c !== undefined);
  for (const { proposal } of entries) {
    const type = proposal.proposalType;
    if (isDefaultProposalType(type)) continue;
    if (staying.some((c) => !c.proposals.includes(type))) {
      throw groupViolation(GroupRule.unsupportedProposal, `a member does not support proposal type ${type}`);
    }
  }
  if (newExtensions === undefined) return;
  const added = entries.flatMap((e) =>
    e.proposal.proposalType === ProposalType.add && e.proposal.proposalData === undefined
      ? [e.proposal.add.keyPackage.leafNode.capabilities]
      : [],
  );
  const required = requiredCapabilitiesOf(newExtensions);
  for (const caps of [...staying, ...added]) {
    const missing = required === undefined ? undefined : missingRequiredCapability(caps, required);
    if (missing !== undefined) {
      throw groupViolation(GroupRule.gceCapabilities, `a member lacks the newly required ${missing}`);
    }
    checkGroupContextExtensionsSupported(caps, newExtensions);
  }
}

/** §12.2 for a regular Commit by the member at `committer`. */
export function validateRegularList(
  entries: readonly ProposalWithSender[],
  tree: RatchetTree,
  committer: LeafIndex,
): void {
  if (countOf(entries, ProposalType.externalInit) > 0) {
    throw groupViolation(GroupRule.externalInitInRegular, "a regular Commit covers an ExternalInit proposal");
  }
  if (countOf(entries, ProposalType.reinit) > 0 && entries.length > 1) {
    throw groupViolation(GroupRule.reinitNotAlone, "a ReInit proposal is committed together with others");
  }
  if (countOf(entries, ProposalType.groupContextExtensions) > 1) {
    throw groupViolation(GroupRule.multipleGce, "the Commit covers more than one GroupContextExtensions");
  }
  checkLeafProposals(entries, committer);
  const { removed } = touchedLeaves(entries);
  checkAdds(entries, tree, removed);
  checkPsks(entries);
  checkSupport(entries, tree, removed, gceExtensions(entries));
}

/** The extensions of the list's GroupContextExtensions proposal, if it has one. */
export function gceExtensions(entries: readonly ProposalWithSender[]): readonly Extension[] | undefined {
  for (const { proposal } of entries) {
    if (isKnownProposal(proposal) && proposal.proposalType === ProposalType.groupContextExtensions) {
      return proposal.groupContextExtensions.extensions;
    }
  }
  return undefined;
}

/** §12.2 for an external Commit: one ExternalInit, at most one Remove, PSKs, nothing else, nothing by reference. */
export function validateExternalList(entries: readonly ProposalWithSender[]): void {
  if (entries.some((e) => e.ref !== undefined)) {
    throw groupViolation(
      GroupRule.externalCommitByReference,
      "an external Commit covers a proposal by reference",
    );
  }
  const inits = countOf(entries, ProposalType.externalInit);
  const removes = countOf(entries, ProposalType.remove);
  const others = entries.length - inits - removes - countOf(entries, ProposalType.psk);
  if (inits !== 1 || removes > 1 || others > 0) {
    throw groupViolation(
      GroupRule.externalCommitProposals,
      `an external Commit has ${inits} ExternalInit, ${removes} Remove and ${others} other proposals`,
    );
  }
  checkPsks(entries);
}

/** §12.4: the path is required unless the Commit covers only add, psk and reinit proposals (and at least one). */
export function pathRequired(entries: readonly ProposalWithSender[]): boolean {
  if (entries.length === 0) return true;
  return entries.some((e) => {
    const t = e.proposal.proposalType;
    return t !== ProposalType.add && t !== ProposalType.psk && t !== ProposalType.reinit;
  });
}
