/**
 * How the ts-mls harness reports failures over the MLSClient contract. Every refusal names the RPC and the
 * reason, so a driver (or a person reading its table) can tell "ts-mls cannot do this" (UNIMPLEMENTED) from
 * "the request was wrong" (INVALID_ARGUMENT / NOT_FOUND) from "ts-mls rejected the MLS input" (the library's
 * own error message, which names a protocol check and carries no secret material).
 */
import { Code, ServiceError } from "@parley/kit";
import { MlsError, UsageError } from "ts-mls/mlsError.js";

/** The harness cannot do what the RPC asks because ts-mls 1.6.4 lacks it; `why` says exactly what. */
export function unsupported(rpc: string, why: string): ServiceError {
  return new ServiceError(Code.Unimplemented, `${rpc}: not supported by ts-mls 1.6.4: ${why}`);
}

/** The request itself is malformed (missing field, undecodable bytes, wrong message type). */
export function badRequest(rpc: string, what: string): ServiceError {
  return new ServiceError(Code.InvalidArgument, `${rpc}: ${what}`);
}

/** The request names an id this server never issued or has already freed. */
export function unknownId(rpc: string, kind: string, id: number): ServiceError {
  return new ServiceError(Code.NotFound, `${rpc}: no ${kind} with id ${id}`);
}

/** The id exists but is in the wrong phase for this RPC (e.g. no pending commit). */
export function wrongPhase(rpc: string, what: string): ServiceError {
  return new ServiceError(Code.FailedPrecondition, `${rpc}: ${what}`);
}

/**
 * Turns a ts-mls exception into a wire status. ts-mls error messages describe the failed protocol check
 * ("Could not verify confirmation tag"), never key material, so they are safe to send; anything else
 * stays INTERNAL through the kit's mapping.
 */
export function fromLibrary(rpc: string, err: unknown): unknown {
  if (err instanceof ServiceError) return err;
  if (err instanceof UsageError) {
    return new ServiceError(Code.FailedPrecondition, `${rpc}: ts-mls: ${err.message}`, { cause: err });
  }
  if (err instanceof MlsError) {
    return new ServiceError(Code.InvalidArgument, `${rpc}: ts-mls rejected the input: ${err.message}`, {
      cause: err,
    });
  }
  return err;
}
