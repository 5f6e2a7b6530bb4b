/**
 * The credential validator hook (RFC 9420 §5.3.1): the one place where MLS asks the application's
 * Authentication Service whether a credential legitimately binds its identities to a signature key.
 *
 * The hook is synchronous on purpose. Everything else in this library is synchronous (crypto included), and
 * a Commit is validated as one atomic step: an `await` in the middle of it would let other messages for the
 * same group interleave with a half-checked state. Anything slow an AS needs (revocation lists, directory
 * lookups) is fetched before validation and consulted here.
 */
import type { Credential } from "../codec/index.js";
import { MlsError, ValidationError } from "../errors.js";
import { CredentialRule } from "./rules.js";

/** Where a credential was met: the occasions §5.3.1 lists on which a credential MUST be validated. */
export type CredentialUse = "key_package" | "add" | "update" | "commit" | "group_info" | "external_sender";

export interface CredentialContext {
  readonly use: CredentialUse;
  /** The cipher suite of the KeyPackage or group the credential arrived in. */
  readonly cipherSuite: number;
  /** The time to validate at (certificate validity, policy windows). */
  readonly now: Date;
  readonly groupId?: Uint8Array | undefined;
  /**
   * For `update` and `commit`: the credential being replaced. §5.3.1: the AS MUST also check that the new
   * credential's identities are a valid successor to the old ones.
   */
  readonly previousCredential?: Credential | undefined;
}

/**
 * Returns normally to accept; throws (preferably a `ValidationError` with a `CRED-*` rule) to reject.
 * `signaturePublicKey` is the LeafNode's (or ExternalSender's) `signature_key` the credential must vouch for.
 */
export type CredentialValidator = (
  credential: Credential,
  signaturePublicKey: Uint8Array,
  context: CredentialContext,
) => void;

/**
 * Calls an application validator and normalises what it throws: library errors pass through, anything else
 * (a plain `Error` from application code) becomes a CRED-2 policy rejection, with the original as `cause`
 * so it can be logged but never reaches a peer.
 */
export function runCredentialValidator(
  validate: CredentialValidator,
  credential: Credential,
  signaturePublicKey: Uint8Array,
  context: CredentialContext,
): void {
  try {
    validate(credential, signaturePublicKey, context);
  } catch (e) {
    if (e instanceof MlsError) throw e;
    const { id, section } = CredentialRule.policy;
    throw new ValidationError(id, section, "the application rejected the credential", { cause: e });
  }
}

/**
 * One validator per credential type; any type without an entry is rejected (CRED-1), which is how a group
 * or directory restricts itself to, say, X.509 only (§13.3: a type is usable only where it is supported).
 */
export function credentialValidatorByType(
  validators: Readonly<Record<number, CredentialValidator>>,
): CredentialValidator {
  const table = new Map<number, CredentialValidator>(
    Object.entries(validators).map(([type, v]) => [Number(type), v]),
  );
  return (credential, signaturePublicKey, context) => {
    const validate = table.get(credential.credentialType);
    if (validate === undefined) {
      const { id, section } = CredentialRule.type;
      throw new ValidationError(id, section, `credential type ${credential.credentialType} is not accepted`);
    }
    validate(credential, signaturePublicKey, context);
  };
}
