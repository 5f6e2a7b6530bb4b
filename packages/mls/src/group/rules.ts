/**
 * The RFC 9420 group-lifecycle validation rules (§11, §12: proposals, proposal lists, commits, joins, state
 * restore), each raised as a `ValidationError` with this id and section and each with a negative test in
 * `test/group-*.test.ts`. Rules of the modules underneath (framing, tree, key package, welcome, extensions)
 * keep their own ids when the group reaches them. Ids are stable; match on them, never on message text.
 */
import { ValidationError } from "../errors.js";

export interface GroupRuleId {
  readonly id: string;
  readonly section: string;
}

export const GroupRule = {
  /** §12.1.3: a Remove names a leaf that is a member (non-blank, inside the tree). */
  removeTarget: { id: "GROUP-1", section: "§12.1.3" },
  /** §12.1.2, §12.1.8.1: an Update comes from a member; external senders cannot update a leaf. */
  updateSender: { id: "GROUP-2", section: "§12.1.2" },
  /** §12.1.4: a PreSharedKey proposal's psk_nonce is KDF.Nh bytes long. */
  pskNonce: { id: "GROUP-3", section: "§12.1.4" },
  /** §12.1.4, §11.2, §11.3: a PreSharedKey proposal never carries a resumption PSK of usage reinit or branch. */
  pskUsage: { id: "GROUP-4", section: "§12.1.4" },
  /** §12.4.2, §8.4: every PSK a Commit injects is available to the member processing it. */
  pskMissing: { id: "GROUP-5", section: "§12.4.2" },
  /** §12.1.5: a ReInit's version is not lower than the group's (mls10). */
  reinitVersion: { id: "GROUP-6", section: "§12.1.5" },
  /** §12.1.8: an external sender proposes only add, remove, psk, reinit or group_context_extensions. */
  externalProposalType: { id: "GROUP-7", section: "§12.1.8" },
  /** §12.1.8.1: an external sender's index names an entry of the group's external_senders extension. */
  externalSenderIndex: { id: "GROUP-8", section: "§12.1.8.1" },
  /** §12.2: a proposal of a non-default type is supported by every member that stays in the group. */
  unsupportedProposal: { id: "GROUP-9", section: "§12.2" },
  /** §12.1.7, §11.1: every remaining and added member supports a new required_capabilities extension. */
  gceCapabilities: { id: "GROUP-10", section: "§12.1.7" },
  /** §12.4: every ProposalRef in a Commit names a proposal received (and valid) in the current epoch. */
  unknownProposalRef: { id: "GROUP-11", section: "§12.4" },
  /** §12.2: a regular Commit contains no Update sent by the committer itself. */
  committerUpdate: { id: "GROUP-12", section: "§12.2" },
  /** §12.2: a regular Commit contains no Remove of the committer. */
  committerRemove: { id: "GROUP-13", section: "§12.2" },
  /** §12.2: no two Update and/or Remove proposals in a Commit apply to the same leaf. */
  sameLeafTwice: { id: "GROUP-14", section: "§12.2" },
  /** §12.2: no two Adds in a Commit carry KeyPackages of the same client (same signature key). */
  duplicateAdd: { id: "GROUP-15", section: "§12.2" },
  /** §12.2: an Add's client (signature key) is not already a member, unless the same Commit removes it. */
  addExistingMember: { id: "GROUP-16", section: "§12.2" },
  /** §12.2: no two PreSharedKey proposals in a Commit reference the same PreSharedKeyID. */
  duplicatePsk: { id: "GROUP-17", section: "§12.2" },
  /** §12.2: a Commit contains at most one GroupContextExtensions proposal. */
  multipleGce: { id: "GROUP-18", section: "§12.2" },
  /** §12.2: a ReInit proposal is the only proposal of its Commit. */
  reinitNotAlone: { id: "GROUP-19", section: "§12.2" },
  /** §12.2: a regular Commit contains no ExternalInit proposal. */
  externalInitInRegular: { id: "GROUP-20", section: "§12.2" },
  /** §12.2, §12.4.3.2: an external Commit has exactly one ExternalInit, at most one Remove, otherwise only PSKs. */
  externalCommitProposals: { id: "GROUP-21", section: "§12.2" },
  /** §12.4.3.2: an external Commit includes no proposal by reference. */
  externalCommitByReference: { id: "GROUP-22", section: "§12.4.3.2" },
  /** §12.4: the path is present when the Commit is empty or covers an update, remove, external_init or GCE proposal. */
  pathRequired: { id: "GROUP-23", section: "§12.4" },
  /** §6.1, §12.4.2: a member sender names a non-blank leaf; a Commit comes from a member or an external joiner. */
  senderLeaf: { id: "GROUP-24", section: "§6.1" },
  /** §12.1: only handshake content of the current epoch changes state; older epochs accept only application data. */
  staleHandshake: { id: "GROUP-25", section: "§12.1" },
  /** §12.4.3.1: the joiner's own KeyPackage leaf appears, identical, in the group's ratchet tree. */
  joinerLeaf: { id: "GROUP-26", section: "§12.4.3.1" },
  /** §12.4.3.1, §12.4.3.3: a joiner has the ratchet tree, in the ratchet_tree extension or out of band. */
  ratchetTreeMissing: { id: "GROUP-27", section: "§12.4.3.3" },
  /** §12.4.3.2: a GroupInfo used for an external join carries an external_pub extension. */
  externalPubMissing: { id: "GROUP-28", section: "§12.4.3.2" },
  /** §12.4.2: after a Commit covering a ReInit the old group sends nothing more and accepts no new epoch. */
  groupReinitialized: { id: "GROUP-29", section: "§12.4.2" },
  /** §6.2, §12.1.8.1: a message from a non-member arrives as a PublicMessage; a member sends the configured wire format. */
  wireFormatPolicy: { id: "GROUP-30", section: "§6" },
  /** Stored state (not in RFC 9420; secrets per §9.2): it starts with Parley's magic and a known format version. */
  stateFormat: { id: "GROUP-31", section: "§9.2" },
  /** Stored state: its hash (or MAC under the application's key) verifies, so corruption and tampering are caught. */
  stateIntegrity: { id: "GROUP-32", section: "§9.2" },
  /** Stored state: it decodes exactly (no truncation, no trailing bytes) into a consistent member state. */
  stateMalformed: { id: "GROUP-33", section: "§9.2" },
} as const satisfies Record<string, GroupRuleId>;

export function groupViolation(rule: GroupRuleId, message: string, cause?: unknown): ValidationError {
  return new ValidationError(rule.id, rule.section, message, cause === undefined ? undefined : { cause });
}
