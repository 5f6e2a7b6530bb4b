/**
 * RFC 9420 §7.4–§7.6, committer side: refresh the committer's leaf and filtered direct path, chain the
 * parent hashes, sign the new leaf and encrypt each path secret to the copath child's resolution (without
 * the leaves added by the same Commit) under the provisional GroupContext.
 */
import type { Capabilities } from "../codec/capabilities.js";
import type { Credential } from "../codec/credential.js";
import type { Extension } from "../codec/extension.js";
import { leafNodeTbsBytes } from "../codec/leaf-node-tbs.js";
import { type LeafNode, type LeafNodeData, LeafNodeSource } from "../codec/leaf-node.js";
import type { UpdatePath, UpdatePathNode } from "../codec/update-path.js";
import { signWithLabel } from "../crypto/labels.js";
import { encryptWithLabelAll } from "../crypto/parallel/parallel-crypto.js";
import type { CipherSuite } from "../crypto/provider.js";
import { UsageError } from "../errors.js";
import type { LeafIndex, NodeIndex } from "../tree-math/index.js";
import { setParentHashChain } from "./parent-hash.js";
import { nextPathSecret, nodeKeyPair } from "./path-secrets.js";
import type { TreePrivateKeys } from "./private-keys.js";
import type { FilteredPathEntry, RatchetTree } from "./ratchet-tree.js";

const EMPTY = new Uint8Array(0);

/** The parts of the committer's new LeafNode it chooses itself (§7.5: keys, credential, capabilities…). */
export interface LeafNodeTemplate {
  readonly signatureKey: Uint8Array;
  readonly credential: Credential;
  readonly capabilities: Capabilities;
  readonly extensions: readonly Extension[];
}

export interface CreateUpdatePathInput {
  /** The tree after the Commit's proposals are applied; left unchanged. */
  readonly tree: RatchetTree;
  /** The committer's private keys; left unchanged (the result holds the new set). */
  readonly privateKeys: TreePrivateKeys;
  readonly leafIndex: LeafIndex;
  /** Leaves added by this Commit: §7.6 excludes them from every copath resolution. */
  readonly excludedLeaves?: readonly LeafIndex[] | undefined;
  readonly groupId: Uint8Array;
  readonly leafNode: LeafNodeTemplate;
  readonly signaturePrivateKey: Uint8Array;
  /** The serialised provisional GroupContext for the merged tree's root hash (§7.6 encryption context). */
  readonly groupContext: (treeHash: Uint8Array) => Uint8Array;
  readonly randomBytes: (n: number) => Uint8Array;
}

export interface CreatedUpdatePath {
  readonly tree: RatchetTree;
  readonly privateKeys: TreePrivateKeys;
  readonly updatePath: UpdatePath;
  /** path_secret[n+1], one derivation past the last path node (§8 commit_secret). */
  readonly commitSecret: Uint8Array;
  /**
   * The path secret of each filtered-direct-path node, for the Welcome's GroupSecrets.path_secret
   * (§12.4.3.1: the one at the joiner's lowest common ancestor with the committer). The caller wipes them.
   */
  readonly pathSecrets: ReadonlyMap<NodeIndex, Uint8Array>;
}

/** The resolution of a copath child with the Commit's new leaves left out (§7.6). */
export function encryptionTargets(
  tree: RatchetTree,
  copathChild: NodeIndex,
  excluded: readonly LeafIndex[],
): NodeIndex[] {
  const skip = new Set(excluded.map((l) => 2 * l));
  return tree.resolution(copathChild).filter((x) => !skip.has(x));
}

/** Installs fresh keys on the path (§7.4) and returns the path secrets, leaf to root, plus the commit secret. */
function installPath(
  cs: CipherSuite,
  tree: RatchetTree,
  keys: TreePrivateKeys,
  path: readonly FilteredPathEntry[],
  first: Uint8Array,
): { secrets: Uint8Array[]; commitSecret: Uint8Array } {
  const secrets: Uint8Array[] = [];
  let secret = first;
  for (const { parent } of path) {
    const pair = nodeKeyPair(cs, secret);
    tree.setParent(parent, { encryptionKey: pair.publicKey, parentHash: EMPTY, unmergedLeaves: [] });
    keys.set(parent, pair.privateKey);
    secrets.push(secret);
    secret = nextPathSecret(cs, secret);
  }
  return { secrets, commitSecret: secret };
}

function signLeaf(cs: CipherSuite, input: CreateUpdatePathInput, data: LeafNodeData): LeafNode {
  const tbs = leafNodeTbsBytes(data, { groupId: input.groupId, leafIndex: input.leafIndex });
  return { ...data, signature: signWithLabel(cs, input.signaturePrivateKey, "LeafNodeTBS", tbs) };
}

/**
 * RFC 9420 §7.5 "updates their direct path" and "encrypts path secrets to the group": returns the
 * UpdatePath for the Commit together with the merged tree and key set the committer moves to.
 */
export function createUpdatePath(input: CreateUpdatePathInput): CreatedUpdatePath {
  const { leafIndex } = input;
  if (input.tree.leaf(leafIndex) === undefined) throw new UsageError(`leaf ${leafIndex} is blank`);
  const cs = input.tree.cs;
  const tree = input.tree.clone();
  const keys = input.privateKeys.clone();
  const excluded = input.excludedLeaves ?? [];
  const path = tree.filteredDirectPath(leafIndex);
  tree.blankDirectPath(leafIndex);
  for (const x of tree.directPath(leafIndex)) keys.delete(x);

  const leafPair = cs.hpke.generateKeyPair();
  const { secrets, commitSecret } = installPath(cs, tree, keys, path, input.randomBytes(cs.hashLength));
  const parentHash = setParentHashChain(tree, leafIndex);
  const { signatureKey, credential, capabilities, extensions } = input.leafNode;
  const data: LeafNodeData = {
    encryptionKey: leafPair.publicKey,
    ...{ signatureKey, credential, capabilities, extensions },
    leafNodeSource: LeafNodeSource.commit,
    parentHash,
  };
  const leafNode = signLeaf(cs, input, data);
  tree.setLeaf(leafIndex, leafNode);
  keys.set((2 * leafIndex) as NodeIndex, leafPair.privateKey);

  const context = input.groupContext(tree.treeHash());
  // Every (path node, resolution member) encryption is independent: one batch, on every core when big.
  const targets = path.map(({ copathChild }) => encryptionTargets(tree, copathChild, excluded));
  const items = targets.flatMap((nodes, i) =>
    nodes.map((x) => ({
      publicKey: tree.encryptionKey(x) ?? EMPTY,
      label: "UpdatePathNode",
      context,
      plaintext: secrets[i] ?? EMPTY,
    })),
  );
  const sealed = encryptWithLabelAll(cs, items);
  let next = 0;
  const nodes: UpdatePathNode[] = path.map(({ parent }, i) => {
    const count = targets[i]?.length ?? 0;
    const encryptedPathSecret = sealed.slice(next, next + count);
    next += count;
    return { encryptionKey: tree.encryptionKey(parent) ?? EMPTY, encryptedPathSecret };
  });
  const pathSecrets = new Map(path.map(({ parent }, i) => [parent, secrets[i] ?? EMPTY]));
  return { tree, privateKeys: keys, updatePath: { leafNode, nodes }, commitSecret, pathSecrets };
}
