/**
 * RFC 9420 §12.4.3.1 "Verify the integrity of the ratchet tree", as a joiner does before trusting a tree
 * received in a Welcome or fetched from the DS: tree hash, parent hashes, every leaf, unmerged-leaf lists
 * and key uniqueness. Linear in the tree size (plus one signature check per member).
 */
import { bytesEqual } from "@parley/codec";
import type { RequiredCapabilities } from "../codec/required-capabilities.js";
import * as tm from "../tree-math/index.js";
import type { LeafIndex, NodeIndex } from "../tree-math/index.js";
import { validateLeafNode } from "./leaf-validation.js";
import { verifyParentHashes } from "./parent-hash.js";
import type { RatchetTree } from "./ratchet-tree.js";
import { TreeRule, violation } from "./rules.js";
import { subtreeHasLeaf } from "./subtree.js";

export interface TreeValidationOptions {
  readonly groupId: Uint8Array;
  /** The GroupContext tree_hash the tree must hash to; omitted only when the caller checked it already. */
  readonly treeHash?: Uint8Array | undefined;
  /** Seconds since the Unix epoch for the (recommended, §7.3) key_package lifetime check. */
  readonly now?: bigint | undefined;
  readonly requiredCapabilities?: RequiredCapabilities | undefined;
}

/** §12.4.3.1 unmerged leaves: sorted (§7.1), non-blank descendants, listed all the way up. */
export function verifyUnmergedLeaves(tree: RatchetTree): void {
  for (let x = 1; x < tree.nodeCount; x += 2) {
    const p = x as NodeIndex;
    const unmerged = tree.parent(p)?.unmergedLeaves ?? [];
    unmerged.forEach((leaf, i) => {
      const before = unmerged[i - 1];
      if (before !== undefined && before >= leaf) {
        throw violation(TreeRule.unmergedOrder, `unmerged_leaves of node ${p} are not strictly increasing`);
      }
      if (!subtreeHasLeaf(p, leaf) || leaf >= tree.leafCount || tree.leaf(leaf as LeafIndex) === undefined) {
        throw violation(TreeRule.unmergedLeaf, `node ${p} lists leaf ${leaf}, not a non-blank leaf below it`);
      }
      for (
        let at = tm.parent((2 * leaf) as NodeIndex, tree.leafCount);
        at !== p;
        at = tm.parent(at, tree.leafCount)
      ) {
        const mid = tree.parent(at);
        if (mid !== undefined && !mid.unmergedLeaves.includes(leaf)) {
          throw violation(
            TreeRule.unmergedChain,
            `leaf ${leaf} is unmerged at node ${p} but not at node ${at}`,
          );
        }
      }
    });
  }
}

/** A Map key for a public key: one UTF-16 code unit per byte, cheaper to build than hex for 100,000 keys. */
function keyId(key: Uint8Array): string {
  return String.fromCharCode(...key);
}

/** §7.3, §12.4.3.1: no encryption key in two nodes, no signature key in two leaves. */
export function verifyUniqueKeys(tree: RatchetTree): void {
  const encryption = new Map<string, number>();
  const signature = new Map<string, number>();
  for (let x = 0; x < tree.nodeCount; x++) {
    const key = tree.encryptionKey(x as NodeIndex);
    if (key === undefined) continue;
    const id = keyId(key);
    const other = encryption.get(id);
    if (other !== undefined) {
      throw violation(TreeRule.duplicateEncryptionKey, `nodes ${other} and ${x} share an encryption key`);
    }
    encryption.set(id, x);
  }
  for (const leaf of tree.members()) {
    const id = keyId(tree.leaf(leaf)?.signatureKey ?? new Uint8Array(0));
    const other = signature.get(id);
    if (other !== undefined) {
      throw violation(TreeRule.duplicateSignatureKey, `leaves ${other} and ${leaf} share a signature key`);
    }
    signature.set(id, leaf);
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
  for (const leafIndex of tree.members()) {
    const leaf = tree.leaf(leafIndex);
    if (leaf === undefined) continue;
    validateLeafNode(tree.cs, leaf, {
      groupId: options.groupId,
      leafIndex,
      now: options.now,
      requiredCapabilities: options.requiredCapabilities,
    });
  }
  verifyCredentialSupport(tree);
  verifyUniqueKeys(tree);
}
