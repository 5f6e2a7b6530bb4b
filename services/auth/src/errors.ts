/**
 * Why an enrollment was refused. The reason is also the `reason` label of
 * `auth_enrollment_failures_total`: a fixed vocabulary, never request data.
 */
import { Code, ServiceError } from "@parley/kit";
import type { IdentityError } from "@parley/identity";

export const ENROLLMENT_FAILURE_CODES = {
  "invalid-request": Code.InvalidArgument,
  "proof-missing": Code.InvalidArgument,
  "proof-disabled": Code.FailedPrecondition,
  "token-malformed": Code.Unauthenticated,
  "token-algorithm": Code.Unauthenticated,
  "token-unknown-key": Code.Unauthenticated,
  "token-signature": Code.Unauthenticated,
  "token-issuer": Code.Unauthenticated,
  "token-audience": Code.Unauthenticated,
  "token-expired": Code.Unauthenticated,
  "token-not-yet-valid": Code.Unauthenticated,
  "token-user-mismatch": Code.PermissionDenied,
  "token-reused": Code.Unauthenticated,
  "code-malformed": Code.Unauthenticated,
  "code-invalid": Code.Unauthenticated,
  "code-expired": Code.Unauthenticated,
  "code-user-mismatch": Code.PermissionDenied,
  "code-used": Code.Unauthenticated,
  "possession-missing": Code.InvalidArgument,
  "possession-invalid": Code.Unauthenticated,
  "client-exists": Code.AlreadyExists,
  "log-unavailable": Code.Unavailable,
  busy: Code.ResourceExhausted,
} as const;

export type EnrollmentFailure = keyof typeof ENROLLMENT_FAILURE_CODES;

/** A refused enrollment: the gRPC code follows from the reason; the message names what was wrong. */
export class EnrollmentError extends ServiceError {
  constructor(
    readonly reason: EnrollmentFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(ENROLLMENT_FAILURE_CODES[reason], `${reason}: ${message}`, options);
  }
}

/** Signed-request failures: UNAUTHENTICATED with the rule, except a full replay cache (load, not identity). */
export function identityFailure(err: IdentityError): ServiceError {
  const code = err.rule === "replay-cache-full" ? Code.ResourceExhausted : Code.Unauthenticated;
  return new ServiceError(code, err.message);
}
