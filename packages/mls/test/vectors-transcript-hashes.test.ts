import { test } from "node:test";
import assert from "node:assert/strict";
import { vectorFileTests } from "./vector-file.js";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/transcript-hashes.js";

const data = vectorFileTests(
  "transcript-hashes.json",
  "the confirmation tag verifies and both transcript hashes match",
  run,
);

test("transcript-hashes runner: a changed interim hash or confirmation key fails the case", (t) => {
  if (!Array.isArray(data)) return t.skip("transcript-hashes.json not found");
  const first = data[0] as Record<string, string>;
  const outcome = run(
    [
      { ...first, interim_transcript_hash_before: "00".repeat(32) },
      { ...first, confirmation_key: "00".repeat(32) },
    ],
    nodeProvider,
  );
  assert.equal(outcome.failed, 2);
  assert.match(outcome.failures[0] ?? "", /confirmed_transcript_hash_after: got/);
  assert.match(outcome.failures[1] ?? "", /confirmation_tag: got/);
});
