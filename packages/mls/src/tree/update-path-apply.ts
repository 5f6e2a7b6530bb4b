/**
 * RFC 9420 §7.5–§7.6, recipient side: check an UpdatePath against the tree, merge it (public state, all
 * members and external observers alike), then decrypt the one ciphertext addressed to us, derive the rest of
 * the path and check every derived public key. Inputs are never modified: results are staged copies.
 */
import { bytesEqual } from "@parley/codec";
import { LeafNodeSource } from "../codec/leaf-node.js";
import { NodeType } from "../codec/ratchet-tree.js";
import type { RequiredCapabilities } from "../codec/required-capabilities.js";
import type { UpdatePath } from "../codec/update-path.js";
import { decryptWithLabel } from "../crypto/labels.js";
import { CryptoError, UsageError } from "../errors.js";
import type { LeafIndex, NodeIndex } from "../tree-math/index.js";
import { KeyMap } from "./key-map.js";
import { validateLeafNode } from "./leaf-validation.js";
import { setParentHashChain } from "./parent-hash.js";
import { nextPathSecret, nodeKeyPair } from "./path-secrets.js";
import type { TreePrivateKeys } from "./private-keys.js";
import type { FilteredPathEntry, RatchetTree } from "./ratchet-tree.js";
import { TreeRule, violation } from "./rules.js";
import { subtreeHasLeaf } from "./subtree.js";
import { encryptionTargets } from "./update-path-create.js";

const EMPTY = new Uint8Array(0);

export interface MergeUpdatePathInput {
  /** The tree after the Commit's proposals are applied; left unchanged. */
  readonly tree: RatchetTree;
  readonly sender: LeafIndex;
  readonly updatePath: UpdatePath;
  /** Leaves added by this Commit, left out of every copath resolution (§7.6). */
  readonly excludedLeaves?: readonly LeafIndex[] | undefined;
  readonly groupId: Uint8Array;
  readonly requiredCapabilities?: RequiredCapabilities | undefined;
  /**
   * True for an external Commit (§12.4.3.2): the sender's leaf was only just added for the joiner, so there is
   * no old encryption key the new one must differ from (LEAF-7 is skipped).
   */
  readonly newSenderLeaf?: boolean | undefined;
}

export interface MergedUpdatePath {
  readonly tree: RatchetTree;
  /** The sender's filtered direct path, aligned with `updatePath.nodes`. */
  readonly path: readonly FilteredPathEntry[];
}

/** PATH-1/PATH-2: one UpdatePathNode per filtered path entry, one ciphertext per encryption target. */
function checkPathShape(input: MergeUpdatePathInput, path: readonly FilteredPathEntry[]): void {
  const nodes = input.updatePath.nodes;
  if (nodes.length !== path.length) {
    const want = `${path.length} for the sender's filtered direct path`;
    throw violation(TreeRule.pathLength, `the UpdatePath has ${nodes.length} nodes, not ${want}`);
  }
  const excluded = input.excludedLeaves ?? [];
  path.forEach(({ parent, copathChild }, i) => {
    const want =
      excluded.length === 0
        ? input.tree.resolutionSize(copathChild)
        : encryptionTargets(input.tree, copathChild, excluded).length;
    const got = nodes[i]?.encryptedPathSecret.length;
    if (got !== want) {
      throw violation(TreeRule.pathCiphertextCount, `node ${parent} has ${got} ciphertexts, not ${want}`);
    }
  });
}

/**
 * TREE-6/TREE-7 for the keys an UpdatePath brings in: none may already sit elsewhere in the tree. One pass over
 * the tree with the path's keys in a `KeyMap`, so the cost is one lookup per node, not one comparison per node
 * and path key.
 */
function checkFreshKeys(merged: RatchetTree, sender: LeafIndex, path: readonly FilteredPathEntry[]): void {
  const own = new Set<number>([2 * sender, ...path.map((e) => e.parent)]);
  const fresh = new KeyMap<true>();
  for (const x of own) {
    const key = merged.encryptionKey(x as NodeIndex) ?? EMPTY;
    if (fresh.get(key) !== undefined) {
      throw violation(TreeRule.duplicateEncryptionKey, "the UpdatePath repeats an encryption key");
    }
    fresh.set(key, true);
  }
  const signatureKey = new KeyMap<true>();
  signatureKey.set(merged.leaf(sender)?.signatureKey ?? EMPTY, true);
  for (let x = 0; x < merged.nodeCount; x++) {
    if (own.has(x)) continue;
    const node = merged.node(x as NodeIndex);
    if (node === undefined) continue;
    const key = node.nodeType === NodeType.leaf ? node.leafNode.encryptionKey : node.parentNode.encryptionKey;
    if (fresh.get(key) !== undefined) {
      throw violation(TreeRule.duplicateEncryptionKey, `node ${x} already holds a key of the UpdatePath`);
    }
    if (node.nodeType === NodeType.leaf && signatureKey.get(node.leafNode.signatureKey) !== undefined) {
      throw violation(
        TreeRule.duplicateSignatureKey,
        `leaf ${x / 2} already uses the committer's signature key`,
      );
    }
  }
}

/**
 * RFC 9420 §7.5 "merges UpdatePath into the tree": validates the committer's new leaf (source commit,
 * signature bound to the group and its position, capabilities, new encryption key), checks the path shape,
 * sets the path keys, recomputes the parent-hash chain and checks it against the signed leaf (PATH-3).
 */
export function mergeUpdatePath(input: MergeUpdatePathInput): MergedUpdatePath {
  const { sender } = input;
  const leaf = input.updatePath.leafNode;
  const old = input.tree.leaf(sender);
  if (old === undefined) throw new UsageError(`the committer's leaf ${sender} is blank`);
  const cs = input.tree.cs;
  validateLeafNode(cs, leaf, {
    groupId: input.groupId,
    leafIndex: sender,
    expectedSource: LeafNodeSource.commit,
    requiredCapabilities: input.requiredCapabilities,
  });
  if (input.newSenderLeaf !== true && bytesEqual(leaf.encryptionKey, old.encryptionKey)) {
    throw violation(TreeRule.leafKeyChanged, `the committer's leaf ${sender} keeps its old encryption key`);
  }
  const path = input.tree.filteredDirectPath(sender);
  checkPathShape(input, path);

  const tree = input.tree.clone();
  tree.blankDirectPath(sender);
  path.forEach(({ parent }, i) => {
    const encryptionKey = input.updatePath.nodes[i]?.encryptionKey ?? EMPTY;
    tree.setParent(parent, { encryptionKey, parentHash: EMPTY, unmergedLeaves: [] });
  });
  const parentHash = setParentHashChain(tree, sender);
  if (leaf.leafNodeSource !== LeafNodeSource.commit || !bytesEqual(leaf.parentHash, parentHash)) {
    throw violation(
      TreeRule.pathParentHash,
      "the committer's leaf parent_hash does not match the merged path",
    );
  }
  tree.setLeaf(sender, leaf);
  checkFreshKeys(tree, sender, path);
  return { tree, path };
}

export interface ApplyUpdatePathInput extends MergeUpdatePathInput {
  readonly privateKeys: TreePrivateKeys;
  readonly ownLeaf: LeafIndex;
  /** The serialised provisional GroupContext for the merged tree's root hash (§7.6 encryption context). */
  readonly groupContext: (treeHash: Uint8Array) => Uint8Array;
}

export interface AppliedUpdatePath {
  readonly tree: RatchetTree;
  readonly privateKeys: TreePrivateKeys;
  readonly commitSecret: Uint8Array;
  /** The decrypted path secret, that of the lowest filtered-path node above us. Caller wipes it and the commit secret. */
  readonly pathSecret: Uint8Array;
}

/** §7.5 "decrypts the path secrets" steps 1–3: the first path node whose copath child holds us. */
function decryptOurs(
  input: ApplyUpdatePathInput,
  merged: MergedUpdatePath,
): { at: number; secret: Uint8Array } {
  const at = merged.path.findIndex((e) => subtreeHasLeaf(e.copathChild, input.ownLeaf));
  const entry = merged.path[at];
  if (entry === undefined) throw new UsageError(`leaf ${input.ownLeaf} is not below the committer's path`);
  const targets = encryptionTargets(input.tree, entry.copathChild, input.excludedLeaves ?? []);
  const slot = targets.findIndex((x) => input.privateKeys.has(x));
  const key = input.privateKeys.get(targets[slot] ?? (-1 as NodeIndex));
  const ct = input.updatePath.nodes[at]?.encryptedPathSecret[slot];
  if (key === undefined || ct === undefined) {
    throw violation(TreeRule.pathDecrypt, `no ciphertext at node ${entry.parent} is for a key we hold`);
  }
  const context = input.groupContext(merged.tree.treeHash());
  try {
    return {
      at,
      secret: decryptWithLabel(input.tree.cs, key, "UpdatePathNode", context, ct.kemOutput, ct.ciphertext),
    };
  } catch (e) {
    if (!(e instanceof CryptoError)) throw e;
    throw violation(TreeRule.pathDecrypt, `the path secret for node ${entry.parent} does not decrypt`, {
      cause: e,
    });
  }
}

function checkReceiver(input: ApplyUpdatePathInput): void {
  const { ownLeaf } = input;
  if (ownLeaf === input.sender) throw new UsageError("the committer does not process its own UpdatePath");
  if ((input.excludedLeaves ?? []).includes(ownLeaf)) {
    throw new UsageError(`leaf ${ownLeaf} joins in this Commit and learns its path secret from the Welcome`);
  }
}

/**
 * RFC 9420 §7.5 "decrypts the path secrets", given the result of `mergeUpdatePath` for the same input:
 * decrypt our path secret, derive the path secrets and key pairs up to the root, check each public key
 * (PATH-5) and return the new key set and the commit secret. Lets several local members (or tests) share
 * one merge.
 */
export function decryptUpdatePath(input: ApplyUpdatePathInput, merged: MergedUpdatePath): AppliedUpdatePath {
  checkReceiver(input);
  const { sender } = input;
  const { at, secret: pathSecret } = decryptOurs(input, merged);
  const cs = input.tree.cs;
  const keys = input.privateKeys.clone();
  for (const x of input.tree.directPath(sender)) keys.delete(x);
  let secret: Uint8Array = pathSecret.slice();
  for (let i = at; i < merged.path.length; i++) {
    const { parent } = merged.path[i] ?? { parent: -1 };
    const pair = nodeKeyPair(cs, secret);
    if (!bytesEqual(pair.publicKey, input.updatePath.nodes[i]?.encryptionKey ?? EMPTY)) {
      pair.privateKey.fill(0);
      keys.wipe();
      throw violation(
        TreeRule.pathPublicKey,
        `the key derived for node ${parent} differs from the UpdatePath`,
      );
    }
    keys.set(parent as NodeIndex, pair.privateKey);
    const next = nextPathSecret(cs, secret);
    secret.fill(0);
    secret = next;
  }
  return { tree: merged.tree, privateKeys: keys, commitSecret: secret, pathSecret };
}

/** RFC 9420 §7.5, a member receiving a Commit with a path: `mergeUpdatePath` then `decryptUpdatePath`. */
export function applyUpdatePath(input: ApplyUpdatePathInput): AppliedUpdatePath {
  checkReceiver(input);
  return decryptUpdatePath(input, mergeUpdatePath(input));
}
