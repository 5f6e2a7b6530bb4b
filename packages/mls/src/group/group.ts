/**
 * One member's view of one MLS group (RFC 9420 §8–§12): the object an application holds. Everything here is
 * synchronous, and each call either completes or leaves the group unchanged. Received Commits and this
 * member's own Commits are staged and only take effect on `merge()`. The work is done by the modules this class
 * delegates to; the class holds the state and enforces who may call what, when.
 */
import { encode } from "@parley/codec";
import { encodeRatchetTree } from "../codec/index.js";
import type { Extension, GroupContext, KeyPackage, Proposal } from "../codec/index.js";
import { UsageError } from "../errors.js";
import { mlsExporter } from "../schedule/exporter.js";
import type { ResumptionPskStore } from "../schedule/resumption-psk-store.js";
import type { LeafIndex } from "../tree-math/index.js";
import { createCommit } from "./commit-create.js";
import type { CommitOptions, CreatedCommit } from "./commit-create.js";
import type { GroupConfig } from "./config.js";
import { resolveConfig } from "./config.js";
import { createGroupState } from "./create-group.js";
import type { CreateGroupOptions } from "./create-group.js";
import { buildGroupInfo, encodeGroupInfoMessage } from "./group-info.js";
import type { GroupInfoOptions } from "./group-info.js";
import { joinByExternalCommitMember, joinFromWelcomeMember } from "./group-join.js";
import type {
  ExternalJoinOptions,
  JoinFromWelcomeInput,
  Member,
  ProcessedMessage,
  ResumedGroupHandle,
} from "./group-types.js";
import type { MemberState } from "./member-state.js";
import { discardPending, newMemberState } from "./member-state.js";
import { protectApplication } from "./message-out.js";
import { restoreMemberStateFrom, serializeMemberState } from "./persistence.js";
import type { RestoreOptions, SerializeOptions } from "./persistence.js";
import { processMessage } from "./process-message.js";
import {
  addProposal,
  groupContextExtensionsProposal,
  pskProposal,
  reinitProposal,
  removeProposal,
  toKeyPackage,
} from "./proposal-builders.js";
import type { PskChoice, ReInitParameters } from "./proposal-builders.js";
import { sendProposal, updateProposal } from "./proposals-out.js";
import type { SentProposal } from "./proposals-out.js";
import { startBranchGroup, startReinitGroup } from "./resumption.js";
import type { BranchOptions, SuccessorOptions } from "./resumption.js";
import { GroupRule, groupViolation } from "./rules.js";
import { StagedCommit } from "./staged-commit.js";

export type { ExternalJoinOptions, JoinFromWelcomeInput, Member, ProcessedMessage } from "./group-types.js";

/** A new group started from this one (§11.2, §11.3), and the Welcome for its other members. */
export interface SuccessorGroup {
  readonly group: Group;
  readonly welcome: Uint8Array | undefined;
}

/** Each group's internal state, reachable from this module (and its tests) but not through the public API. */
const internal = new WeakMap<object, MemberState>();

/** @internal The state behind a `Group`, for tests that feed the validation steps hand-made input. */
export function memberStateOf(group: Group): MemberState {
  const m = internal.get(group);
  if (m === undefined) throw new UsageError("not a Group built by this library");
  return m;
}

export class Group {
  private readonly m: MemberState;

  /** @internal use `Group.create`, `Group.joinFromWelcome` or `Group.joinByExternalCommit`. */
  constructor(member: MemberState) {
    this.m = member;
    internal.set(this, member);
  }

  /** §11: creates a one-member group at epoch 0 with this member at leaf 0. */
  static create(config: GroupConfig, options: CreateGroupOptions): Group {
    const resolved = resolveConfig(config);
    const state = createGroupState(resolved, options);
    return new Group(newMemberState(resolved, options.signatureKeyPair.privateKey.slice(), state));
  }

  /**
   * §12.4.3.1: joins the group a Welcome (an encoded MLSMessage) invites one of our KeyPackages to. A Welcome
   * that reinitializes or branches a group (§11.2, §11.3) needs that group as `resumedFrom`.
   */
  static joinFromWelcome(input: JoinFromWelcomeInput): Group {
    const resumedFrom = input.resumedFrom === undefined ? undefined : stateOfHandle(input.resumedFrom);
    return new Group(joinFromWelcomeMember(input, resumedFrom));
  }

  /**
   * §12.4.3.2: joins by external Commit from a GroupInfo (an encoded MLSMessage) with `external_pub`; returns
   * the group, already in the new epoch, and the Commit to send to the members.
   */
  static joinByExternalCommit(input: ExternalJoinOptions): { group: Group; commit: Uint8Array } {
    const { member, commit } = joinByExternalCommitMember(input);
    return { group: new Group(member), commit };
  }

  /**
   * Restores a member from `serialize()` output (format in `persistence.ts`). Corrupted, truncated, altered or
   * unknown-version input is refused with GROUP-31/32/33. Retained past epochs are restored too (up to
   * `retainedEpochs` of `config`), so late application messages still open after a restart.
   */
  static restore(config: GroupConfig, bytes: Uint8Array, options: RestoreOptions = {}): Group {
    return new Group(restoreMemberStateFrom(resolveConfig(config), bytes, options));
  }

  /**
   * The member's state as versioned, integrity-protected bytes (hash, or HMAC with `options.macKey`). Refused
   * while a Commit is pending (merge or discard it first) and after the member was removed. The bytes hold
   * private keys and the epoch's secrets.
   */
  serialize(options: SerializeOptions = {}): Uint8Array {
    return serializeMemberState(this.m, options);
  }

  /** §8.6: the resumption PSKs this member holds (this group's recent epochs, and any shared with it). */
  get resumptionPsks(): ResumptionPskStore {
    return this.m.resumption;
  }

  /**
   * §11.2 step 3: after a Commit covering a ReInit was merged, creates the new group the ReInit describes, with
   * this member at leaf 0, and commits the other members' KeyPackages (for the new suite) with the reinit PSK.
   * The new group is at epoch 1; the Welcome goes to the other members, who join with `resumedFrom`.
   */
  reinitialize(
    keyPackages: readonly (KeyPackage | Uint8Array)[],
    options: SuccessorOptions = {},
  ): SuccessorGroup {
    this.#requireActive();
    const { member, welcome } = startReinitGroup(
      this.m,
      this.m.config,
      keyPackages.map(toKeyPackage),
      options,
    );
    return { group: new Group(member), welcome };
  }

  /** §11.3: a subgroup of some members (their new KeyPackages), linked by a branch PSK of the current epoch. */
  branch(keyPackages: readonly (KeyPackage | Uint8Array)[], options: BranchOptions = {}): SuccessorGroup {
    this.#requireActive();
    const { member, welcome } = startBranchGroup(
      this.m,
      this.m.config,
      keyPackages.map(toKeyPackage),
      options,
    );
    return { group: new Group(member), welcome };
  }

  get groupId(): Uint8Array {
    return this.m.epoch.context.groupId;
  }

  get epoch(): bigint {
    return this.m.epoch.context.epoch;
  }

  get cipherSuite(): number {
    return this.m.epoch.cs.id;
  }

  get groupContext(): GroupContext {
    return this.m.epoch.context;
  }

  get ownLeafIndex(): LeafIndex {
    return this.m.epoch.ownLeaf;
  }

  /** False once this member was removed (its Commit merged) — the group can then only read late messages. */
  get isActive(): boolean {
    return this.m.status === "active";
  }

  /** The current members with their credentials, in leaf order. */
  members(): Member[] {
    const tree = this.m.epoch.tree;
    return tree.members().flatMap((leafIndex) => {
      const leaf = tree.leaf(leafIndex);
      if (leaf === undefined) return [];
      const { credential, signatureKey, encryptionKey } = leaf;
      return [{ leafIndex, credential, signatureKey, encryptionKey }];
    });
  }

  /** The public ratchet tree of the current epoch, encoded as the `ratchet_tree` extension body (§12.4.3.3). */
  ratchetTree(): Uint8Array {
    return encode(this.m.epoch.tree.toNodes(), encodeRatchetTree);
  }

  /** §8.7: a value all members of this epoch share, for out-of-band comparison. */
  epochAuthenticator(): Uint8Array {
    return this.m.epoch.secrets.epochAuthenticator.slice();
  }

  /** §8.5: MLS-Exporter(label, context, length) of the current epoch. */
  exporter(label: string, context: Uint8Array, length: number): Uint8Array {
    this.#requireActive();
    return mlsExporter(this.m.epoch.cs, this.m.epoch.secrets.exporterSecret.bytes, label, context, length);
  }

  /** Processes one MLSMessage (PublicMessage or PrivateMessage) for this group. */
  process(message: Uint8Array): ProcessedMessage {
    const out = processMessage(this.m, message);
    if (out.kind !== "commit") return out;
    return {
      kind: "commit",
      commit: new StagedCommit(this.m, out.staged, false),
      authenticatedData: out.authenticatedData,
    };
  }

  /** §12.4.1: commits the pending proposals and `options.proposals`; the group stays put until `mergePendingCommit`. */
  commit(options: CommitOptions = {}): CreatedCommit {
    this.#requireSendable();
    return createCommit(this.m, options).created;
  }

  /** Adds members by their KeyPackages (objects, or encoded MLSMessages) in one Commit. */
  addMembers(keyPackages: readonly (KeyPackage | Uint8Array)[], options: CommitOptions = {}): CreatedCommit {
    const adds: Proposal[] = keyPackages.map(addProposal);
    return this.commit({ ...options, proposals: [...(options.proposals ?? []), ...adds] });
  }

  /** Removes the members at these leaves in one Commit (with a path, §12.4). */
  removeMembers(leaves: readonly number[], options: CommitOptions = {}): CreatedCommit {
    const removes: Proposal[] = leaves.map(removeProposal);
    return this.commit({ ...options, proposals: [...(options.proposals ?? []), ...removes] });
  }

  /** An empty "full" Commit: refreshes this member's leaf and path (PCS for itself, §12.4). */
  update(options: CommitOptions = {}): CreatedCommit {
    return this.commit({ ...options, forcePath: true });
  }

  /** The Commit this member created and has not merged or discarded yet. */
  get pendingCommit(): StagedCommit | undefined {
    const p = this.m.pending;
    return p === undefined ? undefined : new StagedCommit(this.m, p, true);
  }

  mergePendingCommit(): void {
    const pending = this.pendingCommit;
    if (pending === undefined) throw new UsageError("there is no pending commit to merge");
    pending.merge();
  }

  clearPendingCommit(): void {
    discardPending(this.m);
  }

  proposeAdd(keyPackage: KeyPackage | Uint8Array, authenticatedData?: Uint8Array): SentProposal {
    return this.#propose(addProposal(keyPackage), authenticatedData);
  }

  proposeRemove(leafIndex: number, authenticatedData?: Uint8Array): SentProposal {
    return this.#propose(removeProposal(leafIndex), authenticatedData);
  }

  /** §12.1.2: a new leaf key for this member; another member's Commit applies it. */
  proposeUpdate(authenticatedData?: Uint8Array): SentProposal {
    this.#requireSendable();
    return this.#propose(updateProposal(this.m), authenticatedData);
  }

  /** §12.1.4: injects a PSK — an external one by id, or the resumption PSK of one of this group's epochs. */
  proposePsk(psk: PskChoice, authenticatedData?: Uint8Array): SentProposal {
    const nonce = this.m.config.provider.randomBytes(this.m.epoch.cs.hashLength);
    return this.#propose(pskProposal(psk, this.groupId, nonce), authenticatedData);
  }

  /** §12.1.5: proposes to reinitialise the group with new parameters (§11.2). */
  proposeReInit(reinit: ReInitParameters, authenticatedData?: Uint8Array): SentProposal {
    return this.#propose(reinitProposal(reinit), authenticatedData);
  }

  /** §12.1.7: proposes to replace the GroupContext extensions wholesale. */
  proposeGroupContextExtensions(
    extensions: readonly Extension[],
    authenticatedData?: Uint8Array,
  ): SentProposal {
    return this.#propose(groupContextExtensionsProposal(extensions), authenticatedData);
  }

  /** Proposes this member's own removal; another member commits it (§12.2 forbids committing it oneself). */
  leave(authenticatedData?: Uint8Array): SentProposal {
    return this.proposeRemove(this.ownLeafIndex, authenticatedData);
  }

  /** Encrypts application data as a PrivateMessage of the current epoch (§6.3). */
  protect(applicationData: Uint8Array, authenticatedData: Uint8Array = new Uint8Array(0)): Uint8Array {
    this.#requireSendable();
    return protectApplication(this.m, applicationData, authenticatedData);
  }

  /** §12.4.3: a signed GroupInfo of the current epoch (as an MLSMessage), e.g. for external joiners. */
  groupInfo(options: GroupInfoOptions = {}): Uint8Array {
    this.#requireActive();
    return encodeGroupInfoMessage(buildGroupInfo(this.m.epoch, this.m.signaturePrivateKey, options));
  }

  #propose(proposal: Proposal, authenticatedData: Uint8Array = new Uint8Array(0)): SentProposal {
    this.#requireSendable();
    return sendProposal(this.m, proposal, authenticatedData);
  }

  #requireSendable(): void {
    this.#requireActive();
    if (this.m.epoch.reinit !== undefined) {
      throw groupViolation(
        GroupRule.groupReinitialized,
        "the group was reinitialized and sends nothing more",
      );
    }
  }

  #requireActive(): void {
    if (this.m.status !== "active") throw new UsageError("this member was removed from the group");
  }
}

/** The state behind the `Group` given as a reinit/branch Welcome's old group. */
function stateOfHandle(handle: ResumedGroupHandle): MemberState {
  const m = internal.get(handle);
  if (m === undefined) throw new UsageError("resumedFrom must be a Group built by this library");
  return m;
}
