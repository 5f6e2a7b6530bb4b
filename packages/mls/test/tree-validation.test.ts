import { test } from "node:test";
import assert from "node:assert/strict";
import { CredentialType } from "../src/codec/credential.js";
import { type LeafNode, LeafNodeSource } from "../src/codec/leaf-node.js";
import type { ParentNode } from "../src/codec/parent-node.js";
import { ValidationError } from "../src/errors.js";
import type { LeafIndex, NodeIndex } from "../src/tree-math/index.js";
import { validateLeafNode } from "../src/tree/leaf-validation.js";
import type { RatchetTree } from "../src/tree/ratchet-tree.js";
import {
  validateRatchetTree,
  verifyCredentialSupport,
  verifyUniqueKeys,
} from "../src/tree/tree-validation.js";
import { GROUP_ID, type Group, makeGroup, signLeaf } from "./tree-fixture.js";

const group = makeGroup(7);
const { cs } = group;
const N = (i: number) => i as NodeIndex;

function rule(id: string): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof ValidationError, `expected a ValidationError, got ${String(e)}`);
    assert.equal(e.rule, id, e.message);
    return true;
  };
}

function validate(tree: RatchetTree): void {
  validateRatchetTree(tree, { groupId: GROUP_ID, treeHash: tree.treeHash(), now: 1_700_000_000n });
}

function nonBlankParents(tree: RatchetTree): NodeIndex[] {
  const out: NodeIndex[] = [];
  for (let x = 1; x < tree.nodeCount; x += 2) if (tree.parent(N(x)) !== undefined) out.push(N(x));
  return out;
}

function withParent(tree: RatchetTree, x: NodeIndex, change: (p: ParentNode) => ParentNode): RatchetTree {
  const copy = tree.clone();
  const p = copy.parent(x);
  if (p === undefined) throw new Error(`node ${x} is blank`);
  copy.setParent(x, change(p));
  return copy;
}

function withLeaf(tree: RatchetTree, leaf: number, change: (l: LeafNode) => LeafNode): RatchetTree {
  const copy = tree.clone();
  const l = copy.leaf(leaf as LeafIndex);
  if (l === undefined) throw new Error(`leaf ${leaf} is blank`);
  copy.setLeaf(leaf as LeafIndex, change(l));
  return copy;
}

/** A member's leaf changed and re-signed by that member, so only the intended rule is broken. */
function resigned(g: Group, index: number, change: (l: LeafNode) => LeafNode): LeafNode {
  const m = g.members[index];
  const leaf = m === undefined ? undefined : g.tree.leaf(m.leaf);
  if (m === undefined || leaf === undefined) throw new Error(`no member ${index}`);
  return signLeaf(cs, change(leaf), m.signature.privateKey, m.leaf);
}

function flip(b: Uint8Array): Uint8Array {
  const c = b.slice();
  c[0] = (c[0] ?? 0) ^ 1;
  return c;
}

test("the fixture group's tree validates and has blanks, non-blank parents and unmerged leaves", () => {
  validate(group.tree);
  const parents = nonBlankParents(group.tree);
  assert.ok(parents.length >= 2);
  assert.ok(parents.length < (group.tree.nodeCount - 1) / 2, "some parent is blank");
  assert.ok(
    parents.some((x) => (group.tree.parent(x)?.unmergedLeaves.length ?? 0) > 0),
    "some leaf is unmerged",
  );
});

test("TREE-1: a tree that does not hash to the GroupContext tree_hash is rejected", () => {
  const treeHash = flip(group.tree.treeHash());
  assert.throws(() => validateRatchetTree(group.tree, { groupId: GROUP_ID, treeHash }), rule("TREE-1"));
});

test("TREE-2: a tampered parent_hash or parent encryption key breaks parent-hash validity", () => {
  for (const x of nonBlankParents(group.tree)) {
    assert.throws(
      () =>
        validate(
          withParent(group.tree, x, (p) => ({
            ...p,
            parentHash: flip(p.parentHash.length > 0 ? p.parentHash : new Uint8Array(32)),
          })),
        ),
      rule("TREE-2"),
    );
    assert.throws(
      () =>
        validate(
          withParent(group.tree, x, (p) => ({ ...p, encryptionKey: cs.hpke.generateKeyPair().publicKey })),
        ),
      rule("TREE-2"),
    );
  }
});

test("TREE-2: a parent node nobody's path set (inserted by an attacker) is not parent-hash valid", () => {
  const blank = [...Array(group.tree.nodeCount).keys()].find(
    (x) => x % 2 === 1 && group.tree.parent(N(x)) === undefined,
  );
  assert.ok(blank !== undefined);
  const copy = group.tree.clone();
  copy.setParent(N(blank), {
    encryptionKey: cs.hpke.generateKeyPair().publicKey,
    parentHash: new Uint8Array(0),
    unmergedLeaves: [],
  });
  assert.throws(() => validate(copy), rule("TREE-2"));
});

test("TREE-3: unmerged_leaves not in strictly increasing order are rejected", () => {
  const x = nonBlankParents(group.tree).find((p) => (group.tree.parent(p)?.unmergedLeaves.length ?? 0) > 0);
  assert.ok(x !== undefined);
  assert.throws(
    () =>
      validate(
        withParent(group.tree, x, (p) => ({
          ...p,
          unmergedLeaves: [...p.unmergedLeaves, ...p.unmergedLeaves],
        })),
      ),
    rule("TREE-3"),
  );
});

test("TREE-4: an unmerged leaf outside the parent's subtree, or blank, is rejected", () => {
  const tree = group.tree;
  const low = nonBlankParents(tree).find((x) => x % 4 === 1);
  assert.ok(low !== undefined, "a level-1 parent");
  const outside = tree.members().find((l) => l !== (low - 1) / 2 && l !== (low + 1) / 2) ?? 0;
  assert.throws(
    () => validate(withParent(tree, low, (p) => ({ ...p, unmergedLeaves: [outside] }))),
    rule("TREE-4"),
  );
  const blankLeaf = [...Array(tree.leafCount).keys()].find((l) => tree.leaf(l as LeafIndex) === undefined);
  assert.ok(blankLeaf !== undefined, "the 7-member tree has a blank leaf");
  const root = tree.root;
  assert.throws(
    () =>
      validate(
        withParent(tree, root, (p) => ({
          ...p,
          unmergedLeaves: [...p.unmergedLeaves, blankLeaf].sort((a, b) => a - b),
        })),
      ),
    rule("TREE-4"),
  );
});

test("TREE-5: a leaf unmerged at a parent must be unmerged at every non-blank node in between", () => {
  const tree = group.tree;
  const leaf = tree
    .members()
    .find((l) => tree.directPath(l).filter((x) => tree.parent(x) !== undefined).length >= 2);
  assert.ok(leaf !== undefined);
  const [, upper] = tree.directPath(leaf).filter((x) => tree.parent(x) !== undefined);
  assert.ok(upper !== undefined);
  const changed = withParent(tree, upper, (p) => ({
    ...p,
    unmergedLeaves: [...p.unmergedLeaves, leaf].sort((a, b) => a - b),
  }));
  assert.throws(() => validate(changed), rule("TREE-5"));
});

test("TREE-6: an encryption key used by two nodes is rejected", () => {
  const other = group.tree.leaf(1 as LeafIndex)?.encryptionKey ?? new Uint8Array(0);
  assert.throws(
    () => verifyUniqueKeys(withLeaf(group.tree, 0, (l) => ({ ...l, encryptionKey: other }))),
    rule("TREE-6"),
  );
  const x = nonBlankParents(group.tree)[0] ?? N(1);
  assert.throws(
    () => verifyUniqueKeys(withParent(group.tree, x, (p) => ({ ...p, encryptionKey: other }))),
    rule("TREE-6"),
  );
});

test("TREE-7: a signature key used by two members is rejected", () => {
  const other = group.tree.leaf(1 as LeafIndex)?.signatureKey ?? new Uint8Array(0);
  assert.throws(
    () => verifyUniqueKeys(withLeaf(group.tree, 2, (l) => ({ ...l, signatureKey: other }))),
    rule("TREE-7"),
  );
});

test("TREE-9: a credential type some member does not support is rejected", () => {
  const x509 = resigned(group, 1, (l) => ({
    ...l,
    credential: { credentialType: CredentialType.x509, certificates: [] },
    capabilities: { ...l.capabilities, credentials: [1, 2] },
  }));
  const tree = withLeaf(group.tree, group.members[1]?.leaf ?? 1, () => x509);
  assert.throws(() => verifyCredentialSupport(tree), rule("TREE-9"));
});

test("validateRatchetTree checks every leaf: a bad leaf signature fails as LEAF-1", () => {
  const blankParentsOnly = makeGroup(3);
  const leaf = blankParentsOnly.tree
    .members()
    .find((l) => blankParentsOnly.tree.leaf(l)?.leafNodeSource === LeafNodeSource.keyPackage);
  assert.ok(leaf !== undefined, "a member added without a path keeps its key_package leaf");
  const tree = withLeaf(blankParentsOnly.tree, leaf, (l) => ({ ...l, signature: flip(l.signature) }));
  assert.throws(() => validateRatchetTree(tree, { groupId: GROUP_ID }), rule("LEAF-1"));
});

const committed = group.tree.leaf(group.members[0]?.leaf ?? (0 as LeafIndex));
const added = group.members.at(-1);
const kpLeaf = added === undefined ? undefined : group.tree.leaf(added.leaf);

test("LEAF-1: signatures bind commit leaves to the group and position; wrong key bytes are rejected", () => {
  assert.ok(committed !== undefined && committed.leafNodeSource === LeafNodeSource.commit);
  const at = { groupId: GROUP_ID, leafIndex: 0 };
  validateLeafNode(cs, committed, at);
  assert.throws(
    () => validateLeafNode(cs, { ...committed, signature: flip(committed.signature) }, at),
    rule("LEAF-1"),
  );
  assert.throws(() => validateLeafNode(cs, committed, { ...at, groupId: flip(GROUP_ID) }), rule("LEAF-1"));
  assert.throws(() => validateLeafNode(cs, committed, { ...at, leafIndex: 1 }), rule("LEAF-1"));
  assert.throws(
    () => validateLeafNode(cs, { ...committed, signatureKey: new Uint8Array(5) }, at),
    rule("LEAF-1"),
  );
});

test("LEAF-2/3/4/8: capabilities must cover the credential, extensions, required capabilities and mls10", () => {
  const at = { groupId: GROUP_ID, leafIndex: 0 };
  const m = (change: (l: LeafNode) => LeafNode) => resigned(group, 0, change);
  assert.throws(
    () =>
      validateLeafNode(
        cs,
        m((l) => ({ ...l, capabilities: { ...l.capabilities, credentials: [2] } })),
        at,
      ),
    rule("LEAF-2"),
  );
  const unlisted = m((l) => ({
    ...l,
    extensions: [{ extensionType: 0xff01, extensionData: new Uint8Array(1) }],
  }));
  assert.throws(() => validateLeafNode(cs, unlisted, at), rule("LEAF-3"));
  validateLeafNode(
    cs,
    m((l) => ({ ...l, extensions: [{ extensionType: 1, extensionData: new Uint8Array(1) }] })),
    at,
  );
  validateLeafNode(
    cs,
    m((l) => ({ ...l, extensions: [{ extensionType: 0xff00, extensionData: new Uint8Array(0) }] })),
    at,
  );
  const base = m((l) => l);
  for (const required of [
    { extensionTypes: [0xff02], proposalTypes: [], credentialTypes: [] },
    { extensionTypes: [], proposalTypes: [0xff03], credentialTypes: [] },
    { extensionTypes: [], proposalTypes: [], credentialTypes: [2] },
  ]) {
    assert.throws(
      () => validateLeafNode(cs, base, { ...at, requiredCapabilities: required }),
      rule("LEAF-4"),
    );
  }
  validateLeafNode(cs, base, {
    ...at,
    requiredCapabilities: { extensionTypes: [2, 0xff00], proposalTypes: [1, 7], credentialTypes: [1] },
  });
  assert.throws(
    () =>
      validateLeafNode(
        cs,
        m((l) => ({ ...l, capabilities: { ...l.capabilities, versions: [2] } })),
        at,
      ),
    rule("LEAF-8"),
  );
  const otherSuite = m((l) => ({ ...l, capabilities: { ...l.capabilities, cipherSuites: [2] } }));
  validateLeafNode(cs, otherSuite, at);
  assert.throws(
    () => validateLeafNode(cs, otherSuite, { ...at, requireSuiteCapability: true }),
    rule("LEAF-8"),
  );
});

test("LEAF-5: a key_package leaf outside its lifetime is rejected when a time is given", () => {
  assert.ok(kpLeaf !== undefined && kpLeaf.leafNodeSource === LeafNodeSource.keyPackage);
  const at = { groupId: GROUP_ID, leafIndex: added?.leaf ?? 0 };
  const signer = added?.signature.privateKey ?? new Uint8Array(0);
  const expiring = signLeaf(cs, { ...kpLeaf, lifetime: { notBefore: 100n, notAfter: 200n } }, signer);
  validateLeafNode(cs, expiring, at);
  validateLeafNode(cs, expiring, { ...at, now: 150n });
  assert.throws(() => validateLeafNode(cs, expiring, { ...at, now: 99n }), rule("LEAF-5"));
  assert.throws(() => validateLeafNode(cs, expiring, { ...at, now: 201n }), rule("LEAF-5"));
});

test("LEAF-6: a leaf whose source does not fit where it appears is rejected", () => {
  assert.ok(kpLeaf !== undefined && committed !== undefined);
  const at = { groupId: GROUP_ID, leafIndex: added?.leaf ?? 0 };
  assert.throws(
    () => validateLeafNode(cs, kpLeaf, { ...at, expectedSource: LeafNodeSource.commit }),
    rule("LEAF-6"),
  );
  assert.throws(
    () => validateLeafNode(cs, kpLeaf, { ...at, expectedSource: LeafNodeSource.update }),
    rule("LEAF-6"),
  );
  validateLeafNode(cs, kpLeaf, { ...at, expectedSource: LeafNodeSource.keyPackage });
});
