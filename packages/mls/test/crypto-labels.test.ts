/** The RFC 9420 §5 / §8 / §9.1 labelled helpers: domain separation by label and input checks. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { toHex } from "@parley/codec";
import { CryptoError } from "../src/errors.js";
import {
  decryptWithLabel,
  deriveSecret,
  deriveTreeSecret,
  encryptWithLabel,
  expandWithLabel,
  makeKeyPackageRef,
  makeProposalRef,
  nobleProvider,
  nodeProvider,
  refHash,
  signWithLabel,
  verifyWithLabel,
} from "../src/crypto/index.js";

const content = new TextEncoder().encode("content");
const context = new TextEncoder().encode("context");

for (const provider of [nodeProvider, nobleProvider]) {
  const cs = provider.suite(1);

  test(`SignWithLabel (${provider.name}): another label or content does not verify`, () => {
    const kp = cs.generateSignatureKeyPair();
    const sig = signWithLabel(cs, kp.privateKey, "LeafNodeTBS", content);
    assert.equal(verifyWithLabel(cs, kp.publicKey, "LeafNodeTBS", content, sig), true);
    assert.equal(verifyWithLabel(cs, kp.publicKey, "KeyPackageTBS", content, sig), false);
    assert.equal(verifyWithLabel(cs, kp.publicKey, "LeafNodeTBS", context, sig), false);
    // The label is prefixed with "MLS 1.0 ", so a plain signature over the bare content is not a labelled one.
    assert.equal(
      verifyWithLabel(cs, kp.publicKey, "LeafNodeTBS", content, cs.sign(kp.privateKey, content)),
      false,
    );
  });

  test(`EncryptWithLabel (${provider.name}): another label or context fails to decrypt with CryptoError`, () => {
    const kp = cs.hpke.generateKeyPair();
    const { kemOutput, ciphertext } = encryptWithLabel(cs, kp.publicKey, "UpdatePathNode", context, content);
    assert.deepEqual(
      decryptWithLabel(cs, kp.privateKey, "UpdatePathNode", context, kemOutput, ciphertext),
      content,
    );
    assert.throws(
      () => decryptWithLabel(cs, kp.privateKey, "Welcome", context, kemOutput, ciphertext),
      CryptoError,
    );
    assert.throws(
      () => decryptWithLabel(cs, kp.privateKey, "UpdatePathNode", content, kemOutput, ciphertext),
      CryptoError,
    );
  });

  test(`ExpandWithLabel family (${provider.name}): labels separate outputs; bad lengths are rejected`, () => {
    const secret = new Uint8Array(32).fill(7);
    const a = expandWithLabel(cs, secret, "key", context, 16);
    assert.equal(a.length, 16);
    assert.notEqual(toHex(a), toHex(expandWithLabel(cs, secret, "nonce", context, 16)));
    assert.equal(
      toHex(deriveSecret(cs, secret, "init")),
      toHex(expandWithLabel(cs, secret, "init", new Uint8Array(0), 32)),
    );
    assert.equal(
      toHex(deriveTreeSecret(cs, secret, "secret", 0x01020304, 32)),
      toHex(expandWithLabel(cs, secret, "secret", new Uint8Array([1, 2, 3, 4]), 32)),
    );
    assert.throws(() => expandWithLabel(cs, secret, "key", context, 0x10000), /uint16/);
    assert.throws(() => expandWithLabel(cs, secret, "key", context, 255 * 32 + 1), CryptoError);
    for (const generation of [-1, 2 ** 32, 1.5]) {
      assert.throws(() => deriveTreeSecret(cs, secret, "key", generation, 16), /uint32/);
    }
  });

  test(`RefHash (${provider.name}): KeyPackageRef and ProposalRef use their own labels`, () => {
    const value = new Uint8Array([1, 2, 3]);
    assert.equal(
      toHex(makeKeyPackageRef(cs, value)),
      toHex(refHash(cs, "MLS 1.0 KeyPackage Reference", value)),
    );
    assert.equal(toHex(makeProposalRef(cs, value)), toHex(refHash(cs, "MLS 1.0 Proposal Reference", value)));
    assert.notEqual(toHex(makeKeyPackageRef(cs, value)), toHex(makeProposalRef(cs, value)));
    assert.equal(makeKeyPackageRef(cs, value).length, cs.hashLength);
  });
}
