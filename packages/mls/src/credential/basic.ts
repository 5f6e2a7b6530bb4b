/**
 * RFC 9420 §5.3 basic credentials: "a bare assertion of an identity, without any additional information".
 * Nothing cryptographic binds the identity to the signature key, so accepting one is purely the
 * application's policy decision: the `allow` callback is where it checks the identity against its own
 * records for this signature key (§5.3.1 reference identifiers).
 */
import { CredentialType } from "../codec/index.js";
import type { BasicCredential, Credential } from "../codec/index.js";
import { ValidationError } from "../errors.js";
import { CredentialRule } from "./rules.js";
import type { CredentialContext, CredentialValidator } from "./validator.js";

export function basicCredential(identity: Uint8Array): BasicCredential {
  return { credentialType: CredentialType.basic, identity };
}

export interface BasicCredentialValidatorOptions {
  /** Without it every basic credential is accepted: suitable for tests and closed deployments only. */
  readonly allow?: (
    identity: Uint8Array,
    signaturePublicKey: Uint8Array,
    context: CredentialContext,
  ) => boolean;
}

export function basicCredentialValidator(options: BasicCredentialValidatorOptions = {}): CredentialValidator {
  const { allow } = options;
  return (credential: Credential, signaturePublicKey, context) => {
    if (credential.credentialType !== CredentialType.basic || credential.credentialData !== undefined) {
      const { id, section } = CredentialRule.type;
      throw new ValidationError(
        id,
        section,
        `expected a basic credential, got type ${credential.credentialType}`,
      );
    }
    if (allow !== undefined && !allow(credential.identity, signaturePublicKey, context)) {
      const { id, section } = CredentialRule.policy;
      throw new ValidationError(id, section, "the basic credential's identity is not accepted for this key");
    }
  };
}
