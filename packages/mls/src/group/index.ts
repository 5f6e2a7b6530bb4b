/** RFC 9420 §8–§12: the group state machine — proposals, commits, joins, the `Group` API. */
export { GroupRule, type GroupRuleId } from "./rules.js";
export {
  MemoryPskStore,
  type GroupConfig,
  type ExternalPskStore,
  type HandshakeWireFormat,
} from "./config.js";
export {
  Group,
  type Member,
  type ProcessedMessage,
  type JoinFromWelcomeInput,
  type ExternalJoinOptions,
} from "./group.js";
export { StagedCommit, type MemberChange } from "./staged-commit.js";
export type { CommitOptions, CreatedCommit } from "./commit-create.js";
export type { CreateGroupOptions } from "./create-group.js";
export type { GroupInfoOptions } from "./group-info.js";
export type { SentProposal } from "./proposals-out.js";
export type { ApplicationMessage, ProposalMessage } from "./process-message.js";
export type { OwnKeyPackage, RatchetTreeSource } from "./welcome-join.js";
export { proposalRef } from "./proposal-cache.js";
export type { ResumedGroupHandle } from "./group-types.js";
export type { SuccessorGroup } from "./group.js";
export type { SerializeOptions, RestoreOptions } from "./persistence.js";
export { STATE_FORMAT_VERSION } from "./persistence.js";
export type { SuccessorOptions, BranchOptions } from "./resumption.js";
export type { PskChoice, ReInitParameters } from "./proposal-builders.js";
export {
  createExternalProposal,
  createNewMemberProposal,
  type ExternalSenderProposalInput,
  type NewMemberProposalInput,
  type GroupInfoSource,
} from "./external-proposal.js";
