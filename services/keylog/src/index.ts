import { createLogger, startServer, type Logger, type RunningServer } from "@parley/kit";
import { Registry } from "prom-client";
import type { KeylogConfig } from "./config.js";
import { createContext, type KeylogContext } from "./context.js";
import { registerKeylogErrors } from "./errors.js";
import { tileRoutes } from "./http/tiles.js";
import { keyLogService } from "./routes/index.js";

export { loadKeylogConfig, type KeylogConfig } from "./config.js";
export type { KeylogContext } from "./context.js";
export * from "./entry/index.js";

/** A started key log: the kit server plus what operators and tests need to verify it. */
export interface RunningKeylog {
  readonly server: RunningServer;
  readonly context: KeylogContext;
  /** C2SP verifier key of the checkpoint signer: give it to clients and auditors. */
  readonly verifierKey: string;
  readonly origin: string;
}

registerKeylogErrors();

/**
 * Starts the key-transparency log in this process: recovers the store, then serves the gRPC API,
 * the tlog-tiles HTTP read path and metrics. `server.stop()` drains calls, integrates what is
 * queued and closes storage.
 */
export async function startKeylog(config: KeylogConfig, logger?: Logger): Promise<RunningKeylog> {
  const log = logger ?? createLogger({ service: "keylog", level: config.server.logLevel });
  const registry = new Registry();
  const context = await createContext(config, log, registry);
  try {
    const server = await startServer({
      name: "keylog",
      config: config.server,
      services: [keyLogService(context)],
      logger: log,
      http: tileRoutes(context),
      onShutdown: () => context.close(),
      registry,
    });
    return { server, context, verifierKey: context.signer.verifierKey, origin: config.origin };
  } catch (err) {
    await context.close();
    throw err;
  }
}
