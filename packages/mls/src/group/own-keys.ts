/**
 * This member's private tree keys across a Commit (RFC 9420 §7.5, §12.1.2): the key of our own Update, if a
 * Commit applied it, replaces our leaf key; keys of nodes the proposals blanked or replaced are deleted at once
 * (§9.2, §16.6): only blanked nodes can lose their key without a path, since nothing else is rewritten. The current epoch's key set is never touched: this works on a copy.
 */
import type { NodeIndex } from "../tree-math/index.js";
import type { TreePrivateKeys } from "../tree/private-keys.js";
import type { RatchetTree } from "../tree/ratchet-tree.js";
import type { AppliedProposals } from "./apply-proposals.js";
import type { EpochState } from "./epoch-state.js";

/** Deletes every key whose node is now blank or holds a different public key. */
export function pruneKeys(keys: TreePrivateKeys, tree: RatchetTree): void {
  for (const x of keys.nodes()) {
    if (x >= tree.nodeCount || tree.encryptionKey(x) === undefined) keys.delete(x);
  }
}

/** The key set to carry into the new epoch before any path is applied. */
export function carryKeys(
  state: EpochState,
  applied: AppliedProposals,
  ownUpdateKey: (encryptionKey: Uint8Array) => Uint8Array | undefined,
): TreePrivateKeys {
  const keys = state.keys.clone();
  const own = (2 * state.ownLeaf) as NodeIndex;
  if (applied.updated.includes(state.ownLeaf)) {
    const leaf = applied.tree.leaf(state.ownLeaf);
    const privateKey = leaf === undefined ? undefined : ownUpdateKey(leaf.encryptionKey);
    if (privateKey !== undefined) keys.set(own, privateKey.slice());
    else keys.delete(own);
  }
  pruneKeys(keys, applied.tree);
  return keys;
}
