import { test } from "node:test";
import assert from "node:assert/strict";
import { readSharedJson } from "@parley/testing";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/passive-client.js";
import { vectorFileTests } from "./vector-file.js";

vectorFileTests(
  "passive-client-welcome.json",
  "a passive client joins by Welcome, processes every epoch's proposals and Commit, and matches each epoch_authenticator",
  run,
  1,
  true,
);

test("passive-client runner: a wrong epoch authenticator, a missing PSK or a malformed case fails and says why", (t) => {
  const data = readSharedJson("vectors", "mls", "passive-client-handling-commit.json");
  if (!Array.isArray(data)) return t.skip("passive-client-handling-commit.json not found");
  const first = data[0] as Record<string, unknown>;
  const epochs = first.epochs as Record<string, unknown>[];
  const wrongAuth = { ...first, epochs: [{ ...epochs[0], epoch_authenticator: "00".repeat(32) }] };
  const outcome = run([wrongAuth, { ...first, external_psks: [] }, { ...first, welcome: 7 }], nodeProvider);
  assert.equal(outcome.failed, 3);
  assert.match(outcome.failures[0] ?? "", /epochs\[0\] epoch_authenticator/);
  assert.match(outcome.failures[1] ?? "", /WELCOME-6|GROUP-5/);
  assert.match(outcome.failures[2] ?? "", /malformed vector/);
});
