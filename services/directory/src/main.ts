/**
 * Process entry of the KeyPackage directory: `node --import tsx services/directory/src/main.ts`.
 * Reads DIRECTORY_* (DIRECTORY_TRUSTED_ISSUERS is required), starts, and prints one JSON line with
 * the bound addresses.
 */
import { createLogger, handleSignals } from "@parley/kit";
import { loadDirectoryConfig, startDirectory } from "./index.js";

const log = createLogger({ service: "directory", level: "info" });
try {
  const config = loadDirectoryConfig();
  const directory = await startDirectory(config, {
    logger: createLogger({ service: "directory", level: config.server.logLevel }),
  });
  handleSignals(directory.server, log);
  // Always printed, whatever the log level: supervisors and benchmarks read it.
  log.info("directory listening", {
    grpcAddress: directory.server.grpcAddress,
    httpAddress: directory.server.httpAddress,
    adminAddress: directory.server.adminAddress,
    trustedIssuers: config.trust.issuers.size,
    cipherSuites: config.cipherSuites,
  });
} catch (err) {
  log.error("directory failed to start", { err });
  process.exitCode = 1;
}
