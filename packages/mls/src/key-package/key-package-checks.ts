/**
 * The individual RFC 9420 §10 / §10.1 checks on a KeyPackage, each raising its `KP-*` rule. Composed in
 * order by `validateKeyPackage`; exported separately so group code can re-run a single one when needed.
 */
import { bytesEqual } from "@parley/codec";
import { LeafNodeSource, ProtocolVersion, leafNodeTbsBytes } from "../codec/index.js";
import type { KeyPackage, Lifetime } from "../codec/index.js";
import { kemParams } from "../crypto/algorithms.js";
import { verifyWithLabel } from "../crypto/labels.js";
import type { VerifyWithLabelItem } from "../crypto/parallel/batch.js";
import { checkUncompressedPoint } from "../crypto/nist-point.js";
import type { CipherSuite, CryptoProvider } from "../crypto/provider.js";
import { CryptoError, UnsupportedError, ValidationError } from "../errors.js";
import { checkExtensionsInCapabilities } from "../extensions/index.js";
import { verifyLeafNodeSignature } from "./leaf-node-signature.js";
import { KeyPackageRule } from "./rules.js";
import type { Rule } from "./rules.js";
import { KEY_PACKAGE_LABEL, keyPackageTbsBytes } from "./sign-key-package.js";

function fail(rule: Rule, message: string, cause?: unknown): never {
  throw new ValidationError(rule.id, rule.section, message, cause === undefined ? undefined : { cause });
}

/** KP-1: §10.1 the version matches the group's, and this library speaks only mls10. */
export function checkKeyPackageVersion(kp: KeyPackage): void {
  if (kp.version !== ProtocolVersion.mls10) {
    fail(KeyPackageRule.version, `version ${kp.version} is not mls10 (1)`);
  }
}

/** KP-2: the suite is implemented (and equals `expected` when validating for a group, §10.1). */
export function checkKeyPackageCipherSuite(
  provider: CryptoProvider,
  kp: KeyPackage,
  expected?: number,
): CipherSuite {
  if (expected !== undefined && kp.cipherSuite !== expected) {
    fail(KeyPackageRule.cipherSuite, `cipher suite ${kp.cipherSuite} is not the group's suite ${expected}`);
  }
  try {
    return provider.suite(kp.cipherSuite);
  } catch (e) {
    if (e instanceof UnsupportedError) fail(KeyPackageRule.cipherSuite, e.message, e);
    throw e;
  }
}

/**
 * KP-3: §10 "The field leaf_node.leaf_node_source of the LeafNode in a KeyPackage MUST be set to
 * key_package." Returns the lifetime that source carries.
 */
export function checkKeyPackageLeafSource(kp: KeyPackage): Lifetime {
  const leaf = kp.leafNode;
  if (leaf.leafNodeSource !== LeafNodeSource.keyPackage) {
    return fail(
      KeyPackageRule.leafNodeSource,
      `leaf_node_source is ${leaf.leafNodeSource}, not key_package (1)`,
    );
  }
  return leaf.lifetime;
}

/** KP-4 and KP-5: the capabilities cover the KeyPackage's own version, suite and KeyPackage.extensions. */
export function checkKeyPackageCapabilities(kp: KeyPackage): void {
  const { capabilities } = kp.leafNode;
  if (!capabilities.versions.includes(kp.version)) {
    fail(
      KeyPackageRule.ownCapabilities,
      `capabilities.versions lacks the KeyPackage's version ${kp.version}`,
    );
  }
  if (!capabilities.cipherSuites.includes(kp.cipherSuite)) {
    fail(
      KeyPackageRule.ownCapabilities,
      `capabilities.cipher_suites lacks the KeyPackage's suite ${kp.cipherSuite}`,
    );
  }
  checkExtensionsInCapabilities(
    capabilities,
    kp.extensions,
    KeyPackageRule.extensionsInCapabilities,
    "KeyPackage",
  );
}

function checkHpkePublicKey(cs: CipherSuite, what: string, key: Uint8Array): void {
  const kem = kemParams(cs.kemId);
  try {
    if (kem.family === "nist") checkUncompressedPoint(what, key, kem.npk);
    else if (key.length !== kem.npk)
      throw new CryptoError(`${what} must be ${kem.npk} bytes, got ${key.length}`);
  } catch (e) {
    if (e instanceof CryptoError) fail(KeyPackageRule.hpkeKeys, `${e.message} for ${kem.name}`, e);
    throw e;
  }
}

/**
 * KP-6 and KP-7: both HPKE keys have the suite's encoding (§10: "MUST be a public key for the asymmetric
 * encryption scheme defined by cipher_suite"; that a NIST point is on the curve is left to the first HPKE
 * operation, which rejects it) and are different keys (§10.1).
 */
export function checkKeyPackageHpkeKeys(cs: CipherSuite, kp: KeyPackage): void {
  checkHpkePublicKey(cs, "init_key", kp.initKey);
  checkHpkePublicKey(cs, "leaf_node.encryption_key", kp.leafNode.encryptionKey);
  if (bytesEqual(kp.initKey, kp.leafNode.encryptionKey)) {
    fail(KeyPackageRule.distinctKeys, "leaf_node.encryption_key equals init_key");
  }
}

/**
 * The VerifyWithLabel inputs of KP-10 and KP-11, exactly as `checkKeyPackageSignatures` verifies them, so a
 * batch can check many KeyPackages' signatures ahead on every core.
 */
export function keyPackageSignatureItems(kp: KeyPackage, keyPackageBytes: Uint8Array): VerifyWithLabelItem[] {
  const { leafNode } = kp;
  const leaf = {
    publicKey: leafNode.signatureKey,
    label: "LeafNodeTBS",
    content: leafNodeTbsBytes(leafNode),
    signature: leafNode.signature,
  };
  const tbs = keyPackageTbsBytes(keyPackageBytes, kp.signature);
  return [
    leaf,
    { publicKey: leafNode.signatureKey, label: KEY_PACKAGE_LABEL, content: tbs, signature: kp.signature },
  ];
}

/** KP-10 and KP-11: the leaf's LeafNodeTBS signature, then the KeyPackageTBS signature, by signature_key. */
export function checkKeyPackageSignatures(
  cs: CipherSuite,
  kp: KeyPackage,
  keyPackageBytes: Uint8Array,
): void {
  if (!verifyLeafNodeSignature(cs, kp.leafNode)) {
    fail(KeyPackageRule.leafSignature, "the leaf node signature does not verify");
  }
  const tbs = keyPackageTbsBytes(keyPackageBytes, kp.signature);
  if (!verifyWithLabel(cs, kp.leafNode.signatureKey, KEY_PACKAGE_LABEL, tbs, kp.signature)) {
    fail(KeyPackageRule.signature, "the KeyPackage signature does not verify");
  }
}
