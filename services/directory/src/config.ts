import { fromHex } from "@parley/codec";
import type { ParleyTrust } from "@parley/identity";
import { ConfigError, env, loadServerConfig, type ServerConfig } from "@parley/kit";
import { DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_MAX_LIFETIME_SECONDS, SUPPORTED_SUITES } from "@parley/mls";

/** Everything the directory reads from its environment, validated once at start. */
export interface DirectoryConfig {
  readonly server: ServerConfig;
  /** The level database lives here. */
  readonly dataDir: string;
  /** Issuer keys of the Authentication Service (the `trust` of @parley/identity). */
  readonly trust: ParleyTrust;
  /** RFC 9420 §17.1 suites accepted for publishing and claiming. */
  readonly cipherSuites: readonly number[];
  /** RFC 9420 §7.2: "Applications MUST define a maximum total lifetime" — this directory's. */
  readonly maxLifetimeSeconds: number;
  readonly clockSkewSeconds: number;
  /** Most KeyPackages one Publish may carry, and the size of each. */
  readonly publishMaxItems: number;
  readonly maxKeyPackageBytes: number;
  /** Most unexpired one-time KeyPackages kept per client (all suites together). */
  readonly maxStoredPerClient: number;
  /** Most clients one claim may name (or a user may have, for a claim by user). */
  readonly claimMaxClients: number;
  readonly deleteMaxRefs: number;
  /** RFC 9420 §16.8 claim rate limit per claiming client: KeyPackages per minute, and the burst. */
  readonly claimRatePerMinute: number;
  readonly claimBurst: number;
  /** Signed-request replay window (±) and the most nonces remembered. */
  readonly replayWindowMs: number;
  readonly replayMaxEntries: number;
  readonly purgeIntervalMs: number;
  /** fsync every write batch: a claim answered survives a crash (so it is never handed out twice). */
  readonly syncWrites: boolean;
}

const HEX_KEY = /^([0-9a-f]+):([0-9a-f]{64})$/;

/** `keyIdHex:ed25519PublicKeyHex[,…]`; the key id as the AS puts it in `issuer_key_id`. */
export function parseIssuers(name: string, raw: string): Map<string, Uint8Array> {
  const issuers = new Map<string, Uint8Array>();
  for (const item of raw.split(/[,\s]+/).filter((s) => s.length > 0)) {
    const m = HEX_KEY.exec(item.toLowerCase());
    if (m?.[1] === undefined || m[2] === undefined || m[1].length % 2 !== 0) {
      throw new ConfigError(`${name}: '${item}' is not keyIdHex:ed25519PublicKeyHex (64 hex digits)`);
    }
    issuers.set(m[1], fromHex(m[2]));
  }
  return issuers;
}

function parseSuites(name: string, raw: string): number[] {
  const suites = raw.split(/[,\s]+/).filter((s) => s.length > 0);
  return suites.map((s) => {
    const n = Number(s);
    if (!SUPPORTED_SUITES.includes(n)) {
      throw new ConfigError(`${name}: '${s}' is not one of the suites ${SUPPORTED_SUITES.join(", ")}`);
    }
    return n;
  });
}

function readTrust(source: NodeJS.ProcessEnv, fallback: ParleyTrust | undefined): ParleyTrust {
  const name = "DIRECTORY_TRUSTED_ISSUERS";
  const raw = env.string(name, { env: source });
  if (raw !== undefined) return { issuers: parseIssuers(name, raw) };
  if (fallback !== undefined) return fallback;
  throw new ConfigError(
    `${name}: required (the Authentication Service's issuer keys: keyIdHex:publicKeyHex)`,
  );
}

/**
 * Reads `DIRECTORY_*`: the kit's server variables plus the directory's own. Defaults suit a
 * developer machine: loopback ports 7110 (gRPC), 7111 (HTTP: Connect), 7112 (admin). `trust`
 * stands in for DIRECTORY_TRUSTED_ISSUERS when that is unset (an in-process AS passes its key).
 */
export function loadDirectoryConfig(
  source: NodeJS.ProcessEnv = process.env,
  defaults: { trust?: ParleyTrust } = {},
): DirectoryConfig {
  const server = loadServerConfig("DIRECTORY", source, {
    grpcAddr: "127.0.0.1:7110",
    httpAddr: "127.0.0.1:7111",
    adminAddr: "127.0.0.1:7112",
  });
  const o = { env: source };
  const suites = env.string("DIRECTORY_CIPHER_SUITES", o);
  return {
    server,
    dataDir: env.string("DIRECTORY_DATA_DIR", { ...o, default: "./data/directory" }),
    trust: readTrust(source, defaults.trust),
    cipherSuites:
      suites === undefined ? [...SUPPORTED_SUITES] : parseSuites("DIRECTORY_CIPHER_SUITES", suites),
    maxLifetimeSeconds: env.int("DIRECTORY_MAX_LIFETIME_SECONDS", {
      ...o,
      min: 3600,
      max: 10 * 365 * 86400,
      default: DEFAULT_MAX_LIFETIME_SECONDS,
    }),
    clockSkewSeconds: env.int("DIRECTORY_CLOCK_SKEW_SECONDS", {
      ...o,
      min: 0,
      max: 86400,
      default: DEFAULT_CLOCK_SKEW_SECONDS,
    }),
    publishMaxItems: env.int("DIRECTORY_PUBLISH_MAX_ITEMS", { ...o, min: 1, max: 10_000, default: 500 }),
    maxKeyPackageBytes: env.int("DIRECTORY_MAX_KEY_PACKAGE_BYTES", {
      ...o,
      min: 256,
      max: 1 << 20,
      default: 16384,
    }),
    maxStoredPerClient: env.int("DIRECTORY_MAX_STORED_PER_CLIENT", {
      ...o,
      min: 1,
      max: 100_000,
      default: 1000,
    }),
    claimMaxClients: env.int("DIRECTORY_CLAIM_MAX_CLIENTS", { ...o, min: 1, max: 10_000, default: 500 }),
    deleteMaxRefs: env.int("DIRECTORY_DELETE_MAX_REFS", { ...o, min: 1, max: 100_000, default: 1000 }),
    claimRatePerMinute: env.int("DIRECTORY_CLAIM_RATE_PER_MINUTE", { ...o, min: 1, default: 1200 }),
    claimBurst: env.int("DIRECTORY_CLAIM_BURST", { ...o, min: 1, default: 500 }),
    replayWindowMs: env.duration("DIRECTORY_REPLAY_WINDOW_MS", { ...o, min: 1000, default: 300_000 }),
    replayMaxEntries: env.int("DIRECTORY_REPLAY_MAX_ENTRIES", { ...o, min: 1, default: 1_000_000 }),
    purgeIntervalMs: env.duration("DIRECTORY_PURGE_INTERVAL_MS", { ...o, min: 100, default: 60_000 }),
    syncWrites: env.bool("DIRECTORY_SYNC_WRITES", { ...o, default: true }),
  };
}
