import { test } from "node:test";
import assert from "node:assert/strict";
import { CodecError, Writer, concatBytes } from "@parley/codec";
import { CredentialType, ExtensionType, LeafNodeSource } from "../src/codec/index.js";
import type { Credential } from "../src/codec/index.js";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";
import type { CryptoProvider } from "../src/crypto/index.js";
import type { CredentialContext } from "../src/credential/index.js";
import { ValidationError } from "../src/errors.js";
import {
  decodeUnverifiedKeyPackage,
  decodeUnverifiedKeyPackageMessage,
  validateKeyPackage,
} from "../src/key-package/index.js";
import type { UnverifiedKeyPackage } from "../src/key-package/index.js";
import { NOW, flipBit, member, resign, validationOptions } from "./key-package-fixture.js";
import type { Member } from "./key-package-fixture.js";

const PROVIDERS: readonly CryptoProvider[] = [nodeProvider, nobleProvider];
const HOUR = 3600 * 1000;

function rejects(m: Member, kp: UnverifiedKeyPackage, rule: string, extra = {}): void {
  assert.throws(
    () => validateKeyPackage(kp, validationOptions(m, extra)),
    (e: unknown) => e instanceof ValidationError && e.rule === rule,
    `${m.provider.name} suite ${m.cs.id}: expected ${rule}`,
  );
}

function eachMember(fn: (m: Member) => void, suites = [1, 2]): void {
  for (const provider of PROVIDERS) for (const suite of suites) fn(member(provider, suite));
}

test("the resigning fixture itself produces valid KeyPackages (so each negative test breaks one rule)", () => {
  eachMember((m) => validateKeyPackage(resign(m, {}), validationOptions(m)));
});

test("KP-1: a version other than mls10 is rejected", () => {
  eachMember((m) => rejects(m, resign(m, { tbs: (t) => ({ ...t, version: 2 }) }), "KP-1"));
});

test("KP-2: a suite other than the group's, or one this library does not support, is rejected", () => {
  eachMember((m) => {
    rejects(m, decodeUnverifiedKeyPackage(m.created.keyPackageBytes), "KP-2", {
      cipherSuite: m.cs.id === 1 ? 2 : 1,
    });
    rejects(m, resign(m, { tbs: (t) => ({ ...t, cipherSuite: 0x0a0a }) }), "KP-2");
  });
});

test("KP-3: a leaf whose source is not key_package is rejected", () => {
  eachMember((m) => {
    const group = { groupId: Uint8Array.of(1), leafIndex: 0 };
    const toUpdate = resign(m, {
      group,
      leaf: (l) => ({
        encryptionKey: l.encryptionKey,
        signatureKey: l.signatureKey,
        credential: l.credential,
        capabilities: l.capabilities,
        extensions: l.extensions,
        leafNodeSource: LeafNodeSource.update,
      }),
    });
    rejects(m, toUpdate, "KP-3");
  });
});

test("KP-4: capabilities that omit the KeyPackage's own suite or version are rejected", () => {
  eachMember((m) => {
    const noSuite = resign(m, {
      leaf: (l) => ({ ...l, capabilities: { ...l.capabilities, cipherSuites: [0x0a0a] } }),
    });
    rejects(m, noSuite, "KP-4");
    const noVersion = resign(m, {
      leaf: (l) => ({ ...l, capabilities: { ...l.capabilities, versions: [] } }),
    });
    rejects(m, noVersion, "KP-4");
  });
});

test("KP-5: a KeyPackage extension missing from the capabilities is rejected; a listed one is ignored", () => {
  eachMember((m) => {
    const ext = { extensionType: 0xf0f0, extensionData: Uint8Array.of(1, 2, 3) };
    rejects(m, resign(m, { tbs: (t) => ({ ...t, extensions: [ext] }) }), "KP-5");
    const listed = resign(m, {
      leaf: (l) => ({ ...l, capabilities: { ...l.capabilities, extensions: [0xf0f0] } }),
      tbs: (t) => ({ ...t, extensions: [ext] }),
    });
    validateKeyPackage(listed, validationOptions(m));
  });
});

test("KP-6: an init or encryption key of the wrong size or point form is rejected", () => {
  eachMember((m) => {
    rejects(m, resign(m, { tbs: (t) => ({ ...t, initKey: t.initKey.subarray(1) }) }), "KP-6");
    const longer = concatBytes(m.created.keyPackage.leafNode.encryptionKey, Uint8Array.of(0));
    rejects(m, resign(m, { leaf: (l) => ({ ...l, encryptionKey: longer }) }), "KP-6");
  });
  const p256 = member(nodeProvider, 2);
  const compressedForm = p256.created.keyPackage.initKey.slice();
  compressedForm[0] = 0x02;
  rejects(p256, resign(p256, { tbs: (t) => ({ ...t, initKey: compressedForm }) }), "KP-6");
});

test("KP-7: an encryption key equal to the init key is rejected", () => {
  eachMember((m) => {
    rejects(m, resign(m, { leaf: (l) => ({ ...l, encryptionKey: m.created.keyPackage.initKey }) }), "KP-7");
  });
});

test("KP-8: a lifetime longer than the maximum, or ending before it starts, is rejected", () => {
  eachMember((m) => {
    const kp = decodeUnverifiedKeyPackage(m.created.keyPackageBytes);
    rejects(m, kp, "KP-8", { maxLifetimeSeconds: 30 * 24 * 3600 });
    const reversed = resign(m, {
      leaf: (l) => ({
        ...l,
        leafNodeSource: LeafNodeSource.keyPackage,
        lifetime: { notBefore: 100n, notAfter: 99n },
      }),
    });
    rejects(m, reversed, "KP-8", { checkCurrentTime: false });
  });
});

test("KP-9: a KeyPackage used before not_before or after not_after (beyond the skew) is rejected", () => {
  eachMember((m) => {
    const kp = decodeUnverifiedKeyPackage(m.created.keyPackageBytes);
    const leaf = m.created.keyPackage.leafNode;
    assert.ok(leaf.leafNodeSource === LeafNodeSource.keyPackage);
    const notBefore = new Date(Number(leaf.lifetime.notBefore) * 1000);
    const notAfter = new Date(Number(leaf.lifetime.notAfter) * 1000);
    rejects(m, kp, "KP-9", { now: new Date(notBefore.getTime() - HOUR) });
    rejects(m, kp, "KP-9", { now: new Date(notAfter.getTime() + HOUR) });
    rejects(m, kp, "KP-9", { now: new Date(notAfter.getTime() + 2000), clockSkewSeconds: 0 });
    validateKeyPackage(kp, validationOptions(m, { now: new Date(notAfter.getTime() + 60_000) }));
    validateKeyPackage(kp, validationOptions(m, { now: new Date(notBefore.getTime() - 60_000) }));
    validateKeyPackage(
      kp,
      validationOptions(m, { now: new Date(notAfter.getTime() + HOUR), checkCurrentTime: false }),
    );
  });
});

test("KP-10: a bad leaf signature, or a malformed signature key, is rejected", () => {
  eachMember((m) => {
    const leaf = m.created.keyPackage.leafNode;
    const badSig = resign(m, {
      tbs: (t) => ({ ...t, leafNode: { ...leaf, signature: flipBit(leaf.signature, 5) } }),
    });
    rejects(m, badSig, "KP-10");
    const shortKey = leaf.signatureKey.subarray(1);
    rejects(m, resign(m, { tbs: (t) => ({ ...t, leafNode: { ...leaf, signatureKey: shortKey } }) }), "KP-10");
    const otherKey = m.cs.generateSignatureKeyPair().publicKey;
    rejects(m, resign(m, { tbs: (t) => ({ ...t, leafNode: { ...leaf, signatureKey: otherKey } }) }), "KP-10");
  });
});

test("KP-11: a bad KeyPackage signature is rejected, including any change to a signed byte", () => {
  eachMember((m) => {
    const bytes = m.created.keyPackageBytes;
    const sig = m.created.keyPackage.signature;
    const badSig = flipBit(bytes, -Math.min(3, sig.length));
    rejects(m, decodeUnverifiedKeyPackage(badSig), "KP-11");
    const initKeyByte = 2 + 2 + 1 + 3;
    rejects(m, decodeUnverifiedKeyPackage(flipBit(bytes, initKeyByte)), "KP-11");
  });
});

test("KP-12: an MLSMessage of another wire format is not a KeyPackage; a non-mls10 MLSMessage does not parse", () => {
  const m = member(nodeProvider, 1);
  const asGroupInfo = m.created.messageBytes.slice();
  asGroupInfo[3] = 4;
  assert.throws(
    () => decodeUnverifiedKeyPackageMessage(asGroupInfo),
    (e: unknown) => e instanceof ValidationError && e.rule === "KP-12",
  );
  const version2 = concatBytes(new Writer().u16(2).finish(), m.created.messageBytes.subarray(2));
  assert.throws(() => decodeUnverifiedKeyPackageMessage(version2), CodecError);
  assert.throws(
    () => decodeUnverifiedKeyPackage(concatBytes(m.created.keyPackageBytes, Uint8Array.of(0))),
    CodecError,
  );
});

test("EXT-1/2/3/5/6 and EXT-4 are enforced on a KeyPackage's leaf and extensions", () => {
  eachMember((m) => {
    const unknown = { extensionType: 0xf0f0, extensionData: new Uint8Array(0) };
    const listing = (l: Parameters<NonNullable<Parameters<typeof resign>[1]["leaf"]>>[0]) => ({
      ...l,
      capabilities: { ...l.capabilities, extensions: [0xf0f0] },
    });
    rejects(m, resign(m, { leaf: (l) => ({ ...listing(l), extensions: [unknown, unknown] }) }), "EXT-1");
    rejects(m, resign(m, { leaf: listing, tbs: (t) => ({ ...t, extensions: [unknown, unknown] }) }), "EXT-1");
    const ratchetTree = { extensionType: ExtensionType.ratchetTree, extensionData: new Uint8Array(0) };
    rejects(m, resign(m, { leaf: (l) => ({ ...l, extensions: [ratchetTree] }) }), "EXT-2");
    const appId = { extensionType: ExtensionType.applicationId, extensionData: Uint8Array.of(5, 1) };
    rejects(m, resign(m, { leaf: (l) => ({ ...l, extensions: [appId] }) }), "EXT-3");
    rejects(m, resign(m, { leaf: (l) => ({ ...l, extensions: [unknown] }) }), "EXT-6");
    const otherCredential: Credential = { credentialType: CredentialType.x509, certificates: [] };
    rejects(m, resign(m, { leaf: (l) => ({ ...l, credential: otherCredential }) }), "EXT-5");
    const required = { extensionTypes: [0xf0f1], proposalTypes: [], credentialTypes: [] };
    rejects(m, resign(m, {}), "EXT-4", { requiredCapabilities: required });
  });
});

test("the credential validator gets the credential, signature key and context, and only after the signatures", () => {
  const m = member(nodeProvider, 1);
  const seen: { credential: Credential; key: Uint8Array; context: CredentialContext }[] = [];
  const validateCredential = (credential: Credential, key: Uint8Array, context: CredentialContext) => {
    seen.push({ credential, key, context });
  };
  const kp = decodeUnverifiedKeyPackage(m.created.keyPackageBytes);
  validateKeyPackage(kp, validationOptions(m, { validateCredential, use: "add", groupId: Uint8Array.of(9) }));
  assert.equal(seen.length, 1);
  assert.deepEqual(seen[0]?.credential, m.created.keyPackage.leafNode.credential);
  assert.deepEqual(seen[0]?.key, m.signature.publicKey);
  assert.deepEqual(seen[0]?.context, { use: "add", cipherSuite: 1, now: NOW, groupId: Uint8Array.of(9) });
  rejects(m, decodeUnverifiedKeyPackage(flipBit(m.created.keyPackageBytes, -2)), "KP-11", {
    validateCredential,
  });
  assert.equal(seen.length, 1);
});

test("a credential validator throwing a plain Error rejects the KeyPackage with CRED-2, the error as cause", () => {
  const m = member(nobleProvider, 3);
  const boom = new Error("directory says no");
  const validateCredential = () => {
    throw boom;
  };
  assert.throws(
    () =>
      validateKeyPackage(
        decodeUnverifiedKeyPackage(m.created.keyPackageBytes),
        validationOptions(m, { validateCredential }),
      ),
    (e: unknown) =>
      e instanceof ValidationError &&
      e.rule === "CRED-2" &&
      e.cause === boom &&
      !e.message.includes("directory"),
  );
});
