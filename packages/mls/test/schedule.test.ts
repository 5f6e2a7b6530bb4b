import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { bytesEqual, toHex } from "@parley/codec";
import { PSKType, ResumptionPSKUsage } from "../src/codec/index.js";
import type { GroupContext } from "../src/codec/index.js";
import { nodeProvider } from "../src/crypto/index.js";
import { UsageError } from "../src/errors.js";
import {
  ResumptionPskStore,
  Secret,
  computePskSecret,
  deriveEpochSecrets,
  deriveExternalKeyPair,
  deriveWelcomeSecret,
  groupContextBytes,
  mlsExporter,
  runKeySchedule,
  zeroSecret,
} from "../src/schedule/index.js";

const cs = nodeProvider.suite(1);
const rand = (n = cs.hashLength) => nodeProvider.randomBytes(n);
const context: GroupContext = {
  cipherSuite: cs.id,
  groupId: Uint8Array.of(1, 2, 3),
  epoch: 4n,
  treeHash: rand(),
  confirmedTranscriptHash: rand(),
  extensions: [],
};

test("a joiner holding joiner_secret derives the same welcome and epoch secrets as the committer", () => {
  const psk = rand();
  const committer = runKeySchedule(cs, {
    initSecret: rand(),
    commitSecret: rand(),
    pskSecret: psk,
    groupContext: context,
  });
  const joiner = committer.joinerSecret.bytes;
  assert.ok(bytesEqual(deriveWelcomeSecret(cs, joiner, psk).bytes, committer.welcomeSecret.bytes));
  const epoch = deriveEpochSecrets(cs, joiner, psk, groupContextBytes(context));
  assert.ok(bytesEqual(epoch.encryptionSecret.bytes, committer.epoch.encryptionSecret.bytes));
  assert.ok(bytesEqual(epoch.initSecret.bytes, committer.epoch.initSecret.bytes));
  assert.ok(bytesEqual(epoch.epochAuthenticator, committer.epoch.epochAuthenticator));
});

test("every input of the schedule matters: PSK, commit secret, init secret and GroupContext", () => {
  const base = { initSecret: rand(), commitSecret: rand(), groupContext: context };
  const key = (o: Parameters<typeof runKeySchedule>[1]) =>
    toHex(runKeySchedule(cs, o).epoch.membershipKey.bytes);
  const outputs = new Set([
    key(base),
    key({ ...base, pskSecret: rand() }),
    key({ ...base, commitSecret: zeroSecret(cs) }),
    key({ ...base, initSecret: rand() }),
    key({ ...base, groupContext: { ...context, epoch: 5n } }),
  ]);
  assert.equal(outputs.size, 5);
  assert.equal(
    key(base),
    key({ ...base, pskSecret: zeroSecret(cs) }),
    "no PSK means the all-zero psk_secret",
  );
});

test("commit_secret and psk_secret must be KDF.Nh bytes", () => {
  const base = { initSecret: rand(), commitSecret: rand(), groupContext: context };
  assert.throws(() => runKeySchedule(cs, { ...base, commitSecret: rand(16) }), UsageError);
  assert.throws(() => runKeySchedule(cs, { ...base, pskSecret: rand(16) }), UsageError);
});

test("a wiped epoch zeroes its secrets and refuses reads; its inputs are left alone", () => {
  const initSecret = rand();
  const before = initSecret.slice();
  const { epoch, joinerSecret } = runKeySchedule(cs, {
    initSecret,
    commitSecret: rand(),
    groupContext: context,
  });
  const held = epoch.encryptionSecret.bytes;
  epoch.wipe();
  joinerSecret.wipe();
  assert.ok(held.every((b) => b === 0));
  assert.throws(() => epoch.encryptionSecret.bytes, UsageError);
  assert.throws(() => joinerSecret.bytes, /joiner_secret was used after it was deleted/);
  assert.ok(bytesEqual(initSecret, before));
});

test("a Secret never prints its value", () => {
  const s = new Secret(Uint8Array.of(0xde, 0xad, 0xbe, 0xef), "test_secret");
  for (const text of [String(s), JSON.stringify({ s }), inspect(s), `${inspect({ nested: s })}`]) {
    assert.doesNotMatch(text, /dead|beef|222|173/);
    assert.match(text, /test_secret/);
  }
});

test("MLS-Exporter depends on label, context and length, and bounds the length", () => {
  const secret = rand();
  const a = mlsExporter(cs, secret, "parley test", Uint8Array.of(1), 32);
  assert.equal(a.length, 32);
  assert.ok(!bytesEqual(a, mlsExporter(cs, secret, "parley test 2", Uint8Array.of(1), 32)));
  assert.ok(!bytesEqual(a, mlsExporter(cs, secret, "parley test", Uint8Array.of(2), 32)));
  assert.ok(!bytesEqual(a.subarray(0, 16), mlsExporter(cs, secret, "parley test", Uint8Array.of(1), 16)));
  assert.throws(() => mlsExporter(cs, secret, "x", new Uint8Array(0), 255 * cs.hashLength + 1), UsageError);
  assert.throws(() => mlsExporter(cs, secret, "x", new Uint8Array(0), -1), UsageError);
});

test("psk_secret: none is all-zero; order, nonce and type of each PSK change it", () => {
  assert.ok(bytesEqual(computePskSecret(cs, []), zeroSecret(cs)));
  const external = {
    id: { pskType: PSKType.external, pskId: Uint8Array.of(1), pskNonce: rand() },
    psk: rand(),
  } as const;
  const resumption = {
    id: {
      pskType: PSKType.resumption,
      usage: ResumptionPSKUsage.application,
      pskGroupId: Uint8Array.of(9),
      pskEpoch: 3n,
      pskNonce: rand(),
    },
    psk: rand(),
  } as const;
  const outputs = new Set(
    [
      [external, resumption],
      [resumption, external],
      [external],
      [{ ...external, id: { ...external.id, pskNonce: rand() } }],
    ].map((list) => toHex(computePskSecret(cs, list))),
  );
  assert.equal(outputs.size, 4);
});

test("external_pub is a deterministic HPKE key pair the group can decrypt to", () => {
  const externalSecret = rand();
  const a = deriveExternalKeyPair(cs, externalSecret);
  assert.ok(bytesEqual(a.publicKey, deriveExternalKeyPair(cs, externalSecret).publicKey));
  const sealed = cs.hpke.seal(a.publicKey, new Uint8Array(0), new Uint8Array(0), Uint8Array.of(42));
  const opened = cs.hpke.open(
    a.privateKey,
    sealed.kemOutput,
    new Uint8Array(0),
    new Uint8Array(0),
    sealed.ciphertext,
  );
  assert.deepEqual([...opened], [42]);
});

test("the resumption PSK store keeps the newest epochs per group and wipes the rest", () => {
  const store = new ResumptionPskStore(2);
  const group = Uint8Array.of(7);
  const psks = [rand(), rand(), rand()];
  psks.forEach((p, i) => store.remember(group, BigInt(i), p));
  assert.equal(store.lookup(group, 0n), undefined);
  assert.ok(bytesEqual(store.lookup(group, 2n) ?? new Uint8Array(), psks[2] ?? rand()));
  assert.equal(store.lookup(Uint8Array.of(8), 2n), undefined);
  const kept = store.lookup(group, 1n);
  store.forgetGroup(group);
  assert.ok(kept?.every((b) => b === 0));
  assert.equal(store.lookup(group, 1n), undefined);
  assert.throws(() => new ResumptionPskStore(0), UsageError);
});
