/**
 * Process entry of the key log: `node --import tsx services/keylog/src/main.ts`. Reads KEYLOG_*,
 * starts, and prints one JSON line with the bound addresses and the log's verifier key (the crash
 * test and operators read it from there).
 */
import { createLogger, handleSignals } from "@parley/kit";
import { loadKeylogConfig, startKeylog } from "./index.js";

const config = loadKeylogConfig();
const log = createLogger({ service: "keylog", level: config.server.logLevel });
try {
  const keylog = await startKeylog(config, log);
  handleSignals(keylog.server, log);
  // Always printed, whatever the log level: supervisors and the crash test read it.
  createLogger({ service: "keylog", level: "info" }).info("keylog listening", {
    grpcAddress: keylog.server.grpcAddress,
    httpAddress: keylog.server.httpAddress,
    adminAddress: keylog.server.adminAddress,
    origin: keylog.origin,
    verifierKey: keylog.verifierKey,
    treeSize: keylog.context.sequencer.latest.size,
  });
} catch (err) {
  log.error("keylog failed to start", { err });
  process.exitCode = 1;
}
