/**
 * RFC 9420 §12.4: turning a Commit's `proposals` vector into the list it covers — inline proposals sent by the
 * committer, references resolved against the epoch's proposal cache (GROUP-11) — and validating it (§12.1
 * for inline proposals, §12.2 for the list).
 */
import { ProposalOrRefType, ProposalType, SenderType } from "../codec/index.js";
import type { VerifyWithLabelItem } from "../crypto/parallel/batch.js";
import { withCheckedSignatures } from "../crypto/parallel/parallel-crypto.js";
import { keyPackageSignatureItems } from "../key-package/key-package-checks.js";
import { unverifiedKeyPackage } from "../key-package/unverified-key-package.js";
import type { Commit, ResumptionPSKUsage, Sender } from "../codec/index.js";
import { toLeafIndex } from "../tree-math/index.js";
import type { ResolvedGroupConfig } from "./config.js";
import { externalSendersOf } from "./context-extensions.js";
import type { EpochState } from "./epoch-state.js";
import type { ProposalCache, ProposalWithSender } from "./proposal-cache.js";
import { checkProposal } from "./proposal-checks.js";
import { gceExtensions, validateExternalList, validateRegularList } from "./proposal-list.js";
import { GroupRule, groupViolation } from "./rules.js";

/** §12.4: proposals by value come from the committer; references name cached proposals. */
export function resolveProposals(
  cache: ProposalCache,
  commit: Commit,
  committer: Sender,
): ProposalWithSender[] {
  return commit.proposals.map((por, i) => {
    if (por.type === ProposalOrRefType.proposal) return { proposal: por.proposal, sender: committer };
    const cached = cache.get(por.reference);
    if (cached === undefined) {
      throw groupViolation(GroupRule.unknownProposalRef, `proposals[${i}] references an unknown proposal`);
    }
    return cached;
  });
}

/** The KeyPackage signature checks of an Add proposal (none for any other proposal). */
function addSignatures({ proposal }: ProposalWithSender): VerifyWithLabelItem[] {
  if (proposal.proposalType !== ProposalType.add || proposal.proposalData !== undefined) return [];
  const { keyPackage, keyPackageBytes } = unverifiedKeyPackage(proposal.add.keyPackage);
  return keyPackageSignatureItems(keyPackage, keyPackageBytes);
}

/**
 * §12.2 "A group member creating a Commit and a group member processing a Commit MUST verify that the list of
 * committed proposals is valid": inline proposals individually (cached ones were checked on receipt), then
 * the list as a whole, by the rules for regular or external Commits.
 */
export function validateCommitProposals(
  state: EpochState,
  config: ResolvedGroupConfig,
  entries: readonly ProposalWithSender[],
  committer: Sender,
  resumptionUsage?: ResumptionPSKUsage,
): void {
  const extensions = gceExtensions(entries) ?? state.context.extensions;
  const externalSenders = externalSendersOf(state.context.extensions).length;
  const inline = entries.filter((e) => e.ref === undefined);
  // A bulk add carries two KeyPackage signatures per member (§10.1): check them on every core first.
  withCheckedSignatures(state.cs, inline.flatMap(addSignatures), () => {
    for (const entry of inline) {
      checkProposal({ state, config, extensions, resumptionUsage }, entry, externalSenders);
    }
  });
  if (committer.senderType === SenderType.newMemberCommit) {
    validateExternalList(entries);
  } else if (committer.senderType === SenderType.member) {
    validateRegularList(entries, state.tree, toLeafIndex(committer.leafIndex));
  } else {
    throw groupViolation(GroupRule.senderLeaf, `sender type ${committer.senderType} cannot commit`);
  }
}
