/**
 * How a harness reports failures over the MLSClient contract. Every refusal names the RPC and the reason, so
 * a driver (or a person reading its table) can tell "this implementation cannot do it" (UNIMPLEMENTED) from
 * "the request was wrong" (INVALID_ARGUMENT / NOT_FOUND / FAILED_PRECONDITION) from "the library rejected
 * the MLS input" (each harness maps its library's errors in its own `fromLibrary`).
 */
import { Code, ServiceError } from "@parley/kit";

/**
 * A refusal for what `implementation` lacks, worded the same for every harness so that the driver's skip
 * reason reads "<RPC>: not supported by <implementation>: <what exactly is missing>".
 */
export function unsupportedBy(implementation: string): (rpc: string, why: string) => ServiceError {
  return (rpc, why) =>
    new ServiceError(Code.Unimplemented, `${rpc}: not supported by ${implementation}: ${why}`);
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
