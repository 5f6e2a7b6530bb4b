import { test } from "node:test";
import assert from "node:assert/strict";
import { vectorFileTests } from "./vector-file.js";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/tree-operations.js";

const data = vectorFileTests(
  "tree-operations.json",
  "each Add/Update/Remove turns tree_before into tree_after with its tree hash",
  run,
);

test("tree-operations runner: a wrong tree after, a wrong hash or a bad proposal fails that case only", (t) => {
  if (!Array.isArray(data)) return t.skip("tree-operations.json not found");
  const first = data[0] as { tree_after: string; tree_hash_after: string; proposal: string };
  const outcome = run(
    [
      first,
      { ...first, tree_after: data[1] === undefined ? "" : (data[1] as { tree_after: string }).tree_after },
      { ...first, tree_hash_after: "00".repeat(32) },
      { ...first, proposal: "0004" },
    ],
    nodeProvider,
  );
  assert.equal(outcome.passed, 1);
  assert.equal(outcome.failed, 3);
  assert.match(outcome.failures[0] ?? "", /case 1 \(suite 1\): tree after/);
  assert.match(outcome.failures[1] ?? "", /case 2 \(suite 1\): tree hash after/);
});
