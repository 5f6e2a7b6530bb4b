/**
 * The base of the SDK's verification errors: each names the rule that failed, as a typed `rule` callers can
 * branch on and as the message's prefix (`rule: what was wrong`) people read — the shape `IdentityError`
 * of `@parley/identity` has too.
 */
export abstract class RuleError<R extends string> extends Error {
  constructor(
    readonly rule: R,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${rule}: ${message}`, options);
  }
}
