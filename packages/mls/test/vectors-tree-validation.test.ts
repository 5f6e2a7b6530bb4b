import { test } from "node:test";
import assert from "node:assert/strict";
import { vectorFileTests } from "./vector-file.js";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/tree-validation.js";

const data = vectorFileTests(
  "tree-validation.json",
  "every node's tree hash and resolution match and every tree validates",
  run,
);

test("tree-validation runner: a changed hash, resolution or tree fails that case only", (t) => {
  if (!Array.isArray(data)) return t.skip("tree-validation.json not found");
  const first = data[0] as { tree_hashes: string[]; resolutions: number[][]; tree: string };
  const hashes = [...first.tree_hashes];
  hashes[0] = "00".repeat(32);
  const resolutions = first.resolutions.map((r, i) => (i === 1 ? [...r, 99] : r));
  const tree = first.tree.slice(0, -2) + (first.tree.endsWith("00") ? "01" : "00");
  const outcome = run(
    [
      first,
      { ...first, tree_hashes: hashes },
      { ...first, resolutions },
      { ...first, tree },
      { ...first, tree_hashes: 3 },
    ],
    nodeProvider,
  );
  assert.equal(outcome.passed, 1);
  assert.equal(outcome.failed, 4);
  assert.match(outcome.failures[0] ?? "", /case 1 \(suite 1\): tree hash of node 0/);
  assert.match(outcome.failures[1] ?? "", /case 2 \(suite 1\): resolution of node 1/);
  assert.match(outcome.failures[3] ?? "", /malformed vector: .*tree_hashes is not an array/);
});
