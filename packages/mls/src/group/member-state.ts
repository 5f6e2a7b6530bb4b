/**
 * Everything one member holds for one group across epochs: the current epoch, the past epochs kept for late
 * application messages, the epoch's proposal cache, its own pending Update keys and pending Commit, and the
 * resumption PSKs of recent epochs. `advanceEpoch` is the single place an epoch ends, and so the single place
 * its secrets are deleted (RFC 9420 §9.2, §16.6).
 */
import { toHex } from "@parley/codec";
import { ResumptionPskStore } from "../schedule/resumption-psk-store.js";
import { Secret } from "../schedule/secret.js";
import type { ResolvedGroupConfig } from "./config.js";
import { wipeEpoch } from "./epoch-state.js";
import type { EpochState, PastEpoch } from "./epoch-state.js";
import { ProposalCache } from "./proposal-cache.js";
import type { CommitSummary } from "./staged-epoch.js";

/** A Commit this member created and sent, waiting for the application to merge or discard it. */
export interface PendingCommit {
  readonly state: EpochState;
  readonly summary: CommitSummary;
}

export type MemberStatus = "active" | "removed";

export interface MemberState {
  readonly config: ResolvedGroupConfig;
  readonly signaturePrivateKey: Uint8Array;
  epoch: EpochState;
  past: PastEpoch[];
  readonly cache: ProposalCache;
  readonly resumption: ResumptionPskStore;
  /** Private leaf keys of this member's Update proposals of the current epoch, by hex encryption key. */
  readonly ownUpdates: Map<string, Uint8Array>;
  pending: PendingCommit | undefined;
  status: MemberStatus;
}

export function newMemberState(
  config: ResolvedGroupConfig,
  signaturePrivateKey: Uint8Array,
  epoch: EpochState,
  resumption?: ResumptionPskStore,
): MemberState {
  const store = resumption ?? new ResumptionPskStore(config.resumptionPskEpochs);
  store.remember(epoch.context.groupId, epoch.context.epoch, epoch.secrets.resumptionPsk.bytes);
  return {
    config,
    signaturePrivateKey,
    epoch,
    past: [],
    cache: new ProposalCache(),
    resumption: store,
    ownUpdates: new Map(),
    pending: undefined,
    status: "active",
  };
}

export function ownUpdateKey(m: MemberState, encryptionKey: Uint8Array): Uint8Array | undefined {
  return m.ownUpdates.get(toHex(encryptionKey));
}

/** Drops a pending Commit this member created, deleting the secrets of the epoch it would have started. */
export function discardPending(m: MemberState): void {
  if (m.pending !== undefined) wipeEpoch(m.pending.state);
  m.pending = undefined;
}

function clearEpochScoped(m: MemberState): void {
  m.cache.clear();
  for (const key of m.ownUpdates.values()) key.fill(0);
  m.ownUpdates.clear();
}

/** Keeps the ending epoch's sender-data secret and secret tree for late messages, within the configured bound. */
function retain(m: MemberState, old: EpochState): void {
  if (m.config.retainedEpochs === 0) {
    old.secretTree.wipe();
    return;
  }
  const senderDataSecret = new Secret(old.secrets.senderDataSecret.bytes.slice(), "sender_data_secret");
  m.past.push({ context: old.context, tree: old.tree, senderDataSecret, secretTree: old.secretTree });
  while (m.past.length > m.config.retainedEpochs) {
    const dropped = m.past.shift();
    dropped?.senderDataSecret.wipe();
    dropped?.secretTree.wipe();
  }
}

/** Ends the current epoch and makes `next` current: §12.4.2 "consider the new GroupContext … the current state". */
export function advanceEpoch(m: MemberState, next: EpochState): void {
  const old = m.epoch;
  if (m.pending !== undefined && m.pending.state !== next) discardPending(m);
  m.pending = undefined;
  retain(m, old);
  old.secrets.wipe();
  old.keys.wipe();
  clearEpochScoped(m);
  m.epoch = next;
  m.resumption.remember(next.context.groupId, next.context.epoch, next.secrets.resumptionPsk.bytes);
}

/** The member was removed (§12.4.2): delete the group's secrets, keeping only retained past epochs. */
export function leaveGroup(m: MemberState): void {
  discardPending(m);
  retain(m, m.epoch);
  m.epoch.secrets.wipe();
  m.epoch.keys.wipe();
  clearEpochScoped(m);
  m.status = "removed";
}
