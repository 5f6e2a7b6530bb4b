/**
 * The big-group paths of the ratchet tree: batched Adds and Removes give the same tree as one at a time,
 * memoised resolution sizes agree with the resolutions, `originalTreeHash` agrees with hashing a copy that has
 * the leaves really removed, and the helpers they rest on (`KeyMap`, sorted leaf lists) handle their edge cases.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual } from "@parley/codec";
import type { ParentNode } from "../src/codec/parent-node.js";
import { type Node, NodeType } from "../src/codec/ratchet-tree.js";
import { nodeProvider } from "../src/crypto/index.js";
import type { LeafIndex, NodeIndex } from "../src/tree-math/index.js";
import { KeyMap } from "../src/tree/key-map.js";
import { originalTreeHash } from "../src/tree/parent-hash.js";
import { RatchetTree } from "../src/tree/ratchet-tree.js";
import { countBelow, hasSortedLeaf, mergeSortedLeaves } from "../src/tree/sorted-leaves.js";
import { subtreeHasLeaf } from "../src/tree/subtree.js";
import { makeMember } from "./tree-fixture.js";

const cs = nodeProvider.suite(1);
const member = makeMember(cs, "someone");
const N = (i: number) => i as NodeIndex;
const L = (i: number) => i as LeafIndex;

function parent(unmergedLeaves: number[] = []): Node {
  const parentNode: ParentNode = {
    encryptionKey: nodeProvider.randomBytes(32),
    parentHash: new Uint8Array(0),
    unmergedLeaves,
  };
  return { nodeType: NodeType.parent, parentNode };
}

function leaf(): Node {
  return {
    nodeType: NodeType.leaf,
    leafNode: { ...member.leafNode, encryptionKey: nodeProvider.randomBytes(32) },
  };
}

/**
 * 16 leaves: every even leaf a member, the odd ones blank, and non-blank parents along leaf 0's direct path
 * (nodes 1, 3, 7, 15) and at node 19 — the shape of the non-blank benchmark scenario.
 */
function holeyNodes(): (Node | undefined)[] {
  // Up to leaf 14: a `ratchet_tree` never ends in a blank; fromNodes pads it to 16 leaves.
  const nodes: (Node | undefined)[] = new Array<Node | undefined>(29).fill(undefined);
  for (let l = 0; l < 16; l += 2) nodes[2 * l] = leaf();
  for (const x of [1, 3, 7, 15, 19]) nodes[x] = parent();
  return nodes;
}

function holeyTree(nodes = holeyNodes()): RatchetTree {
  return RatchetTree.fromNodes(cs, nodes);
}

function newLeaves(count: number) {
  return Array.from({ length: count }, () => {
    const node = leaf();
    if (node.nodeType !== NodeType.leaf) throw new Error("fixture");
    return node.leafNode;
  });
}

function assertSameTree(a: RatchetTree, b: RatchetTree): void {
  assert.equal(a.leafCount, b.leafCount);
  assert.ok(bytesEqual(a.treeHash(), b.treeHash()));
  for (let x = 1; x < a.nodeCount; x += 2) {
    assert.deepEqual(a.parent(N(x))?.unmergedLeaves, b.parent(N(x))?.unmergedLeaves, `node ${x}`);
  }
}

test("addLeaves equals one addLeaf per leaf, filling holes under non-blank parents and then extending", () => {
  const leaves = newLeaves(12);
  const nodes = holeyNodes();
  const batched = holeyTree(nodes);
  const single = holeyTree(nodes);
  const placed = batched.addLeaves(leaves);
  assert.deepEqual(
    placed,
    leaves.map((l) => single.addLeaf(l)),
  );
  assert.deepEqual(placed, [1, 3, 5, 7, 9, 11, 13, 15, 16, 17, 18, 19]);
  assert.equal(batched.leafCount, 32);
  assertSameTree(batched, single);
  assert.deepEqual(batched.parent(N(15))?.unmergedLeaves, [1, 3, 5, 7, 9, 11, 13, 15]);
  assert.deepEqual(batched.parent(N(19))?.unmergedLeaves, [9, 11]);
});

test("addLeaves merges into existing unmerged lists in sorted order", () => {
  const tree = holeyTree();
  tree.setParent(N(15), {
    encryptionKey: nodeProvider.randomBytes(32),
    parentHash: new Uint8Array(0),
    unmergedLeaves: [4, 10],
  });
  tree.addLeaves(newLeaves(3));
  assert.deepEqual(tree.parent(N(15))?.unmergedLeaves, [1, 3, 4, 5, 10]);
});

test("removeLeaves equals one removeLeaf per leaf, truncating once at the end", () => {
  const leaves = newLeaves(12);
  const nodes = holeyNodes();
  const batched = holeyTree(nodes);
  const single = holeyTree(nodes);
  batched.addLeaves(leaves);
  single.addLeaves(leaves);
  const gone = [19, 18, 17, 16, 3].map(L);
  batched.removeLeaves(gone);
  for (const l of gone) single.removeLeaf(l);
  assert.equal(batched.leafCount, 16);
  assertSameTree(batched, single);
  assert.deepEqual(batched.members(), single.members());
  assert.throws(() => batched.removeLeaves([L(1), L(1)]), /blank/);
});

test("resolutionSize is the length of the resolution at every node, after every change", () => {
  const tree = holeyTree();
  const check = () => {
    for (let x = 0; x < tree.nodeCount; x++) {
      assert.equal(tree.resolutionSize(N(x)), tree.resolution(N(x)).length, `node ${x}`);
    }
  };
  check();
  tree.addLeaves(newLeaves(5));
  check();
  tree.removeLeaves([L(2), L(4)]);
  check();
  tree.blankDirectPath(L(0));
  check();
});

test("originalTreeHash equals the hash of a copy with the excluded leaves blanked and unlisted", () => {
  const tree = holeyTree();
  tree.addLeaves(newLeaves(6));
  const excluded = [11, 3, 7, 9];
  const nodes = tree.toNodes().map((node, i) => {
    if (node === undefined) return undefined;
    if (node.nodeType === NodeType.leaf) return excluded.includes(i / 2) ? undefined : node;
    const unmergedLeaves = node.parentNode.unmergedLeaves.filter((l) => !excluded.includes(l));
    return { nodeType: NodeType.parent, parentNode: { ...node.parentNode, unmergedLeaves } } as const;
  });
  const copy = RatchetTree.fromNodes(cs, nodes);
  for (const x of [N(15), N(7), N(19), N(23), N(5)]) {
    const want = copy.treeHash(x);
    assert.ok(bytesEqual(originalTreeHash(tree, x, excluded), want), `node ${x}`);
    const inside = excluded.filter((l) => subtreeHasLeaf(x, l));
    if (inside.length === 0) assert.ok(bytesEqual(originalTreeHash(tree, x, excluded), tree.treeHash(x)));
  }
});

test("KeyMap tells apart keys that share a fingerprint, and handles short and empty keys", () => {
  const map = new KeyMap<number>();
  const a = Uint8Array.of(1, 2, 3, 9, 9, 9, 9);
  const b = Uint8Array.of(4, 5, 6, 9, 9, 9, 9);
  map.set(a, 1);
  assert.equal(map.get(b), undefined);
  map.set(b, 2);
  assert.equal(map.get(a), 1);
  assert.equal(map.get(Uint8Array.of(4, 5, 6, 9, 9, 9, 9)), 2);
  map.set(a, 3);
  assert.equal(map.get(a), 3);
  map.set(new Uint8Array(0), 4);
  map.set(Uint8Array.of(7), 5);
  assert.equal(map.get(new Uint8Array(0)), 4);
  assert.equal(map.get(Uint8Array.of(7)), 5);
  assert.equal(map.get(Uint8Array.of(8)), undefined);
});

test("sorted leaf lists: membership, merge without duplicates, rank", () => {
  const list = [1, 4, 9, 16];
  assert.ok(hasSortedLeaf(list, 9));
  assert.ok(!hasSortedLeaf(list, 10));
  assert.ok(!hasSortedLeaf([], 0));
  assert.deepEqual(mergeSortedLeaves(list, [0, 4, 5, 20]), [0, 1, 4, 5, 9, 16, 20]);
  assert.deepEqual(mergeSortedLeaves([], [2]), [2]);
  assert.deepEqual(
    [0, 1, 2, 16, 17].map((v) => countBelow(list, v)),
    [0, 0, 1, 3, 4],
  );
});
