/** RFC 9420 §10 KeyPackages: creation, the unverified → validated pipeline, and LeafNode signing helpers. */
export { KeyPackageRule } from "./rules.js";
export {
  DEFAULT_KEY_PACKAGE_LIFETIME_SECONDS,
  DEFAULT_MAX_LIFETIME_SECONDS,
  DEFAULT_CLOCK_SKEW_SECONDS,
  LIFETIME_BACKDATE_SECONDS,
  keyPackageLifetime,
  checkLifetime,
  type LifetimePolicy,
} from "./lifetime.js";
export { signLeafNode, verifyLeafNodeSignature } from "./leaf-node-signature.js";
export { buildCapabilities, type CapabilitiesOptions, type CapabilitiesInUse } from "./capabilities.js";
export { signKeyPackage, keyPackageTbsBytes, type SignedKeyPackage } from "./sign-key-package.js";
export {
  createKeyPackage,
  type CreateKeyPackageInput,
  type CreatedKeyPackage,
  type KeyPackagePrivateKeys,
} from "./create-key-package.js";
export {
  decodeUnverifiedKeyPackage,
  decodeUnverifiedKeyPackageMessage,
  unverifiedKeyPackage,
  type UnverifiedKeyPackage,
} from "./unverified-key-package.js";
export {
  checkKeyPackageVersion,
  checkKeyPackageCipherSuite,
  checkKeyPackageLeafSource,
  checkKeyPackageCapabilities,
  checkKeyPackageHpkeKeys,
  checkKeyPackageSignatures,
} from "./key-package-checks.js";
export {
  validateKeyPackage,
  type ValidatedKeyPackage,
  type KeyPackageValidationOptions,
} from "./validate-key-package.js";
