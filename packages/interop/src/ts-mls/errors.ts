/**
 * How the ts-mls harness reports failures: the shared refusals (see ../harness/errors.ts) plus ts-mls's own
 * exceptions mapped to statuses. ts-mls error messages describe the failed protocol check ("Could not verify
 * confirmation tag"), never key material, so they are safe to send.
 */
import { Code, ServiceError } from "@parley/kit";
import { MlsError, UsageError } from "ts-mls/mlsError.js";
import { unsupportedBy } from "../harness/errors.js";

export { badRequest, unknownId, wrongPhase } from "../harness/errors.js";

/** The harness cannot do what the RPC asks because ts-mls 1.6.4 lacks it; `why` says exactly what. */
export const unsupported = unsupportedBy("ts-mls 1.6.4");

/** Turns a ts-mls exception into a wire status; anything else stays INTERNAL through the kit's mapping. */
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
