/**
 * RFC 9420 §12.4.3.1 "Verify the integrity of the ratchet tree", as a joiner does before trusting a tree
 * received in a Welcome or fetched from the DS: tree hash, parent hashes, every leaf, unmerged-leaf lists
 * and key uniqueness. Linear in the tree size (plus one signature check per member).
 */
import { bytesEqual } from "@parley/codec";
import type { RequiredCapabilities } from "../codec/required-capabilities.js";
import * as tm from "../tree-math/index.js";
import type { LeafIndex, NodeIndex } from "../tree-math/index.js";
import { KeyMap } from "./key-map.js";
import { withCheckedSignatures } from "../crypto/parallel/parallel-crypto.js";
import { leafSignatureItem, validateLeafNode } from "./leaf-validation.js";
import { verifyParentHashes } from "./parent-hash.js";
import type { RatchetTree } from "./ratchet-tree.js";
import { TreeRule, violation } from "./rules.js";
import { hasSortedLeaf } from "./sorted-leaves.js";
import { subtreeHasLeaf } from "./subtree.js";

export interface TreeValidationOptions {
  readonly groupId: Uint8Array;
  /** The GroupContext tree_hash the tree must hash to; omitted only when the caller checked it already. */
  readonly treeHash?: Uint8Array | undefined;
  /** Seconds since the Unix epoch for the (recommended, §7.3) key_package lifetime check. */
  readonly now?: bigint | undefined;
  readonly requiredCapabilities?: RequiredCapabilities | undefined;
}

/** §7.1 order and §12.4.3.1 membership of one parent's unmerged_leaves. */
function checkUnmergedList(tree: RatchetTree, p: NodeIndex, unmerged: readonly number[]): void {
  unmerged.forEach((leaf, i) => {
    const before = unmerged[i - 1];
    if (before !== undefined && before >= leaf) {
      throw violation(TreeRule.unmergedOrder, `unmerged_leaves of node ${p} are not strictly increasing`);
    }
    if (!subtreeHasLeaf(p, leaf) || leaf >= tree.leafCount || tree.leaf(leaf as LeafIndex) === undefined) {
      throw violation(TreeRule.unmergedLeaf, `node ${p} lists leaf ${leaf}, not a non-blank leaf below it`);
    }
  });
}

/**
 * §12.4.3.1 unmerged leaves: sorted (§7.1), non-blank descendants, listed all the way up. Every list is
 * checked for order first, so the chain check can binary-search the lists: O(U log N log U) for U listed
 * leaves instead of a linear `includes` at every step.
 */
export function verifyUnmergedLeaves(tree: RatchetTree): void {
  for (let x = 1; x < tree.nodeCount; x += 2) {
    const unmerged = tree.parent(x as NodeIndex)?.unmergedLeaves;
    if (unmerged !== undefined) checkUnmergedList(tree, x as NodeIndex, unmerged);
  }
  for (let x = 1; x < tree.nodeCount; x += 2) {
    const p = x as NodeIndex;
    for (const leaf of tree.parent(p)?.unmergedLeaves ?? []) {
      for (
        let at = tm.parent((2 * leaf) as NodeIndex, tree.leafCount);
        at !== p;
        at = tm.parent(at, tree.leafCount)
      ) {
        const mid = tree.parent(at);
        if (mid !== undefined && !hasSortedLeaf(mid.unmergedLeaves, leaf)) {
          throw violation(
            TreeRule.unmergedChain,
            `leaf ${leaf} is unmerged at node ${p} but not at node ${at}`,
          );
        }
      }
    }
  }
}

/** §7.3, §12.4.3.1: no encryption key in two nodes, no signature key in two leaves. */
export function verifyUniqueKeys(tree: RatchetTree): void {
  const encryption = new KeyMap<number>();
  const signature = new KeyMap<number>();
  for (let x = 0; x < tree.nodeCount; x++) {
    const key = tree.encryptionKey(x as NodeIndex);
    if (key === undefined) continue;
    const other = encryption.get(key);
    if (other !== undefined) {
      throw violation(TreeRule.duplicateEncryptionKey, `nodes ${other} and ${x} share an encryption key`);
    }
    encryption.set(key, x);
  }
  for (const leaf of tree.members()) {
    const key = tree.leaf(leaf)?.signatureKey ?? new Uint8Array(0);
    const other = signature.get(key);
    if (other !== undefined) {
      throw violation(TreeRule.duplicateSignatureKey, `leaves ${other} and ${leaf} share a signature key`);
    }
    signature.set(key, leaf);
  }
}

/** §7.3: every credential type in use is listed in every member's capabilities. */
export function verifyCredentialSupport(tree: RatchetTree): void {
  const members = tree.members();
  const inUse = new Set(members.map((l) => tree.leaf(l)?.credential.credentialType ?? 0));
  for (const leaf of members) {
    const caps = tree.leaf(leaf)?.capabilities.credentials ?? [];
    for (const type of inUse) {
      if (!caps.includes(type)) {
        throw violation(TreeRule.credentialSupport, `leaf ${leaf} does not support credential type ${type}`);
      }
    }
  }
}

/** RFC 9420 §12.4.3.1: the joiner's checks on a ratchet tree, in the RFC's order. Throws `ValidationError`. */
export function validateRatchetTree(tree: RatchetTree, options: TreeValidationOptions): void {
  if (options.treeHash !== undefined && !bytesEqual(tree.treeHash(), options.treeHash)) {
    throw violation(TreeRule.treeHash, "the tree does not hash to the GroupContext tree_hash");
  }
  verifyUnmergedLeaves(tree);
  verifyParentHashes(tree);
  // One signature per member: checked on every core first, then the leaves in order with those verdicts.
  const { groupId } = options;
  const members = tree.members();
  const signatures = members.flatMap((leafIndex) => {
    const leaf = tree.leaf(leafIndex);
    return leaf === undefined ? [] : [leafSignatureItem(leaf, { groupId, leafIndex })];
  });
  withCheckedSignatures(tree.cs, signatures, () => {
    for (const leafIndex of members) {
      const leaf = tree.leaf(leafIndex);
      if (leaf === undefined) continue;
      validateLeafNode(tree.cs, leaf, {
        groupId,
        leafIndex,
        now: options.now,
        requiredCapabilities: options.requiredCapabilities,
      });
    }
  });
  verifyCredentialSupport(tree);
  verifyUniqueKeys(tree);
}
