import { join } from "node:path";
import { toHex } from "@parley/codec";
import { ReplayGuard, type ParleyTrust } from "@parley/identity";
import type { Ed25519Key } from "@parley/kit";
import type { Registry } from "prom-client";
import type { AuthConfig } from "./config.js";
import { LogClient, type KeylogAuth } from "./keylog/log-client.js";
import { AuthMetrics } from "./metrics.js";
import { loadJwks, type IssuerKey } from "./proof/jwks.js";
import { UsedTokens } from "./proof/used-tokens.js";
import { loadKeylogToken, loadSecrets } from "./secrets.js";
import { AuthStore } from "./store/auth-store.js";

/** Everything the routes share. */
export interface AuthContext {
  readonly config: AuthConfig;
  readonly store: AuthStore;
  readonly log: LogClient;
  readonly issuer: Ed25519Key;
  /** Signs service tokens for the key log. */
  readonly service: Ed25519Key;
  /** The AS's own key as relying parties configure it: signed requests are checked against it. */
  readonly trust: ParleyTrust;
  readonly replay: ReplayGuard;
  readonly oidcKeys: readonly IssuerKey[];
  readonly usedTokens: UsedTokens;
  readonly codeKey: Uint8Array;
  readonly metrics: AuthMetrics;
  /**
   * Enrollment codes and (user, client) pairs being enrolled right now. Only this process holds
   * the store's lock, so an in-memory claim is enough to stop two concurrent redemptions.
   */
  readonly inFlight: Set<string>;
  /** The clock; tests may move it. */
  now(): Date;
  close(): Promise<void>;
}

export async function createContext(
  config: AuthConfig,
  registry: Registry,
  now: () => Date,
): Promise<AuthContext> {
  const secrets = await loadSecrets(config);
  const oidcKeys = config.oidc === undefined ? [] : loadJwks(config.oidc.jwksFile);
  const auth: KeylogAuth =
    config.keylogAuth === "signed"
      ? { mode: "signed", key: secrets.service }
      : { mode: "token", token: await loadKeylogToken(config) };
  const store = await AuthStore.open(join(config.dataDir, "db"));
  const log = new LogClient(config.keylogAddr, auth, config.keylogVerifierKey);
  const trust: ParleyTrust = { issuers: new Map([[toHex(secrets.issuer.keyId), secrets.issuer.publicKey]]) };
  return {
    config,
    store,
    log,
    issuer: secrets.issuer,
    service: secrets.service,
    trust,
    replay: new ReplayGuard({
      windowMs: config.requestWindowMs,
      maxEntries: config.replayCacheEntries,
      notBeforeMs: now().getTime(),
    }),
    oidcKeys,
    usedTokens: new UsedTokens(config.replayCacheEntries),
    codeKey: secrets.codeKey,
    metrics: new AuthMetrics(registry),
    inFlight: new Set(),
    now,
    close: async () => {
      log.close();
      await store.close();
    },
  };
}

/** The AS's service-token public key, for the key log's KEYLOG_APPEND_SERVICE_KEYS. */
export function serviceKeyOf(key: Ed25519Key): string {
  return Buffer.from(key.publicKey).toString("base64url");
}
