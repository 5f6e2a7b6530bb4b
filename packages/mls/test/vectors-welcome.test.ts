import { test } from "node:test";
import assert from "node:assert/strict";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/welcome.js";
import { vectorFileTests } from "./vector-file.js";

const data = vectorFileTests(
  "welcome.json",
  "each Welcome opens with init_priv, its GroupInfo verifies under signer_pub and its confirmation tag checks",
  run,
);

test("welcome.json runner: a wrong signer key, init key or malformed case fails and names the rule", (t) => {
  if (data === undefined) return t.skip("welcome.json not found");
  const first = data[0] as Record<string, string>;
  /** The same hex string with its first byte changed. */
  const changed = (field: string) =>
    `${(first[field] ?? "").startsWith("00") ? "01" : "00"}${(first[field] ?? "").slice(2)}`;
  const outcome = run(
    [
      { ...first, signer_pub: changed("signer_pub") },
      { ...first, init_priv: changed("init_priv") },
      { ...first, welcome: first.key_package },
      { ...first, welcome: undefined },
    ],
    nodeProvider,
  );
  assert.equal(outcome.failed, 4);
  assert.equal(outcome.passed, 0);
  assert.match(outcome.failures[0] ?? "", /WELCOME-11/);
  assert.match(outcome.failures[1] ?? "", /WELCOME-4/);
  assert.match(outcome.failures[2] ?? "", /WELCOME-1/);
  assert.match(outcome.failures[3] ?? "", /malformed vector/);
});
