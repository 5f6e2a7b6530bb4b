import { createLogger, startServer, type Logger, type RunningServer } from "@parley/kit";
import { Registry } from "prom-client";
import type { DirectoryConfig } from "./config.js";
import { createContext, type DirectoryContext } from "./context.js";
import { directoryService } from "./routes/index.js";

export { loadDirectoryConfig, parseIssuers, type DirectoryConfig } from "./config.js";
export type { DirectoryContext } from "./context.js";
export type { PurgeCounts } from "./expiry/purge-expired.js";

/** A started directory: the kit server plus its context (store, clock, purge) for operators and tests. */
export interface RunningDirectory {
  readonly server: RunningServer;
  readonly context: DirectoryContext;
}

export interface DirectoryOptions {
  readonly logger?: Logger;
  /** The clock, epoch milliseconds; tests inject one to exercise expiry. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Starts the KeyPackage directory in this process: opens the store, then serves the gRPC API
 * (and Connect on the HTTP port) with metrics. `server.stop()` drains calls, then stops the purger
 * and closes storage.
 */
export async function startDirectory(
  config: DirectoryConfig,
  options: DirectoryOptions = {},
): Promise<RunningDirectory> {
  const log = options.logger ?? createLogger({ service: "directory", level: config.server.logLevel });
  const registry = new Registry();
  const context = await createContext(
    config,
    log,
    registry,
    options.now === undefined ? {} : { now: options.now },
  );
  try {
    const server = await startServer({
      name: "directory",
      config: config.server,
      services: [directoryService(context)],
      logger: log,
      onShutdown: () => context.close(),
      registry,
    });
    return { server, context };
  } catch (err) {
    await context.close();
    throw err;
  }
}
