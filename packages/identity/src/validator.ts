/**
 * The RFC 9420 §5.3.1 credential validator hook for Parley credentials, so MLS groups accept a
 * leaf, KeyPackage or external sender only with a credential the AS issued for its key.
 */
import {
  CredentialRule,
  nodeProvider,
  ValidationError,
  type CredentialContext,
  type CredentialValidator,
} from "@parley/mls";
import { verifyParleyCredential, type ParleyTrust, type VerifiedParleyIdentity } from "./credential.js";
import { IdentityError } from "./errors.js";

export interface ParleyCredentialValidatorOptions {
  /**
   * Consulted after the credential verified, e.g. with revocations already read from the key log
   * (the hook is synchronous, so they are fetched beforehand). True refuses with rule `revoked`.
   */
  readonly isRevoked?: (identity: VerifiedParleyIdentity, context: CredentialContext) => boolean;
}

/**
 * Accepts exactly what `verifyParleyCredential` accepts at `context.now`, and additionally requires
 * the credential's signature scheme to be the cipher suite's (RFC 9420 §5.1.2: one scheme per suite).
 * Refusals are CRED-2 `ValidationError`s naming the identity rule, with the `IdentityError` as cause.
 */
export function parleyCredentialValidator(
  trust: ParleyTrust,
  opts: ParleyCredentialValidatorOptions = {},
): CredentialValidator {
  return (credential, signaturePublicKey, context) => {
    try {
      const verified = verifyParleyCredential(credential, signaturePublicKey, trust, context.now);
      const suiteScheme = nodeProvider.suite(context.cipherSuite).signatureScheme;
      if (verified.signatureScheme !== suiteScheme) {
        throw new IdentityError("scheme-mismatch", "the credential's scheme is not the cipher suite's");
      }
      if (opts.isRevoked?.(verified, context) === true) {
        throw new IdentityError("revoked", "the credential's binding was revoked in the key log");
      }
    } catch (err) {
      if (!(err instanceof IdentityError)) throw err;
      const { id, section } = CredentialRule.policy;
      throw new ValidationError(id, section, `Parley credential refused: ${err.message}`, { cause: err });
    }
  };
}
