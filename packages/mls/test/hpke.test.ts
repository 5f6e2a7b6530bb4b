/**
 * HPKE (RFC 9180) behaviour beyond the RFC vectors: round trips for all five KEMs on both providers, interop
 * between providers, and rejection of tampered or invalid input (§7.1.4 validation, AEAD authentication).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fromHex, toHex } from "@parley/codec";
import { p256, p384, p521 } from "@noble/curves/nist.js";
import { CryptoError } from "../src/errors.js";
import { kemParams } from "../src/crypto/algorithms.js";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";
import type { CipherSuite } from "../src/crypto/provider.js";

const providers = [nodeProvider, nobleProvider] as const;
// One MLS suite per KEM: X25519, P-256, X448, P-521, P-384.
const SUITE_PER_KEM = [1, 2, 4, 5, 7];
const info = new TextEncoder().encode("info");
const aad = new TextEncoder().encode("aad");
const pt = new TextEncoder().encode("a plaintext of modest length");

function flip(bytes: Uint8Array, index: number): Uint8Array {
  const out = bytes.slice();
  out[index] = (out[index] ?? 0) ^ 0x01;
  return out;
}

for (const id of SUITE_PER_KEM) {
  test(`HPKE suite ${id}: seal/open round-trips within and across providers`, () => {
    for (const sender of providers) {
      for (const receiver of providers) {
        const kp = receiver.suite(id).hpke.generateKeyPair();
        const { kemOutput, ciphertext } = sender.suite(id).hpke.seal(kp.publicKey, info, aad, pt);
        const kem = kemParams(sender.suite(id).kemId);
        assert.equal(kemOutput.length, kem.nenc);
        assert.equal(ciphertext.length, pt.length + 16);
        assert.deepEqual(receiver.suite(id).hpke.open(kp.privateKey, kemOutput, info, aad, ciphertext), pt);
      }
    }
  });

  test(`HPKE suite ${id}: DeriveKeyPair agrees across providers and is deterministic`, () => {
    const ikm = new Uint8Array(kemParams(nodeProvider.suite(id).kemId).nsk).fill(0x42);
    const a = nodeProvider.suite(id).hpke.deriveKeyPair(ikm);
    const b = nobleProvider.suite(id).hpke.deriveKeyPair(ikm);
    assert.equal(toHex(a.privateKey), toHex(b.privateKey));
    assert.equal(toHex(a.publicKey), toHex(b.publicKey));
    assert.equal(toHex(nodeProvider.suite(id).hpke.deriveKeyPair(ikm).publicKey), toHex(a.publicKey));
  });

  for (const provider of providers) {
    test(`HPKE suite ${id} (${provider.name}): tampering with ciphertext, tag, kem_output, info or aad fails`, () => {
      const hpke = provider.suite(id).hpke;
      const kp = hpke.generateKeyPair();
      const { kemOutput, ciphertext } = hpke.seal(kp.publicKey, info, aad, pt);
      const open =
        (enc: Uint8Array, ct: Uint8Array, i = info, a = aad) =>
        () =>
          hpke.open(kp.privateKey, enc, i, a, ct);
      assert.throws(open(kemOutput, flip(ciphertext, 0)), CryptoError, "ciphertext body");
      assert.throws(open(kemOutput, flip(ciphertext, ciphertext.length - 1)), CryptoError, "tag");
      assert.throws(open(kemOutput, ciphertext.subarray(0, 15)), CryptoError, "shorter than a tag");
      // Flip a byte inside the encoded key (not the 0x04 prefix): an invalid point or a different DH result.
      assert.throws(open(flip(kemOutput, kemOutput.length - 1), ciphertext), CryptoError, "kem_output");
      assert.throws(open(kemOutput, ciphertext, new Uint8Array(0)), CryptoError, "info");
      assert.throws(open(kemOutput, ciphertext, info, new Uint8Array([1])), CryptoError, "aad");
      const other = hpke.generateKeyPair();
      assert.throws(
        () => hpke.open(other.privateKey, kemOutput, info, aad, ciphertext),
        CryptoError,
        "wrong key",
      );
    });

    test(`HPKE suite ${id} (${provider.name}): wrong key and kem_output lengths are rejected`, () => {
      const hpke = provider.suite(id).hpke;
      const kp = hpke.generateKeyPair();
      const { kemOutput, ciphertext } = hpke.seal(kp.publicKey, info, aad, pt);
      assert.throws(() => hpke.seal(kp.publicKey.subarray(1), info, aad, pt), /public key must be/);
      assert.throws(() => hpke.seal(new Uint8Array([...kp.publicKey, 0]), info, aad, pt), CryptoError);
      assert.throws(
        () => hpke.open(kp.privateKey, kemOutput.subarray(1), info, aad, ciphertext),
        /kem_output/,
      );
      assert.throws(
        () => hpke.open(kp.privateKey.subarray(1), kemOutput, info, aad, ciphertext),
        /private key/,
      );
    });
  }
}

/** RFC 7748 low-order u-coordinates (and non-canonical encodings of them) for which X25519/X448 yield zero. */
const X25519_LOW_ORDER = [
  "0000000000000000000000000000000000000000000000000000000000000000",
  "0100000000000000000000000000000000000000000000000000000000000000",
  "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
  "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
  "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p - 1
  "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p
  "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p + 1
];
const X448_LOW_ORDER = [
  "00".repeat(56),
  "01" + "00".repeat(55),
  "fe" + "ff".repeat(27) + "fe" + "ff".repeat(27), // p - 1
];

function lowOrderCases(cs: CipherSuite, points: string[]): void {
  const kp = cs.hpke.generateKeyPair();
  const { ciphertext } = cs.hpke.seal(kp.publicKey, info, aad, pt);
  for (const hex of points) {
    const point = fromHex(hex);
    // §7.1.4: the sender must not encapsulate to it, the recipient must not decapsulate it.
    assert.throws(() => cs.hpke.seal(point, info, aad, pt), /all zero|invalid public key/, `seal to ${hex}`);
    assert.throws(
      () => cs.hpke.open(kp.privateKey, point, info, aad, ciphertext),
      CryptoError,
      `open ${hex}`,
    );
  }
}

for (const provider of providers) {
  test(`HPKE X25519/X448 (${provider.name}): low-order public keys give an all-zero DH and are rejected`, () => {
    lowOrderCases(provider.suite(1), X25519_LOW_ORDER);
    lowOrderCases(provider.suite(4), X448_LOW_ORDER);
  });

  test(`HPKE NIST curves (${provider.name}): invalid points and private scalars are rejected`, () => {
    for (const [id, curve] of [
      [2, p256],
      [7, p384],
      [5, p521],
    ] as const) {
      const cs = provider.suite(id);
      const { npk, nsk, order } = kemParams(cs.kemId);
      const coord = (npk - 1) / 2;
      const kp = cs.hpke.generateKeyPair();
      const good = kp.publicKey;
      const prime = curve.Point.Fp.ORDER;
      const pBytes = fromHex(prime.toString(16).padStart(coord * 2, "0"));
      const invalid: Array<[string, Uint8Array]> = [
        ["identity encoded as (0, 0)", new Uint8Array([4, ...new Uint8Array(npk - 1)])],
        ["point off the curve", flip(good, npk - 1)],
        ["x coordinate = p", new Uint8Array([4, ...pBytes, ...good.subarray(1 + coord)])],
        ["compressed prefix", new Uint8Array([2, ...good.subarray(1)])],
        ["hybrid prefix", new Uint8Array([6, ...good.subarray(1)])],
        ["compressed length", good.subarray(0, 1 + coord)],
      ];
      const { ciphertext } = cs.hpke.seal(good, info, aad, pt);
      for (const [what, pk] of invalid) {
        assert.throws(() => cs.hpke.seal(pk, info, aad, pt), CryptoError, `suite ${id} seal: ${what}`);
        assert.throws(
          () => cs.hpke.open(kp.privateKey, pk, info, aad, ciphertext),
          CryptoError,
          `open: ${what}`,
        );
      }
      const orderBytes = fromHex(order.toString(16).padStart(nsk * 2, "0"));
      for (const sk of [new Uint8Array(nsk), orderBytes]) {
        assert.throws(
          () => cs.hpke.open(sk, good, info, aad, ciphertext),
          /invalid .*private key/,
          `suite ${id} sk`,
        );
      }
    }
  });
}

test("HPKE errors never include key material", () => {
  const cs = nodeProvider.suite(2);
  const kp = cs.hpke.generateKeyPair();
  const { kemOutput, ciphertext } = cs.hpke.seal(kp.publicKey, info, aad, pt);
  for (const provider of providers) {
    const attempts = [
      () => provider.suite(2).hpke.open(kp.privateKey, kemOutput, info, aad, flip(ciphertext, 0)),
      () => provider.suite(2).hpke.open(kp.privateKey.subarray(1), kemOutput, info, aad, ciphertext),
      () => provider.suite(2).hpke.open(new Uint8Array(32).fill(0xff), kemOutput, info, aad, ciphertext),
    ];
    for (const attempt of attempts) {
      assert.throws(attempt, (e: unknown) => {
        assert.ok(e instanceof CryptoError);
        for (const secret of [kp.privateKey, kp.privateKey.subarray(1)])
          assert.ok(!e.message.includes(toHex(secret)));
        return true;
      });
    }
  }
});
