/**
 * Stored past epochs and the checks shared by every stored epoch. RFC 9420 §15.3 lets a member keep an ended
 * epoch's keys for a while to open application messages that arrive late; those keys (the sender-data secret
 * and the secret tree's live state) are stored with the member, so a restart does not cut the window short.
 * Nothing else of a past epoch survives its end (§9.2), so nothing else is stored.
 */
import { bytesEqual, encode } from "@parley/codec";
import { encodeRatchetTree } from "../codec/index.js";
import type { GroupContext } from "../codec/index.js";
import type { CipherSuite } from "../crypto/provider.js";
import { Secret } from "../schedule/secret.js";
import { SecretTree } from "../secret-tree/secret-tree.js";
import type { SecretTreeState } from "../secret-tree/tree-state.js";
import type { RatchetTree } from "../tree/ratchet-tree.js";
import { ratchetTreeFromBytes } from "../tree/tree-decode.js";
import type { ResolvedGroupConfig } from "./config.js";
import type { PastEpoch } from "./epoch-state.js";
import { GroupRule, groupViolation } from "./rules.js";
import type { StoredPastEpoch } from "./state-codec.js";

export function capturePastEpoch(p: PastEpoch): StoredPastEpoch {
  return {
    context: p.context,
    ratchetTree: encode(p.tree.toNodes(), encodeRatchetTree),
    senderDataSecret: p.senderDataSecret.bytes,
    secretTree: p.secretTree.exportState(),
  };
}

/** A stored ratchet tree, accepted only if it is the tree the stored GroupContext commits to. */
export function storedRatchetTree(
  cs: CipherSuite,
  bytes: Uint8Array,
  context: GroupContext,
  what: string,
): RatchetTree {
  const tree = ratchetTreeFromBytes(cs, bytes, what);
  if (!bytesEqual(tree.treeHash(), context.treeHash)) {
    throw groupViolation(GroupRule.stateMalformed, `${what} does not match the tree hash`);
  }
  return tree;
}

/** A stored secret tree (strictly checked by `fromState`, SECRET-TREE-6) sized to its epoch's ratchet tree. */
export function restoredSecretTree(
  cs: CipherSuite,
  config: ResolvedGroupConfig,
  state: SecretTreeState,
  tree: RatchetTree,
  what: string,
): SecretTree {
  if (state.leafCount !== tree.leafCount) {
    throw groupViolation(
      GroupRule.stateMalformed,
      `${what} has ${state.leafCount} leaves but its ratchet tree has ${tree.leafCount}`,
    );
  }
  return SecretTree.fromState(cs, state, config.ratchetPolicy);
}

function restoredPastEpoch(cs: CipherSuite, config: ResolvedGroupConfig, p: StoredPastEpoch): PastEpoch {
  const what = `stored past epoch ${p.context.epoch}`;
  if (p.senderDataSecret.length !== cs.hashLength) {
    throw groupViolation(GroupRule.stateMalformed, `${what} has a sender data secret of the wrong size`);
  }
  const tree = storedRatchetTree(cs, p.ratchetTree, p.context, `${what}'s ratchet tree`);
  const secretTree = restoredSecretTree(cs, config, p.secretTree, tree, `${what}'s secret tree`);
  const senderDataSecret = new Secret(p.senderDataSecret, "sender_data_secret");
  return { context: p.context, tree, senderDataSecret, secretTree };
}

/**
 * The stored past epochs of the group `current` names: same group and suite, ascending, all before the current
 * epoch. If the configuration now retains fewer epochs than were stored, the oldest are deleted at once, as
 * `retain` in `member-state.ts` would have done.
 */
export function restoredPastEpochs(
  cs: CipherSuite,
  config: ResolvedGroupConfig,
  current: GroupContext,
  stored: readonly StoredPastEpoch[],
): PastEpoch[] {
  let previous = -1n;
  for (const { context } of stored) {
    if (context.cipherSuite !== cs.id || !bytesEqual(context.groupId, current.groupId)) {
      throw groupViolation(
        GroupRule.stateMalformed,
        `stored past epoch ${context.epoch} is of another group`,
      );
    }
    if (context.epoch <= previous || context.epoch >= current.epoch) {
      throw groupViolation(
        GroupRule.stateMalformed,
        `stored past epochs must be ascending and before epoch ${current.epoch}, got ${context.epoch}`,
      );
    }
    previous = context.epoch;
  }
  const drop = Math.max(0, stored.length - config.retainedEpochs);
  for (const p of stored.slice(0, drop)) p.senderDataSecret.fill(0);
  return stored.slice(drop).map((p) => restoredPastEpoch(cs, config, p));
}
