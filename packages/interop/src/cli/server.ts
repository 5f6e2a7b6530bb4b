/**
 * `npm run interop-server -- --port N [--host H]`: serves the MLSClient interop contract over ts-mls until
 * SIGINT/SIGTERM. (Parley's own implementation will be selectable here once packages/mls has a group API.)
 */
import { parseArgs } from "node:util";
import { handleSignals } from "@parley/kit";
import { startTsMlsServer } from "../harness-server.js";

const USAGE = "usage: interop-server --port N [--host 127.0.0.1]";

function parse(): { host: string; port: number } {
  const { values } = parseArgs({
    options: { port: { type: "string" }, host: { type: "string", default: "127.0.0.1" } },
    strict: true,
  });
  const port = Number(values.port);
  if (values.port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer 0–65535 (got ${values.port ?? "nothing"})\n${USAGE}`);
  }
  return { host: values.host, port };
}

let options: { host: string; port: number };
try {
  options = parse();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
const server = await startTsMlsServer({ address: `${options.host}:${options.port}` });
console.log(`MLSClient (ts-mls) listening on ${server.grpcAddress}`);
handleSignals(server, server.log);
