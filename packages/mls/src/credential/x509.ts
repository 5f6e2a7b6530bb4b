/**
 * RFC 9420 §5.3 X.509 credentials behind the §5.3.1 validator hook: the end-entity key must be the LeafNode's
 * signature key and the chain must lead to one of the application's trust anchors at validation time.
 */
import type { X509Certificate } from "node:crypto";
import { bytesEqual } from "@parley/codec";
import { CredentialType } from "../codec/index.js";
import type { Credential, X509Credential } from "../codec/index.js";
import { UsageError, ValidationError } from "../errors.js";
import { CredentialRule } from "./rules.js";
import type { CredentialContext, CredentialValidator } from "./validator.js";
import { certificateSignatureKey } from "./x509-key.js";
import {
  checkChainOrder,
  checkValidity,
  findTrustAnchor,
  parseCertificate,
  parseChain,
} from "./x509-path.js";

/** An X.509 credential from DER certificates, end-entity first (§5.3). */
export function x509Credential(certificatesDer: readonly Uint8Array[]): X509Credential {
  return {
    credentialType: CredentialType.x509,
    certificates: certificatesDer.map((certData) => ({ certData })),
  };
}

export interface X509CredentialValidatorOptions {
  /** PEM text or DER bytes of the certificates trusted to issue member credentials. */
  readonly trustAnchors: readonly (string | Uint8Array)[];
  /** Validate at this fixed time instead of the caller's `context.now` (audits, tests). */
  readonly now?: Date;
  /**
   * The application's identity check (§5.3.1 reference vs presented identifiers, e.g. subjectAltName via
   * `checkEmail`/`checkHost`), called with the verified end-entity certificate; false rejects with CRED-2.
   */
  readonly checkCertificate?: (endEntity: X509Certificate, context: CredentialContext) => boolean;
}

function requireX509(credential: Credential): X509Credential {
  if (credential.credentialData === undefined && credential.credentialType === CredentialType.x509) {
    return credential;
  }
  const { id, section } = CredentialRule.type;
  throw new ValidationError(
    id,
    section,
    `expected an X.509 credential, got type ${credential.credentialType}`,
  );
}

/** CRED-4: §5.3 the end-entity key "MUST be identical to the signature_key in the LeafNode". */
function checkLeafKey(endEntity: X509Certificate, signaturePublicKey: Uint8Array): void {
  const key = certificateSignatureKey(endEntity);
  if (key === undefined || !bytesEqual(key, signaturePublicKey)) {
    const { id, section } = CredentialRule.x509LeafKey;
    throw new ValidationError(id, section, "the end-entity certificate's key is not the signature_key");
  }
}

export function x509CredentialValidator(options: X509CredentialValidatorOptions): CredentialValidator {
  if (options.trustAnchors.length === 0)
    throw new UsageError("x509CredentialValidator needs at least one trust anchor");
  const anchors = options.trustAnchors.map((a, i) => {
    try {
      return parseCertificate(a);
    } catch (e) {
      throw new UsageError(`trust anchor ${i} is not a PEM or DER X.509 certificate`, { cause: e });
    }
  });
  return (credential, signaturePublicKey, context) => {
    const chain = parseChain(requireX509(credential).certificates.map((c) => c.certData));
    const [endEntity] = chain;
    checkLeafKey(endEntity, signaturePublicKey);
    checkChainOrder(chain);
    const anchor = findTrustAnchor(chain, anchors);
    checkValidity([...chain, anchor], options.now ?? context.now);
    if (options.checkCertificate !== undefined && !options.checkCertificate(endEntity, context)) {
      const { id, section } = CredentialRule.policy;
      throw new ValidationError(id, section, "the certificate's identities are not accepted for this member");
    }
  };
}
