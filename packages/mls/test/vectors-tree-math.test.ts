import { test } from "node:test";
import assert from "node:assert/strict";
import { vectorFileTests } from "./vector-file.js";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/tree-math.js";

vectorFileTests("tree-math.json", "every relation of every node matches", run);

test("tree-math runner: a wrong entry, a wrong length or a bad shape fails the case", () => {
  const good = { n_leaves: 2, n_nodes: 3, root: 1, left: [null, 0, null], right: [null, 2, null] };
  const relations = { parent: [1, null, 1], sibling: [2, null, 0] };
  const outcome = run(
    [
      { ...good, ...relations },
      { ...good, ...relations, sibling: [2, null, 1] },
      { ...good, ...relations, parent: [1, null] },
      { ...good, ...relations, root: 0 },
      { ...good, ...relations, n_leaves: 3, n_nodes: 5 },
      "case",
    ],
    nodeProvider,
  );
  assert.equal(outcome.passed, 1);
  assert.equal(outcome.failed, 5);
  assert.match(outcome.failures[0] ?? "", /sibling\(2\) = 0, expected 1/);
  assert.match(outcome.failures[1] ?? "", /parent is not an array of 3 entries/);
  assert.match(outcome.failures[3] ?? "", /not a power of two/);
});
