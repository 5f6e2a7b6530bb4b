/**
 * Why a Parley credential or signed request was refused. Each rule has a negative test in
 * `packages/identity/test/`. Services map the whole class to UNAUTHENTICATED (and
 * `replay-cache-full` to RESOURCE_EXHAUSTED), putting the rule in the message: messages name the
 * field that was wrong and never carry key material or header values.
 */
export type IdentityRule =
  | "malformed"
  | "unknown-issuer"
  | "bad-signature"
  | "not-yet-valid"
  | "expired"
  | "scheme-mismatch"
  | "revoked"
  | "missing-header"
  | "malformed-header"
  | "bad-request-signature"
  | "stale-timestamp"
  | "replayed-nonce"
  | "replay-cache-full";

export class IdentityError extends Error {
  override readonly name = "IdentityError";

  constructor(
    readonly rule: IdentityRule,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${rule}: ${message}`, options);
  }
}
