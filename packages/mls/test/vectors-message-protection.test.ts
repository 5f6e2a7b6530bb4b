import { test } from "node:test";
import assert from "node:assert/strict";
import { vectorFileTests } from "./vector-file.js";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/message-protection.js";

const data = vectorFileTests(
  "message-protection.json",
  "given Public/PrivateMessages unprotect and verify, fresh ones round-trip",
  run,
);

test("message-protection runner: a wrong membership key or sender-data secret fails the case", (t) => {
  if (!Array.isArray(data)) return t.skip("message-protection.json not found");
  const first = data[0] as Record<string, string>;
  const outcome = run(
    [
      { ...first, membership_key: "00".repeat(32) },
      { ...first, sender_data_secret: "00".repeat(32) },
    ],
    nodeProvider,
  );
  assert.equal(outcome.failed, 2);
  assert.match(outcome.failures[0] ?? "", /FRAMING-4/);
  assert.match(outcome.failures[1] ?? "", /CryptoError: the PrivateMessage sender data does not decrypt/);
});
