/**
 * RFC 9420 §10.1 KeyPackage validation: the single door from `UnverifiedKeyPackage` to `ValidatedKeyPackage`.
 * Checks run cheapest first and the application's credential validator last, so a forged or malformed
 * KeyPackage never reaches the Authentication Service.
 */
import type { KeyPackage, RequiredCapabilities } from "../codec/index.js";
import { runCredentialValidator } from "../credential/validator.js";
import type { CredentialUse, CredentialValidator } from "../credential/validator.js";
import { makeKeyPackageRef } from "../crypto/labels.js";
import type { CipherSuite, CryptoProvider } from "../crypto/provider.js";
import {
  checkExtensionList,
  checkLeafNodeCapabilities,
  checkRequiredCapabilities,
} from "../extensions/index.js";
import {
  checkKeyPackageCipherSuite,
  checkKeyPackageHpkeKeys,
  checkKeyPackageCapabilities,
  checkKeyPackageLeafSource,
  checkKeyPackageSignatures,
  checkKeyPackageVersion,
} from "./key-package-checks.js";
import { DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_MAX_LIFETIME_SECONDS, checkLifetime } from "./lifetime.js";
import type { UnverifiedKeyPackage } from "./unverified-key-package.js";

const validatedBrand: unique symbol = Symbol("ValidatedKeyPackage");

/** A KeyPackage that passed every §10.1 check and the credential validator; only `validateKeyPackage` makes one. */
export interface ValidatedKeyPackage {
  readonly [validatedBrand]: true;
  readonly keyPackage: KeyPackage;
  readonly keyPackageBytes: Uint8Array;
  /** KeyPackageRef (§5.2). */
  readonly ref: Uint8Array;
  readonly cipherSuite: CipherSuite;
}

export interface KeyPackageValidationOptions {
  readonly provider: CryptoProvider;
  /** The §5.3.1 Authentication Service hook; see `basicCredentialValidator`, `x509CredentialValidator`. */
  readonly validateCredential: CredentialValidator;
  /** The group's cipher suite; when absent (e.g. in a directory) any implemented suite is accepted. */
  readonly cipherSuite?: number;
  /** The group's required_capabilities (§11.1), when validating for a group that has them. */
  readonly requiredCapabilities?: RequiredCapabilities;
  /** Validation time. Default: now. */
  readonly now?: Date;
  /** §7.2: the application's maximum total lifetime. Default `DEFAULT_MAX_LIFETIME_SECONDS` (90 days). */
  readonly maxLifetimeSeconds?: number;
  /** Clock difference tolerated at each end of the lifetime. Default `DEFAULT_CLOCK_SKEW_SECONDS` (5 min). */
  readonly clockSkewSeconds?: number;
  /**
   * §7.3 makes the "now within lifetime" check RECOMMENDED, not required, for a leaf received in a message
   * (it may have expired in transit). Default true; the total-lifetime bound (KP-8) is always checked.
   */
  readonly checkCurrentTime?: boolean;
  /** Passed to the credential validator. Default `key_package`. */
  readonly use?: CredentialUse;
  readonly groupId?: Uint8Array;
}

function checkStructure(kp: KeyPackage, options: KeyPackageValidationOptions, now: Date): void {
  const lifetime = checkKeyPackageLeafSource(kp);
  checkExtensionList(kp.extensions, "key_package");
  checkExtensionList(kp.leafNode.extensions, "leaf_node");
  checkLeafNodeCapabilities(kp.leafNode);
  checkKeyPackageCapabilities(kp);
  if (options.requiredCapabilities !== undefined) {
    checkRequiredCapabilities(kp.leafNode.capabilities, options.requiredCapabilities);
  }
  checkLifetime(lifetime, {
    now: options.checkCurrentTime === false ? undefined : now,
    maxLifetimeSeconds: options.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS,
    clockSkewSeconds: options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
  });
}

/**
 * Runs, in order: KP-1, KP-2, KP-3, EXT-1/2/3 on both extension lists, EXT-5/6, KP-4/5, EXT-4 (when the group
 * has required capabilities), KP-8/9, KP-6/7, KP-10/11, then the credential validator (`CRED-*`).
 */
export function validateKeyPackage(
  unverified: UnverifiedKeyPackage,
  options: KeyPackageValidationOptions,
): ValidatedKeyPackage {
  const { keyPackage: kp, keyPackageBytes } = unverified;
  const now = options.now ?? new Date();
  checkKeyPackageVersion(kp);
  const cs = checkKeyPackageCipherSuite(options.provider, kp, options.cipherSuite);
  checkStructure(kp, options, now);
  checkKeyPackageHpkeKeys(cs, kp);
  checkKeyPackageSignatures(cs, kp, keyPackageBytes);
  const leaf = kp.leafNode;
  runCredentialValidator(options.validateCredential, leaf.credential, leaf.signatureKey, {
    use: options.use ?? "key_package",
    cipherSuite: kp.cipherSuite,
    now,
    groupId: options.groupId,
  });
  return {
    [validatedBrand]: true,
    keyPackage: kp,
    keyPackageBytes,
    ref: makeKeyPackageRef(cs, keyPackageBytes),
    cipherSuite: cs,
  };
}
