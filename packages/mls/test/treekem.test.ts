import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual } from "@parley/codec";
import { type LeafNode, LeafNodeSource } from "../src/codec/leaf-node.js";
import type { UpdatePath, UpdatePathNode } from "../src/codec/update-path.js";
import { nobleProvider } from "../src/crypto/index.js";
import { encryptWithLabel } from "../src/crypto/labels.js";
import { UsageError, ValidationError } from "../src/errors.js";
import type { LeafIndex, NodeIndex } from "../src/tree-math/index.js";
import { verifyParentHashes } from "../src/tree/parent-hash.js";
import { installNodeSecret, installPathSecrets, verifyPrivateKey } from "../src/tree/path-secret-install.js";
import { subtreeHasLeaf } from "../src/tree/subtree.js";
import { validateRatchetTree } from "../src/tree/tree-validation.js";
import { applyUpdatePath } from "../src/tree/update-path-apply.js";
import { createUpdatePath, encryptionTargets } from "../src/tree/update-path-create.js";
import {
  GROUP_ID,
  type Group,
  type Member,
  addWithoutPath,
  commit,
  groupContext,
  makeGroup,
  makeMember,
  signLeaf,
} from "./tree-fixture.js";

function rule(id: string): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof ValidationError, `expected a ValidationError, got ${String(e)}`);
    assert.equal(e.rule, id, e.message);
    return true;
  };
}

/** The tree invariant (§4.2): a member holds exactly the keys of the non-blank nodes above it that it merged. */
function assertKeysMatchTree(g: Group): void {
  for (const m of g.members) {
    const expected = g.tree
      .directPath(m.leaf)
      .filter((x) => {
        const p = g.tree.parent(x);
        return p !== undefined && !p.unmergedLeaves.includes(m.leaf);
      })
      .concat([(2 * m.leaf) as NodeIndex])
      .sort((a, b) => a - b);
    assert.deepEqual(m.keys.nodes(), expected, `keys of member at leaf ${m.leaf}`);
    for (const x of m.keys.nodes()) {
      verifyPrivateKey(
        g.cs,
        x,
        m.keys.get(x) ?? new Uint8Array(0),
        g.tree.encryptionKey(x) ?? new Uint8Array(0),
      );
    }
  }
}

function member(g: Group, i: number): Member {
  const m = g.members[i];
  if (m === undefined) throw new Error(`no member ${i}`);
  return m;
}

function create(g: Group, by: Member, excluded: readonly LeafIndex[] = []) {
  const leafNode = g.tree.leaf(by.leaf);
  if (leafNode === undefined) throw new Error("blank committer");
  return createUpdatePath({
    tree: g.tree,
    privateKeys: by.keys,
    leafIndex: by.leaf,
    excludedLeaves: excluded,
    groupId: GROUP_ID,
    leafNode,
    signaturePrivateKey: by.signature.privateKey,
    groupContext: groupContext(g),
    randomBytes: (n) => g.provider.randomBytes(n),
  });
}

function apply(
  g: Group,
  by: Member,
  to: Member,
  updatePath: UpdatePath,
  excluded: readonly LeafIndex[] = [],
) {
  return applyUpdatePath({
    tree: g.tree,
    sender: by.leaf,
    updatePath,
    excludedLeaves: excluded,
    groupId: GROUP_ID,
    privateKeys: to.keys,
    ownLeaf: to.leaf,
    groupContext: groupContext(g),
  });
}

test("every member derives the committer's commit secret and tree, and the tree stays valid", () => {
  const g = makeGroup(9);
  assertKeysMatchTree(g);
  for (const by of [0, 4, 8]) {
    const committer = member(g, by);
    const created = create(g, committer);
    verifyParentHashes(created.tree);
    for (const m of g.members) {
      if (m === committer) continue;
      const got = apply(g, committer, m, created.updatePath);
      assert.ok(bytesEqual(got.commitSecret, created.commitSecret), `commit secret at leaf ${m.leaf}`);
      assert.ok(bytesEqual(got.tree.treeHash(), created.tree.treeHash()));
    }
    commit(g, by);
    assertKeysMatchTree(g);
    validateRatchetTree(g.tree, { groupId: GROUP_ID, treeHash: g.tree.treeHash() });
  }
});

test("members added in the same Commit get no ciphertexts and learn their keys from the path secret", () => {
  const g = makeGroup(5);
  const before = g.tree.leafCount;
  const late = [1, 2, 3, 4].map((i) => makeMember(g.cs, `late-${i}`));
  const created = commit(g, 1, late);
  assert.ok(g.tree.leafCount > before, "the tree was extended");
  const joiners = late.map((m) => m.leaf);
  const sent = created.updatePath.nodes.reduce((n, node) => n + node.encryptedPathSecret.length, 0);
  const path = g.tree.filteredDirectPath(member(g, 1).leaf);
  const withJoiners = path.reduce((n, e) => n + g.tree.resolution(e.copathChild).length, 0);
  assert.ok(joiners.length > 0 && sent < withJoiners, "joiners were excluded from the encryption targets");
  assertKeysMatchTree(g);
  validateRatchetTree(g.tree, { groupId: GROUP_ID, treeHash: g.tree.treeHash() });
});

test("a lone member's UpdatePath has no nodes, an empty parent hash and a fresh commit secret", () => {
  const g = makeGroup(3);
  const first = member(g, 0);
  const tree = g.tree.clone();
  for (const m of g.members.slice(1)) tree.removeLeaf(m.leaf);
  assert.equal(tree.leafCount, 1);
  const created = create({ ...g, tree, members: [first] }, first);
  assert.equal(created.updatePath.nodes.length, 0);
  const leaf = created.updatePath.leafNode;
  assert.ok(leaf.leafNodeSource === LeafNodeSource.commit && leaf.parentHash.length === 0);
  assert.equal(created.commitSecret.length, g.cs.hashLength);
});

test("a member added without a path (unmerged) processes later Commits and is merged by them", () => {
  const g = makeGroup(6);
  const late = makeMember(g.cs, "unmerged");
  addWithoutPath(g, late);
  assert.ok(g.tree.directPath(late.leaf).some((x) => g.tree.parent(x)?.unmergedLeaves.includes(late.leaf)));
  commit(g, 2);
  assertKeysMatchTree(g);
  assert.ok(
    g.tree
      .directPath(late.leaf)
      .every((x) => !(g.tree.parent(x)?.unmergedLeaves.includes(late.leaf) ?? false)),
  );
});

test("the committer does not process its own path; a joiner of this Commit cannot either", () => {
  const g = makeGroup(4);
  const by = member(g, 0);
  const created = create(g, by);
  assert.throws(() => apply(g, by, by, created.updatePath), UsageError);
  const other = member(g, 1);
  assert.throws(() => apply(g, by, other, created.updatePath, [other.leaf]), UsageError);
});

/** A fresh path from member 0 in a 6-member group, and the position of member `to`'s ciphertext in it. */
function scenario(to = 5) {
  const g = makeGroup(6);
  const by = member(g, 0);
  const receiver = member(g, to);
  const created = create(g, by);
  const path = g.tree.filteredDirectPath(by.leaf);
  const at = path.findIndex((e) => subtreeHasLeaf(e.copathChild, receiver.leaf));
  const targets = encryptionTargets(g.tree, path[at]?.copathChild ?? (0 as NodeIndex), []);
  const slot = targets.findIndex((x) => receiver.keys.has(x));
  const target = targets[slot] ?? (0 as NodeIndex);
  return { g, by, receiver, created, path, at, slot, target };
}

function withNodes(p: UpdatePath, change: (nodes: UpdatePathNode[]) => UpdatePathNode[]): UpdatePath {
  return { ...p, nodes: change([...p.nodes]) };
}

function withCiphertext(
  s: ReturnType<typeof scenario>,
  publicKey: Uint8Array,
  secret: Uint8Array,
  epoch = s.g.epoch,
): UpdatePath {
  const context = groupContext({ ...s.g, epoch })(s.created.tree.treeHash());
  const ct = encryptWithLabel(s.g.cs, publicKey, "UpdatePathNode", context, secret);
  return withNodes(s.created.updatePath, (nodes) =>
    nodes.map((n, i) =>
      i === s.at
        ? { ...n, encryptedPathSecret: n.encryptedPathSecret.map((c, j) => (j === s.slot ? ct : c)) }
        : n,
    ),
  );
}

test("the scenario's untampered path processes", () => {
  const s = scenario();
  assert.ok(s.at >= 0 && s.slot >= 0);
  const got = apply(s.g, s.by, s.receiver, s.created.updatePath);
  assert.ok(bytesEqual(got.commitSecret, s.created.commitSecret));
  assert.ok(
    bytesEqual(
      got.pathSecret,
      s.created.pathSecrets.get(s.path[s.at]?.parent ?? (0 as NodeIndex)) ?? new Uint8Array(0),
    ),
  );
});

test("PATH-1: an UpdatePath with more or fewer nodes than the filtered direct path is rejected", () => {
  const s = scenario();
  const shorter = withNodes(s.created.updatePath, (n) => n.slice(0, -1));
  const longer = withNodes(s.created.updatePath, (n) => [...n, ...n.slice(-1)]);
  assert.throws(() => apply(s.g, s.by, s.receiver, shorter), rule("PATH-1"));
  assert.throws(() => apply(s.g, s.by, s.receiver, longer), rule("PATH-1"));
});

test("PATH-2: a node with a ciphertext missing, or ciphertexts for this Commit's joiners, is rejected", () => {
  const s = scenario();
  const missing = withNodes(s.created.updatePath, (nodes) =>
    nodes.map((n, i) => (i === s.at ? { ...n, encryptedPathSecret: n.encryptedPathSecret.slice(1) } : n)),
  );
  assert.throws(() => apply(s.g, s.by, s.receiver, missing), rule("PATH-2"));
  const listed = s.path
    .flatMap((e) => s.g.tree.resolution(e.copathChild))
    .find((x) => x % 2 === 0 && x / 2 !== s.receiver.leaf);
  assert.ok(listed !== undefined, "some member is encrypted to at its leaf");
  assert.throws(
    () => apply(s.g, s.by, s.receiver, s.created.updatePath, [(listed / 2) as LeafIndex]),
    rule("PATH-2"),
  );
});

test("PATH-3: a path node key that the signed leaf's parent hash does not cover is rejected", () => {
  const s = scenario();
  const swapped = withNodes(s.created.updatePath, (nodes) =>
    nodes.map((n, i) => (i === s.at ? { ...n, encryptionKey: s.g.cs.hpke.generateKeyPair().publicKey } : n)),
  );
  assert.throws(() => apply(s.g, s.by, s.receiver, swapped), rule("PATH-3"));
});

test("PATH-4: a ciphertext to a wrong node, or under another GroupContext, does not decrypt", () => {
  const s = scenario();
  const secret = s.created.pathSecrets.get(s.path[s.at]?.parent ?? (0 as NodeIndex)) ?? new Uint8Array(32);
  const toStranger = withCiphertext(s, s.g.cs.hpke.generateKeyPair().publicKey, secret);
  assert.throws(() => apply(s.g, s.by, s.receiver, toStranger), rule("PATH-4"));
  const key = s.g.tree.encryptionKey(s.target) ?? new Uint8Array(0);
  const wrongEpoch = withCiphertext(s, key, secret, s.g.epoch + 1n);
  assert.throws(() => apply(s.g, s.by, s.receiver, wrongEpoch), rule("PATH-4"));
});

test("PATH-5: a decrypted path secret whose keys differ from the UpdatePath's is rejected", () => {
  const s = scenario();
  const key = s.g.tree.encryptionKey(s.target) ?? new Uint8Array(0);
  const wrongSecret = withCiphertext(s, key, s.g.provider.randomBytes(s.g.cs.hashLength));
  assert.throws(() => apply(s.g, s.by, s.receiver, wrongSecret), rule("PATH-5"));
});

function resignedPathLeaf(
  s: ReturnType<typeof scenario>,
  change: (l: LeafNode) => LeafNode,
  signer = s.by.signature.privateKey,
): UpdatePath {
  return {
    ...s.created.updatePath,
    leafNode: signLeaf(s.g.cs, change(s.created.updatePath.leafNode), signer, s.by.leaf),
  };
}

test("LEAF-1/6/7 on the committer's new leaf: signature, source commit, a new encryption key", () => {
  const s = scenario();
  const leaf = s.created.updatePath.leafNode;
  const badSig = {
    ...s.created.updatePath,
    leafNode: { ...leaf, signature: leaf.signature.map((b, i) => (i === 0 ? b ^ 1 : b)) },
  };
  assert.throws(() => apply(s.g, s.by, s.receiver, badSig), rule("LEAF-1"));
  const update = resignedPathLeaf(s, (l) => ({ ...l, leafNodeSource: 2 }));
  assert.throws(() => apply(s.g, s.by, s.receiver, update), rule("LEAF-6"));
  const oldKey = s.g.tree.leaf(s.by.leaf)?.encryptionKey ?? new Uint8Array(0);
  assert.throws(
    () =>
      apply(
        s.g,
        s.by,
        s.receiver,
        resignedPathLeaf(s, (l) => ({ ...l, encryptionKey: oldKey })),
      ),
    rule("LEAF-7"),
  );
});

test("TREE-6/TREE-7 on an UpdatePath: keys already used elsewhere in the tree are rejected", () => {
  const s = scenario();
  const other = member(s.g, 2);
  const otherLeaf = s.g.tree.leaf(other.leaf);
  assert.ok(otherLeaf !== undefined);
  const dupEnc = resignedPathLeaf(s, (l) => ({ ...l, encryptionKey: otherLeaf.encryptionKey }));
  assert.throws(() => apply(s.g, s.by, s.receiver, dupEnc), rule("TREE-6"));
  const dupSig = resignedPathLeaf(
    s,
    (l) => ({ ...l, signatureKey: otherLeaf.signatureKey }),
    other.signature.privateKey,
  );
  assert.throws(() => apply(s.g, s.by, s.receiver, dupSig), rule("TREE-7"));
});

test("PATH-6: private keys and path secrets must match the tree's public keys", () => {
  const s = scenario();
  const tree = s.created.tree;
  const parent = s.path[s.at]?.parent ?? (0 as NodeIndex);
  const secret = s.created.pathSecrets.get(parent) ?? new Uint8Array(0);
  const keys = s.receiver.keys.clone();
  installPathSecrets(tree, keys, s.by.leaf, parent, secret);
  assert.throws(() => installNodeSecret(tree, keys, parent, s.g.provider.randomBytes(32)), rule("PATH-6"));
  assert.throws(
    () => installPathSecrets(tree, keys, s.by.leaf, (2 * s.by.leaf) as NodeIndex, secret),
    rule("PATH-6"),
  );
  const wrong = s.g.cs.hpke.generateKeyPair().privateKey;
  assert.throws(
    () => verifyPrivateKey(s.g.cs, parent, wrong, tree.encryptionKey(parent) ?? new Uint8Array(0)),
    rule("PATH-6"),
  );
});

test("TreeKEM works the same with the noble provider (P-256 suite)", () => {
  const g = makeGroup(5, nobleProvider, 2);
  commit(g, 3);
  assertKeysMatchTree(g);
  validateRatchetTree(g.tree, { groupId: GROUP_ID, treeHash: g.tree.treeHash() });
});
