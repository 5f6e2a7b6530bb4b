import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bytesEqual } from "@parley/codec";
import * as tlog from "@parley/tlog";
import {
  CompactRange,
  proveInclusion,
  proveRunInclusion,
  treeRoot,
  verifyRunInclusion,
  type HashReader,
  type NodeId,
} from "@parley/tlog";
import { inclusionProofs, type NodeSource } from "../src/tree/batch-inclusion.js";
import { runInclusionProof } from "../src/tree/run-inclusion.js";
import { TreeEdge } from "../src/tree/tree-edge.js";
import { sampleEntry } from "./fixtures.js";

/** Every complete-subtree hash of a tree, built by @parley/tlog's reference CompactRange. */
class ReferenceTree implements NodeSource, HashReader {
  readonly range = CompactRange.empty();
  private readonly nodes = new Map<string, Uint8Array>();

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      this.range.append(tlog.leafHash(sampleEntry(i)), (id, h) =>
        this.nodes.set(`${id.level}/${id.index}`, h),
      );
    }
  }

  readNode(id: NodeId): Uint8Array {
    const h = this.nodes.get(`${id.level}/${id.index}`);
    if (h === undefined) throw new Error(`node ${id.level}/${id.index} missing`);
    return h;
  }

  readHashes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return Promise.resolve(ids.map((id) => this.readNode(id)));
  }
}

const same = (a: readonly Uint8Array[], b: readonly Uint8Array[]) =>
  a.length === b.length && a.every((h, i) => bytesEqual(h, b[i] ?? new Uint8Array()));

describe("TreeEdge", () => {
  test("its root is the RFC 9162 root for every size up to 300", async () => {
    const tree = new ReferenceTree(300);
    const range = CompactRange.empty();
    for (let n = 1; n <= 300; n++) {
      range.append(tlog.leafHash(sampleEntry(n - 1)));
      const edge = TreeEdge.fromCompactRange(n, range.hashes());
      assert.ok(bytesEqual(edge.root, await treeRoot(n, tree)), `root at size ${n}`);
      assert.ok(bytesEqual(edge.suffix(0) ?? new Uint8Array(), edge.root), "the suffix from 0 is the root");
    }
  });

  test("refuses an empty tree and a compact range of the wrong shape", () => {
    assert.throws(() => TreeEdge.fromCompactRange(0, []), /positive safe integer/);
    assert.throws(() => TreeEdge.fromCompactRange(5, [new Uint8Array(32)]), /has 2 edge subtrees, got 1/);
    assert.throws(
      () => TreeEdge.fromCompactRange(2, [new Uint8Array(31)]),
      /edge subtree 0 is not a 32-byte hash/,
    );
  });
});

describe("batch inclusion proofs", () => {
  function edgeOf(tree: ReferenceTree, size: number): TreeEdge {
    const range = CompactRange.empty();
    for (let i = 0; i < size; i++) range.append(tlog.leafHash(sampleEntry(i)));
    return TreeEdge.fromCompactRange(size, range.hashes());
  }

  test("equal @parley/tlog's per-entry proofs for every run in every tree up to 40 leaves", async () => {
    const tree = new ReferenceTree(40);
    for (let size = 1; size <= 40; size++) {
      const edge = edgeOf(tree, size);
      for (let first = 0; first < size; first++) {
        for (let count = 0; first + count <= size; count++) {
          const got = inclusionProofs(first, count, edge, tree);
          assert.equal(got.length, count);
          for (let i = 0; i < count; i++) {
            const want = await proveInclusion(first + i, size, tree);
            assert.ok(same(got[i] ?? [], want), `PATH(${first + i}, D[${size}]) in run ${first}+${count}`);
          }
        }
      }
    }
  });

  test("equal per-entry proofs for runs at the right edge of larger trees", async () => {
    const tree = new ReferenceTree(5000);
    for (const size of [256, 1000, 4097, 5000]) {
      const edge = edgeOf(tree, size);
      for (const [first, count] of [
        [size - 32, 32],
        [size - 1, 1],
        [0, 3],
        [Math.floor(size / 3), 77],
      ] as const) {
        const got = inclusionProofs(first, count, edge, tree);
        for (let i = 0; i < count; i++) {
          const proof = got[i] ?? [];
          assert.ok(same(proof, await proveInclusion(first + i, size, tree)), `leaf ${first + i} of ${size}`);
          tlog.verifyInclusion(tlog.leafHash(sampleEntry(first + i)), first + i, size, proof, edge.root);
        }
      }
    }
  });

  test("refuse runs outside the tree and report nodes the store lacks", () => {
    const tree = new ReferenceTree(10);
    const edge = edgeOf(tree, 10);
    assert.throws(
      () => inclusionProofs(8, 3, edge, tree),
      /leaves \[8, 11\) are not all in a tree of size 10/,
    );
    assert.throws(() => inclusionProofs(-1, 1, edge, tree), /non-negative safe integers/);
    assert.throws(() => inclusionProofs(0, 1.5, edge, tree), /non-negative safe integers/);
    const empty: NodeSource = {
      readNode: (id) => {
        throw new Error(`node ${id.level}/${id.index} missing`);
      },
    };
    assert.throws(() => inclusionProofs(0, 1, edge, empty), /node 2\/1 missing/);
  });
});

describe("run inclusion proofs from the edge and tiles", () => {
  const edgeOf = (size: number): TreeEdge => {
    const range = CompactRange.empty();
    for (let i = 0; i < size; i++) range.append(tlog.leafHash(sampleEntry(i)));
    return TreeEdge.fromCompactRange(size, range.hashes());
  };

  test("equal @parley/tlog's proveRunInclusion for every run in every tree up to 40 leaves", async () => {
    const tree = new ReferenceTree(40);
    for (let size = 1; size <= 40; size++) {
      const edge = edgeOf(size);
      for (let first = 0; first < size; first++) {
        for (let count = 1; first + count <= size; count++) {
          const want = await proveRunInclusion(first, first + count, size, tree);
          assert.ok(
            same(runInclusionProof(first, count, edge, tree), want),
            `[${first}, +${count}) of ${size}`,
          );
        }
      }
    }
  });

  test("verify for 32-leaf runs at the right edge of larger trees", () => {
    const tree = new ReferenceTree(5000);
    for (const size of [256, 1000, 4097, 5000]) {
      const edge = edgeOf(size);
      for (const first of [size - 32, Math.floor(size / 3)]) {
        const leaves = Array.from({ length: 32 }, (_, i) => tlog.leafHash(sampleEntry(first + i)));
        verifyRunInclusion(first, leaves, size, runInclusionProof(first, 32, edge, tree), edge.root);
      }
    }
  });

  test("refuse empty runs and runs outside the tree", () => {
    const tree = new ReferenceTree(10);
    const edge = edgeOf(10);
    assert.throws(
      () => runInclusionProof(8, 3, edge, tree),
      /leaves \[8, 11\) are not all in a tree of size 10/,
    );
    assert.throws(() => runInclusionProof(3, 0, edge, tree), /positive count/);
    assert.throws(() => runInclusionProof(-1, 2, edge, tree), /positive count/);
  });
});
