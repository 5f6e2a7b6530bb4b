/**
 * Credential rules (RFC 9420 §5.3, §5.3.1, §5.3.2), raised by the credential validators in this folder as
 * `ValidationError`s with these ids; each has a negative test in `test/credential*.test.ts`.
 */
export const CredentialRule = {
  /** §5.3.1, §13.3: the validator in use accepts this credential type (e.g. no basic credentials where X.509 is required). */
  type: { id: "CRED-1", section: "§5.3.1" },
  /** §5.3.1: the application's policy (reference identifiers, allow lists, successor rules) accepts the credential. */
  policy: { id: "CRED-2", section: "§5.3.1" },
  /** §5.3: an X.509 credential holds at least one certificate and each is a DER-encoded X.509 certificate. */
  x509Format: { id: "CRED-3", section: "§5.3" },
  /** §5.3: the end-entity certificate's subjectPublicKeyInfo is identical to the LeafNode's signature_key. */
  x509LeafKey: { id: "CRED-4", section: "§5.3" },
  /** §5.3: certificates[i] is issued and signed by certificates[i+1], which is a CA. */
  x509ChainOrder: { id: "CRED-5", section: "§5.3" },
  /** §5.3.1: the chain ends at (or directly below) a configured trust anchor. */
  x509TrustAnchor: { id: "CRED-6", section: "§5.3.1" },
  /** §5.3.2: every certificate in the path, anchor included, is within its validity period at validation time. */
  x509Validity: { id: "CRED-7", section: "§5.3.2" },
} as const;
