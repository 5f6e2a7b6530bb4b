/**
 * One member's state in one epoch (RFC 9420 §8, §9, §12): the agreed GroupContext, the public ratchet tree,
 * this member's private tree keys, the epoch's secrets and secret tree, and the interim transcript hash that
 * seeds the next Commit. Values are never modified after construction (trees and key sets are cloned before
 * any change), so a staged epoch can be discarded and a past one kept for late messages.
 */
import type { GroupContext, ReInit } from "../codec/index.js";
import type { CipherSuite } from "../crypto/provider.js";
import type { EpochSecrets } from "../schedule/epoch-secrets.js";
import type { Secret } from "../schedule/secret.js";
import { SecretTree } from "../secret-tree/secret-tree.js";
import type { RatchetPolicy } from "../secret-tree/sender-ratchet.js";
import type { LeafIndex } from "../tree-math/index.js";
import type { RatchetTree } from "../tree/ratchet-tree.js";
import type { TreePrivateKeys } from "../tree/private-keys.js";

export interface EpochState {
  readonly cs: CipherSuite;
  readonly context: GroupContext;
  readonly tree: RatchetTree;
  readonly keys: TreePrivateKeys;
  readonly ownLeaf: LeafIndex;
  /**
   * The epoch's secrets. `encryptionSecret` is always deleted: the secret tree's root is its only copy, and the
   * tree deletes that at the epoch's first message (§9.2).
   */
  readonly secrets: EpochSecrets;
  readonly secretTree: SecretTree;
  readonly interimTranscriptHash: Uint8Array;
  /** The confirmation tag of the Commit that started this epoch (§12.4.3: it goes into GroupInfo). */
  readonly confirmationTag: Uint8Array;
  /** Set when this epoch was entered by a Commit covering a ReInit: the group is then closed (§12.4.2). */
  readonly reinit?: ReInit | undefined;
}

/** What an epoch is built from: its state before the secret tree exists, and the tree's ratchet policy. */
export interface EpochInput extends Omit<EpochState, "secretTree"> {
  readonly ratchetPolicy: Partial<RatchetPolicy>;
}

/**
 * Builds an epoch's state, with its secret tree sized to the epoch's ratchet tree (§9). The tree copies
 * `encryption_secret` into its root, so the key schedule's copy is deleted here: §9.2 wants every
 * representation of a value gone once it is consumed, and the tree deletes its root at first use.
 */
export function makeEpochState(input: EpochInput): EpochState {
  const { ratchetPolicy, ...rest } = input;
  const secretTree = new SecretTree(
    input.cs,
    input.secrets.encryptionSecret.bytes,
    input.tree.leafCount,
    ratchetPolicy,
  );
  input.secrets.encryptionSecret.wipe();
  return { ...rest, secretTree };
}

/** A past epoch kept only to open late application messages (§15.3): no other secret survives. */
export interface PastEpoch {
  readonly context: GroupContext;
  readonly tree: RatchetTree;
  readonly senderDataSecret: Secret;
  readonly secretTree: SecretTree;
}

/** Deletes every secret of an epoch that is no longer current (§9.2). */
export function wipeEpoch(state: EpochState): void {
  state.secrets.wipe();
  state.secretTree.wipe();
  state.keys.wipe();
}
