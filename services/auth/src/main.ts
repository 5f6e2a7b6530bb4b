/**
 * Process entry of the Authentication Service: `node --import tsx services/auth/src/main.ts`.
 * Reads AUTH_*, starts, and prints one JSON line with the bound addresses and the public keys
 * relying parties (issuer key) and the key log (service key) are configured with.
 */
import { createLogger, handleSignals } from "@parley/kit";
import { loadAuthConfig, startAuth } from "./index.js";

const config = loadAuthConfig();
const log = createLogger({ service: "auth", level: config.server.logLevel });
try {
  const auth = await startAuth(config, { logger: log });
  handleSignals(auth.server, log);
  // Always printed, whatever the log level: supervisors read the keys from here.
  createLogger({ service: "auth", level: "info" }).info("auth listening", {
    grpcAddress: auth.server.grpcAddress,
    httpAddress: auth.server.httpAddress,
    adminAddress: auth.server.adminAddress,
    issuerKeyId: auth.issuerKeyId,
    issuerPublicKey: Buffer.from(auth.issuerPublicKey).toString("base64url"),
    serviceKey: auth.serviceKey,
  });
} catch (err) {
  log.error("auth failed to start", { err });
  process.exitCode = 1;
}
