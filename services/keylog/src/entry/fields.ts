import { decode, type Reader } from "@parley/codec";
import { EntryFormatError } from "./errors.js";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** Identities are UTF-8 text, non-empty; invalid sequences are refused, never replaced. */
export function identityBytes(identity: string): Uint8Array {
  if (identity.length === 0) throw new EntryFormatError("empty-identity", "identity must not be empty");
  const bytes = utf8Encoder.encode(identity);
  // A lone surrogate would silently become U+FFFD; the round trip catches it.
  if (utf8.decode(bytes) !== identity) {
    throw new EntryFormatError("identity-not-utf8", "identity contains unpaired UTF-16 surrogates");
  }
  return bytes;
}

export function readIdentity(r: Reader, field: string): string {
  const bytes = r.opaque(field);
  if (bytes.length === 0) throw new EntryFormatError("empty-identity", `${field} must not be empty`);
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new EntryFormatError("identity-not-utf8", `${field} is not valid UTF-8: ${String(cause)}`);
  }
}

export function checkClientId(clientId: Uint8Array, field: string): void {
  if (clientId.length === 0) throw new EntryFormatError("empty-client-id", `${field} must not be empty`);
}

/** uint64 on the wire (timestamps in seconds, leaf indices); kept as a safe integer in memory. */
export function checkSafeUint(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new EntryFormatError("integer-range", `${field} must be a non-negative safe integer, got ${value}`);
  }
}

export function readSafeUint(r: Reader, field: string): number {
  const v = r.u64(field);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new EntryFormatError("integer-range", `${field} ${v} exceeds 2^53-1`);
  }
  return Number(v);
}

/** RFC 9420 §5.3 CredentialType values the Authentication Service issues. */
const CREDENTIAL_BASIC = 1;
const CREDENTIAL_X509 = 2;

/**
 * The credential is carried as its exact MLS encoding (RFC 9420 §5.3), but it must parse as one:
 * a basic credential with a non-empty identity, or an x509 chain of at least one non-empty
 * certificate, with no trailing bytes.
 */
export function checkCredential(credential: Uint8Array): void {
  try {
    decode(credential, readCredentialShape, "credential");
  } catch (cause) {
    if (cause instanceof EntryFormatError) throw cause;
    throw new EntryFormatError(
      "credential-malformed",
      `credential is not an MLS Credential: ${String(cause)}`,
    );
  }
}

function readCredentialShape(r: Reader): void {
  const type = r.u16("credential.credential_type");
  if (type === CREDENTIAL_BASIC) {
    if (r.opaque("credential.identity").length === 0) {
      throw new EntryFormatError("credential-malformed", "basic credential identity is empty");
    }
    return;
  }
  if (type === CREDENTIAL_X509) {
    const certs = r.vector("credential.certificates", (sub) =>
      sub.opaque("credential.certificates.cert_data"),
    );
    if (certs.length === 0 || certs.some((c) => c.length === 0)) {
      throw new EntryFormatError("credential-malformed", "x509 credential needs non-empty certificates");
    }
    return;
  }
  throw new EntryFormatError("credential-malformed", `credential_type ${type} is not basic(1) or x509(2)`);
}
