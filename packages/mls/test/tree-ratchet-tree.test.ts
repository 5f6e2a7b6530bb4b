import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual } from "@parley/codec";
import type { ParentNode } from "../src/codec/parent-node.js";
import { type Node, NodeType } from "../src/codec/ratchet-tree.js";
import { nodeProvider } from "../src/crypto/index.js";
import { ValidationError } from "../src/errors.js";
import type { LeafIndex, NodeIndex } from "../src/tree-math/index.js";
import { RatchetTree } from "../src/tree/ratchet-tree.js";
import { leafSpan } from "../src/tree/subtree.js";
import { makeMember } from "./tree-fixture.js";

const cs = nodeProvider.suite(1);
const member = makeMember(cs, "someone");
const L = (i: number) => i as LeafIndex;
const N = (i: number) => i as NodeIndex;

function leafAt(): Node {
  return {
    nodeType: NodeType.leaf,
    leafNode: { ...member.leafNode, encryptionKey: nodeProvider.randomBytes(32) },
  };
}

function parentAt(unmergedLeaves: number[] = []): Node {
  const parentNode: ParentNode = {
    encryptionKey: nodeProvider.randomBytes(32),
    parentHash: new Uint8Array(0),
    unmergedLeaves,
  };
  return { nodeType: NodeType.parent, parentNode };
}

/** Builds a tree from a picture: "L" leaf, "P" parent, "P[1]" parent with unmerged leaf 1, "_" blank. */
function treeOf(...picture: string[]): RatchetTree {
  return RatchetTree.fromNodes(
    cs,
    picture.map((p) => {
      if (p === "_") return undefined;
      if (p === "L") return leafAt();
      const unmerged = /^P\[(.*)\]$/.exec(p)?.[1];
      return parentAt(unmerged === undefined ? [] : unmerged.split(",").map(Number));
    }),
  );
}

function uncachedCopy(tree: RatchetTree): RatchetTree {
  return RatchetTree.fromNodes(cs, tree.toNodes());
}

function assertSameAsUncached(tree: RatchetTree): void {
  const fresh = uncachedCopy(tree);
  assert.equal(tree.leafCount, fresh.leafCount);
  for (let x = 0; x < tree.nodeCount; x++) {
    assert.ok(bytesEqual(tree.treeHash(N(x)), fresh.treeHash(N(x))), `tree hash of node ${x}`);
    assert.deepEqual(tree.resolution(N(x)), fresh.resolution(N(x)), `resolution of node ${x}`);
  }
}

test("resolution follows the RFC 9420 §4.1.1 example (blanks and an unmerged leaf)", () => {
  // Leaves A B _ D E F _ H; X[B] at node 3, Y at node 9, all other parents blank.
  const tree = treeOf("L", "_", "L", "P[1]", "_", "_", "L", "_", "L", "P", "L", "_", "_", "_", "L");
  assert.deepEqual(tree.resolution(N(3)), [3, 2]);
  assert.deepEqual(tree.resolution(N(4)), []);
  assert.deepEqual(tree.resolution(N(12)), []);
  assert.deepEqual(tree.resolution(tree.root), [3, 2, 9, 14]);
});

test("filtered direct paths follow the RFC 9420 §4.1.2 table", () => {
  // Leaves A B _ _ E F G _; T = 1, W = 7, X = 9, Y = 11 non-blank; U = 3, V = 5, Z = 13 blank.
  const tree = treeOf("L", "P", "L", "_", "_", "_", "_", "P", "L", "P", "L", "P", "L");
  const fdp = (leaf: number) => tree.filteredDirectPath(L(leaf)).map((e) => e.parent);
  assert.deepEqual(fdp(0), [1, 7]);
  assert.deepEqual(fdp(1), [1, 7]);
  assert.deepEqual(fdp(4), [9, 11, 7]);
  assert.deepEqual(fdp(5), [9, 11, 7]);
  assert.deepEqual(fdp(6), [11, 7]);
  assert.deepEqual(
    tree.filteredDirectPath(L(6)).map((e) => e.copathChild),
    [9, 3],
  );
});

test("fromNodes extends to a full tree and toNodes drops trailing blanks again", () => {
  const tree = treeOf("L", "P", "L", "_", "L");
  assert.equal(tree.leafCount, 4);
  assert.equal(tree.nodeCount, 7);
  assert.equal(tree.toNodes().length, 5);
  assert.equal(treeOf("L").leafCount, 1);
  assert.equal(treeOf("L", "P").leafCount, 2);
});

test("TREE-8: fromNodes rejects an empty tree, a trailing blank and nodes of the wrong kind", () => {
  const rule = (e: unknown) => e instanceof ValidationError && e.rule === "TREE-8";
  assert.throws(() => RatchetTree.fromNodes(cs, []), rule);
  assert.throws(() => RatchetTree.fromNodes(cs, [leafAt(), undefined]), rule);
  assert.throws(() => RatchetTree.fromNodes(cs, [parentAt()]), rule);
  assert.throws(() => RatchetTree.fromNodes(cs, [leafAt(), leafAt(), leafAt()]), rule);
});

test("addLeaf fills the leftmost blank leaf, else extends the tree by doubling (§12.1.1, §7.7)", () => {
  const tree = RatchetTree.withFirstLeaf(cs, member.leafNode);
  assert.equal(tree.addLeaf(member.leafNode), 1);
  assert.equal(tree.leafCount, 2);
  assert.equal(tree.addLeaf(member.leafNode), 2);
  assert.equal(tree.leafCount, 4);
  assert.equal(tree.addLeaf(member.leafNode), 3);
  tree.setLeaf(L(1), undefined);
  assert.equal(tree.addLeaf(member.leafNode), 1);
  assert.equal(tree.addLeaf(member.leafNode), 4);
  assert.equal(tree.leafCount, 8);
  assertSameAsUncached(tree);
});

test("addLeaf makes the new leaf unmerged, in sorted position, at every non-blank ancestor", () => {
  const tree = treeOf("L", "P", "_", "P[3]", "_", "_", "L");
  assert.equal(tree.addLeaf(member.leafNode), 1);
  assert.deepEqual(tree.parent(N(1))?.unmergedLeaves, [1]);
  assert.deepEqual(tree.parent(N(3))?.unmergedLeaves, [1, 3]);
  assert.equal(tree.addLeaf(member.leafNode), 2);
  assert.equal(tree.parent(N(5)), undefined);
  assert.deepEqual(tree.parent(N(3))?.unmergedLeaves, [1, 2, 3]);
  assertSameAsUncached(tree);
});

test("updateLeaf replaces the leaf and blanks its direct path (§12.1.2)", () => {
  const tree = treeOf("L", "P", "L", "P", "L", "P", "L");
  const replacement = leafAt();
  if (replacement.nodeType !== NodeType.leaf) throw new Error("fixture");
  tree.updateLeaf(L(1), replacement.leafNode);
  assert.equal(tree.leaf(L(1)), replacement.leafNode);
  assert.equal(tree.parent(N(1)), undefined);
  assert.equal(tree.parent(N(3)), undefined);
  assert.notEqual(tree.parent(N(5)), undefined);
  assertSameAsUncached(tree);
});

test("removeLeaf blanks the leaf and its path, then truncates trailing blank halves (§12.1.3, §7.7)", () => {
  const tree = treeOf("L", "P", "L", "P", "L", "_", "_", "P", "L");
  assert.equal(tree.leafCount, 8);
  tree.removeLeaf(L(4));
  assert.equal(tree.leafCount, 4);
  assert.equal(tree.nodeCount, 7);
  assert.equal(tree.root, 3);
  assert.notEqual(
    tree.parent(N(3)),
    undefined,
    "node 3 is not on leaf 4's path and survives as the new root",
  );
  tree.removeLeaf(L(1));
  assert.equal(tree.leafCount, 4, "a hole on the left does not truncate");
  assert.throws(() => tree.removeLeaf(L(1)), /blank/);
  tree.removeLeaf(L(2));
  assert.equal(tree.leafCount, 1);
  assertSameAsUncached(tree);
});

test("cached tree hashes and resolutions match an uncached tree after every kind of change", () => {
  const tree = treeOf("L", "P", "L", "P[2]", "L", "_", "_", "P", "L", "P", "L");
  tree.treeHash();
  for (let x = 0; x < tree.nodeCount; x++) tree.resolution(N(x));
  const steps: (() => void)[] = [
    () => tree.addLeaf(member.leafNode),
    () =>
      tree.setParent(N(5), {
        encryptionKey: nodeProvider.randomBytes(32),
        parentHash: new Uint8Array(1),
        unmergedLeaves: [],
      }),
    () => tree.removeLeaf(L(0)),
    () => tree.blankDirectPath(L(4)),
    () => tree.addLeaf(member.leafNode),
    () => tree.removeLeaf(L(5)),
    () => tree.removeLeaf(L(4)),
  ];
  for (const step of steps) {
    step();
    assertSameAsUncached(tree);
  }
});

test("clone is independent of the original", () => {
  const tree = treeOf("L", "P", "L");
  const before = tree.treeHash();
  const copy = tree.clone();
  copy.removeLeaf(L(1));
  copy.addLeaf(member.leafNode);
  copy.addLeaf(member.leafNode);
  assert.ok(bytesEqual(tree.treeHash(), before));
  assert.equal(tree.leafCount, 2);
  assert.equal(copy.leafCount, 4);
});

test("leafSpan gives the leaves under a node", () => {
  assert.deepEqual(leafSpan(N(0)), { first: 0, last: 0 });
  assert.deepEqual(leafSpan(N(3)), { first: 0, last: 3 });
  assert.deepEqual(leafSpan(N(11)), { first: 4, last: 7 });
  assert.deepEqual(leafSpan(N(31)), { first: 0, last: 31 });
});

test("accessors reject positions outside the tree", () => {
  const tree = treeOf("L", "P", "L");
  assert.throws(() => tree.leaf(L(2)), /outside/);
  assert.throws(() => tree.node(N(3)), /outside/);
  assert.throws(() => tree.setParent(N(0), undefined), /leaf/);
});
