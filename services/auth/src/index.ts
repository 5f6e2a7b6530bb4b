import { toHex } from "@parley/codec";
import { createLogger, startServer, type Logger, type RunningServer } from "@parley/kit";
import { Registry } from "prom-client";
import type { AuthConfig } from "./config.js";
import { createContext, serviceKeyOf, type AuthContext } from "./context.js";
import { authService } from "./routes/index.js";

export { loadAuthConfig, type AuthConfig, type OidcConfig, type KeylogAuthMode } from "./config.js";
export type { AuthContext } from "./context.js";
export { mintEnrollmentCode, openEnrollmentCode, type EnrollmentCode } from "./proof/enrollment-code.js";
export { readOrCreateSecret } from "./secrets.js";
export { signServiceToken, SERVICE_TOKEN_AUDIENCE } from "./keylog/service-token.js";

/** A started AS: the kit server, and the keys operators hand to relying parties and the key log. */
export interface RunningAuth {
  readonly server: RunningServer;
  readonly context: AuthContext;
  /** Hex key id → Ed25519 public key: the `ParleyTrust.issuers` entry for this AS. */
  readonly issuerKeyId: string;
  readonly issuerPublicKey: Uint8Array;
  /** base64url Ed25519 public key for the key log's KEYLOG_APPEND_SERVICE_KEYS. */
  readonly serviceKey: string;
}

export interface StartAuthOptions {
  readonly logger?: Logger;
  /** The clock (tests). */
  readonly now?: () => Date;
}

/**
 * Starts the Authentication Service in this process. `server.stop()` drains calls, then closes the
 * key-log connection and the store.
 */
export async function startAuth(config: AuthConfig, options: StartAuthOptions = {}): Promise<RunningAuth> {
  const log = options.logger ?? createLogger({ service: "auth", level: config.server.logLevel });
  const registry = new Registry();
  const context = await createContext(config, registry, options.now ?? (() => new Date()));
  try {
    const server = await startServer({
      name: "auth",
      config: config.server,
      services: [authService(context)],
      logger: log,
      onShutdown: () => context.close(),
      registry,
    });
    return {
      server,
      context,
      issuerKeyId: toHex(context.issuer.keyId),
      issuerPublicKey: context.issuer.publicKey,
      serviceKey: serviceKeyOf(context.service),
    };
  } catch (err) {
    await context.close();
    throw err;
  }
}
