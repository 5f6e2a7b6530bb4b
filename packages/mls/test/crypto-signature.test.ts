/**
 * Signatures (RFC 9420 §5.1.2: DER ECDSA, raw EdDSA) on both providers: round trips, interop in both
 * directions, rejection of tampered input, and key-size checks.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { p256, p384, p521 } from "@noble/curves/nist.js";
import { fromHex } from "@parley/codec";
import { CryptoError } from "../src/errors.js";
import { signatureParams, SUPPORTED_SUITES } from "../src/crypto/algorithms.js";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";

const providers = [nodeProvider, nobleProvider] as const;
const message = new TextEncoder().encode("a signed message");

function flip(bytes: Uint8Array, index: number): Uint8Array {
  const out = bytes.slice();
  out[index] = (out[index] ?? 0) ^ 0x01;
  return out;
}

for (const id of SUPPORTED_SUITES) {
  test(`signatures, suite ${id}: keys and signatures interoperate between providers`, () => {
    const params = signatureParams(nodeProvider.suite(id).signatureScheme);
    for (const keyMaker of providers) {
      const kp = keyMaker.suite(id).generateSignatureKeyPair();
      assert.equal(kp.privateKey.length, params.nsk);
      assert.equal(kp.publicKey.length, params.npk);
      for (const signer of providers) {
        const sig = signer.suite(id).sign(kp.privateKey, message);
        for (const verifier of providers) {
          const cs = verifier.suite(id);
          const who = `${keyMaker.name} key, ${signer.name} signs, ${verifier.name} verifies`;
          assert.equal(cs.verify(kp.publicKey, message, sig), true, who);
          assert.equal(cs.verify(kp.publicKey, flip(message, 0), sig), false, `${who}: message`);
          assert.equal(
            cs.verify(kp.publicKey, message, flip(sig, sig.length - 1)),
            false,
            `${who}: signature`,
          );
          assert.equal(cs.verify(kp.publicKey, message, sig.subarray(0, 8)), false, `${who}: truncated`);
          assert.equal(cs.verify(kp.publicKey, message, new Uint8Array(0)), false, `${who}: empty`);
        }
      }
    }
  });

  for (const provider of providers) {
    test(`signatures, suite ${id} (${provider.name}): wrong key sizes and invalid keys are rejected`, () => {
      const cs = provider.suite(id);
      const kp = cs.generateSignatureKeyPair();
      const sig = cs.sign(kp.privateKey, message);
      const curves: Partial<Record<number, typeof p256>> = { 2: p256, 5: p521, 7: p384 };
      const curve = curves[id];
      if (curve !== undefined) {
        // A big-endian scalar with its leading zero byte dropped (as the P-521 vectors carry it)
        // is the same key: it is left-padded and signs like the full-width form.
        const full = kp.privateKey.slice();
        full[0] = 0;
        const signature = cs.sign(full.subarray(1), message);
        assert.ok(cs.verify(curve.getPublicKey(full, false), message, signature));
        assert.throws(() => cs.sign(new Uint8Array(0), message), /private key must be/);
      } else {
        assert.throws(() => cs.sign(kp.privateKey.subarray(1), message), /private key must be/);
      }
      assert.throws(() => cs.sign(new Uint8Array([...kp.privateKey, 0]), message), CryptoError);
      assert.throws(() => cs.verify(kp.publicKey.subarray(1), message, sig), /public key must be/);
      const other = cs.generateSignatureKeyPair();
      assert.equal(cs.verify(other.publicKey, message, sig), false, "another key");
      if (kp.publicKey[0] === 0x04 && kp.publicKey.length > 57) {
        // ECDSA: a point off the curve verifies nothing; a non-uncompressed encoding is refused outright.
        assert.equal(cs.verify(flip(kp.publicKey, kp.publicKey.length - 1), message, sig), false);
        assert.throws(
          () => cs.verify(new Uint8Array([2, ...kp.publicKey.subarray(1)]), message, sig),
          /uncompressed/,
        );
        // SEC 1: a scalar must satisfy 0 < d < n.
        const order = signatureParams(cs.signatureScheme).order;
        const n = fromHex(order.toString(16).padStart(kp.privateKey.length * 2, "0"));
        for (const d of [new Uint8Array(kp.privateKey.length), n])
          assert.throws(() => cs.sign(d, message), /private key/);
      }
    });
  }
}

test("ECDSA: high-S signatures (as OpenSSL produces them) verify on both providers", () => {
  for (const [id, curve] of [
    [2, p256],
    [7, p384],
    [5, p521],
  ] as const) {
    const kp = nobleProvider.suite(id).generateSignatureKeyPair();
    const low = curve.Signature.fromBytes(nobleProvider.suite(id).sign(kp.privateKey, message), "der");
    const high = new curve.Signature(low.r, curve.Point.Fn.ORDER - low.s).toBytes("der");
    for (const provider of providers)
      assert.equal(provider.suite(id).verify(kp.publicKey, message, high), true);
  }
});
