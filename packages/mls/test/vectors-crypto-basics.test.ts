import { test } from "node:test";
import assert from "node:assert/strict";
import { vectorFileTests } from "./vector-file.js";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/crypto-basics.js";

/** ref_hash, expand_with_label, derive_secret, derive_tree_secret, sign_with_label, encrypt_with_label. */
const CHECKS_PER_CASE = 6;

const data = vectorFileTests(
  "crypto-basics.json",
  "every sub-check of every suite passes",
  run,
  CHECKS_PER_CASE,
);

test("crypto-basics runner: a wrong output, a malformed case or an unknown suite is reported, not thrown", (t) => {
  if (!Array.isArray(data)) return t.skip("crypto-basics.json not found");
  const first: unknown = data[0];
  assert.ok(typeof first === "object" && first !== null);
  const good = first as Record<string, Record<string, unknown>>;
  const wrongOut = { ...good, derive_secret: { ...good["derive_secret"], out: "00" } };
  const badHex = { ...good, ref_hash: { ...good["ref_hash"], value: "xyz" } };
  const badSig = { ...good, sign_with_label: { ...good["sign_with_label"], label: "OtherLabel" } };
  const badCt = { ...good, encrypt_with_label: { ...good["encrypt_with_label"], context: "00" } };
  const outcome = run(
    [good, wrongOut, badHex, badSig, badCt, { ...good, cipher_suite: 0x0a0a }, "case", {}],
    nodeProvider,
  );
  assert.equal(outcome.passed, 6 + 5 * 4);
  assert.equal(outcome.skipped, 6);
  assert.match(outcome.skipReasons[0] ?? "", /case 5: .*0x0a0a/);
  assert.equal(outcome.failed, 4 + 6 + 6);
  assert.match(outcome.failures[0] ?? "", /case 1 \(suite 1\) derive_secret: out: got [0-9a-f]+, want 00/);
  assert.match(
    outcome.failures[1] ?? "",
    /case 2 \(suite 1\) ref_hash: malformed vector: .*value is not a hex string/,
  );
  assert.match(
    outcome.failures[2] ?? "",
    /case 3 \(suite 1\) sign_with_label: given signature does not verify/,
  );
  assert.match(outcome.failures[3] ?? "", /case 4 \(suite 1\) encrypt_with_label: CryptoError/);
  assert.match(outcome.failures[4] ?? "", /case 6: .*not an object/);
  assert.match(outcome.failures[5] ?? "", /case 7: .*cipher_suite is not a uint/);
  assert.deepEqual(run({}, nodeProvider).failures, ["crypto-basics: file is not a JSON array of test cases"]);
});
