/**
 * The error hierarchy of `@parley/mls`. Callers (and the services' error interceptor) branch on the class,
 * never on message text. Messages name what was wrong but never include key material or plaintext.
 */
export { CodecError } from "@parley/codec";

/** Base class of every error raised by this library (codec failures are `CodecError`, from `@parley/codec`). */
export class MlsError extends Error {
  override readonly name: string = "MlsError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** A cryptographic operation failed: AEAD authentication, an invalid public key, a bad key length. */
export class CryptoError extends MlsError {
  override readonly name: string = "CryptoError";
}

/**
 * A numbered RFC 9420 validation rule was violated. The rule id (e.g. `FRAMING-7`) ties the failure to the
 * rule catalogue and its negative test; the section (e.g. `§6.3.2`) to the RFC text.
 */
export class ValidationError extends MlsError {
  override readonly name: string = "ValidationError";
  constructor(
    readonly rule: string,
    readonly section: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${rule} (RFC 9420 ${section}): ${message}`, options);
  }
}

/** The caller used the API wrongly (e.g. wrong state, wrong argument combination). */
export class UsageError extends MlsError {
  override readonly name: string = "UsageError";
}

/** A well-formed request for something this library does not implement (e.g. an unknown cipher suite id). */
export class UnsupportedError extends MlsError {
  override readonly name: string = "UnsupportedError";
}

/** An invariant of this library broke: a bug here, not bad input. */
export class InternalError extends MlsError {
  override readonly name: string = "InternalError";
}
