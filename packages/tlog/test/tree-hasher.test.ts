/**
 * The pluggable Merkle hashing: the portable (@noble/hashes) and node:crypto TreeHashers must be
 * the same function. Both are checked against the RFC 6962 reference tree from ../shared and
 * against each other on inputs around the reused-buffer boundary.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual, fromHex, toHex } from "@parley/codec";
import { readSharedJson } from "@parley/testing";
import {
  CompactRange,
  createTreeHasher,
  encodeBase64,
  portableTreeHasher,
  type TreeHasher,
} from "../src/index.js";
import { nodeTreeHasher } from "../src/node.js";

interface Vectors {
  leafInputs: string[];
  leafHashes: string[];
  rootsBySize: Record<string, string>;
}

const v = readSharedJson("vectors", "tlog", "rfc6962-8leaf.json") as Vectors | undefined;
const hashers: [string, TreeHasher][] = [
  ["portable", portableTreeHasher],
  ["node:crypto", nodeTreeHasher],
];

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
}

for (const [name, hasher] of hashers) {
  test(`${name}: RFC 6962 8-leaf tree leaf hashes and roots 0..8`, { skip: v === undefined }, () => {
    if (v === undefined) return;
    const range = CompactRange.empty(hasher);
    assert.equal(toHex(range.root()), v.rootsBySize["0"]);
    assert.equal(toHex(hasher.emptyRoot()), v.rootsBySize["0"]);
    v.leafInputs.forEach((input, i) => {
      const leaf = hasher.leafHash(fromHex(input));
      assert.equal(toHex(leaf), v.leafHashes[i]);
      range.append(leaf);
      assert.equal(toHex(range.root()), v.rootsBySize[String(i + 1)]);
    });
    assert.equal(v.leafInputs.length, 8);
  });

  test(`${name}: refuses interior children that are not 32 bytes`, () => {
    assert.throws(
      () => hasher.nodeHash(new Uint8Array(31), new Uint8Array(32)),
      /32-byte hashes, got 31 and 32/,
    );
    assert.throws(() => hasher.nodeHash(new Uint8Array(32), new Uint8Array(0)), /got 32 and 0/);
  });

  test(`${name}: returns fresh plain Uint8Arrays that later calls never overwrite`, () => {
    const a = hasher.leafHash(bytes(10, 1));
    const keep = a.slice();
    hasher.leafHash(bytes(10, 2));
    hasher.nodeHash(a, a);
    assert.ok(bytesEqual(a, keep));
    assert.equal(Object.getPrototypeOf(a), Uint8Array.prototype);
    const copy = a.slice();
    copy[0] = (copy[0] ?? 0) ^ 0xff;
    assert.ok(bytesEqual(a, keep), "slice() copies");
  });
}

test("node:crypto and portable hashers agree around the reused leaf buffer and after large entries", () => {
  for (const size of [0, 1, 64, 200, 4095, 4096, 4097, 20000, 3]) {
    const entry = bytes(size, size);
    assert.ok(
      bytesEqual(nodeTreeHasher.leafHash(entry), portableTreeHasher.leafHash(entry)),
      `${size} bytes`,
    );
  }
  const l = portableTreeHasher.leafHash(bytes(5, 5));
  const r = portableTreeHasher.leafHash(bytes(6, 6));
  assert.ok(bytesEqual(nodeTreeHasher.nodeHash(l, r), portableTreeHasher.nodeHash(l, r)));
  assert.ok(!bytesEqual(nodeTreeHasher.nodeHash(l, r), nodeTreeHasher.nodeHash(r, l)));
});

test("CompactRange on either hasher reports the same nodes and ranges, also after resuming", () => {
  const reference = CompactRange.empty();
  let fast = CompactRange.empty(nodeTreeHasher);
  const want: string[] = [];
  const got: string[] = [];
  for (let i = 0; i < 600; i++) {
    const leaf = portableTreeHasher.leafHash(bytes(40, i));
    reference.append(leaf, (id, h) => want.push(`${id.level}/${id.index}/${encodeBase64(h)}`));
    fast.append(leaf, (id, h) => got.push(`${id.level}/${id.index}/${encodeBase64(h)}`));
    if (i % 97 === 0) fast = CompactRange.fromHashes(fast.size, fast.hashes(), nodeTreeHasher);
    assert.ok(bytesEqual(fast.root(), reference.root()), `root at size ${i + 1}`);
  }
  assert.deepEqual(got, want);
});

test("createTreeHasher wires its SHA-256 into all three hashes with RFC 9162 domain prefixes", () => {
  const seen: number[][] = [];
  const recording = createTreeHasher((data) => {
    seen.push([...data]);
    return new Uint8Array(32);
  });
  recording.leafHash(Uint8Array.of(7, 8));
  recording.nodeHash(new Uint8Array(32).fill(1), new Uint8Array(32).fill(2));
  recording.emptyRoot();
  assert.deepEqual(seen[0], [0x00, 7, 8]);
  assert.deepEqual(seen[1], [0x01, ...new Array<number>(32).fill(1), ...new Array<number>(32).fill(2)]);
  assert.deepEqual(seen[2], []);
});
