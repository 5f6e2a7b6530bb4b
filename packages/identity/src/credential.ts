/**
 * Issuing and verifying Parley credentials: RFC 9420 §5.3 BasicCredentials whose `identity` is a
 * `ParleyIdentity` signed by the Authentication Service. §5.3.1 leaves it to the application to
 * decide that a credential binds its identity to the leaf's `signature_key`; here that binding is
 * the AS's Ed25519 signature over the identity and the key, checked offline with the AS's public key.
 */
import { toHex } from "@parley/codec";
import { basicCredential, CredentialType, type Credential } from "@parley/mls";
import { IdentityError } from "./errors.js";
import {
  decodeParleyIdentity,
  encodeParleyIdentityTbs,
  PARLEY_IDENTITY_VERSION,
  encodeParleyIdentity,
  type ParleyIdentity,
} from "./parley-identity.js";
import { ed25519Suite, keyMatchesScheme } from "./signature-scheme.js";

export interface ParleyCredentialRequest {
  readonly userId: string;
  readonly clientId: Uint8Array;
  /** TLS SignatureScheme of `signatureKey`. */
  readonly signatureScheme: number;
  /** RFC 9420 §5.1.1 SignaturePublicKey the credential vouches for. */
  readonly signatureKey: Uint8Array;
  /** Seconds since the Unix epoch. */
  readonly notBefore: number;
  readonly notAfter: number;
}

export interface ParleyIssuer {
  /** Put in `issuer_key_id`; relying parties find the public key under `toHex(keyId)`. */
  readonly keyId: Uint8Array;
  /** The AS's 32-byte Ed25519 private key (RFC 8032 seed). */
  readonly privateKey: Uint8Array;
}

/** The AS public keys a relying party accepts, keyed by the lower-case hex of their key id. */
export interface ParleyTrust {
  readonly issuers: ReadonlyMap<string, Uint8Array>;
}

/** What a verified credential asserts: the identity without its format version and signature. */
export type VerifiedParleyIdentity = Omit<ParleyIdentity, "version" | "signature">;

/** Signs the binding of `req.signatureKey` to the user and client, and wraps it in a BasicCredential. */
export function issueParleyCredential(req: ParleyCredentialRequest, issuer: ParleyIssuer): Credential {
  if (!keyMatchesScheme(req.signatureScheme, req.signatureKey)) {
    throw new IdentityError("scheme-mismatch", "signature_key is not a key of signature_scheme");
  }
  const fields = {
    version: PARLEY_IDENTITY_VERSION,
    userId: req.userId,
    clientId: req.clientId,
    signatureScheme: req.signatureScheme,
    notBefore: req.notBefore,
    notAfter: req.notAfter,
    issuerKeyId: issuer.keyId,
  };
  const tbs = encodeParleyIdentityTbs({ ...fields, signatureKey: req.signatureKey });
  const signature = ed25519Suite().sign(issuer.privateKey, tbs);
  return basicCredential(encodeParleyIdentity({ ...fields, signature }));
}

/** Decodes the `ParleyIdentity` inside a credential without checking anything but its encoding. */
export function parleyIdentityOf(credential: Credential): ParleyIdentity {
  if (credential.credentialType !== CredentialType.basic || credential.credentialData !== undefined) {
    throw new IdentityError("malformed", `credential type ${credential.credentialType} is not basic (1)`);
  }
  return decodeParleyIdentity(credential.identity);
}

/**
 * Accepts `credential` for `signatureKey` at `now` only if a trusted AS key signed exactly this
 * binding and the validity window covers `now`. Checks run cheapest first; the first failure throws.
 */
export function verifyParleyCredential(
  credential: Credential,
  signatureKey: Uint8Array,
  trust: ParleyTrust,
  now: Date,
): VerifiedParleyIdentity {
  const id = parleyIdentityOf(credential);
  const issuerKey = trust.issuers.get(toHex(id.issuerKeyId));
  if (issuerKey === undefined) {
    throw new IdentityError("unknown-issuer", "issuer_key_id names no trusted AS key");
  }
  if (!keyMatchesScheme(id.signatureScheme, signatureKey)) {
    throw new IdentityError("scheme-mismatch", "the signature key is not a key of the credential's scheme");
  }
  const tbs = encodeParleyIdentityTbs({ ...id, signatureKey });
  if (!ed25519Suite().verify(issuerKey, tbs, id.signature)) {
    throw new IdentityError("bad-signature", "the AS signature does not cover this identity and key");
  }
  const seconds = Math.floor(now.getTime() / 1000);
  if (seconds < id.notBefore) throw new IdentityError("not-yet-valid", `valid from ${id.notBefore}`);
  if (seconds >= id.notAfter) throw new IdentityError("expired", `expired at ${id.notAfter}`);
  return {
    userId: id.userId,
    clientId: id.clientId,
    signatureScheme: id.signatureScheme,
    notBefore: id.notBefore,
    notAfter: id.notAfter,
    issuerKeyId: id.issuerKeyId,
  };
}
