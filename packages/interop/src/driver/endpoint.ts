/**
 * An MLSClient harness server the driver talks to: its gRPC client, the name it reports and the cipher
 * suites it supports (both asked once, up front).
 */
import { createGrpcClient, type GrpcClient } from "@parley/kit";
import { MLSClient } from "../gen/mls_client_pb.js";

export type HarnessClient = GrpcClient<typeof MLSClient>;

export interface Endpoint {
  /** Short label for tables: "#1", "#2", … in the order given. */
  readonly label: string;
  readonly address: string;
  /** What the server's Name RPC reported. */
  readonly name: string;
  readonly suites: readonly number[];
  readonly client: HarnessClient;
}

/** How long any single RPC may take before the step counts as failed. */
export const RPC_TIMEOUT_MS = 30_000;

/** Connects to `address` (`host:port`) and asks for its name and suites; closes the channel on failure. */
export async function connectEndpoint(address: string, index: number): Promise<Endpoint> {
  const client = createGrpcClient(MLSClient, address);
  try {
    const opts = { timeoutMs: RPC_TIMEOUT_MS };
    const { name } = await client.name({}, opts);
    const { ciphersuites } = await client.supportedCiphersuites({}, opts);
    return { label: `#${index + 1}`, address, name, suites: ciphersuites, client };
  } catch (err) {
    client.$close();
    throw new Error(
      `cannot reach MLSClient at ${address}: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
}

export function describeEndpoint(e: Endpoint): string {
  return `${e.label} ${e.name} @ ${e.address}`;
}
