/**
 * HPKE secret export (RFC 9180 §5.3 Context.Export, §6.2 SendExport/ReceiveExport) beyond the RFC vectors:
 * agreement within and across providers for every KEM, domain separation by info and exporter_context,
 * and rejection of bad lengths and malformed KEM outputs.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual, toHex } from "@parley/codec";
import { CryptoError } from "../src/errors.js";
import { kemParams } from "../src/crypto/algorithms.js";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";

const providers = [nodeProvider, nobleProvider] as const;
// One MLS suite per KEM: X25519, P-256, X448, P-521, P-384.
const SUITE_PER_KEM = [1, 2, 4, 5, 7];
const info = new TextEncoder().encode("info");
const ctx = new TextEncoder().encode("exporter context");

for (const id of SUITE_PER_KEM) {
  test(`HPKE export suite ${id}: SendExport and ReceiveExport agree within and across providers`, () => {
    for (const sender of providers) {
      for (const receiver of providers) {
        const kp = receiver.suite(id).hpke.generateKeyPair();
        const sent = sender.suite(id).hpke.sendExport(kp.publicKey, info, ctx, 42);
        assert.equal(sent.kemOutput.length, kemParams(sender.suite(id).kemId).nenc);
        assert.equal(sent.exportedValue.length, 42);
        const got = receiver.suite(id).hpke.receiveExport(kp.privateKey, sent.kemOutput, info, ctx, 42);
        assert.equal(toHex(got), toHex(sent.exportedValue), `${sender.name} → ${receiver.name}`);
      }
    }
  });
}

for (const provider of providers) {
  test(`HPKE export (${provider.name}): info, exporter_context, length and key all change the output`, () => {
    const hpke = provider.suite(1).hpke;
    const kp = hpke.generateKeyPair();
    const { kemOutput, exportedValue } = hpke.sendExport(kp.publicKey, info, ctx, 32);
    const recv = (sk = kp.privateKey, i = info, c = ctx, l = 32) =>
      hpke.receiveExport(sk, kemOutput, i, c, l);
    assert.ok(bytesEqual(recv(), exportedValue));
    assert.ok(!bytesEqual(recv(kp.privateKey, new Uint8Array(0)), exportedValue), "info");
    assert.ok(!bytesEqual(recv(kp.privateKey, info, new Uint8Array(0)), exportedValue), "exporter_context");
    // L is bound into LabeledExpand, so a shorter export is not a prefix of a longer one.
    assert.ok(!bytesEqual(recv(kp.privateKey, info, ctx, 16), exportedValue.subarray(0, 16)), "length");
    // Export is not authenticated: another key silently derives another secret (MLS catches it later).
    assert.ok(!bytesEqual(recv(hpke.generateKeyPair().privateKey), exportedValue), "wrong key");
    // Two exports to the same key use fresh ephemeral keys.
    const again = hpke.sendExport(kp.publicKey, info, ctx, 32);
    assert.ok(!bytesEqual(again.kemOutput, kemOutput));
    assert.ok(!bytesEqual(again.exportedValue, exportedValue));
  });

  test(`HPKE export (${provider.name}): L outside 0..255*Nh and non-byte contexts are rejected`, () => {
    const hpke = provider.suite(1).hpke;
    const kp = hpke.generateKeyPair();
    const { kemOutput } = hpke.sendExport(kp.publicKey, info, ctx, 32);
    assert.equal(hpke.sendExport(kp.publicKey, info, ctx, 255 * 32).exportedValue.length, 255 * 32);
    assert.equal(hpke.sendExport(kp.publicKey, info, ctx, 0).exportedValue.length, 0);
    for (const bad of [255 * 32 + 1, -1, 1.5, Number.NaN]) {
      assert.throws(() => hpke.sendExport(kp.publicKey, info, ctx, bad), /Export length L must be/);
      assert.throws(() => hpke.receiveExport(kp.privateKey, kemOutput, info, ctx, bad), /Export length L/);
    }
    const notBytes = "context" as unknown as Uint8Array;
    assert.throws(() => hpke.sendExport(kp.publicKey, info, notBytes, 32), /exporter_context must be/);
  });

  test(`HPKE export (${provider.name}): malformed kem_output and public keys are CryptoErrors`, () => {
    for (const id of [1, 2]) {
      const hpke = provider.suite(id).hpke;
      const kp = hpke.generateKeyPair();
      const { kemOutput } = hpke.sendExport(kp.publicKey, info, ctx, 32);
      const recv = (enc: Uint8Array) => () => hpke.receiveExport(kp.privateKey, enc, info, ctx, 32);
      assert.throws(recv(kemOutput.subarray(1)), /kem_output must be/, `suite ${id} short`);
      assert.throws(recv(new Uint8Array([...kemOutput, 0])), /kem_output must be/, `suite ${id} long`);
      // X25519: the all-zero u-coordinate is low order; P-256: (0, 0) is not on the curve.
      const invalid = new Uint8Array(kemOutput.length);
      invalid[0] = id === 2 ? 4 : 0;
      assert.throws(recv(invalid), CryptoError, `suite ${id} invalid point`);
      assert.throws(() => hpke.sendExport(invalid, info, ctx, 32), CryptoError, `suite ${id} send`);
      assert.throws(() => hpke.sendExport(kp.publicKey.subarray(1), info, ctx, 32), /public key must be/);
    }
  });
}
