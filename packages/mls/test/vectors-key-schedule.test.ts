import { test } from "node:test";
import assert from "node:assert/strict";
import { vectorFileTests } from "./vector-file.js";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/key-schedule.js";

const data = vectorFileTests(
  "key-schedule.json",
  "every epoch's secrets, GroupContext, external_pub and exporter output match",
  run,
);

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
