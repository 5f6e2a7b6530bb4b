import { test } from "node:test";
import assert from "node:assert/strict";
import { vectorFileTests } from "./vector-file.js";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/psk-secret.js";

const data = vectorFileTests("psk_secret.json", "the chained psk_secret of every PSK list matches", run);

test("psk_secret runner: a reordered PSK list gives a different psk_secret", (t) => {
  if (!Array.isArray(data)) return t.skip("psk_secret.json not found");
  const withTwo = (data as { psks: unknown[] }[]).find((c) => c.psks.length >= 2);
  assert.ok(withTwo !== undefined);
  const outcome = run([{ ...withTwo, psks: [...withTwo.psks].reverse() }, { cipher_suite: 1 }], nodeProvider);
  assert.equal(outcome.failed, 2);
  assert.match(outcome.failures[0] ?? "", /psk_secret: got/);
  assert.match(outcome.failures[1] ?? "", /malformed vector: .*psks is not an array/);
});
