/** RFC 9420 §5.3 credentials and the §5.3.1 credential validator hook (basic and X.509 validators). */
export { CredentialRule } from "./rules.js";
export {
  type CredentialUse,
  type CredentialContext,
  type CredentialValidator,
  runCredentialValidator,
  credentialValidatorByType,
} from "./validator.js";
export { basicCredential, basicCredentialValidator, type BasicCredentialValidatorOptions } from "./basic.js";
export { x509Credential, x509CredentialValidator, type X509CredentialValidatorOptions } from "./x509.js";
export { certificateSignatureKey } from "./x509-key.js";
