/**
 * The cipher suite objects: the RFC 9420 §17.1 table (read from the spec text), unsupported ids, and the
 * symmetric primitives (hash, HMAC, HKDF, AEAD) checked across providers and against OpenSSL's one-shot HKDF.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, hkdfSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { p256, p384, p521 } from "@noble/curves/nist.js";
import { toHex } from "@parley/codec";
import { findShared } from "@parley/testing";
import { CryptoError, UnsupportedError } from "../src/errors.js";
import { kemParams, SUPPORTED_SUITES } from "../src/crypto/algorithms.js";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";

const providers = [nodeProvider, nobleProvider] as const;

// RFC 8446 §4.2.3 SignatureScheme codes for the names RFC 9420 §17.1 uses.
const TLS_SIGNATURE_SCHEMES: Record<string, number> = {
  ed25519: 0x0807,
  ed448: 0x0808,
  ecdsa_secp256r1_sha256: 0x0403,
  ecdsa_secp384r1_sha384: 0x0503,
  ecdsa_secp521r1_sha512: 0x0603,
};

interface SuiteRow {
  id: number;
  kem: number;
  kdf: number;
  aead: number;
  hash: string;
  signature: string;
  name: string;
}

/** The two RFC 9420 §17.1 tables: names, and the mapping to HPKE ids, hash and signature scheme. */
function suiteRowsFromSpec(text: string): SuiteRow[] {
  const names = new Map<number, string>();
  for (const m of text.matchAll(/^\| (0x000\d) +\| (MLS_\w+) +\|/gm)) names.set(Number(m[1]), m[2] ?? "");
  const rows: SuiteRow[] = [];
  const mapping = /^\| (0x000\d) \| (0x00\w\w) \| (0x000\d) \| (0x000\d) \| (SHA\d+) +\| (\w+) +\|$/gm;
  for (const m of text.matchAll(mapping)) {
    const id = Number(m[1]);
    const [kem, kdf, aead] = [m[2], m[3], m[4]].map(Number);
    rows.push({
      id,
      kem: kem ?? 0,
      kdf: kdf ?? 0,
      aead: aead ?? 0,
      hash: m[5] ?? "",
      signature: m[6] ?? "",
      name: names.get(id) ?? "",
    });
  }
  return rows;
}

const specPath = findShared("specs", "rfc9420-mls-protocol.md");

test("every RFC 9420 §17.1 suite is supported with the table's parameters", (t) => {
  if (specPath === undefined) return t.skip("rfc9420-mls-protocol.md not found");
  const rows = suiteRowsFromSpec(readFileSync(specPath, "utf8"));
  assert.equal(rows.length, 7);
  assert.deepEqual(
    [...SUPPORTED_SUITES],
    rows.map((r) => r.id),
  );
  for (const provider of providers) {
    for (const row of rows) {
      const cs = provider.suite(row.id);
      assert.equal(cs.id, row.id);
      assert.equal(cs.name, row.name);
      assert.deepEqual([cs.kemId, cs.kdfId, cs.aeadId], [row.kem, row.kdf, row.aead], row.name);
      assert.equal(cs.hashLength * 8, Number(row.hash.slice(3)), row.name);
      assert.equal(cs.signatureScheme, TLS_SIGNATURE_SCHEMES[row.signature], row.name);
      assert.equal(cs.aeadKeyLength, row.aead === 1 ? 16 : 32);
      assert.equal(cs.aeadNonceLength, 12);
      assert.equal(cs.hash(new Uint8Array(0)).length, cs.hashLength);
    }
  }
});

test("unknown, reserved and GREASE suite ids are rejected with UnsupportedError naming the id", () => {
  for (const provider of providers) {
    for (const [id, shown] of [
      [0, "0x0000"],
      [8, "0x0008"],
      [0x0a0a, "0x0a0a"],
      [0xf000, "0xf000"],
      [-1, "-1"],
      [1.5, "1.5"],
    ] as const) {
      assert.throws(
        () => provider.suite(id),
        (e: unknown) => e instanceof UnsupportedError && e.message.includes(shown),
      );
    }
  }
});

test("the DeriveKeyPair group orders equal the curves' orders", () => {
  assert.equal(kemParams(0x0010).order, p256.Point.Fn.ORDER);
  assert.equal(kemParams(0x0011).order, p384.Point.Fn.ORDER);
  assert.equal(kemParams(0x0012).order, p521.Point.Fn.ORDER);
});

test("hash, HMAC and HKDF agree across providers and with OpenSSL's one-shot HKDF", () => {
  const data = new TextEncoder().encode("some input keying material");
  const salt = new Uint8Array(13).fill(9);
  const info = new Uint8Array(7).fill(3);
  for (const id of SUPPORTED_SUITES) {
    const a = nodeProvider.suite(id);
    const b = nobleProvider.suite(id);
    const hashName = `sha${a.hashLength * 8}`;
    assert.equal(toHex(a.hash(data)), createHash(hashName).update(data).digest("hex"));
    assert.equal(toHex(b.hash(data)), toHex(a.hash(data)));
    assert.equal(toHex(b.mac(salt, data)), toHex(a.mac(salt, data)));
    for (const length of [0, 1, a.hashLength, a.hashLength + 1, 3 * a.hashLength + 5]) {
      const want = Buffer.from(hkdfSync(hashName, data, salt, info, length)).toString("hex");
      for (const cs of [a, b])
        assert.equal(toHex(cs.kdfExpand(cs.kdfExtract(salt, data), info, length)), want);
    }
    // RFC 5869 §2.3: L <= 255 * HashLen.
    assert.throws(() => a.kdfExpand(a.kdfExtract(salt, data), info, 255 * a.hashLength + 1), CryptoError);
    assert.throws(() => b.kdfExpand(new Uint8Array(a.hashLength - 1), info, 8), CryptoError);
  }
});

test("AEAD: deterministic across providers, tamper-evident, strict about key/nonce sizes", () => {
  for (const id of SUPPORTED_SUITES) {
    const suites = providers.map((p) => p.suite(id));
    const ref = suites[0];
    if (ref === undefined) throw new Error("no suite");
    const key = nodeProvider.randomBytes(ref.aeadKeyLength);
    const nonce = nodeProvider.randomBytes(ref.aeadNonceLength);
    const aad = new Uint8Array([1, 2, 3]);
    for (const size of [0, 100, 10_240]) {
      const pt = nodeProvider.randomBytes(size);
      const cts = suites.map((cs) => cs.seal(key, nonce, aad, pt));
      assert.equal(
        toHex(cts[0] ?? new Uint8Array()),
        toHex(cts[1] ?? new Uint8Array()),
        `suite ${id} size ${size}`,
      );
      const ct = cts[0] ?? new Uint8Array();
      for (const cs of suites) {
        assert.deepEqual(cs.open(key, nonce, aad, ct), pt);
        const bad = ct.slice();
        bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1;
        assert.throws(() => cs.open(key, nonce, aad, bad), CryptoError);
        assert.throws(() => cs.open(key, nonce, new Uint8Array(0), ct), CryptoError);
        assert.throws(() => cs.open(key, nonce, aad, ct.subarray(0, 15)), CryptoError);
        assert.throws(() => cs.seal(key.subarray(1), nonce, aad, pt), /key must be/);
        assert.throws(() => cs.seal(key, nonce.subarray(1), aad, pt), /nonce must be/);
        assert.throws(() => cs.open(new Uint8Array(key.length + 1), nonce, aad, ct), /key must be/);
      }
    }
  }
});

test("randomBytes returns fresh plain Uint8Arrays of the requested size", () => {
  for (const provider of providers) {
    const a = provider.randomBytes(32);
    assert.equal(a.length, 32);
    assert.equal(Object.getPrototypeOf(a), Uint8Array.prototype);
    assert.notEqual(toHex(a), toHex(provider.randomBytes(32)));
  }
});
