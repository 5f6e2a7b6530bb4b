/**
 * Property tests: proofs generated from stored hashes (CompactRange node callbacks, an in-memory
 * HashReader, and tileHashReader over in-memory tiles) equal the naive RFC 9162 model, verify,
 * and stop verifying under any single mutation.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CompactRange,
  MemoryTiles,
  ProofError,
  type HashReader,
  type NodeId,
  isValidSubtree,
  proveConsistency,
  proveInclusion,
  proveSubtreeConsistency,
  proveSubtreeInclusion,
  subtreeRoot,
  tileHashReader,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from "../src/index.js";
import { ReferenceTree, entries, flipBit } from "./reference.js";

const MAX = 300;
const data = entries(MAX);
const ref = new ReferenceTree(data);
const log = new MemoryTiles();
for (const e of data) log.append(e);

/** A HashReader over a map filled only by CompactRange's onNode callback. */
function compactRangeStore(): HashReader & { roots: Uint8Array[] } {
  const nodes = new Map<string, Uint8Array>();
  const range = CompactRange.empty();
  const roots = [range.root()];
  for (let i = 0; i < data.length; i++) {
    range.append(ref.leafHash(i), (id, hash) => nodes.set(`${id.level}/${id.index}`, hash));
    roots.push(range.root());
  }
  return {
    roots,
    readHashes: (ids: readonly NodeId[]) =>
      Promise.resolve(
        ids.map(
          (id) => nodes.get(`${id.level}/${id.index}`) ?? assert.fail(`missing node ${id.level}/${id.index}`),
        ),
      ),
  };
}

/** Sizes to check exhaustively, then a spread up to MAX with the tile boundaries. */
const SIZES = [
  ...Array.from({ length: 41 }, (_, i) => i),
  63,
  64,
  65,
  127,
  128,
  129,
  200,
  255,
  256,
  257,
  299,
  300,
];

test("CompactRange roots equal MTH for every size 0..300", () => {
  const store = compactRangeStore();
  for (let n = 0; n <= MAX; n++) assert.deepEqual(store.roots[n], ref.mth(0, n), `size ${n}`);
  assert.deepEqual(log.root(), ref.mth(0, MAX));
});

test("CompactRange.fromHashes round-trips and rejects a wrong hash count", () => {
  const range = CompactRange.empty();
  for (let i = 0; i < 13; i++) range.append(ref.leafHash(i));
  const copy = CompactRange.fromHashes(13, range.hashes());
  assert.deepEqual(copy.root(), ref.mth(0, 13));
  copy.append(ref.leafHash(13));
  assert.deepEqual(copy.root(), ref.mth(0, 14));
  assert.throws(() => CompactRange.fromHashes(13, range.hashes().slice(1)), /has 3 hashes, got 2/);
  assert.throws(() => CompactRange.fromHashes(2, [new Uint8Array(31)]), /31 bytes/);
  assert.throws(() => range.append(new Uint8Array(5)), /leaf hash has 5 bytes/);
});

const crStore = compactRangeStore();
/** Every index below 65, then a stride, keeps the run short while still crossing each boundary. */
const stride = (n: number): number => (n <= 64 ? 1 : 7);

const readers: [string, (n: number) => HashReader][] = [
  ["compact-range store", () => crStore],
  ["MemoryTiles", () => log],
  ["tileHashReader", (n) => tileHashReader(n, log)],
];

for (const [name, readerFor] of readers) {
  test(`${name}: roots, inclusion and consistency proofs equal the reference and verify`, async () => {
    for (const n of SIZES) {
      const reader = readerFor(n);
      const root = ref.mth(0, n);
      assert.deepEqual(await treeRoot(n, reader), root, `root ${n}`);
      for (let i = 0; i < n; i += stride(n)) {
        const proof = await proveInclusion(i, n, reader);
        assert.deepEqual(proof, ref.path(i, 0, n), `inclusion ${i} of ${n}`);
        verifyInclusion(ref.leafHash(i), i, n, proof, root);
      }
      for (let m = 1; m <= n; m += stride(n)) {
        const proof = await proveConsistency(m, n, reader);
        assert.deepEqual(proof, ref.proof(m, n), `consistency ${m} → ${n}`);
        verifyConsistency(m, n, proof, ref.mth(0, m), root);
      }
    }
  });
}

test("every single mutation of an inclusion or consistency proof is rejected", async () => {
  for (const n of [1, 2, 3, 5, 8, 13, 31, 64, 100, 257]) {
    const root = ref.mth(0, n);
    for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 7))) {
      const proof = await proveInclusion(i, n, log);
      const leaf = ref.leafHash(i);
      for (let j = 0; j < proof.length; j++) {
        const bad = proof.map((p, k) => (k === j ? flipBit(p, i + j) : p));
        assert.throws(() => verifyInclusion(leaf, i, n, bad, root), ProofError);
      }
      assert.throws(() => verifyInclusion(flipBit(leaf, 3), i, n, proof, root), ProofError);
      assert.throws(() => verifyInclusion(leaf, i, n, [...proof, root], root), ProofError);
      if (proof.length > 0)
        assert.throws(() => verifyInclusion(leaf, i, n, proof.slice(1), root), ProofError);
      if (n > 1) assert.throws(() => verifyInclusion(leaf, (i + 1) % n, n, proof, root), ProofError);
    }
    for (let m = 1; m < n; m += Math.max(1, Math.floor(n / 7))) {
      const proof = await proveConsistency(m, n, log);
      const first = ref.mth(0, m);
      for (let j = 0; j < proof.length; j++) {
        const bad = proof.map((p, k) => (k === j ? flipBit(p, m + j) : p));
        assert.throws(() => verifyConsistency(m, n, bad, first, root), ProofError);
      }
      assert.throws(() => verifyConsistency(m, n, proof, flipBit(first, 1), root), ProofError);
      assert.throws(() => verifyConsistency(m, n, proof, first, flipBit(root, 1)), ProofError);
      assert.throws(() => verifyConsistency(m, n, proof.slice(0, -1), first, root), ProofError);
      assert.throws(() => verifyConsistency(m, n, [...proof, root], first, root), ProofError);
    }
  }
});

test("subtrees: hashes, inclusion and consistency proofs equal the reference for all subtrees of small trees", async () => {
  let checked = 0;
  for (let n = 1; n <= 24; n++) {
    const root = ref.mth(0, n);
    for (let start = 0; start < n; start++) {
      for (let end = start + 1; end <= n; end++) {
        if (!isValidSubtree(start, end)) continue;
        const hash = ref.mth(start, end);
        assert.deepEqual(await subtreeRoot(start, end, log), hash);
        const proof = await proveSubtreeConsistency(start, end, n, log);
        assert.deepEqual(proof, ref.subtreeProof(start, end, 0, n, true), `[${start}, ${end}) → ${n}`);
        verifySubtreeConsistency(start, end, n, proof, hash, root);
        for (let j = 0; j < proof.length; j++) {
          const bad = proof.map((p, k) => (k === j ? flipBit(p, j) : p));
          assert.throws(() => verifySubtreeConsistency(start, end, n, bad, hash, root), ProofError);
        }
        assert.throws(
          () => verifySubtreeConsistency(start, end, n, proof, flipBit(hash, 0), root),
          ProofError,
        );
        for (let i = start; i < end; i++) {
          const inclusion = await proveSubtreeInclusion(i, start, end, log);
          assert.deepEqual(inclusion, ref.path(i, start, end));
          verifySubtreeInclusion(ref.leafHash(i), i, start, end, inclusion, hash);
        }
        checked++;
      }
    }
  }
  assert.ok(checked > 200, `only ${checked} subtrees checked`);
});

test("a large tree through multi-level tiles (levels 0-2) matches the reference", async () => {
  const size = 65_536 + 300;
  const big = entries(size, 7);
  const bigRef = new ReferenceTree(big);
  const bigLog = new MemoryTiles();
  for (const e of big) bigLog.append(e);
  const reader = tileHashReader(size, bigLog);
  assert.deepEqual(await treeRoot(size, reader), bigRef.mth(0, size));
  for (const i of [0, 1, 255, 256, 65_535, 65_536, size - 1, 12_345]) {
    const proof = await proveInclusion(i, size, reader);
    assert.deepEqual(proof, bigRef.path(i, 0, size));
  }
  for (const m of [1, 256, 65_536, 65_537, size - 1, 40_000]) {
    const proof = await proveConsistency(m, size, reader);
    assert.deepEqual(proof, bigRef.proof(m, size));
    verifyConsistency(m, size, proof, bigRef.mth(0, m), bigRef.mth(0, size));
  }
});

test("proof generation rejects impossible parameters", async () => {
  await assert.rejects(proveInclusion(5, 5, log), /leaf index 5 is not in a tree of size 5/);
  await assert.rejects(proveInclusion(-1, 5, log), RangeError);
  await assert.rejects(proveInclusion(0.5, 5, log), RangeError);
  await assert.rejects(proveConsistency(0, 5, log), /empty tree/);
  await assert.rejects(proveConsistency(6, 5, log), /exceeds/);
  await assert.rejects(proveSubtreeConsistency(1, 3, 8, log), /not a valid subtree/);
  await assert.rejects(proveSubtreeConsistency(0, 9, 8, log), /extends past/);
  await assert.rejects(proveSubtreeInclusion(4, 0, 4, log), /not in subtree/);
  await assert.rejects(treeRoot(Number.MAX_SAFE_INTEGER + 1, log), RangeError);
  await assert.rejects(proveInclusion(0, 400, log), /not in a tree of size 300/);
  await assert.rejects(
    proveInclusion(0, 2, { readHashes: () => Promise.resolve([]) }),
    /returned 0 hashes for 1 nodes/,
  );
  await assert.rejects(
    proveInclusion(0, 2, { readHashes: () => Promise.resolve([new Uint8Array(3)]) }),
    /no valid 32-byte hash/,
  );
  await assert.rejects(
    treeRoot(5, tileHashReader(5, { readTile: () => Promise.resolve(new Uint8Array(32)) })),
    /has 32 bytes, expected 160/,
  );
});
