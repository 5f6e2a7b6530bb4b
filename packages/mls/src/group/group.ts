/**
 * One member's view of one MLS group (RFC 9420 §8–§12): the object an application holds. Everything here is
 * synchronous, and each call either completes or leaves the group unchanged. Received Commits and this
 * member's own Commits are staged and only take effect on `merge()`.
 */
import type { Credential, GroupContext } from "../codec/index.js";
import { UsageError } from "../errors.js";
import { mlsExporter } from "../schedule/exporter.js";
import type { LeafIndex } from "../tree-math/index.js";
import type { GroupConfig } from "./config.js";
import { resolveConfig } from "./config.js";
import type { MemberState } from "./member-state.js";
import { newMemberState } from "./member-state.js";
import { decodeMessage, processMessage } from "./process-message.js";
import type { ApplicationMessage, ProposalMessage } from "./process-message.js";
import { pskLookup } from "./psks.js";
import { StagedCommit } from "./staged-commit.js";
import { joinFromWelcomeState } from "./welcome-join.js";
import type { OwnKeyPackage, RatchetTreeSource } from "./welcome-join.js";
import { ResumptionPskStore } from "../schedule/resumption-psk-store.js";
import { WireFormat } from "../codec/index.js";
import { WelcomeRule, welcomeViolation } from "../welcome/rules.js";
import { encode } from "@parley/codec";
import { encodeRatchetTree } from "../codec/index.js";
import { ContentType, PSKType, ProposalType, ResumptionPSKUsage } from "../codec/index.js";
import type { Extension, KeyPackage, PreSharedKeyID, Proposal } from "../codec/index.js";
import { decodeUnverifiedKeyPackageMessage } from "../key-package/unverified-key-package.js";
import { createCommit } from "./commit-create.js";
import type { CommitOptions, CreatedCommit } from "./commit-create.js";
import { createGroupState } from "./create-group.js";
import { createExternalCommit } from "./external-join.js";
import type { KeyPair } from "../crypto/provider.js";
import type { CapabilitiesOptions } from "../key-package/capabilities.js";
import type { CreateGroupOptions } from "./create-group.js";
import { buildGroupInfo, encodeGroupInfoMessage } from "./group-info.js";
import type { GroupInfoOptions } from "./group-info.js";
import { discardPending } from "./member-state.js";
import { protectContent, signAsMember } from "./message-out.js";
import { sendProposal, updateProposal } from "./proposals-out.js";
import type { SentProposal } from "./proposals-out.js";
import { GroupRule, groupViolation } from "./rules.js";

/** A member of the group as the roster shows it. */
export interface Member {
  readonly leafIndex: LeafIndex;
  readonly credential: Credential;
  readonly signatureKey: Uint8Array;
  readonly encryptionKey: Uint8Array;
}

/** What `Group.process` returns: application data, a cached proposal, or a staged Commit. */
export type ProcessedMessage =
  | ApplicationMessage
  | ProposalMessage
  | { readonly kind: "commit"; readonly commit: StagedCommit; readonly authenticatedData: Uint8Array };

export interface JoinFromWelcomeInput {
  readonly config: GroupConfig;
  /** The Welcome as an encoded MLSMessage. */
  readonly welcome: Uint8Array;
  /** Our KeyPackages the Welcome may be addressed to, with their private keys. */
  readonly keyPackages: readonly OwnKeyPackage[];
  /** The ratchet tree, when the GroupInfo does not carry it in a `ratchet_tree` extension. */
  readonly ratchetTree?: RatchetTreeSource;
  /** Resumption PSKs this client holds from other groups (for a reinit or branch Welcome). */
  readonly resumptionPsks?: ResumptionPskStore;
  readonly isKnownGroupId?: (groupId: Uint8Array) => boolean;
}

export interface ExternalJoinOptions {
  readonly config: GroupConfig;
  /** The group's GroupInfo as an encoded MLSMessage; it must carry `external_pub`. */
  readonly groupInfo: Uint8Array;
  readonly ratchetTree?: RatchetTreeSource;
  readonly credential: Credential;
  readonly signatureKeyPair: KeyPair;
  readonly capabilities?: CapabilitiesOptions;
  /** Resync: the leaf of this client's previous appearance, removed by the same Commit. */
  readonly removeLeaf?: number;
  readonly psks?: readonly PreSharedKeyID[];
  readonly authenticatedData?: Uint8Array;
}

/** Each group's internal state, reachable from this module (and its tests) but not through the public API. */
const internal = new WeakMap<Group, MemberState>();

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

  /** §12.4.3.1: joins the group a Welcome (an encoded MLSMessage) invites one of our KeyPackages to. */
  static joinFromWelcome(input: JoinFromWelcomeInput): Group {
    const config = resolveConfig(input.config);
    const message = decodeMessage(input.welcome);
    if (message.wireFormat !== WireFormat.mlsWelcome) {
      throw welcomeViolation(WelcomeRule.wireFormat, `MLSMessage has wire format ${message.wireFormat}`);
    }
    const resumption = input.resumptionPsks ?? new ResumptionPskStore(config.resumptionPskEpochs);
    const joined = joinFromWelcomeState({
      config,
      welcome: message.welcome,
      keyPackages: input.keyPackages,
      ratchetTree: input.ratchetTree,
      lookupPsk: pskLookup(config.externalPsks, resumption),
      ...(input.isKnownGroupId === undefined ? {} : { isKnownGroupId: input.isKnownGroupId }),
    });
    const signature = joined.keyPackage.private.signaturePrivateKey.slice();
    return new Group(newMemberState(config, signature, joined.state, resumption));
  }

  /**
   * §12.4.3.2: joins by external Commit from a GroupInfo (an encoded MLSMessage) with `external_pub`; returns
   * the group, already in the new epoch, and the Commit to send to the members.
   */
  static joinByExternalCommit(input: ExternalJoinOptions): { group: Group; commit: Uint8Array } {
    const config = resolveConfig(input.config);
    const message = decodeMessage(input.groupInfo);
    if (message.wireFormat !== WireFormat.mlsGroupInfo) {
      throw new UsageError(`expected a GroupInfo MLSMessage, got wire format ${message.wireFormat}`);
    }
    const resumption = new ResumptionPskStore(config.resumptionPskEpochs);
    const { message: commit, state } = createExternalCommit({
      ...input,
      config,
      groupInfo: message.groupInfo,
      lookupPsk: pskLookup(config.externalPsks, resumption),
    });
    const group = new Group(
      newMemberState(config, input.signatureKeyPair.privateKey.slice(), state, resumption),
    );
    return { group, commit };
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
    const adds: Proposal[] = keyPackages.map((kp) => ({
      proposalType: ProposalType.add,
      add: { keyPackage: toKeyPackage(kp) },
    }));
    return this.commit({ ...options, proposals: [...(options.proposals ?? []), ...adds] });
  }

  /** Removes the members at these leaves in one Commit (with a path, §12.4). */
  removeMembers(leaves: readonly number[], options: CommitOptions = {}): CreatedCommit {
    const removes: Proposal[] = leaves.map((removed) => ({
      proposalType: ProposalType.remove,
      remove: { removed },
    }));
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
    return this.#propose(
      { proposalType: ProposalType.add, add: { keyPackage: toKeyPackage(keyPackage) } },
      authenticatedData,
    );
  }

  proposeRemove(leafIndex: number, authenticatedData?: Uint8Array): SentProposal {
    return this.#propose(
      { proposalType: ProposalType.remove, remove: { removed: leafIndex } },
      authenticatedData,
    );
  }

  /** §12.1.2: a new leaf key for this member; another member's Commit applies it. */
  proposeUpdate(authenticatedData?: Uint8Array): SentProposal {
    this.#requireSendable();
    return this.#propose(updateProposal(this.m), authenticatedData);
  }

  /** §12.1.4: injects a PSK — an external one by id, or the resumption PSK of one of this group's epochs. */
  proposePsk(
    psk: { readonly externalId: Uint8Array } | { readonly resumptionEpoch: bigint },
    authenticatedData?: Uint8Array,
  ): SentProposal {
    const pskNonce = this.m.config.provider.randomBytes(this.m.epoch.cs.hashLength);
    const id: PreSharedKeyID =
      "externalId" in psk
        ? { pskType: PSKType.external, pskId: psk.externalId, pskNonce }
        : {
            pskType: PSKType.resumption,
            usage: ResumptionPSKUsage.application,
            pskGroupId: this.groupId,
            pskEpoch: psk.resumptionEpoch,
            pskNonce,
          };
    return this.#propose({ proposalType: ProposalType.psk, psk: { psk: id } }, authenticatedData);
  }

  /** §12.1.5: proposes to reinitialise the group with new parameters (§11.2). */
  proposeReInit(
    reinit: { groupId: Uint8Array; cipherSuite: number; extensions?: readonly Extension[] },
    authenticatedData?: Uint8Array,
  ): SentProposal {
    const body = {
      groupId: reinit.groupId,
      version: 1,
      cipherSuite: reinit.cipherSuite,
      extensions: reinit.extensions ?? [],
    };
    return this.#propose({ proposalType: ProposalType.reinit, reinit: body }, authenticatedData);
  }

  /** §12.1.7: proposes to replace the GroupContext extensions wholesale. */
  proposeGroupContextExtensions(
    extensions: readonly Extension[],
    authenticatedData?: Uint8Array,
  ): SentProposal {
    return this.#propose(
      { proposalType: ProposalType.groupContextExtensions, groupContextExtensions: { extensions } },
      authenticatedData,
    );
  }

  /** Proposes this member's own removal; another member commits it (§12.2 forbids committing it oneself). */
  leave(authenticatedData?: Uint8Array): SentProposal {
    return this.proposeRemove(this.ownLeafIndex, authenticatedData);
  }

  /** Encrypts application data as a PrivateMessage of the current epoch (§6.3). */
  protect(applicationData: Uint8Array, authenticatedData: Uint8Array = new Uint8Array(0)): Uint8Array {
    this.#requireSendable();
    // §12.4: "A group member that has observed one or more valid proposals within an epoch MUST send a Commit
    // message before sending application data."
    if (this.m.cache.size > 0)
      throw new UsageError(
        "proposals are pending in this epoch: commit them before sending application data",
      );
    const body = { contentType: ContentType.application, applicationData } as const;
    const ac = signAsMember(this.m.epoch, this.m.signaturePrivateKey, body, authenticatedData, 2);
    return protectContent(this.m.epoch, this.m.config, ac);
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

function toKeyPackage(kp: KeyPackage | Uint8Array): KeyPackage {
  return kp instanceof Uint8Array ? decodeUnverifiedKeyPackageMessage(kp).keyPackage : kp;
}
