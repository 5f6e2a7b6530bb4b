/**
 * `npm start`: the whole Parley suite in one process on an embedded default — level databases
 * under ./data, loopback ports. Every variable a service reads (KEYLOG_*, …) still applies, so
 * ports and paths can be overridden. Prints one JSON line per service and a final "ready" line.
 */
import { createLogger, handleSignals } from "@parley/kit";
import { loadKeylogConfig, startKeylog } from "@parley/keylog";

const log = createLogger({ service: "parley", level: "info" });

async function main(): Promise<void> {
  const keylogConfig = loadKeylogConfig();
  const keylog = await startKeylog(keylogConfig);
  handleSignals(keylog.server, log);
  log.info("keylog started", {
    grpc: keylog.server.grpcAddress,
    http: keylog.server.httpAddress,
    admin: keylog.server.adminAddress,
    origin: keylog.origin,
    verifierKey: keylog.verifierKey,
    dataDir: keylogConfig.dataDir,
    appendTokenFile: keylogConfig.appendTokenFile,
  });
  log.info("parley ready", {
    services: { keylog: keylog.server.grpcAddress },
    tiles:
      keylog.server.httpAddress === undefined ? undefined : `http://${keylog.server.httpAddress}/checkpoint`,
    metrics:
      keylog.server.adminAddress === undefined ? undefined : `http://${keylog.server.adminAddress}/metrics`,
  });
}

main().catch((err: unknown) => {
  // Configuration errors name the bad variable; say it plainly and exit non-zero.
  log.error("parley failed to start", { err });
  process.exitCode = 1;
});
