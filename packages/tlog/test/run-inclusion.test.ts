/**
 * Run inclusion proofs (one proof for consecutive leaves): generated from stored hashes they equal
 * the naive recursive model, verify against the RFC 9162 root, stay within 2·log2(size) hashes,
 * and stop verifying under any single change to the proof, the leaves or their position.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  MemoryTiles,
  ProofError,
  proveRunInclusion,
  rootFromRunInclusionProof,
  verifyRunInclusion,
} from "../src/index.js";
import { nodeTreeHasher } from "../src/node.js";
import { ReferenceTree, entries, flipBit } from "./reference.js";

const MAX = 300;
const data = entries(MAX, 7);
const ref = new ReferenceTree(data);
const log = new MemoryTiles();
for (const e of data) log.append(e);

const leaves = (begin: number, end: number): Uint8Array[] =>
  Array.from({ length: end - begin }, (_, i) => ref.leafHash(begin + i));

const rejects = (fn: () => unknown, what: string): void =>
  assert.throws(fn, (e: unknown) => e instanceof ProofError, what);

test("equal the model and verify for every run of every tree up to 48 leaves", async () => {
  let runs = 0;
  for (let size = 1; size <= 48; size++) {
    const root = ref.mth(0, size);
    for (let begin = 0; begin < size; begin++) {
      for (let end = begin + 1; end <= size; end++) {
        const proof = await proveRunInclusion(begin, end, size, log);
        assert.deepEqual(proof, ref.runProof(begin, end, 0, size), `[${begin}, ${end}) of ${size}`);
        assert.ok(proof.length <= 2 * Math.ceil(Math.log2(size)), `length ${proof.length} at ${size}`);
        verifyRunInclusion(begin, leaves(begin, end), size, proof, root);
        runs++;
      }
    }
  }
  assert.equal(runs, (48 * 49 * 50) / 6);
});

test("runs of 32 near the right edge of larger trees verify, also on node:crypto hashing", async () => {
  for (const size of [256, 257, 299, 300]) {
    for (const begin of [size - 32, size - 33, 0, 100]) {
      const proof = await proveRunInclusion(begin, begin + 32, size, log);
      verifyRunInclusion(begin, leaves(begin, begin + 32), size, proof, ref.mth(0, size), nodeTreeHasher);
    }
  }
});

test("any single change to the proof, the leaves or their position is rejected", async () => {
  const size = 203;
  const [begin, end] = [170, 202];
  const root = ref.mth(0, size);
  const proof = await proveRunInclusion(begin, end, size, log);
  const run = leaves(begin, end);
  proof.forEach((_, i) => {
    const bad = proof.map((p, j) => (j === i ? flipBit(p, 3 * i) : p));
    rejects(() => verifyRunInclusion(begin, run, size, bad, root), `flipped proof element ${i}`);
  });
  run.forEach((_, i) => {
    const bad = run.map((h, j) => (j === i ? flipBit(h, i) : h));
    rejects(() => verifyRunInclusion(begin, bad, size, proof, root), `flipped leaf ${i}`);
  });
  const swapped = [run[1], run[0], ...run.slice(2)].filter((h) => h !== undefined);
  rejects(() => verifyRunInclusion(begin, swapped, size, proof, root), "swapped leaves");
  rejects(() => verifyRunInclusion(begin + 1, run, size, proof, root), "shifted right");
  rejects(() => verifyRunInclusion(begin - 1, run, size, proof, root), "shifted left");
  rejects(() => verifyRunInclusion(begin, run, size + 1, proof, ref.mth(0, size + 1)), "other size");
  rejects(() => verifyRunInclusion(begin, run, size, proof, flipBit(root, 0)), "other root");
});

test("malformed runs and proofs are rejected with errors naming the problem", async () => {
  const proof = await proveRunInclusion(4, 8, 10, log);
  const run = leaves(4, 8);
  assert.throws(() => rootFromRunInclusionProof(4, [], 10, proof), /at least one leaf/);
  assert.throws(
    () => rootFromRunInclusionProof(8, run, 10, proof),
    /\[8, 12\) are not all in a tree of size 10/,
  );
  assert.throws(() => rootFromRunInclusionProof(4, run, 10, proof.slice(1)), /has 1 hashes, expected 2/);
  assert.throws(
    () => rootFromRunInclusionProof(4, run, 10, [...proof, proof[0] ?? new Uint8Array()]),
    /has 3 hashes, expected 2/,
  );
  assert.throws(
    () => rootFromRunInclusionProof(4, [run[0] ?? new Uint8Array(), new Uint8Array(31)], 10, proof),
    /leaf hash 1 of the run has 31 bytes/,
  );
  assert.throws(
    () => rootFromRunInclusionProof(4, run, 10, [new Uint8Array(31), proof[1] ?? new Uint8Array()]),
    /proof element 0 has 31 bytes/,
  );
  assert.throws(() => rootFromRunInclusionProof(-1, run, 10, proof), RangeError);
  await assert.rejects(proveRunInclusion(5, 5, 10, log), /\[5, 5\) is empty/);
  await assert.rejects(proveRunInclusion(5, 11, 10, log), /not all in a tree of size 10/);
});
