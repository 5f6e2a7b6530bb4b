/**
 * What a Commit does, before it takes effect (RFC 9420 §12.4.2: "If the above checks are successful, consider
 * the new GroupContext object as the current state"). The application inspects the summary, then merges or
 * discards the staged epoch.
 */
import type { Sender } from "../codec/index.js";
import type { LeafIndex } from "../tree-math/index.js";
import type { AppliedProposals } from "./apply-proposals.js";
import type { EpochState } from "./epoch-state.js";
import type { ProposalWithSender } from "./proposal-cache.js";

export interface CommitSummary {
  readonly sender: Sender;
  /** The committer's leaf in the new tree (for an external Commit, the joiner's new leaf). */
  readonly committer: LeafIndex;
  readonly applied: AppliedProposals;
  /** The proposals the Commit covered, in its order, with who proposed each. */
  readonly entries: readonly ProposalWithSender[];
  /** This member was removed: there is no next epoch for it. */
  readonly selfRemoved: boolean;
}

export interface StagedEpoch {
  readonly summary: CommitSummary;
  /** The next epoch's state; undefined when this member was removed by the Commit. */
  readonly state: EpochState | undefined;
}
