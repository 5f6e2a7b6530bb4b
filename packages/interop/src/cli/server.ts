/**
 * `npm run interop-server -- --port N [--host H] [--impl parley|ts-mls]`: serves the MLSClient interop contract
 * until SIGINT/SIGTERM, over Parley's own group API (the default) or over ts-mls.
 */
import { parseArgs } from "node:util";
import { handleSignals } from "@parley/kit";
import { HARNESS_IMPLEMENTATIONS, type HarnessImplementation } from "../harness-server.js";

const IMPLS = Object.keys(HARNESS_IMPLEMENTATIONS) as HarnessImplementation[];
const USAGE = `usage: interop-server --port N [--host 127.0.0.1] [--impl ${IMPLS.join("|")}]`;

function parse(): { host: string; port: number; impl: HarnessImplementation } {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      impl: { type: "string", default: "parley" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (values.port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer 0–65535 (got ${values.port ?? "nothing"})\n${USAGE}`);
  }
  const impl = IMPLS.find((i) => i === values.impl);
  if (impl === undefined)
    throw new Error(`--impl must be one of ${IMPLS.join(", ")} (got ${values.impl})\n${USAGE}`);
  return { host: values.host, port, impl };
}

let options: ReturnType<typeof parse>;
try {
  options = parse();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
const server = await HARNESS_IMPLEMENTATIONS[options.impl]({ address: `${options.host}:${options.port}` });
console.log(`MLSClient (${options.impl}) listening on ${server.grpcAddress}`);
handleSignals(server, server.log);
