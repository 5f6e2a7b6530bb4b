/**
 * @parley/identity — the Parley credential (an RFC 9420 §5.3 BasicCredential carrying an
 * AS-signed `ParleyIdentity`) and signed client requests, both verified offline. Used by the
 * Authentication Service, the KeyPackage directory and the client SDK (docs/identity.md).
 */
export { IdentityError, type IdentityRule } from "./errors.js";
export { encodeBase64Url, decodeBase64Url } from "./base64url.js";
export {
  PARLEY_IDENTITY_VERSION,
  encodeParleyIdentity,
  decodeParleyIdentity,
  encodeParleyIdentityTbs,
  type ParleyIdentity,
  type ParleyIdentityTbs,
} from "./parley-identity.js";
export {
  issueParleyCredential,
  verifyParleyCredential,
  parleyIdentityOf,
  type ParleyCredentialRequest,
  type ParleyIssuer,
  type ParleyTrust,
  type VerifiedParleyIdentity,
} from "./credential.js";
export { parleyCredentialValidator, type ParleyCredentialValidatorOptions } from "./validator.js";
export { isKnownSignatureScheme, keyMatchesScheme, suiteForScheme } from "./signature-scheme.js";
export { RequestHeader, REQUEST_NONCE_LENGTH, encodeRequestTbs, type RequestTbs } from "./signed-request.js";
export { signRequest, type SignRequestInput } from "./sign-request.js";
export { verifyRequest, type VerifyRequestInput, type VerifiedClient } from "./verify-request.js";
export { ReplayGuard, type ReplayGuardOptions } from "./replay-guard.js";
export {
  encodeEnrollmentTbs,
  signEnrollment,
  verifyEnrollmentPossession,
  type EnrollmentTbs,
} from "./enrollment.js";
