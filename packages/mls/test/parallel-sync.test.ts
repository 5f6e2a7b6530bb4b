/**
 * The synchronous worker pool behind big commits, Welcomes and joins: results in item order that open and
 * verify like the single-item calls, the workers really take a share, failures name the item, a closed or
 * absent pool falls back to the caller, and pre-checked signature verdicts answer only their exact inputs.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual } from "@parley/codec";
import {
  decryptWithLabel,
  nobleProvider,
  nodeProvider,
  signWithLabel,
  verifyWithLabel,
} from "../src/crypto/index.js";
import { runWithVerdicts } from "../src/crypto/parallel/checked-signatures.js";
import { SyncCryptoPool } from "../src/crypto/parallel/index.js";
import { CryptoError, InternalError } from "../src/errors.js";

const SUITE = 1;
const cs = nodeProvider.suite(SUITE);
const pool = new SyncCryptoPool({ workers: 1, minItems: 1 });
const context = new TextEncoder().encode("provisional group context");
const recipients = Array.from({ length: 96 }, () => cs.hpke.generateKeyPair());

function sealItems(n = recipients.length) {
  return recipients.slice(0, n).map((r, i) => ({
    publicKey: r.publicKey,
    label: "UpdatePathNode",
    context,
    plaintext: Uint8Array.of(i, i >> 8, 7),
  }));
}

before(async () => {
  pool.start();
  // The worker loads the library through tsx (~0.5–2 s); run batches until it has taken a chunk.
  const deadline = Date.now() + 30_000;
  while (pool.stats.chunksByWorkers === 0 && Date.now() < deadline) {
    pool.run({ op: "encryptWithLabel", provider: "node", suiteId: SUITE, items: sealItems(32) });
    await new Promise((r) => setTimeout(r, 50));
  }
});
after(async () => {
  await pool.close();
});

test("sync pool: the worker takes a share of the chunks", () => {
  assert.ok(pool.stats.chunksByWorkers > 0, "the worker never ran a chunk");
});

test("sync pool: EncryptWithLabel results are in item order and open with both providers", () => {
  const items = sealItems();
  const sealed = pool.run({ op: "encryptWithLabel", provider: "node", suiteId: SUITE, items });
  assert.equal(sealed.length, items.length);
  for (const opener of [nodeProvider, nobleProvider]) {
    const ocs = opener.suite(SUITE);
    sealed.forEach((ct, i) => {
      const r = recipients[i];
      assert.ok(r !== undefined && typeof ct === "object" && ct !== null);
      const pt = decryptWithLabel(ocs, r.privateKey, "UpdatePathNode", context, ct.kemOutput, ct.ciphertext);
      assert.ok(bytesEqual(pt, items[i]?.plaintext ?? new Uint8Array(0)), `item ${i} (${opener.name})`);
    });
  }
});

test("sync pool: signature verdicts match the single-item call, null for an unusable key", () => {
  const signer = cs.generateSignatureKeyPair();
  const items = Array.from({ length: 80 }, (_, i) => {
    const content = Uint8Array.of(i, 1, 2);
    return {
      publicKey: signer.publicKey,
      label: "LeafNodeTBS",
      content,
      signature: signWithLabel(cs, signer.privateKey, "LeafNodeTBS", content),
    };
  });
  const good = items[0];
  assert.ok(good !== undefined);
  items[5] = { ...good, content: Uint8Array.of(99) };
  items[60] = { ...good, publicKey: new Uint8Array(7) };
  const verdicts = pool.run({ op: "checkWithLabel", provider: "node", suiteId: SUITE, items });
  assert.equal(verdicts.length, 80);
  verdicts.forEach((v, i) => {
    if (i === 5) assert.equal(v, false);
    else if (i === 60) assert.equal(v, null);
    else assert.equal(v, true, `item ${i}`);
  });
});

test("sync pool: a bad item fails the batch with the library's error naming the item", () => {
  const items = sealItems();
  const item = items[70];
  assert.ok(item !== undefined);
  items[70] = { ...item, publicKey: new Uint8Array(31) };
  assert.throws(
    () => pool.run({ op: "encryptWithLabel", provider: "node", suiteId: SUITE, items }),
    (e: unknown) => e instanceof CryptoError && /encryptWithLabelMany item 70/.test(e.message),
  );
});

test("sync pool: a batch for another provider is refused", () => {
  assert.throws(
    () => pool.run({ op: "encryptWithLabel", provider: "noble", suiteId: SUITE, items: sealItems(4) }),
    /noble batch was given to a node pool/,
  );
});

test("sync pool: options are checked", () => {
  assert.throws(() => new SyncCryptoPool({ workers: -1 }), /workers must be an integer/);
  assert.throws(() => new SyncCryptoPool({ minItems: 0 }), /minItems must be an integer/);
});

test("sync pool: with no workers, or closed, batches run in the caller", async () => {
  const none = new SyncCryptoPool({ workers: 0, minItems: 1 });
  const items = sealItems(8);
  const sealed = none.run({ op: "encryptWithLabel", provider: "node", suiteId: SUITE, items });
  assert.equal(sealed.length, 8);
  assert.equal(none.stats.batches, 0);
  const closing = new SyncCryptoPool({ workers: 1, minItems: 1 });
  await closing.close();
  const again = closing.run({ op: "checkWithLabel", provider: "node", suiteId: SUITE, items: [] });
  assert.deepEqual(again, []);
});

test("sync pool: a worker that stops mid-chunk fails the batch after stallMs instead of hanging", async () => {
  const stuck = new SyncCryptoPool({
    workers: 1,
    minItems: 1,
    stallMs: 300,
    workerEntry: new URL("./parallel-stall-fixture.js", import.meta.url),
  });
  stuck.start();
  const batch = { op: "encryptWithLabel", provider: "node", suiteId: SUITE, items: sealItems(40) } as const;
  // Until the stand-in worker has loaded, the caller runs every chunk itself and the batch succeeds.
  let failure: unknown;
  let waited = 0;
  for (let attempt = 0; attempt < 100 && failure === undefined; attempt++) {
    const started = Date.now();
    try {
      stuck.run(batch);
      await new Promise((r) => setTimeout(r, 100));
    } catch (err) {
      failure = err;
      waited = Date.now() - started;
    }
  }
  assert.ok(failure instanceof InternalError, `expected the stall to be reported, got ${String(failure)}`);
  assert.match(failure.message, /a crypto worker stopped responding \(1 of \d+ chunks\)/);
  assert.ok(waited >= 300 && waited < 10_000, `gave up after ${waited} ms`);
  await stuck.close();
});

test("checked verdicts answer only their exact inputs, and only inside the pass", () => {
  const signer = cs.generateSignatureKeyPair();
  const signed = Uint8Array.of(1, 2, 3);
  const other = Uint8Array.of(4, 5, 6);
  const signature = signWithLabel(cs, signer.privateKey, "LeafNodeTBS", signed);
  // A deliberately wrong verdict (true for content the signature is not over) shows when it is consulted.
  const item = { publicKey: signer.publicKey, label: "LeafNodeTBS", content: other, signature };
  runWithVerdicts(cs, [item], [true], () => {
    assert.equal(
      verifyWithLabel(cs, signer.publicKey, "LeafNodeTBS", Uint8Array.of(4, 5, 6), signature),
      true,
    );
    // Any other input is verified afresh.
    assert.equal(verifyWithLabel(cs, signer.publicKey, "LeafNodeTBS", signed, signature), true);
    assert.equal(verifyWithLabel(cs, signer.publicKey, "KeyPackageTBS", other, signature), false);
    const stranger = cs.generateSignatureKeyPair();
    assert.equal(verifyWithLabel(cs, stranger.publicKey, "LeafNodeTBS", other, signature), false);
    assert.equal(
      verifyWithLabel(nobleProvider.suite(SUITE), signer.publicKey, "LeafNodeTBS", other, signature),
      false,
    );
  });
  // Unusable inputs are not recorded; outside the pass nothing is.
  runWithVerdicts(cs, [item], [null], () => {
    assert.equal(verifyWithLabel(cs, signer.publicKey, "LeafNodeTBS", other, signature), false);
  });
  assert.equal(verifyWithLabel(cs, signer.publicKey, "LeafNodeTBS", other, signature), false);
});
