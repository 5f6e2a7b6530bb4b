import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual, decode, encode } from "@parley/codec";
import {
  CredentialType,
  ExtensionType,
  LeafNodeSource,
  ProtocolVersion,
  WireFormat,
  decodeMLSMessage,
  encodeApplicationId,
  encodeExtensionData,
  encodeKeyPackage,
} from "../src/codec/index.js";
import { SUPPORTED_SUITES, makeKeyPackageRef, nobleProvider, nodeProvider } from "../src/crypto/index.js";
import { UsageError } from "../src/errors.js";
import { GREASE_VALUES, LAST_RESORT_EXTENSION_TYPE } from "../src/extensions/index.js";
import {
  DEFAULT_KEY_PACKAGE_LIFETIME_SECONDS,
  LIFETIME_BACKDATE_SECONDS,
  decodeUnverifiedKeyPackage,
  decodeUnverifiedKeyPackageMessage,
  unverifiedKeyPackage,
  validateKeyPackage,
} from "../src/key-package/index.js";
import { NOW, member, validationOptions } from "./key-package-fixture.js";

const PROVIDERS = [nodeProvider, nobleProvider];
const SUITES = [1, 2, 3, 5, 7];

test("createKeyPackage output validates, for every provider and suites 1, 2, 3, 5 and 7", () => {
  for (const provider of PROVIDERS) {
    for (const suite of SUITES) {
      const m = member(provider, suite);
      const { keyPackage, keyPackageBytes, messageBytes, ref } = m.created;
      const what = `${provider.name} suite ${suite}`;
      assert.ok(bytesEqual(encode(keyPackage, encodeKeyPackage), keyPackageBytes), what);
      assert.ok(bytesEqual(ref, makeKeyPackageRef(m.cs, keyPackageBytes)), what);
      const validated = validateKeyPackage(
        decodeUnverifiedKeyPackageMessage(messageBytes),
        validationOptions(m),
      );
      assert.ok(bytesEqual(validated.ref, ref), what);
      assert.equal(validated.cipherSuite.id, suite);
      const other = provider === nodeProvider ? nobleProvider : nodeProvider;
      const crossChecked = decodeUnverifiedKeyPackage(keyPackageBytes);
      validateKeyPackage(crossChecked, { ...validationOptions(m), provider: other });
    }
  }
});

test("the private keys returned match the KeyPackage's public keys", () => {
  for (const provider of PROVIDERS) {
    const m = member(provider, 1);
    const { keyPackage, private: keys } = m.created;
    const cs = m.cs;
    const sealed = cs.hpke.seal(keyPackage.initKey, new Uint8Array(0), new Uint8Array(0), Uint8Array.of(7));
    const opened = cs.hpke.open(
      keys.initPrivateKey,
      sealed.kemOutput,
      new Uint8Array(0),
      new Uint8Array(0),
      sealed.ciphertext,
    );
    assert.deepEqual([...opened], [7]);
    const toLeaf = cs.hpke.seal(
      keyPackage.leafNode.encryptionKey,
      Uint8Array.of(1),
      new Uint8Array(0),
      Uint8Array.of(8),
    );
    const fromLeaf = cs.hpke.open(
      keys.encryptionPrivateKey,
      toLeaf.kemOutput,
      Uint8Array.of(1),
      new Uint8Array(0),
      toLeaf.ciphertext,
    );
    assert.deepEqual([...fromLeaf], [8]);
    assert.ok(!bytesEqual(keyPackage.initKey, keyPackage.leafNode.encryptionKey));
    assert.ok(bytesEqual(keys.signaturePrivateKey, m.signature.privateKey));
  }
});

test("a new KeyPackage is mls10, key_package-sourced, and back-dates its default 90-day lifetime", () => {
  const { keyPackage } = member(nodeProvider, 1).created;
  assert.equal(keyPackage.version, ProtocolVersion.mls10);
  const leaf = keyPackage.leafNode;
  assert.equal(leaf.leafNodeSource, LeafNodeSource.keyPackage);
  assert.ok(leaf.leafNodeSource === LeafNodeSource.keyPackage);
  const now = BigInt(NOW.getTime() / 1000);
  assert.equal(leaf.lifetime.notBefore, now - BigInt(LIFETIME_BACKDATE_SECONDS));
  assert.equal(
    leaf.lifetime.notAfter - leaf.lifetime.notBefore,
    BigInt(DEFAULT_KEY_PACKAGE_LIFETIME_SECONDS),
  );
});

test("capabilities list the suite, the credential type and non-default extensions in use, never defaults", () => {
  const applicationId = encodeExtensionData(Uint8Array.of(1, 2), encodeApplicationId);
  const m = member(nodeProvider, 2, {
    leafNodeExtensions: [
      { extensionType: ExtensionType.applicationId, extensionData: applicationId },
      { extensionType: 0xf001, extensionData: Uint8Array.of(9) },
    ],
    extensions: [{ extensionType: 0xf002, extensionData: new Uint8Array(0) }],
    capabilities: { cipherSuites: [1], proposals: [0xf00a], grease: false },
  });
  const caps = m.created.keyPackage.leafNode.capabilities;
  assert.deepEqual(caps.versions, [1]);
  assert.deepEqual(caps.cipherSuites, [1, 2]);
  assert.deepEqual([...caps.extensions].sort(), [0xf001, 0xf002]);
  assert.deepEqual(caps.proposals, [0xf00a]);
  assert.deepEqual(caps.credentials, [CredentialType.basic]);
  validateKeyPackage(unverifiedKeyPackage(m.created.keyPackage), validationOptions(m));
});

test("by default capabilities carry all implemented suites and one GREASE value per extensible list", () => {
  const caps = member(nodeProvider, 3).created.keyPackage.leafNode.capabilities;
  for (const s of SUPPORTED_SUITES) assert.ok(caps.cipherSuites.includes(s));
  for (const list of [caps.cipherSuites, caps.extensions, caps.proposals, caps.credentials]) {
    assert.equal(list.filter((v) => GREASE_VALUES.includes(v)).length, 1);
  }
  assert.ok(!GREASE_VALUES.includes(caps.versions[0] ?? 0x0a0a));
});

test("default extension or proposal types in the capabilities options are refused", () => {
  assert.throws(
    () => member(nodeProvider, 1, { capabilities: { extensions: [ExtensionType.externalSenders] } }),
    UsageError,
  );
  assert.throws(() => member(nodeProvider, 1, { capabilities: { proposals: [1] } }), UsageError);
});

test("lastResort adds the empty last_resort extension (0x000A) and advertises it", () => {
  const m = member(nobleProvider, 1, { lastResort: true });
  const kp = m.created.keyPackage;
  assert.deepEqual(kp.extensions, [
    { extensionType: LAST_RESORT_EXTENSION_TYPE, extensionData: new Uint8Array(0) },
  ]);
  assert.ok(kp.leafNode.capabilities.extensions.includes(LAST_RESORT_EXTENSION_TYPE));
  validateKeyPackage(decodeUnverifiedKeyPackage(m.created.keyPackageBytes), validationOptions(m));
});

test("invalid own extensions are refused at creation as a UsageError naming the rule", () => {
  const dup = { extensionType: 0xf001, extensionData: new Uint8Array(0) };
  assert.throws(
    () => member(nodeProvider, 1, { extensions: [dup, dup] }),
    (e: unknown) => e instanceof UsageError && /EXT-1/.test(e.message),
  );
  const tree = { extensionType: ExtensionType.ratchetTree, extensionData: new Uint8Array(0) };
  assert.throws(
    () => member(nodeProvider, 1, { leafNodeExtensions: [tree] }),
    (e: unknown) => e instanceof UsageError && /EXT-2/.test(e.message),
  );
  assert.throws(
    () =>
      member(nodeProvider, 1, {
        lastResort: true,
        extensions: [{ extensionType: LAST_RESORT_EXTENSION_TYPE, extensionData: new Uint8Array(0) }],
      }),
    UsageError,
  );
});

test("messageBytes is the KeyPackage wrapped in an mls_key_package MLSMessage", () => {
  const { messageBytes, keyPackageBytes } = member(nodeProvider, 1).created;
  const msg = decode(messageBytes, (r) => decodeMLSMessage(r), "MLSMessage");
  assert.equal(msg.wireFormat, WireFormat.mlsKeyPackage);
  assert.ok(bytesEqual(messageBytes.subarray(4), keyPackageBytes));
  assert.ok(bytesEqual(decodeUnverifiedKeyPackageMessage(messageBytes).keyPackageBytes, keyPackageBytes));
});

test("every KeyPackage gets fresh init and encryption keys", () => {
  const a = member(nodeProvider, 1).created.keyPackage;
  const b = member(nodeProvider, 1).created.keyPackage;
  assert.ok(!bytesEqual(a.initKey, b.initKey));
  assert.ok(!bytesEqual(a.leafNode.encryptionKey, b.leafNode.encryptionKey));
});
