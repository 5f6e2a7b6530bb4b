/**
 * Serves an MLSClient implementation on the kit's gRPC server (health, reflection and graceful shutdown
 * come with it). Only the gRPC port is opened: the interop contract is plain gRPC.
 */
import {
  createLogger,
  loadServerConfig,
  startServer,
  type LogLevel,
  type RunningServer,
  type ServiceBinding,
} from "@parley/kit";
import { parleyBinding } from "./parley/service.js";
import { tsMlsBinding } from "./ts-mls/service.js";

export interface HarnessServerOptions {
  /** `host:port`; port 0 picks a free one (read it back from `grpcAddress`). */
  readonly address: string;
  readonly logLevel?: LogLevel;
  /** Names the server in logs. */
  readonly name?: string;
}

/** Serves `binding` (an MLSClient implementation) at `options.address`. */
export function serveHarness(binding: ServiceBinding, options: HarnessServerOptions): Promise<RunningServer> {
  const name = options.name ?? "interop-harness";
  const config = loadServerConfig("INTEROP", process.env, {
    grpcAddr: options.address,
    shutdownGraceMs: 2000,
  });
  const logLevel = options.logLevel ?? config.logLevel;
  return startServer({
    name,
    config: { ...config, grpcAddr: options.address, logLevel },
    services: [binding],
    logger: createLogger({ service: name, level: logLevel }),
  });
}

/** The ts-mls harness with its own, fresh state store. */
export function startTsMlsServer(options: HarnessServerOptions): Promise<RunningServer> {
  return serveHarness(tsMlsBinding(), { name: "interop-ts-mls", ...options });
}

/** Parley's own harness (over `@parley/mls`'s group API) with its own, fresh state store. */
export function startParleyServer(options: HarnessServerOptions): Promise<RunningServer> {
  return serveHarness(parleyBinding(), { name: "interop-parley", ...options });
}

/** The implementations the CLI can serve, by the name `--impl` takes. */
export const HARNESS_IMPLEMENTATIONS = {
  parley: startParleyServer,
  "ts-mls": startTsMlsServer,
} as const;

export type HarnessImplementation = keyof typeof HARNESS_IMPLEMENTATIONS;
