import assert from "node:assert/strict";
import { createHash, generateKeyPairSync, sign, verify } from "node:crypto";
import { test } from "node:test";
import {
  ed25519KeyFromSeed,
  ed25519KeyId,
  ed25519PrivateKey,
  ed25519PublicKey,
  ed25519RawPublicKey,
} from "../src/index.js";

/** A key pair made by OpenSSL itself, with its raw halves from the JWK export (RFC 8037 §2). */
function opensslPair() {
  const pair = generateKeyPairSync("ed25519");
  const jwk = pair.privateKey.export({ format: "jwk" });
  return {
    ...pair,
    seed: new Uint8Array(Buffer.from(jwk.d ?? "", "base64url")),
    raw: new Uint8Array(Buffer.from(jwk.x ?? "", "base64url")),
  };
}

test("a seed and a raw public key become the same keys OpenSSL generated", () => {
  for (let i = 0; i < 4; i++) {
    const pair = opensslPair();
    const privateKey = ed25519PrivateKey(pair.seed);
    const der = (k: typeof privateKey, type: "pkcs8" | "spki") => k.export({ format: "der", type });
    assert.deepEqual(der(privateKey, "pkcs8"), der(pair.privateKey, "pkcs8"));
    assert.deepEqual(der(ed25519PublicKey(pair.raw), "spki"), der(pair.publicKey, "spki"));
    assert.deepEqual(ed25519RawPublicKey(privateKey), pair.raw);
    assert.deepEqual(ed25519RawPublicKey(pair.publicKey), pair.raw);
    const message = Buffer.from(`message ${i}`);
    assert.ok(verify(null, message, ed25519PublicKey(pair.raw), sign(null, message, privateKey)));
  }
});

test("ed25519KeyFromSeed carries the public key and the 8-byte SHA-256 key id", () => {
  const pair = opensslPair();
  const key = ed25519KeyFromSeed(pair.seed);
  assert.deepEqual(key.publicKey, pair.raw);
  const digest = createHash("sha256").update(pair.raw).digest();
  assert.deepEqual(key.keyId, new Uint8Array(digest.subarray(0, 8)));
  assert.deepEqual(ed25519KeyId(pair.raw), key.keyId);
  assert.deepEqual(key.seed, pair.seed);
});

test("keys of the wrong length or kind are refused by name", () => {
  for (const length of [0, 31, 33, 64]) {
    assert.throws(() => ed25519PrivateKey(new Uint8Array(length)), /Ed25519 seed is 32 bytes/);
    assert.throws(() => ed25519PublicKey(new Uint8Array(length)), /Ed25519 public key is 32 bytes/);
  }
  const p256 = generateKeyPairSync("ec", { namedCurve: "P-256" });
  assert.throws(() => ed25519RawPublicKey(p256.publicKey), /not an Ed25519 key/);
});
