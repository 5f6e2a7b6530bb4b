/**
 * RFC 9420 §8.3 external initialization: a joiner's SendExport to `external_pub` and the members'
 * ReceiveExport with `external_priv = DeriveKeyPair(external_secret)` yield the same `init_secret`, which
 * then drives the §8 key schedule to the same epoch. Negative cases: malformed `kem_output`, wrong keys.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual, toHex } from "@parley/codec";
import { inspect } from "node:util";
import type { GroupContext } from "../src/codec/index.js";
import { createCipherSuite } from "../src/crypto/cipher-suite.js";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";
import { nodePrimitives } from "../src/crypto/node/index.js";
import type { CipherSuite, Hpke, KeyPair } from "../src/crypto/provider.js";
import { CryptoError } from "../src/errors.js";
import {
  createExternalInit,
  deriveExternalKeyPair,
  receiveExternalInit,
  runKeySchedule,
} from "../src/schedule/index.js";

const providers = [nodeProvider, nobleProvider] as const;
// Every RFC 9420 §17.1 suite: five KEMs, three hashes.
const SUITES = [1, 2, 3, 4, 5, 6, 7];

for (const id of SUITES) {
  test(`external init suite ${id}: joiner and member derive the same init_secret, across providers`, () => {
    for (const joiner of providers) {
      for (const member of providers) {
        const cs = member.suite(id);
        const externalSecret = member.randomBytes(cs.hashLength);
        const externalPub = deriveExternalKeyPair(cs, externalSecret).publicKey;
        const sent = createExternalInit(joiner.suite(id), externalPub);
        assert.equal(sent.initSecret.length, cs.hashLength);
        const received = receiveExternalInit(cs, externalSecret, sent.kemOutput);
        assert.ok(bytesEqual(received.bytes, sent.initSecret.bytes), `${joiner.name} → ${member.name}`);
      }
    }
  });
}

test('external init: the exported init_secret uses info = "" and the §8.3 exporter context', () => {
  // The concrete suite, for its deterministic RFC 9180 hooks.
  const cs = createCipherSuite(nodePrimitives, 1);
  const externalSecret = nodeProvider.randomBytes(32);
  const { privateKey, publicKey } = deriveExternalKeyPair(cs, externalSecret);
  const ephemeral = cs.hpke.generateKeyPair();
  const ctx = cs.hpke.setupBaseWithEphemeral(publicKey, new Uint8Array(0), ephemeral.privateKey);
  const label = new TextEncoder().encode("MLS 1.0 external init secret");
  const expected = cs.hpke.contextExport(ctx.exporterSecret, label, cs.hashLength);
  assert.equal(toHex(receiveExternalInit(cs, externalSecret, ctx.enc).bytes), toHex(expected));
  assert.equal(
    toHex(cs.hpke.receiveExport(privateKey, ctx.enc, new Uint8Array(0), label, 32)),
    toHex(expected),
  );
});

test("external init: the joiner and the members reach the same epoch through the key schedule", () => {
  const cs = nodeProvider.suite(2);
  const prior = runKeySchedule(cs, {
    initSecret: nodeProvider.randomBytes(32),
    commitSecret: nodeProvider.randomBytes(32),
    groupContext: context(cs, 3n),
  });
  const externalPub = deriveExternalKeyPair(cs, prior.epoch.externalSecret.bytes).publicKey;
  const joiner = createExternalInit(cs, externalPub);
  const memberInit = receiveExternalInit(cs, prior.epoch.externalSecret.bytes, joiner.kemOutput);
  const next = (initSecret: Uint8Array) =>
    runKeySchedule(cs, { initSecret, commitSecret: commitSecret, groupContext: context(cs, 4n) });
  const commitSecret = nodeProvider.randomBytes(32);
  const a = next(joiner.initSecret.bytes);
  const b = next(memberInit.bytes);
  assert.ok(bytesEqual(a.epoch.confirmationKey.bytes, b.epoch.confirmationKey.bytes));
  assert.ok(bytesEqual(a.epoch.epochAuthenticator, b.epoch.epochAuthenticator));
  // The external init replaces init_secret_[n-1]: the old epoch's own successor gives another epoch.
  const regular = next(prior.epoch.initSecret.bytes);
  assert.ok(!bytesEqual(regular.epoch.confirmationKey.bytes, a.epoch.confirmationKey.bytes));
});

function context(cs: CipherSuite, epoch: bigint): GroupContext {
  return {
    cipherSuite: cs.id,
    groupId: Uint8Array.of(7, 7, 7),
    epoch,
    treeHash: new Uint8Array(cs.hashLength).fill(1),
    confirmedTranscriptHash: new Uint8Array(cs.hashLength).fill(2),
    extensions: [],
  };
}

for (const provider of providers) {
  test(`external init (${provider.name}): kem_output of the wrong length or not a valid key is rejected`, () => {
    for (const id of [1, 2, 4, 5]) {
      const cs = provider.suite(id);
      const externalSecret = provider.randomBytes(cs.hashLength);
      const { kemOutput } = createExternalInit(cs, deriveExternalKeyPair(cs, externalSecret).publicKey);
      const receive = (enc: Uint8Array) => () => receiveExternalInit(cs, externalSecret, enc);
      const ext = /ExternalInit kem_output is not usable \(RFC 9420 §8\.3\)/;
      assert.throws(receive(kemOutput.subarray(0, kemOutput.length - 1)), ext, `suite ${id} short`);
      assert.throws(receive(new Uint8Array([...kemOutput, 0])), ext, `suite ${id} long`);
      assert.throws(receive(new Uint8Array(0)), ext, `suite ${id} empty`);
      // Low-order X25519/X448 u = 0; for the NIST curves 0x04 || 0…0 is not on the curve.
      const invalid = new Uint8Array(kemOutput.length);
      if (id === 2 || id === 5) invalid[0] = 4;
      assert.throws(receive(invalid), CryptoError, `suite ${id} invalid point`);
    }
  });

  test(`external init (${provider.name}): the wrong external key or secret gives a different init_secret`, () => {
    const cs = provider.suite(1);
    const externalSecret = provider.randomBytes(32);
    const otherSecret = provider.randomBytes(32);
    const sent = createExternalInit(cs, deriveExternalKeyPair(cs, externalSecret).publicKey);
    // A member of another epoch (other external_secret) cannot recover the joiner's init_secret.
    const wrongMember = receiveExternalInit(cs, otherSecret, sent.kemOutput);
    assert.ok(!bytesEqual(wrongMember.bytes, sent.initSecret.bytes));
    // A joiner that used a stale external_pub sends a kem_output the current epoch cannot use either.
    const stale = createExternalInit(cs, deriveExternalKeyPair(cs, otherSecret).publicKey);
    assert.ok(
      !bytesEqual(receiveExternalInit(cs, externalSecret, stale.kemOutput).bytes, stale.initSecret.bytes),
    );
    assert.throws(() => createExternalInit(cs, new Uint8Array(31)), /public key must be 32 bytes/);
  });
}

test("external init: external_priv is wiped, external_secret is left to its owner, secrets stay out of logs", () => {
  const cs = nodeProvider.suite(1);
  const derived: KeyPair[] = [];
  const spy: CipherSuite = {
    ...cs,
    hpke: {
      ...cs.hpke,
      deriveKeyPair(ikm: Uint8Array) {
        const kp = cs.hpke.deriveKeyPair(ikm);
        derived.push(kp);
        return kp;
      },
      receiveExport: (...args: Parameters<Hpke["receiveExport"]>) => cs.hpke.receiveExport(...args),
    },
  };
  const externalSecret = nodeProvider.randomBytes(32);
  const keep = externalSecret.slice();
  const sent = createExternalInit(cs, deriveExternalKeyPair(cs, externalSecret).publicKey);
  const init = receiveExternalInit(spy, externalSecret, sent.kemOutput);
  assert.equal(derived.length, 1);
  assert.ok(
    derived[0]?.privateKey.every((b) => b === 0),
    "external_priv is zeroed",
  );
  assert.ok(bytesEqual(externalSecret, keep), "external_secret untouched");
  assert.throws(() => receiveExternalInit(spy, externalSecret, new Uint8Array(3)), CryptoError);
  assert.ok(
    derived[1]?.privateKey.every((b) => b === 0),
    "external_priv is zeroed on failure too",
  );
  assert.ok(!inspect(init).includes(toHex(init.bytes)) && !JSON.stringify(init).includes(toHex(init.bytes)));
  init.wipe();
  assert.throws(() => init.bytes, /deleted/);
});
