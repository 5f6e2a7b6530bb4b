/**
 * The handler map type for the contract's MLSClient service and the small pieces every handler group uses,
 * whichever MLS library a harness wraps.
 */
import type { ServiceHandlers } from "@parley/kit";
import type { MLSClient } from "../gen/mls_client_pb.js";

export type Handlers = ServiceHandlers<typeof MLSClient>;

/** A slice of the service's handlers, one file's worth. */
export type HandlerGroup<K extends keyof Handlers> = Pick<Handlers, K>;

/**
 * The contract's RPCs in the groups every harness implements them in, one handler file each, so that both
 * harnesses split the service the same way and {@link HarnessLibrary} can check that together they cover it.
 */
export type JoinHandlers = HandlerGroup<
  "name" | "supportedCiphersuites" | "createGroup" | "createKeyPackage" | "joinGroup" | "externalJoin"
>;
export type StateHandlers = HandlerGroup<
  "groupInfo" | "stateAuth" | "export" | "protect" | "unprotect" | "storePSK" | "free"
>;
export type ProposalHandlers = HandlerGroup<
  | "addProposal"
  | "updateProposal"
  | "removeProposal"
  | "externalPSKProposal"
  | "resumptionPSKProposal"
  | "groupContextExtensionsProposal"
  | "reInitProposal"
>;
export type CommitHandlers = HandlerGroup<
  | "commit"
  | "handleCommit"
  | "handlePendingCommit"
  | "reInitCommit"
  | "handlePendingReInitCommit"
  | "handleReInitCommit"
>;
export type ResumptionHandlers = HandlerGroup<
  "reInitWelcome" | "handleReInitWelcome" | "createBranch" | "handleBranch"
>;
export type ExternalHandlers = HandlerGroup<
  "newMemberAddProposal" | "createExternalSigner" | "addExternalSigner" | "externalSignerProposal"
>;
