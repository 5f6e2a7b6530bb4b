/** The node backend's key plumbing: JWK and DER wrappers agree with OpenSSL; the key caches stay bounded. */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  createECDH,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import { ecPkcs8 } from "../src/crypto/node/der.js";
import { ecPublicKey, okpPrivateKey, okpPublicKey, okpRawPublic } from "../src/crypto/node/jwk.js";
import { KeyCache, LruCache, privateCacheKey, publicCacheKey } from "../src/crypto/node/key-cache.js";

function der(key: KeyObject, type: "spki" | "pkcs8"): string {
  return key.export({ format: "der", type }).toString("hex");
}

test("OKP key wrappers: raw private keys import to the key OpenSSL holds (RFC 8037), JWK round-trips raw public keys", () => {
  const kinds = [
    ["X25519", () => generateKeyPairSync("x25519")],
    ["X448", () => generateKeyPairSync("x448")],
    ["Ed25519", () => generateKeyPairSync("ed25519")],
    ["Ed448", () => generateKeyPairSync("ed448")],
  ] as const;
  for (const [curve, generate] of kinds) {
    const { privateKey, publicKey } = generate();
    const d = privateKey.export({ format: "jwk" }).d;
    assert.ok(typeof d === "string");
    const x = okpRawPublic(publicKey);
    const imported = okpPrivateKey(curve, new Uint8Array(Buffer.from(d, "base64url")));
    assert.equal(der(imported.key, "pkcs8"), der(privateKey, "pkcs8"));
    assert.deepEqual(imported.publicKey, x);
    assert.equal(der(okpPublicKey(curve, x), "spki"), der(publicKey, "spki"));
    assert.deepEqual(okpRawPublic(privateKey), x);
  }
});

test("EC key wrappers import to the same key OpenSSL derives (RFC 5915 / RFC 7518); off-curve points fail", () => {
  const curves = [
    ["P-256", "prime256v1"],
    ["P-384", "secp384r1"],
    ["P-521", "secp521r1"],
  ] as const;
  for (const [curve, name] of curves) {
    const ecdh = createECDH(name);
    const point = ecdh.generateKeys();
    const key = Buffer.from(ecPkcs8(curve, ecdh.getPrivateKey()));
    const fromScalar = createPublicKey(createPrivateKey({ key, format: "der", type: "pkcs8" }));
    assert.equal(der(fromScalar, "spki"), der(ecPublicKey(curve, point), "spki"));
    point[point.length - 1] = (point[point.length - 1] ?? 0) ^ 1;
    assert.throws(() => ecPublicKey(curve, point));
  }
});

test("LruCache evicts the least recently used entry and caches nothing when creation throws", () => {
  const cache = new LruCache<number>(2);
  let made = 0;
  const make = (v: number) => () => (made++, v);
  cache.getOrCreate("a", make(1));
  cache.getOrCreate("b", make(2));
  cache.getOrCreate("a", make(99)); // hit: "a" becomes most recent
  cache.getOrCreate("c", make(3)); // evicts "b"
  assert.equal(cache.size, 2);
  assert.equal(made, 3);
  assert.equal(cache.getOrCreate("a", make(100)), 1);
  assert.equal(cache.getOrCreate("b", make(4)), 4);
  assert.throws(() =>
    cache.getOrCreate("d", () => {
      throw new Error("bad key");
    }),
  );
  assert.equal(cache.size, 2);
});

test("cache keys: private keys are hashed, public keys are kept verbatim", () => {
  const secret = new Uint8Array(32).fill(0xab);
  assert.ok(!privateCacheKey(secret).includes(Buffer.from(secret).toString("latin1")));
  assert.notEqual(privateCacheKey(secret), privateCacheKey(new Uint8Array(32).fill(0xac)));
  assert.equal(publicCacheKey(secret), Buffer.from(secret).toString("latin1"));
  assert.equal(publicCacheKey(secret.subarray(1)).length, 31);
});

test("KeyCache: the same array hits without re-import; an overwritten array never returns the old key", () => {
  let imports = 0;
  const cache = new KeyCache<string>(4, publicCacheKey);
  const importKey = (bytes: Uint8Array) => () => (imports++, Buffer.from(bytes).toString("hex"));
  const key = new Uint8Array(32).fill(1);
  assert.equal(cache.get(key, importKey(key)), "01".repeat(32));
  assert.equal(cache.get(key, importKey(key)), "01".repeat(32));
  assert.equal(imports, 1);
  key.fill(2);
  assert.equal(cache.get(key, importKey(key)), "02".repeat(32));
  assert.equal(imports, 2);
  // A different array with the first content is found by content.
  assert.equal(cache.get(new Uint8Array(32).fill(1), importKey(key)), "01".repeat(32));
  assert.equal(imports, 2);
});
