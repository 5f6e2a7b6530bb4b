/** Process signal wiring for service entry points. */
import type { Logger } from "./logger.js";
import type { RunningServer } from "./server.js";

/**
 * Installs SIGTERM/SIGINT handlers that stop the server gracefully and exit 0 (1 if shutdown failed).
 * A second signal while draining exits 1 at once, the conventional escape hatch for an operator.
 */
export function handleSignals(server: RunningServer, log: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn("second signal during shutdown; exiting now", { signal });
      process.exit(1);
    }
    stopping = true;
    log.info("signal received", { signal });
    server.stop().then(
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
