import { test } from "node:test";
import assert from "node:assert/strict";
import { UsageError } from "../src/errors.js";
import {
  type NodeIndex,
  commonAncestor,
  copath,
  directPath,
  isLeaf,
  leafToNode,
  left,
  level,
  log2,
  nodeToLeaf,
  nodeWidth,
  parent,
  right,
  root,
  sibling,
  toLeafIndex,
  toNodeIndex,
} from "../src/tree-math/index.js";

const n = (x: number): NodeIndex => toNodeIndex(x);

test("log2, level and nodeWidth follow RFC 9420 Appendix C", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 7, 8, 1023, 1024].map(log2), [0, 0, 1, 1, 2, 2, 3, 9, 10]);
  assert.equal(log2(2 ** 40 + 5), 40);
  assert.deepEqual(
    [0, 1, 2, 3, 5, 7, 11, 15].map((x) => level(n(x))),
    [0, 1, 0, 2, 1, 3, 2, 4],
  );
  assert.deepEqual([0, 1, 2, 4, 8].map(nodeWidth), [0, 1, 3, 7, 15]);
});

test("the eight-leaf example tree of Appendix C", () => {
  assert.equal(root(8), 7);
  assert.equal(left(n(7)), 3);
  assert.equal(right(n(7)), 11);
  assert.equal(parent(n(4), 8), 5);
  assert.equal(sibling(n(4), 8), 6);
  assert.deepEqual(directPath(n(0), 8), [1, 3, 7]);
  assert.deepEqual(copath(n(0), 8), [2, 5, 11]);
  assert.deepEqual(directPath(n(7), 8), []);
  assert.deepEqual(copath(n(7), 8), []);
  assert.deepEqual(directPath(n(13), 8), [11, 7]);
  assert.deepEqual(copath(n(13), 8), [9, 3]);
});

test("commonAncestor agrees with the RFC's semantic definition for every pair in a 16-leaf tree", () => {
  const leaves = 16;
  const width = nodeWidth(leaves);
  const lineage = (x: NodeIndex): NodeIndex[] => [x, ...directPath(x, leaves)];
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < width; y++) {
      const ancestorsOfY = new Set(lineage(n(y)));
      const shared = lineage(n(x)).filter((a) => ancestorsOfY.has(a));
      const lowest = shared.reduce((a, b) => (level(a) <= level(b) ? a : b));
      assert.equal(commonAncestor(n(x), n(y)), lowest, `commonAncestor(${x}, ${y})`);
    }
  }
});

test("direct paths and copaths are consistent with parent and sibling in a 2^20-leaf tree", () => {
  const leaves = 2 ** 20;
  const last = leafToNode(toLeafIndex(leaves - 1));
  const path = directPath(last, leaves);
  const co = copath(last, leaves);
  assert.equal(path.length, 20);
  assert.equal(path.at(-1), root(leaves));
  assert.equal(co.length, 20);
  assert.equal(co[0], sibling(last, leaves));
  path.slice(0, -1).forEach((p, i) => assert.equal(co[i + 1], sibling(p, leaves)));
});

test("leaf and node indices convert both ways and reject mismatches", () => {
  assert.equal(leafToNode(toLeafIndex(5)), 10);
  assert.equal(nodeToLeaf(n(10)), 5);
  assert.equal(isLeaf(n(10)), true);
  assert.equal(isLeaf(n(11)), false);
  assert.throws(() => nodeToLeaf(n(11)), UsageError);
  assert.throws(() => toLeafIndex(-1), UsageError);
  assert.throws(() => toLeafIndex(2 ** 32), UsageError);
  assert.throws(() => toLeafIndex(1.5), UsageError);
  assert.throws(() => toNodeIndex(-1), UsageError);
  assert.throws(() => toNodeIndex(2 ** 31), UsageError);
  assert.throws(() => leafToNode(toLeafIndex(2 ** 30)), UsageError);
});

test("out-of-range arguments get clear errors", () => {
  assert.throws(() => left(n(4)), /node 4 is a leaf and has no left child/);
  assert.throws(() => right(n(0)), /node 0 is a leaf and has no right child/);
  assert.throws(() => parent(n(7), 8), /root and has no parent/);
  assert.throws(() => sibling(n(7), 8), /root and has no parent/);
  assert.throws(() => parent(n(15), 8), /outside a tree of 8 leaves/);
  assert.throws(() => directPath(n(16), 8), UsageError);
  assert.throws(() => copath(n(16), 8), UsageError);
  assert.throws(() => root(3), /not a power of two/);
  assert.throws(() => root(0), UsageError);
  assert.throws(() => parent(n(0), 6), UsageError);
  assert.throws(() => nodeWidth(-1), UsageError);
  assert.throws(() => log2(-1), UsageError);
});
