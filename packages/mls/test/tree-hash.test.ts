import { test } from "node:test";
import assert from "node:assert/strict";
import { Writer, bytesEqual, encode } from "@parley/codec";
import type { LeafNode } from "../src/codec/leaf-node.js";
import type { ParentNode } from "../src/codec/parent-node.js";
import { type Node, NodeType, encodeNode, encodeRatchetTree } from "../src/codec/ratchet-tree.js";
import { type TreeHashInput, encodeTreeHashInput } from "../src/codec/tree-hash-input.js";
import { nodeProvider } from "../src/crypto/index.js";
import type { CipherSuite } from "../src/crypto/provider.js";
import { ValidationError } from "../src/errors.js";
import { ratchetTreeFromBytes } from "../src/tree/tree-decode.js";
import { hashLeafNode, hashParentNode } from "../src/tree/tree-hash.js";
import { makeGroup, makeMember } from "./tree-fixture.js";

/** A suite whose "hash" is the identity, exposing exactly the bytes the tree hash functions feed it. */
function capturing(cs: CipherSuite): CipherSuite {
  return { ...cs, hash: (data: Uint8Array) => data.slice() };
}

function reference(input: TreeHashInput): Uint8Array {
  const w = new Writer();
  encodeTreeHashInput(w, input);
  return w.finish();
}

const cs = nodeProvider.suite(1);
const raw = capturing(cs);
const leaf: LeafNode = makeMember(cs, "hashed").leafNode;

test("leaf TreeHashInputs are encoded exactly as the codec encodes them, blank or not", () => {
  for (const leafIndex of [0, 1, 255, 65_536, 0xffffffff]) {
    assert.deepEqual(
      hashLeafNode(raw, leafIndex, leaf),
      reference({ nodeType: NodeType.leaf, leafNode: { leafIndex, leafNode: leaf } }),
    );
    assert.deepEqual(
      hashLeafNode(raw, leafIndex, undefined),
      reference({ nodeType: NodeType.leaf, leafNode: { leafIndex } }),
    );
  }
});

test("parent TreeHashInputs are encoded exactly as the codec encodes them, across varint sizes", () => {
  const h = (n: number) => nodeProvider.randomBytes(n);
  const parents: (ParentNode | undefined)[] = [
    undefined,
    { encryptionKey: h(32), parentHash: new Uint8Array(0), unmergedLeaves: [] },
    { encryptionKey: h(133), parentHash: h(64), unmergedLeaves: [1, 5, 70_000] },
    {
      encryptionKey: h(65),
      parentHash: h(48),
      unmergedLeaves: Array.from({ length: 5000 }, (_, i) => 2 * i),
    },
  ];
  for (const parentNode of parents) {
    for (const [leftHash, rightHash] of [
      [h(32), h(32)],
      [h(64), new Uint8Array(0)],
      [h(20_000), h(70)],
    ] as const) {
      const got = hashParentNode(raw, parentNode, leftHash, rightHash);
      assert.deepEqual(
        got,
        reference({ nodeType: NodeType.parent, parentNode: { parentNode, leftHash, rightHash } }),
      );
    }
  }
});

test("a tree read from bytes hashes like the same tree built from nodes, and rejects a bad shape", () => {
  const g = makeGroup(6);
  const bytes = encode(g.tree.toNodes(), encodeRatchetTree);
  const fromBytes = ratchetTreeFromBytes(cs, bytes);
  assert.ok(bytesEqual(fromBytes.treeHash(), g.tree.treeHash()));
  const truncated = bytes.subarray(0, bytes.length - 1);
  assert.throws(() => ratchetTreeFromBytes(cs, truncated), /ratchet_tree/);
  const parent: Node = {
    nodeType: NodeType.parent,
    parentNode: { encryptionKey: new Uint8Array(32), parentHash: new Uint8Array(0), unmergedLeaves: [] },
  };
  const parentFirst = encode([parent], (w, v) => w.vector(v, (sub, n) => sub.optional(n, encodeNode)));
  assert.throws(
    () => ratchetTreeFromBytes(cs, parentFirst),
    (e) => e instanceof ValidationError && e.rule === "TREE-8",
  );
});
