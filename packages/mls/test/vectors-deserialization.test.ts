import { test } from "node:test";
import assert from "node:assert/strict";
import { vectorFileTests } from "./vector-file.js";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/deserialization.js";

vectorFileTests("deserialization.json", "every varint header decodes and re-encodes", run);

test("deserialization runner: wrong lengths, non-minimal headers and bad shapes fail", () => {
  const outcome = run(
    [
      { vlbytes_header: "25", length: 38 },
      { vlbytes_header: "4025", length: 37 },
      { vlbytes_header: "2500", length: 37 },
      { vlbytes_header: "c0000000", length: 0 },
      { vlbytes_header: 37, length: 37 },
      null,
      { vlbytes_header: "25", length: 37 },
    ],
    nodeProvider,
  );
  assert.equal(outcome.passed, 1);
  assert.equal(outcome.failed, 6);
  assert.match(outcome.failures[1] ?? "", /non-minimal/);
  assert.match(outcome.failures[2] ?? "", /trailing/);
  assert.equal(run("nope", nodeProvider).failed, 1);
});
