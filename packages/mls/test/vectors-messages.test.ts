import { test } from "node:test";
import assert from "node:assert/strict";
import { vectorFileTests } from "./vector-file.js";
import { nodeProvider } from "../src/crypto/index.js";
import { MESSAGE_FIELDS, run } from "../src/vectors/messages.js";

const data = vectorFileTests(
  "messages.json",
  "every field of every case round-trips to identical bytes",
  run,
  // A case is one field of one element: 17 message kinds per element (300 elements → 5100 cases).
  MESSAGE_FIELDS.length,
);

test("messages runner checks all 17 message kinds of the vector format", () => {
  assert.equal(MESSAGE_FIELDS.length, 17);
});

test("messages runner: a malformed file or case fails instead of crashing", () => {
  assert.deepEqual(run({}, nodeProvider).failed, 1);
  const outcome = run([{ mls_welcome: "zz" }, 7], nodeProvider);
  assert.equal(outcome.passed, 0);
  assert.equal(outcome.failed, 2 * MESSAGE_FIELDS.length);
  assert.match(outcome.failures[0] ?? "", /case 0 .*mls_welcome is missing or not hex/);
});

test("messages runner: a field holding the wrong kind of message fails", (t) => {
  if (!Array.isArray(data)) return t.skip("messages.json not found");
  const first: unknown = data[0];
  assert.ok(typeof first === "object" && first !== null);
  const fields = first as Record<string, unknown>;
  const swapped = {
    ...fields,
    mls_welcome: fields["mls_key_package"],
    commit: `${String(fields["commit"])}00`,
  };
  const outcome = run([swapped], nodeProvider);
  assert.equal(outcome.failed, 2);
  assert.match(outcome.failures.join("\n"), /mls_welcome: wire format 5, expected 3/);
  assert.match(outcome.failures.join("\n"), /commit: 1 trailing bytes/);
});
