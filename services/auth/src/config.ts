import { join } from "node:path";
import { ConfigError, env, loadServerConfig, type ServerConfig } from "@parley/kit";
import { parseVerifierKey } from "@parley/tlog";

/** How the AS proves to the key log that it may Append (services/keylog/src/auth). */
export type KeylogAuthMode = "token" | "signed";

/** OpenID-Connect-style ID token verification; absent when AUTH_OIDC_ISSUER is unset. */
export interface OidcConfig {
  /** Required `iss`. */
  readonly issuer: string;
  /** Required `aud` (a string equal to it, or an array containing it). */
  readonly audience: string;
  /** JSON Web Key Set (RFC 7517 §5) with the issuer's OKP Ed25519 / EC P-256 public keys. */
  readonly jwksFile: string;
  /** The claim holding the user id, compared with EnrollRequest.user_id. */
  readonly userClaim: string;
  /** Tolerated clock difference for `exp`, `nbf` and `iat`. */
  readonly clockSkewSeconds: number;
}

export interface AuthConfig {
  readonly server: ServerConfig;
  /** level database and the generated keys live here. */
  readonly dataDir: string;
  /** The AS credential-signing Ed25519 key (32-byte seed, hex); generated under dataDir if absent. */
  readonly issuerKeyFile: string;
  /** The Ed25519 key that signs service tokens for the key log; generated under dataDir if absent. */
  readonly serviceKeyFile: string;
  /** The HMAC key enrollment codes are minted with; generated under dataDir if absent. */
  readonly codeKeyFile: string;
  /** Seconds from issuance to `not_after` of a credential. */
  readonly credentialLifetimeSeconds: number;
  /** Default and maximum lifetime of a minted enrollment code. */
  readonly codeLifetimeSeconds: number;
  readonly oidc: OidcConfig | undefined;
  /** The key log's gRPC address. */
  readonly keylogAddr: string;
  readonly keylogAuth: KeylogAuthMode;
  /** Bearer token file (mode `token`); the key log's own data dir by default. */
  readonly keylogTokenFile: string;
  /** The log's C2SP verifier key: when set, every checkpoint and proof the log returns is checked. */
  readonly keylogVerifierKey: string | undefined;
  /** Signed-request clock window and replay cache size. */
  readonly requestWindowMs: number;
  readonly replayCacheEntries: number;
}

function readOidc(source: NodeJS.ProcessEnv): OidcConfig | undefined {
  const o = { env: source };
  const issuer = env.string("AUTH_OIDC_ISSUER", o);
  if (issuer === undefined) return undefined;
  return {
    issuer,
    audience: env.string("AUTH_OIDC_AUDIENCE", { ...o, required: true }),
    jwksFile: env.path("AUTH_OIDC_JWKS_FILE", { ...o, kind: "file", required: true }),
    userClaim: env.string("AUTH_OIDC_USER_CLAIM", { ...o, default: "sub", pattern: /^[A-Za-z0-9_.:-]+$/ }),
    clockSkewSeconds: env.int("AUTH_OIDC_CLOCK_SKEW_SECONDS", { ...o, min: 0, max: 600, default: 60 }),
  };
}

/**
 * Reads `AUTH_*`: the kit's server variables plus the AS's own. Defaults suit a developer
 * machine next to a default key log: loopback ports 7090 (gRPC), 7091 (HTTP), 7092 (admin), the
 * log at 127.0.0.1:7080 with its bearer token file, enrollment codes as the only identity proof.
 */
export function loadAuthConfig(source: NodeJS.ProcessEnv = process.env): AuthConfig {
  const server = loadServerConfig("AUTH", source, {
    grpcAddr: "127.0.0.1:7090",
    httpAddr: "127.0.0.1:7091",
    adminAddr: "127.0.0.1:7092",
  });
  const o = { env: source };
  const dataDir = env.string("AUTH_DATA_DIR", { ...o, default: "./data/auth" });
  const day = 86_400;
  const config: AuthConfig = {
    server,
    dataDir,
    issuerKeyFile: env.string("AUTH_ISSUER_KEY_FILE", { ...o, default: join(dataDir, "issuer-key") }),
    serviceKeyFile: env.string("AUTH_SERVICE_KEY_FILE", { ...o, default: join(dataDir, "service-key") }),
    codeKeyFile: env.string("AUTH_CODE_KEY_FILE", { ...o, default: join(dataDir, "code-key") }),
    credentialLifetimeSeconds: env.int("AUTH_CREDENTIAL_LIFETIME_SECONDS", {
      ...o,
      min: 60,
      max: 3650 * day,
      default: 30 * day,
    }),
    codeLifetimeSeconds: env.int("AUTH_CODE_LIFETIME_SECONDS", {
      ...o,
      min: 60,
      max: 30 * day,
      default: day,
    }),
    oidc: readOidc(source),
    keylogAddr: env.address("AUTH_KEYLOG_ADDR", { ...o, default: "127.0.0.1:7080" }),
    keylogAuth: env.enum("AUTH_KEYLOG_AUTH", ["token", "signed"] as const, { ...o, default: "token" }),
    keylogTokenFile: env.string("AUTH_KEYLOG_TOKEN_FILE", { ...o, default: "./data/keylog/append-token" }),
    keylogVerifierKey: env.string("AUTH_KEYLOG_VERIFIER_KEY", o),
    requestWindowMs: env.duration("AUTH_REQUEST_WINDOW_MS", {
      ...o,
      min: 1000,
      max: 3_600_000,
      default: 300_000,
    }),
    replayCacheEntries: env.int("AUTH_REPLAY_CACHE_ENTRIES", {
      ...o,
      min: 16,
      max: 10_000_000,
      default: 100_000,
    }),
  };
  if (config.keylogVerifierKey !== undefined) {
    try {
      parseVerifierKey(config.keylogVerifierKey);
    } catch (cause) {
      throw new ConfigError("AUTH_KEYLOG_VERIFIER_KEY: not a C2SP signed-note verifier key", { cause });
    }
  }
  return config;
}
