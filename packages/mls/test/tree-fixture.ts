/**
 * Small groups for the ratchet-tree and TreeKEM tests: members with real signature and HPKE keys, a tree
 * grown the way a group grows (Adds, then Commits with UpdatePaths), and each member's private keys.
 */
import { encode } from "@parley/codec";
import { CredentialType } from "../src/codec/credential.js";
import { encodeGroupContext } from "../src/codec/group-context.js";
import { leafNodeTbsBytes } from "../src/codec/leaf-node-tbs.js";
import { type LeafNode, type LeafNodeData, LeafNodeSource } from "../src/codec/leaf-node.js";
import { nodeProvider } from "../src/crypto/index.js";
import { signWithLabel } from "../src/crypto/labels.js";
import type { CipherSuite, CryptoProvider, KeyPair } from "../src/crypto/provider.js";
import type { LeafIndex, NodeIndex } from "../src/tree-math/index.js";
import { TreePrivateKeys } from "../src/tree/private-keys.js";
import { RatchetTree } from "../src/tree/ratchet-tree.js";
import { applyUpdatePath } from "../src/tree/update-path-apply.js";
import { type CreatedUpdatePath, createUpdatePath } from "../src/tree/update-path-create.js";
import { installPathSecrets } from "../src/tree/path-secret-install.js";
import { subtreeHasLeaf } from "../src/tree/subtree.js";

export const GROUP_ID = new TextEncoder().encode("tree test group");

export interface Member {
  readonly signature: KeyPair;
  readonly leafNode: LeafNode;
  /** Private keys of this member's view of the current tree (only the leaf key before joining). */
  keys: TreePrivateKeys;
  leaf: LeafIndex;
}

export interface Group {
  readonly provider: CryptoProvider;
  readonly cs: CipherSuite;
  tree: RatchetTree;
  readonly members: Member[];
  epoch: bigint;
}

export function groupContext(g: Group): (treeHash: Uint8Array) => Uint8Array {
  const { cs, epoch } = g;
  return (treeHash) =>
    encode(
      {
        cipherSuite: cs.id,
        groupId: GROUP_ID,
        epoch,
        treeHash,
        confirmedTranscriptHash: new Uint8Array(cs.hashLength),
        extensions: [],
      },
      encodeGroupContext,
    );
}

/** Signs leaf data the way its member would (key_package leaves carry no group binding). */
export function signLeaf(
  cs: CipherSuite,
  data: LeafNodeData,
  signer: Uint8Array,
  leafIndex?: number,
): LeafNode {
  const group =
    data.leafNodeSource === LeafNodeSource.keyPackage
      ? undefined
      : { groupId: GROUP_ID, leafIndex: leafIndex ?? 0 };
  return { ...data, signature: signWithLabel(cs, signer, "LeafNodeTBS", leafNodeTbsBytes(data, group)) };
}

export function makeMember(cs: CipherSuite, name: string): Member {
  const signature = cs.generateSignatureKeyPair();
  const hpke = cs.hpke.generateKeyPair();
  const data: LeafNodeData = {
    encryptionKey: hpke.publicKey,
    signatureKey: signature.publicKey,
    credential: { credentialType: CredentialType.basic, identity: new TextEncoder().encode(name) },
    capabilities: {
      versions: [1],
      cipherSuites: [cs.id],
      extensions: [0xff00],
      proposals: [],
      credentials: [1],
    },
    leafNodeSource: LeafNodeSource.keyPackage,
    lifetime: { notBefore: 0n, notAfter: 2n ** 63n },
    extensions: [],
  };
  const keys = new TreePrivateKeys();
  const member: Member = {
    signature,
    leafNode: signLeaf(cs, data, signature.privateKey),
    keys,
    leaf: 0 as LeafIndex,
  };
  keys.set(0 as NodeIndex, hpke.privateKey);
  return member;
}

/** Moves a member's leaf key to node 2·leaf once its position is known. */
function seat(m: Member, leaf: LeafIndex): void {
  const key = m.keys.get(0 as NodeIndex);
  if (key === undefined) throw new Error("member has no leaf key");
  const keys = new TreePrivateKeys();
  keys.set((2 * leaf) as NodeIndex, key.slice());
  m.keys.wipe();
  m.keys = keys;
  m.leaf = leaf;
}

/**
 * Member `by` commits an UpdatePath after `added` joined in the same Commit: every other existing member
 * processes it, joiners install their path secret as a Welcome would carry it (§12.4.3.1).
 */
export function commit(g: Group, by: number, added: readonly Member[] = []): CreatedUpdatePath {
  const committer = g.members[by];
  if (committer === undefined) throw new Error(`no member ${by}`);
  const before = g.tree.clone();
  for (const m of added) seat(m, before.addLeaf(m.leafNode));
  const excluded = added.map((m) => m.leaf);
  const ctx = groupContext(g);
  const current = before.leaf(committer.leaf);
  if (current === undefined) throw new Error("committer is blank");
  const created = createUpdatePath({
    tree: before,
    privateKeys: committer.keys,
    leafIndex: committer.leaf,
    excludedLeaves: excluded,
    groupId: GROUP_ID,
    leafNode: current,
    signaturePrivateKey: committer.signature.privateKey,
    groupContext: ctx,
    randomBytes: (n) => g.provider.randomBytes(n),
  });
  for (const m of g.members) {
    if (m === committer) continue;
    const input = {
      tree: before,
      sender: committer.leaf,
      updatePath: created.updatePath,
      excludedLeaves: excluded,
    };
    const applied = applyUpdatePath({
      ...input,
      groupId: GROUP_ID,
      privateKeys: m.keys,
      ownLeaf: m.leaf,
      groupContext: ctx,
    });
    m.keys.wipe();
    m.keys = applied.privateKeys;
  }
  for (const m of added) joinWithPathSecret(created, committer.leaf, m);
  committer.keys.wipe();
  committer.keys = created.privateKeys.clone();
  g.members.push(...added);
  g.tree = created.tree;
  g.epoch += 1n;
  return created;
}

function joinWithPathSecret(created: CreatedUpdatePath, committer: LeafIndex, m: Member): void {
  const path = created.tree.filteredDirectPath(committer).map((e) => e.parent);
  const lca = path.find((x) => subtreeHasLeaf(x, m.leaf));
  const secret = lca === undefined ? undefined : created.pathSecrets.get(lca);
  if (lca === undefined || secret === undefined) return;
  installPathSecrets(created.tree, m.keys, committer, lca, secret);
}

/** An Add committed without an UpdatePath: the joiner becomes unmerged at every non-blank ancestor. */
export function addWithoutPath(g: Group, m: Member): void {
  g.tree = g.tree.clone();
  seat(m, g.tree.addLeaf(m.leafNode));
  g.members.push(m);
  g.epoch += 1n;
}

/**
 * A group of `size` (at least 3) members built by two Commits with Adds and one Add without a path, so its
 * tree has non-blank and blank parents and unmerged leaves.
 */
export function makeGroup(size: number, provider: CryptoProvider = nodeProvider, suite = 1): Group {
  const cs = provider.suite(suite);
  const first = makeMember(cs, "m0");
  const g: Group = {
    provider,
    cs,
    tree: RatchetTree.withFirstLeaf(cs, first.leafNode),
    members: [first],
    epoch: 0n,
  };
  seat(first, 0 as LeafIndex);
  const half = Math.max(2, Math.floor(size / 2));
  commit(
    g,
    0,
    Array.from({ length: half - 1 }, (_, i) => makeMember(cs, `m${i + 1}`)),
  );
  commit(
    g,
    half - 1,
    Array.from({ length: size - half - 1 }, (_, i) => makeMember(cs, `m${half + i}`)),
  );
  addWithoutPath(g, makeMember(cs, `m${size - 1}`));
  return g;
}
