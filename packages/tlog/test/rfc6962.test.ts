/** The RFC 6962 reference 8-leaf tree: roots for sizes 0..8 and its known-answer proofs. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fromHex, toHex } from "@parley/codec";
import { readSharedJson } from "@parley/testing";
import {
  MemoryTiles,
  emptyRoot,
  leafHash,
  proveConsistency,
  proveInclusion,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from "../src/index.js";

interface Vectors {
  leafInputs: string[];
  leafHashes: string[];
  rootsBySize: Record<string, string>;
  knownAnswerInclusion: { leafIdx: number; treeSize: number; proof: string[] }[];
  knownAnswerConsistency: { size1: number; size2: number; proof: string[] }[];
  allInclusionProofs: {
    leafIdx: number;
    treeSize: number;
    leafHash: string;
    root: string;
    proof: string[];
  }[];
  allConsistencyProofs: { size1: number; size2: number; root1: string; root2: string; proof: string[] }[];
}

const v = readSharedJson("vectors", "tlog", "rfc6962-8leaf.json") as Vectors | undefined;

test("RFC 6962 8-leaf tree: leaf hashes, roots 0..8 and proofs", { skip: v === undefined }, async () => {
  if (v === undefined) return;
  const log = new MemoryTiles();
  assert.equal(toHex(emptyRoot()), v.rootsBySize["0"]);
  v.leafInputs.forEach((input, i) => {
    assert.equal(toHex(leafHash(fromHex(input))), v.leafHashes[i]);
    log.append(fromHex(input));
    assert.equal(toHex(log.root()), v.rootsBySize[String(i + 1)]);
  });
  for (let n = 0; n <= 8; n++) assert.equal(toHex(await treeRoot(n, log)), v.rootsBySize[String(n)]);
  assert.equal(Object.keys(v.rootsBySize).length, 9);

  for (const k of v.knownAnswerInclusion) {
    assert.deepEqual((await proveInclusion(k.leafIdx, k.treeSize, log)).map(toHex), k.proof);
  }
  for (const k of v.knownAnswerConsistency) {
    assert.deepEqual((await proveConsistency(k.size1, k.size2, log)).map(toHex), k.proof);
  }
  assert.ok(v.knownAnswerInclusion.length >= 5 && v.knownAnswerConsistency.length >= 5);

  for (const p of v.allInclusionProofs) {
    assert.deepEqual((await proveInclusion(p.leafIdx, p.treeSize, log)).map(toHex), p.proof);
    verifyInclusion(fromHex(p.leafHash), p.leafIdx, p.treeSize, p.proof.map(fromHex), fromHex(p.root));
  }
  for (const p of v.allConsistencyProofs) {
    assert.deepEqual((await proveConsistency(p.size1, p.size2, log)).map(toHex), p.proof);
    verifyConsistency(p.size1, p.size2, p.proof.map(fromHex), fromHex(p.root1), fromHex(p.root2));
  }
  assert.equal(v.allInclusionProofs.length, 36);
  assert.equal(v.allConsistencyProofs.length, 36);
});
