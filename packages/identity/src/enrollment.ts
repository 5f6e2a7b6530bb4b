/**
 * Proof of possession at enrollment: before the AS vouches for a signature key it makes the
 * client sign, with that key, the binding it asks for and the identity proof it presents
 * (RFC 9750 §5: a credential attests a binding between an identity and a signature key pair, so the AS must first know the client holds that pair).
 * Hashing the proof in ties the signature to one ID token or enrollment code, so a possession
 * signature observed once cannot be reused with another proof.
 *
 * ```
 * struct {
 *   opaque label<V> = "Parley enrollment v1";
 *   opaque user_id<V>;
 *   opaque client_id<V>;
 *   uint16 signature_scheme;
 *   opaque signature_key<V>;
 *   opaque proof_hash<V>;      // SHA-256 of the UTF-8 ID token or enrollment code
 * } ParleyEnrollmentTBS;
 * ```
 */
import { encode } from "@parley/codec";
import { IdentityError } from "./errors.js";
import { keyMatchesScheme, sha256, suiteForScheme } from "./signature-scheme.js";

const LABEL = new TextEncoder().encode("Parley enrollment v1");

export interface EnrollmentTbs {
  readonly userId: string;
  readonly clientId: Uint8Array;
  readonly signatureScheme: number;
  readonly signatureKey: Uint8Array;
  /** The ID token or enrollment code exactly as sent. */
  readonly proof: string;
}

export function encodeEnrollmentTbs(v: EnrollmentTbs): Uint8Array {
  const te = new TextEncoder();
  return encode(v, (w) => {
    w.opaque(LABEL).opaque(te.encode(v.userId)).opaque(v.clientId).u16(v.signatureScheme);
    w.opaque(v.signatureKey).opaque(sha256(te.encode(v.proof)));
  });
}

/** The client side: sign the enrollment request with the key being enrolled. */
export function signEnrollment(v: EnrollmentTbs & { readonly privateKey: Uint8Array }): Uint8Array {
  return suiteForScheme(v.signatureScheme).sign(v.privateKey, encodeEnrollmentTbs(v));
}

/** The AS side: throws `IdentityError("bad-signature")` unless `signature` proves possession. */
export function verifyEnrollmentPossession(v: EnrollmentTbs, signature: Uint8Array): void {
  if (!keyMatchesScheme(v.signatureScheme, v.signatureKey)) {
    throw new IdentityError("scheme-mismatch", "signature_key is not a key of signature_scheme");
  }
  if (!suiteForScheme(v.signatureScheme).verify(v.signatureKey, encodeEnrollmentTbs(v), signature)) {
    throw new IdentityError("bad-signature", "the possession signature does not verify with signature_key");
  }
}
