/**
 * The hand-built labelled inputs (RFC 9420 §5.1.2 SignContent, §5.1.3 EncryptContext, §5.2 RefHashInput,
 * §8 KDFLabel) must be byte-identical to the TLS encoding of the structs, and the one-MAC ExpandWithLabel
 * must equal the general HKDF-Expand, at every varint length class of the context.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Writer, toHex } from "@parley/codec";
import { kdfLabel, mlsLabelledContent, refHashInput } from "../src/crypto/label-encoding.js";
import { expandWithLabel, nobleProvider, nodeProvider } from "../src/crypto/index.js";
import { CryptoError } from "../src/errors.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Context lengths on both sides of each RFC 9420 §2.1.2 varint boundary. */
const LENGTHS = [0, 1, 63, 64, 16383, 16384];
const filled = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff);

test("KDFLabel is struct { uint16 length; opaque label<V>; opaque context<V> } with 'MLS 1.0 ' prefixed", () => {
  for (const n of LENGTHS) {
    for (const length of [0, 12, 32, 0x1234]) {
      const context = filled(n);
      const want = new Writer().u16(length).opaque(utf8("MLS 1.0 key")).opaque(context).finish();
      assert.equal(toHex(kdfLabel("key", context, length)), toHex(want), `context ${n}, length ${length}`);
      const withTrailer = kdfLabel("key", context, length, 1);
      assert.equal(withTrailer.length, want.length + 1);
      assert.equal(withTrailer[want.length], 0);
    }
  }
});

test("SignContent/EncryptContext and RefHashInput are two opaque vectors", () => {
  for (const n of LENGTHS) {
    const value = filled(n);
    const mls = new Writer().opaque(utf8("MLS 1.0 FramedContentTBS")).opaque(value).finish();
    assert.equal(toHex(mlsLabelledContent("FramedContentTBS", value)), toHex(mls));
    const raw = new Writer().opaque(utf8("MLS 1.0 Proposal Reference")).opaque(value).finish();
    assert.equal(toHex(refHashInput("MLS 1.0 Proposal Reference", value)), toHex(raw));
  }
});

for (const provider of [nodeProvider, nobleProvider]) {
  for (const suite of [1, 5]) {
    const cs = provider.suite(suite);
    test(`ExpandWithLabel (${provider.name}, suite ${suite}): one-MAC path equals HKDF-Expand`, () => {
      const secret = filled(cs.hashLength);
      for (const n of [0, 4, 64]) {
        const context = filled(n);
        for (const length of [1, cs.aeadNonceLength, cs.aeadKeyLength, cs.hashLength, cs.hashLength + 1]) {
          const general = cs.kdfExpand(secret, kdfLabel("tree", context, length), length);
          const fast = expandWithLabel(cs, secret, "tree", context, length);
          assert.equal(toHex(fast), toHex(general), `context ${n}, length ${length}`);
        }
      }
    });

    test(`ExpandWithLabel (${provider.name}, suite ${suite}): short secrets are rejected, truncation leaves no key bytes`, () => {
      assert.throws(
        () => expandWithLabel(cs, new Uint8Array(cs.hashLength - 1), "key", new Uint8Array(0), 16),
        (e: unknown) => e instanceof CryptoError && /at least/.test(e.message),
      );
      const key = expandWithLabel(cs, filled(cs.hashLength), "key", new Uint8Array(0), 16);
      const whole = new Uint8Array(key.buffer, key.byteOffset, key.byteLength + (cs.hashLength - 16));
      assert.ok(
        whole.subarray(16).every((b) => b === 0),
        "the discarded tail of T(1) is zeroed",
      );
    });
  }
}
