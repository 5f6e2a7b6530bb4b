/**
 * `npm start`: the whole Parley suite in one process on an embedded default — level databases
 * under ./data, loopback ports. The key log starts first, then the Authentication Service (which
 * appends every binding to the log) and the KeyPackage directory (which trusts the AS's issuer key).
 * Every variable a service reads (KEYLOG_*, AUTH_*, DIRECTORY_*) still applies, so ports and paths
 * can be overridden; what one service needs from another (the log's address, append token and
 * verifier key; the AS's issuer key) is passed along unless set explicitly. Prints one JSON line per
 * service and a final "parley ready" line. SIGTERM stops the directory, the AS, then the log.
 */
import { toHex } from "@parley/codec";
import { createLogger, handleSignals, type Stoppable } from "@parley/kit";
import { loadKeylogConfig, startKeylog } from "@parley/keylog";
import { loadAuthConfig, startAuth } from "@parley/auth";
import { loadDirectoryConfig, startDirectory } from "@parley/directory";

const log = createLogger({ service: "parley", level: "info" });

function url(address: string | undefined, path: string): string | undefined {
  return address === undefined ? undefined : `http://${address}${path}`;
}

/** Servers started so far, newest first: a later service failing to start stops the earlier ones. */
const started: Stoppable[] = [];

async function main(): Promise<void> {
  const keylogConfig = loadKeylogConfig();
  const keylog = await startKeylog(keylogConfig);
  started.unshift(keylog.server);
  log.info("keylog started", {
    grpc: keylog.server.grpcAddress,
    http: keylog.server.httpAddress,
    admin: keylog.server.adminAddress,
    origin: keylog.origin,
    verifierKey: keylog.verifierKey,
    dataDir: keylogConfig.dataDir,
    appendTokenFile: keylogConfig.appendTokenFile,
  });

  const authEnv: NodeJS.ProcessEnv = {
    AUTH_KEYLOG_ADDR: keylog.server.grpcAddress,
    AUTH_KEYLOG_TOKEN_FILE: keylogConfig.appendTokenFile,
    AUTH_KEYLOG_VERIFIER_KEY: keylog.verifierKey,
    ...process.env,
  };
  const auth = await startAuth(loadAuthConfig(authEnv));
  started.unshift(auth.server);
  log.info("auth started", {
    grpc: auth.server.grpcAddress,
    http: auth.server.httpAddress,
    admin: auth.server.adminAddress,
    issuerKeyId: auth.issuerKeyId,
    issuerPublicKey: toHex(auth.issuerPublicKey),
    serviceKey: auth.serviceKey,
  });

  const trust = { issuers: new Map([[auth.issuerKeyId, auth.issuerPublicKey]]) };
  const directory = await startDirectory(loadDirectoryConfig(process.env, { trust }));
  started.unshift(directory.server);
  log.info("directory started", {
    grpc: directory.server.grpcAddress,
    http: directory.server.httpAddress,
    admin: directory.server.adminAddress,
  });

  handleSignals(started, log);
  log.info("parley ready", {
    services: {
      keylog: keylog.server.grpcAddress,
      auth: auth.server.grpcAddress,
      directory: directory.server.grpcAddress,
    },
    tiles: url(keylog.server.httpAddress, "/checkpoint"),
    metrics: {
      keylog: url(keylog.server.adminAddress, "/metrics"),
      auth: url(auth.server.adminAddress, "/metrics"),
      directory: url(directory.server.adminAddress, "/metrics"),
    },
    mintCode: "npm run auth:mint-code -- --user <identity>",
  });
}

main().catch(async (err: unknown) => {
  // Configuration errors name the bad variable; say it plainly, stop what did start, exit non-zero.
  log.error("parley failed to start", { err });
  process.exitCode = 1;
  for (const server of started) await server.stop().catch(() => undefined);
});
