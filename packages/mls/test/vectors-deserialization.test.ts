import { test } from "node:test";
import assert from "node:assert/strict";
import { readSharedJson } from "@parley/testing";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/deserialization.js";

const data = readSharedJson("vectors", "mls", "deserialization.json");

for (const provider of [nodeProvider, nobleProvider]) {
  test(`deserialization.json: every varint header decodes and re-encodes (${provider.name})`, (t) => {
    if (data === undefined) return t.skip("deserialization.json not found");
    assert.ok(Array.isArray(data));
    const outcome = run(data, provider);
    assert.deepEqual(outcome.failures, []);
    assert.equal(outcome.failed, 0);
    assert.equal(outcome.passed, data.length);
    assert.ok(outcome.passed > 0);
  });
}

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
