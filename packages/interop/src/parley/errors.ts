/**
 * How the Parley harness reports failures: the shared refusals (../harness/errors.ts) plus `@parley/mls`'s
 * error hierarchy mapped to statuses. Parley's messages name the failed rule (`GROUP-12 (RFC 9420 §12.2): …`)
 * or the undecodable field and never carry key material, so they are safe to send.
 */
import { Code, ServiceError } from "@parley/kit";
import { CodecError, InternalError, MlsError, UnsupportedError, UsageError } from "@parley/mls";
import { unsupportedBy } from "../harness/errors.js";

export { badRequest, unknownId, wrongPhase } from "../harness/errors.js";

/** The harness cannot do what the RPC asks because Parley's group API lacks it; `why` says exactly what. */
export const unsupported = unsupportedBy("Parley's group API");

/** Turns an `@parley/mls` exception into a wire status; anything else stays INTERNAL through the kit. */
export function fromLibrary(rpc: string, err: unknown): unknown {
  if (err instanceof ServiceError) return err;
  if (err instanceof CodecError) {
    return new ServiceError(Code.InvalidArgument, `${rpc}: Parley cannot decode the input: ${err.message}`, {
      cause: err,
    });
  }
  if (err instanceof UsageError) {
    return new ServiceError(Code.FailedPrecondition, `${rpc}: Parley: ${err.message}`, { cause: err });
  }
  if (err instanceof UnsupportedError) {
    return new ServiceError(Code.Unimplemented, `${rpc}: not supported by Parley: ${err.message}`, {
      cause: err,
    });
  }
  // ValidationError (a numbered RFC 9420 rule) and CryptoError (a signature, tag or AEAD that fails).
  if (err instanceof MlsError && !(err instanceof InternalError)) {
    return new ServiceError(Code.InvalidArgument, `${rpc}: Parley rejected the input: ${err.message}`, {
      cause: err,
    });
  }
  return err;
}
