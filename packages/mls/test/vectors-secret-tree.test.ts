import { test } from "node:test";
import assert from "node:assert/strict";
import { vectorFileTests } from "./vector-file.js";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/secret-tree.js";

const data = vectorFileTests(
  "secret-tree.json",
  "every leaf's handshake/application keys and nonces at every listed generation, and the sender-data key/nonce, match",
  run,
);

test("secret-tree runner: a changed key or a malformed leaf list fails that case only", (t) => {
  if (!Array.isArray(data)) return t.skip("secret-tree.json not found");
  const first = data[0] as { leaves: { application_key: string }[][] };
  const leaf0 = first.leaves[0] ?? [];
  const gen0 = leaf0[0] ?? { application_key: "" };
  const changed = { ...first, leaves: [[{ ...gen0, application_key: "00".repeat(16) }, ...leaf0.slice(1)]] };
  const outcome = run([first, changed, { ...first, leaves: "none" }, 7], nodeProvider);
  assert.equal(outcome.passed, 1);
  assert.equal(outcome.failed, 3);
  assert.match(outcome.failures[0] ?? "", /case 1 \(suite 1\): leaf 0 generation 0 application key/);
  assert.match(outcome.failures[1] ?? "", /malformed vector: .*leaves is not an array/);
});
