/**
 * Why an encoded log entry was refused. `rule` is a stable identifier (see
 * docs/keylog-entry-format.md) so tests and operators can tell the rules apart; the message names
 * the field. Codec failures (truncation, non-minimal varints, trailing bytes) surface as
 * `CodecError` from @parley/codec instead.
 */
export class EntryFormatError extends Error {
  override readonly name = "EntryFormatError";
  constructor(
    readonly rule: EntryRule,
    message: string,
  ) {
    super(`${message} [${rule}]`);
  }
}

export type EntryRule =
  | "unknown-version"
  | "unknown-type"
  | "empty-identity"
  | "identity-not-utf8"
  | "empty-client-id"
  | "unknown-signature-scheme"
  | "signature-key-length"
  | "credential-malformed"
  | "validity-interval"
  | "integer-range"
  | "unknown-revoked-ref"
  | "unknown-revocation-reason";
