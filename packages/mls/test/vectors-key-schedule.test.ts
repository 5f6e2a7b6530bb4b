import { test } from "node:test";
import assert from "node:assert/strict";
import { readSharedJson } from "@parley/testing";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/key-schedule.js";

const data = readSharedJson("vectors", "mls", "key-schedule.json");

for (const provider of [nodeProvider, nobleProvider]) {
  test(`key-schedule.json: every epoch's secrets, GroupContext, external_pub and exporter output match (${provider.name})`, (t) => {
    if (data === undefined) return t.skip("key-schedule.json not found");
    assert.ok(Array.isArray(data));
    const outcome = run(data, provider);
    assert.deepEqual(outcome.failures, []);
    assert.equal(outcome.failed, 0);
    assert.equal(outcome.skipped, 0);
    assert.equal(outcome.passed, data.length);
    assert.ok(outcome.passed > 0);
  });
}

test("key-schedule runner: a changed secret fails the case and names the epoch and secret", (t) => {
  if (!Array.isArray(data)) return t.skip("key-schedule.json not found");
  const first = data[0] as { epochs: Record<string, unknown>[] };
  const epochs = [...first.epochs];
  epochs[1] = { ...epochs[1], membership_key: "00".repeat(32) };
  const outcome = run(
    [
      { ...first, epochs },
      { ...first, epochs: [{}] },
    ],
    nodeProvider,
  );
  assert.equal(outcome.failed, 2);
  assert.match(outcome.failures[0] ?? "", /epoch 1 membership_key: got [0-9a-f]+, want 0{64}/);
  assert.match(outcome.failures[1] ?? "", /malformed vector/);
});
