import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual } from "@parley/codec";
import { nodeProvider } from "../src/crypto/index.js";
import { UsageError, ValidationError } from "../src/errors.js";
import { SecretTree } from "../src/secret-tree/secret-tree.js";
import type { RatchetKey } from "../src/secret-tree/sender-ratchet.js";

const cs = nodeProvider.suite(1);
const encryptionSecret = nodeProvider.randomBytes(cs.hashLength);

const copy = (k: RatchetKey) => ({ generation: k.generation, key: k.key.slice(), nonce: k.nonce.slice() });

function rejects(fn: () => unknown, rule: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ValidationError && e.rule === rule);
}

test("a receiver derives exactly the keys the sender used, generation by generation", () => {
  const sender = new SecretTree(cs, encryptionSecret, 4);
  const receiver = new SecretTree(cs, encryptionSecret, 4);
  for (let i = 0; i < 3; i++) {
    const sent = copy(sender.ratchet(2, "application").nextForSending());
    assert.equal(sent.generation, i);
    const got = receiver.ratchet(2, "application").withGeneration(i, copy);
    assert.ok(bytesEqual(got.key, sent.key) && bytesEqual(got.nonce, sent.nonce));
  }
});

test("leaves and ratchet types have distinct keys, and leaf order does not change them", () => {
  const a = new SecretTree(cs, encryptionSecret, 8);
  const b = new SecretTree(cs, encryptionSecret, 8);
  const keysA = [5, 0, 7].map((l) => copy(a.ratchet(l, "handshake").nextForSending()).key);
  const keysB = [7, 0, 5].map((l) => copy(b.ratchet(l, "handshake").nextForSending()).key).reverse();
  keysA.forEach((k, i) => assert.ok(bytesEqual(k, keysB[i] ?? new Uint8Array())));
  const app = copy(a.ratchet(3, "application").nextForSending()).key;
  const hs = copy(a.ratchet(3, "handshake").nextForSending()).key;
  assert.ok(!bytesEqual(app, hs));
  assert.ok(!bytesEqual(keysA[0] ?? app, keysA[1] ?? app));
});

test("§9.2: node secrets are deleted once their children exist, leaf secrets once the ratchets exist", () => {
  const tree = new SecretTree(cs, encryptionSecret, 8);
  assert.equal(tree.heldNodeSecrets, 1);
  tree.ratchet(0, "application");
  // Root 7 → 3, 11; 3 → 1, 5; 1 → 0, 2; leaf 0 went into its ratchets: 11, 5 and 2 remain.
  assert.equal(tree.heldNodeSecrets, 3);
  for (let leaf = 1; leaf < 8; leaf++) tree.ratchet(leaf, "handshake");
  assert.equal(tree.heldNodeSecrets, 0);
});

test("SECRET-TREE-1: a leaf outside the tree is rejected", () => {
  const tree = new SecretTree(cs, encryptionSecret, 4);
  rejects(() => tree.ratchet(4, "application"), "SECRET-TREE-1");
  rejects(() => tree.ratchet(-1, "application"), "SECRET-TREE-1");
});

test("SECRET-TREE-2: a consumed generation is never served again", () => {
  const tree = new SecretTree(cs, encryptionSecret, 2);
  const r = tree.ratchet(1, "application");
  r.withGeneration(3, () => undefined);
  rejects(() => r.withGeneration(3, () => undefined), "SECRET-TREE-2");
  r.withGeneration(1, () => undefined);
  rejects(() => r.withGeneration(1, () => undefined), "SECRET-TREE-2");
});

test("out-of-order generations inside the window decrypt; older ones were deleted (SECRET-TREE-3)", () => {
  const tree = new SecretTree(cs, encryptionSecret, 2, { outOfOrderTolerance: 2 });
  const r = tree.ratchet(0, "application");
  r.withGeneration(4, () => undefined);
  assert.equal(r.retainedKeys, 1);
  r.withGeneration(3, () => undefined);
  assert.equal(r.retainedKeys, 0);
  rejects(() => r.withGeneration(2, () => undefined), "SECRET-TREE-3");
  rejects(() => r.withGeneration(0, () => undefined), "SECRET-TREE-3");
});

test("SECRET-TREE-4: a generation more than maxForwardDistance ahead is refused", () => {
  const tree = new SecretTree(cs, encryptionSecret, 2, { maxForwardDistance: 10 });
  const r = tree.ratchet(0, "handshake");
  rejects(() => r.withGeneration(11, () => undefined), "SECRET-TREE-4");
  r.withGeneration(10, () => undefined);
  rejects(() => r.withGeneration(22, () => undefined), "SECRET-TREE-4");
  r.withGeneration(21, () => undefined);
  const defaults = new SecretTree(cs, encryptionSecret, 2).ratchet(0, "handshake");
  rejects(() => defaults.withGeneration(0xffffffff, () => undefined), "SECRET-TREE-4");
});

test("SECRET-TREE-5: generations are uint32", () => {
  const r = new SecretTree(cs, encryptionSecret, 2).ratchet(0, "handshake");
  rejects(() => r.withGeneration(2 ** 32, () => undefined), "SECRET-TREE-5");
  rejects(() => r.withGeneration(-1, () => undefined), "SECRET-TREE-5");
  rejects(() => r.withGeneration(1.5, () => undefined), "SECRET-TREE-5");
});

test("a failed decryption consumes nothing: the same generation still works afterwards", () => {
  const reference = copy(
    new SecretTree(cs, encryptionSecret, 2).ratchet(1, "application").withGeneration(5, copy),
  );
  const r = new SecretTree(cs, encryptionSecret, 2).ratchet(1, "application");
  const fail = () => {
    throw new Error("AEAD failed");
  };
  assert.throws(() => r.withGeneration(5, fail), /AEAD failed/);
  assert.equal(r.nextGeneration, 0);
  const got = r.withGeneration(5, copy);
  assert.ok(bytesEqual(got.key, reference.key));
  assert.throws(() => r.withGeneration(4, fail), /AEAD failed/);
  r.withGeneration(4, () => undefined);
});

test("keys handed to a callback are wiped when it returns", () => {
  const r = new SecretTree(cs, encryptionSecret, 2).ratchet(0, "application");
  let seen: RatchetKey | undefined;
  r.withGeneration(0, (k) => {
    seen = k;
  });
  assert.ok(seen !== undefined && seen.key.every((b) => b === 0) && seen.nonce.every((b) => b === 0));
});

test("a wiped tree refuses further use", () => {
  const tree = new SecretTree(cs, encryptionSecret, 4);
  const r = tree.ratchet(0, "application");
  tree.wipe();
  assert.throws(() => r.nextForSending(), UsageError);
  assert.throws(() => r.withGeneration(0, () => undefined), UsageError);
  assert.throws(() => tree.ratchet(3, "application"), UsageError);
});

test("bad construction arguments are usage errors", () => {
  assert.throws(() => new SecretTree(cs, encryptionSecret, 0), UsageError);
  assert.throws(() => new SecretTree(cs, new Uint8Array(16), 2), UsageError);
  assert.throws(() => new SecretTree(cs, encryptionSecret, 2, { outOfOrderTolerance: -1 }), UsageError);
  assert.throws(() => new SecretTree(cs, encryptionSecret, 2, { maxForwardDistance: 0.5 }), UsageError);
});

test("the tree copies encryption_secret, so the key schedule can wipe its own copy", () => {
  const secret = encryptionSecret.slice();
  const tree = new SecretTree(cs, secret, 2);
  const expected = copy(new SecretTree(cs, encryptionSecret, 2).ratchet(0, "handshake").nextForSending());
  secret.fill(0);
  assert.ok(bytesEqual(tree.ratchet(0, "handshake").nextForSending().key, expected.key));
});
