/** Process signal wiring for service entry points. */
import type { Logger } from "./logger.js";

/** Anything that drains and closes on shutdown: a `RunningServer`, or a service wrapping one. */
export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Installs SIGTERM/SIGINT handlers that stop the server(s) gracefully and exit 0 (1 if shutdown
 * failed). Several servers in one process (`npm start`) stop one after another in the order given,
 * so a service can finish in-flight calls that still need the next one (the AS appends to the log,
 * so the log stops last). A second signal while draining exits 1 at once, the conventional escape
 * hatch for an operator.
 */
export function handleSignals(servers: Stoppable | readonly Stoppable[], log: Logger): void {
  const all: readonly Stoppable[] = Array.isArray(servers) ? servers : [servers as Stoppable];
  let stopping = false;
  const stopAll = async (): Promise<void> => {
    for (const server of all) await server.stop();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn("second signal during shutdown; exiting now", { signal });
      process.exit(1);
    }
    stopping = true;
    log.info("signal received", { signal });
    stopAll().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error("shutdown failed", { err });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
