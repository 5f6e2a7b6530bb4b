/**
 * Loopback harness servers for the tests: in-process, on ports the OS picks, stopped after the suite.
 */
import type { RunningServer, ServiceBinding } from "@parley/kit";
import { connectEndpoint, type Endpoint } from "../src/driver/endpoint.js";
import { serveHarness } from "../src/harness-server.js";

export interface Harnesses {
  readonly endpoints: Endpoint[];
  stop(): Promise<void>;
}

/** Serves each binding on 127.0.0.1:0 and connects a driver endpoint to it. */
export async function serveAll(bindings: readonly ServiceBinding[]): Promise<Harnesses> {
  const servers: RunningServer[] = [];
  const endpoints: Endpoint[] = [];
  const stop = async (): Promise<void> => {
    for (const e of endpoints) e.client.$close();
    for (const s of servers) await s.stop();
  };
  try {
    for (const [i, binding] of bindings.entries()) {
      const server = await serveHarness(binding, { address: "127.0.0.1:0", logLevel: "error" });
      servers.push(server);
      endpoints.push(await connectEndpoint(server.grpcAddress, i));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { endpoints, stop };
}
