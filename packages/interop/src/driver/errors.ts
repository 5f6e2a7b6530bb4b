/**
 * How a scenario ends early. An RPC answered UNIMPLEMENTED means the server cannot take part, so the
 * scenario is *skipped* naming server and RPC — never counted as passed. Any other RPC error, or a check
 * that does not hold, *fails* it, naming the step.
 */
import { codeName } from "@parley/kit";
import { describeEndpoint, RPC_TIMEOUT_MS, type Endpoint, type HarnessClient } from "./endpoint.js";

/** gRPC status UNIMPLEMENTED (12). */
const UNIMPLEMENTED = 12;

export class Unsupported extends Error {
  override readonly name = "Unsupported";
  constructor(
    readonly endpoint: Endpoint,
    readonly rpc: string,
    readonly reason: string,
  ) {
    super(`${describeEndpoint(endpoint)} does not support ${rpc}${reason === "" ? "" : ` (${reason})`}`);
  }
}

/** A check that did not hold, or an RPC that failed with anything but UNIMPLEMENTED. */
export class ScenarioFailure extends Error {
  override readonly name = "ScenarioFailure";
}

interface GrpcStatusError {
  readonly code: number;
  readonly details: string;
}

function isGrpcError(err: unknown): err is GrpcStatusError {
  return (
    typeof err === "object" &&
    err !== null &&
    typeof Reflect.get(err, "code") === "number" &&
    typeof Reflect.get(err, "details") === "string"
  );
}

/** Calls one RPC on `endpoint`, turning its failure into {@link Unsupported} or {@link ScenarioFailure}. */
export async function invoke<T>(
  endpoint: Endpoint,
  rpc: string,
  call: (client: HarnessClient, opts: { timeoutMs: number }) => Promise<T>,
): Promise<T> {
  try {
    return await call(endpoint.client, { timeoutMs: RPC_TIMEOUT_MS });
  } catch (err) {
    if (isGrpcError(err)) {
      if (err.code === UNIMPLEMENTED) throw new Unsupported(endpoint, rpc, err.details);
      throw new ScenarioFailure(`${rpc} on ${endpoint.label} failed: ${codeName(err.code)}: ${err.details}`, {
        cause: err,
      });
    }
    throw err;
  }
}

export function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new ScenarioFailure(what);
}
