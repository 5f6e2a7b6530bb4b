/**
 * The node provider's fast X25519/X448 HPKE path: ephemeral keys drawn as random bytes and imported through
 * JWK, the public key (`enc`) read back from OpenSSL, and a memo of key_schedule_context by info. A wrong
 * `enc` only shows when another implementation opens the message, so these tests seal with one provider and
 * open with the other, many times, and compare node's public keys with noble's pk(sk).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { toHex } from "@parley/codec";
import { x25519 } from "@noble/curves/ed25519.js";
import { x448 } from "@noble/curves/ed448.js";
import { CryptoError } from "../src/errors.js";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";
import { nodeDh } from "../src/crypto/node/dh.js";
import { okpPrivateKey } from "../src/crypto/node/jwk.js";

const encoder = new TextEncoder();
const aad = encoder.encode("aad");

/** One MLS suite per Montgomery KEM, the noble curve for pk(sk), and how many cross-provider rounds to run. */
const CASES = [
  { suite: 1, kemId: 0x0020, curve: "X25519", nsk: 32, pk: x25519.getPublicKey, rounds: 150 },
  { suite: 4, kemId: 0x0021, curve: "X448", nsk: 56, pk: x448.getPublicKey, rounds: 25 },
] as const;

/** RFC 7748 §5 clamping, written out independently of the code under test. */
function clamped(curve: "X25519" | "X448", bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const last = out.length - 1;
  if (curve === "X25519") {
    out[0] = (out[0] ?? 0) & 0xf8;
    out[last] = ((out[last] ?? 0) & 0x7f) | 0x40;
  } else {
    out[0] = (out[0] ?? 0) & 0xfc;
    out[last] = (out[last] ?? 0) | 0x80;
  }
  return out;
}

/** A random source that hands out `fill`-patterned arrays and remembers them, to check wiping and use. */
function recordingSource(): { source: (n: number) => Uint8Array; handedOut: Uint8Array[] } {
  const handedOut: Uint8Array[] = [];
  let counter = 1;
  return {
    handedOut,
    source: (n) => {
      const bytes = new Uint8Array(n).map((_, i) => (counter * 31 + i * 7) & 0xff);
      counter++;
      handedOut.push(bytes);
      return bytes;
    },
  };
}

for (const c of CASES) {
  test(`${c.curve}: node seals open with noble and noble seals open with node (${c.rounds} rounds each)`, () => {
    const node = nodeProvider.suite(c.suite).hpke;
    const noble = nobleProvider.suite(c.suite).hpke;
    const encs = new Set<string>();
    for (let i = 0; i < c.rounds; i++) {
      const info = encoder.encode(`info ${i % 3}`);
      const pt = encoder.encode(`plaintext ${i}`);
      const nobleKey = noble.generateKeyPair();
      const sealed = node.seal(nobleKey.publicKey, info, aad, pt);
      encs.add(toHex(sealed.kemOutput));
      assert.deepEqual(noble.open(nobleKey.privateKey, sealed.kemOutput, info, aad, sealed.ciphertext), pt);

      const nodeKey = node.generateKeyPair();
      const back = noble.seal(nodeKey.publicKey, info, aad, pt);
      assert.deepEqual(node.open(nodeKey.privateKey, back.kemOutput, info, aad, back.ciphertext), pt);
    }
    // A fresh ephemeral key per seal (RFC 9180 §4.1 Encap): no enc ever repeats.
    assert.equal(encs.size, c.rounds);
  });

  test(`${c.curve}: generateKeyPair is a clamped random key whose public key is pk(sk)`, () => {
    const { source, handedOut } = recordingSource();
    const dh = nodeDh(c.kemId, source);
    for (let i = 0; i < 5; i++) {
      const kp = dh.generateKeyPair();
      const drawn = handedOut[handedOut.length - 1];
      assert.ok(drawn !== undefined);
      assert.equal(kp.privateKey.length, c.nsk);
      // RFC 9180 §7.1.2: SerializePrivateKey clamps; the random bytes are the key (§4, RFC 7748 §6).
      assert.equal(toHex(kp.privateKey), toHex(clamped(c.curve, drawn)));
      assert.equal(toHex(kp.publicKey), toHex(c.pk(kp.privateKey)));
      assert.equal(toHex(dh.publicKey(kp.privateKey)), toHex(kp.publicKey));
    }
  });

  test(`${c.curve}: ephemeralDh draws Nsk bytes, wipes them, and returns enc = pk(skE) with DH(skE, pkR)`, () => {
    const { source, handedOut } = recordingSource();
    const dh = nodeDh(c.kemId, source);
    const recipient = nobleProvider.suite(c.suite).hpke.generateKeyPair();
    const reference = recordingSource();
    const { enc, dh: shared } = dh.ephemeralDh(recipient.publicKey);
    const skE = clamped(c.curve, reference.source(c.nsk));
    assert.equal(handedOut.length, 1);
    assert.equal(handedOut[0]?.length, c.nsk);
    assert.ok(
      handedOut[0]?.every((b) => b === 0),
      "the ephemeral private bytes are wiped after import",
    );
    assert.equal(toHex(enc), toHex(c.pk(skE)));
    const curve = c.curve === "X25519" ? x25519 : x448;
    assert.equal(toHex(shared), toHex(curve.getSharedSecret(skE, recipient.publicKey)));
  });

  test(`${c.curve}: a random source of the wrong length fails with CryptoError, not a bad key`, () => {
    for (const delta of [-1, 1]) {
      const dh = nodeDh(c.kemId, (n) => new Uint8Array(n + delta).fill(7));
      const recipient = nodeProvider.suite(c.suite).hpke.generateKeyPair();
      assert.throws(() => dh.ephemeralDh(recipient.publicKey), CryptoError);
      assert.throws(() => dh.generateKeyPair(), CryptoError);
    }
  });

  test(`${c.curve}: okpPrivateKey derives the public key from d alone`, () => {
    for (let i = 0; i < 20; i++) {
      const sk = nobleProvider.randomBytes(c.nsk);
      const { publicKey } = okpPrivateKey(c.curve, sk);
      assert.equal(toHex(publicKey), toHex(c.pk(sk)));
    }
  });
}

test("key_schedule_context memo: compared by content, never by array, and bounded by recency", () => {
  const hpke = nodeProvider.suite(1).hpke;
  const kp = hpke.generateKeyPair();
  const pt = encoder.encode("secret");
  // More distinct infos than the memo holds, revisited in an order that evicts and refills it.
  const infos = Array.from({ length: 7 }, (_, i) => encoder.encode(`group context ${i}`));
  const order = [0, 1, 2, 3, 4, 5, 6, 0, 6, 1, 5, 2, 4, 3, 0];
  for (const i of order) {
    const info = infos[i] ?? new Uint8Array(0);
    const sealed = hpke.seal(kp.publicKey, info, aad, pt);
    assert.deepEqual(
      nobleProvider.suite(1).hpke.open(kp.privateKey, sealed.kemOutput, info, aad, sealed.ciphertext),
      pt,
    );
    for (const other of infos) {
      if (other === info) continue;
      assert.throws(
        () => hpke.open(kp.privateKey, sealed.kemOutput, other, aad, sealed.ciphertext),
        CryptoError,
      );
    }
  }
  // The same array, changed in place after sealing, must be treated as the different info it now is.
  const info = encoder.encode("mutable info");
  const sealed = hpke.seal(kp.publicKey, info, aad, pt);
  info[0] = (info[0] ?? 0) ^ 1;
  assert.throws(() => hpke.open(kp.privateKey, sealed.kemOutput, info, aad, sealed.ciphertext), CryptoError);
  info[0] = (info[0] ?? 0) ^ 1;
  assert.deepEqual(hpke.open(kp.privateKey, sealed.kemOutput, info, aad, sealed.ciphertext), pt);
  // Same length, same prefix, last byte different.
  const near = info.slice();
  near[near.length - 1] = (near[near.length - 1] ?? 0) ^ 0x80;
  assert.throws(() => hpke.open(kp.privateKey, sealed.kemOutput, near, aad, sealed.ciphertext), CryptoError);
});

test("key_schedule_context memo: infos too large to remember still work, and non-bytes info is rejected", () => {
  const hpke = nodeProvider.suite(1).hpke;
  const kp = hpke.generateKeyPair();
  const pt = encoder.encode("secret");
  const big = new Uint8Array(20_000).fill(3);
  const sealed = hpke.seal(kp.publicKey, big, aad, pt);
  assert.deepEqual(
    nobleProvider.suite(1).hpke.open(kp.privateKey, sealed.kemOutput, big, aad, sealed.ciphertext),
    pt,
  );
  assert.deepEqual(hpke.open(kp.privateKey, sealed.kemOutput, big, aad, sealed.ciphertext), pt);
  const notBytes = "info" as unknown as Uint8Array;
  assert.throws(() => hpke.seal(kp.publicKey, notBytes, aad, pt), { name: "CryptoError", message: /info/ });
});
