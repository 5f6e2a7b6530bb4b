/**
 * A Commit that has passed every check of RFC 9420 §12.4.2 but is not yet in effect: the application sees who
 * joined, left or updated, the PSKs and any ReInit, then calls `merge()` (the new epoch becomes current and the
 * old one's secrets are deleted) or `discard()`. Used for received Commits and for this member's own.
 */
import type { Credential, PreSharedKeyID, ReInit, Sender } from "../codec/index.js";
import { SenderType } from "../codec/index.js";
import { UsageError } from "../errors.js";
import type { LeafIndex } from "../tree-math/index.js";
import { advanceEpoch, discardPending, leaveGroup } from "./member-state.js";
import type { MemberState } from "./member-state.js";
import type { StagedEpoch } from "./staged-epoch.js";
import { wipeEpoch } from "./epoch-state.js";

export interface MemberChange {
  readonly leafIndex: LeafIndex;
  readonly credential: Credential;
  readonly signatureKey: Uint8Array;
}

export class StagedCommit {
  readonly #member: MemberState;
  readonly #staged: StagedEpoch;
  readonly #fromEpoch: bigint;
  readonly #own: boolean;
  #done = false;

  /** @internal built by the group for a received Commit (`own` false) or its own pending Commit. */
  constructor(member: MemberState, staged: StagedEpoch, own: boolean) {
    this.#member = member;
    this.#staged = staged;
    this.#fromEpoch = member.epoch.context.epoch;
    this.#own = own;
  }

  get sender(): Sender {
    return this.#staged.summary.sender;
  }

  /** The committer's leaf in the new epoch. */
  get committer(): LeafIndex {
    return this.#staged.summary.committer;
  }

  /** The epoch this Commit starts. */
  get epoch(): bigint {
    return this.#fromEpoch + 1n;
  }

  /** An external Commit: a new member joined (or resynchronised) by itself (§12.4.3.2). */
  get isExternal(): boolean {
    return this.sender.senderType === SenderType.newMemberCommit;
  }

  get added(): MemberChange[] {
    return this.#staged.summary.applied.added.map(({ leafIndex, keyPackage }) => ({
      leafIndex,
      credential: keyPackage.leafNode.credential,
      signatureKey: keyPackage.leafNode.signatureKey,
    }));
  }

  get removed(): MemberChange[] {
    return this.#staged.summary.applied.removed.map(({ leafIndex, leafNode }) => ({
      leafIndex,
      credential: leafNode.credential,
      signatureKey: leafNode.signatureKey,
    }));
  }

  get updated(): readonly LeafIndex[] {
    return this.#staged.summary.applied.updated;
  }

  get psks(): readonly PreSharedKeyID[] {
    return this.#staged.summary.applied.psks;
  }

  /** Set when the Commit covers a ReInit: after merging, the group is closed and awaits the new one (§11.2). */
  get reinit(): ReInit | undefined {
    return this.#staged.summary.applied.reinit;
  }

  /** This member is removed by the Commit; merging deletes the group's secrets (§12.4.2). */
  get selfRemoved(): boolean {
    return this.#staged.summary.selfRemoved;
  }

  /** Makes the new epoch current; the previous epoch's secrets are deleted (§9.2). */
  merge(): void {
    this.#check();
    this.#done = true;
    const next = this.#staged.state;
    if (next === undefined) {
      leaveGroup(this.#member);
      return;
    }
    if (this.#own) this.#member.pending = undefined;
    advanceEpoch(this.#member, next);
  }

  /** Drops the staged epoch and its secrets; the current epoch stays as it was. */
  discard(): void {
    if (this.#done) return;
    this.#done = true;
    if (this.#own) discardPending(this.#member);
    else if (this.#staged.state !== undefined) wipeEpoch(this.#staged.state);
  }

  #check(): void {
    if (this.#done) throw new UsageError("this staged commit was already merged or discarded");
    const m = this.#member;
    if (m.status !== "active" || m.epoch.context.epoch !== this.#fromEpoch) {
      throw new UsageError(
        `the group is no longer at epoch ${this.#fromEpoch}; this commit cannot be merged`,
      );
    }
  }
}
