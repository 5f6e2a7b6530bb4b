import { join } from "node:path";
import { ConfigError, env, loadServerConfig, type ServerConfig } from "@parley/kit";
import { readServiceKeys } from "./auth/service-keys.js";

/** Everything the key log reads from its environment, validated once at start. */
export interface KeylogConfig {
  readonly server: ServerConfig;
  /** level database, dev signing key and append token live here. */
  readonly dataDir: string;
  /** C2SP tlog-checkpoint origin line; also the dev key's name. */
  readonly origin: string;
  /** C2SP signed-note private key (`PRIVATE+KEY+…`); a secret, never logged. */
  readonly signingKey?: string;
  readonly signingKeyFile?: string;
  /** Bearer secret the Authentication Service presents on Append. */
  readonly appendTokenFile: string;
  /** When non-empty (mTLS), Append also requires a client certificate with one of these SHA-256 fingerprints. */
  readonly appendClientFingerprints: readonly string[];
  /** When non-empty, Append takes signed service tokens from these Ed25519 keys instead of the shared token. */
  readonly appendServiceKeys: readonly Uint8Array[];
  readonly batchIntervalMs: number;
  readonly batchMaxEntries: number;
  readonly poolMaxEntries: number;
  /** Most entries one Append call may carry. */
  readonly appendMaxEntries: number;
  /** tlog-tiles entry bundles length-prefix entries with a uint16, so entries stay below 64 KiB. */
  readonly maxEntryBytes: number;
  /** GetEntries page limit. */
  readonly entriesPageLimit: number;
  readonly tileCacheTiles: number;
}

const DEFAULT_ORIGIN = "parley.localhost/keylog";

/** Normalizes `AB:cd:…` or `abcd…` SHA-256 fingerprints to upper-case colon form (Node's fingerprint256). */
export function normalizeFingerprint(name: string, fp: string): string {
  const hex = fp.replace(/:/g, "");
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new ConfigError(`${name}: '${fp}' is not a SHA-256 fingerprint`);
  return (hex.toUpperCase().match(/../g) ?? []).join(":");
}

function readFingerprints(source: NodeJS.ProcessEnv): string[] {
  const name = "KEYLOG_APPEND_CLIENT_FINGERPRINTS";
  const raw = env.string(name, { env: source }) ?? "";
  return raw
    .split(/[,\s]+/)
    .filter((s) => s.length > 0)
    .map((fp) => normalizeFingerprint(name, fp));
}

/**
 * Reads `KEYLOG_*`: the kit's server variables plus the log's own. Defaults suit a developer
 * machine: loopback ports 7080 (gRPC), 7081 (HTTP: tiles, Connect), 7082 (admin).
 */
export function loadKeylogConfig(source: NodeJS.ProcessEnv = process.env): KeylogConfig {
  const server = loadServerConfig("KEYLOG", source, {
    grpcAddr: "127.0.0.1:7080",
    httpAddr: "127.0.0.1:7081",
    adminAddr: "127.0.0.1:7082",
  });
  const o = { env: source };
  const dataDir = env.string("KEYLOG_DATA_DIR", { ...o, default: "./data/keylog" });
  const origin = env.string("KEYLOG_ORIGIN", { ...o, default: DEFAULT_ORIGIN, pattern: /^[^\s+]+$/ });
  const signingKey = env.string("KEYLOG_SIGNING_KEY", { ...o, secret: true });
  const signingKeyFile = env.path("KEYLOG_SIGNING_KEY_FILE", { ...o, kind: "file" });
  if (signingKey !== undefined && signingKeyFile !== undefined) {
    throw new ConfigError(
      "KEYLOG_SIGNING_KEY: set only one of KEYLOG_SIGNING_KEY and KEYLOG_SIGNING_KEY_FILE",
    );
  }
  const batchMaxEntries = env.int("KEYLOG_BATCH_MAX_ENTRIES", { ...o, min: 1, max: 65536, default: 4096 });
  const appendMaxEntries = env.int("KEYLOG_APPEND_MAX_ENTRIES", { ...o, min: 1, max: 65536, default: 1024 });
  if (appendMaxEntries > batchMaxEntries) {
    throw new ConfigError(
      `KEYLOG_APPEND_MAX_ENTRIES: must not exceed KEYLOG_BATCH_MAX_ENTRIES (${batchMaxEntries})`,
    );
  }
  const config: KeylogConfig = {
    server,
    dataDir,
    origin,
    appendTokenFile: env.string("KEYLOG_APPEND_TOKEN_FILE", { ...o, default: join(dataDir, "append-token") }),
    appendClientFingerprints: readFingerprints(source),
    appendServiceKeys: readServiceKeys(source),
    batchIntervalMs: env.duration("KEYLOG_BATCH_INTERVAL_MS", { ...o, min: 0, max: 10_000, default: 5 }),
    batchMaxEntries,
    poolMaxEntries: env.int("KEYLOG_POOL_MAX_ENTRIES", { ...o, min: 1, max: 10_000_000, default: 65536 }),
    appendMaxEntries,
    maxEntryBytes: env.int("KEYLOG_MAX_ENTRY_BYTES", { ...o, min: 64, max: 65535, default: 16384 }),
    entriesPageLimit: env.int("KEYLOG_ENTRIES_PAGE_LIMIT", { ...o, min: 1, max: 65536, default: 1000 }),
    tileCacheTiles: env.int("KEYLOG_TILE_CACHE_TILES", { ...o, min: 16, max: 1_000_000, default: 4096 }),
  };
  if (config.poolMaxEntries < appendMaxEntries) {
    throw new ConfigError(
      `KEYLOG_POOL_MAX_ENTRIES: must be at least KEYLOG_APPEND_MAX_ENTRIES (${appendMaxEntries})`,
    );
  }
  return {
    ...config,
    ...(signingKey === undefined ? {} : { signingKey }),
    ...(signingKeyFile === undefined ? {} : { signingKeyFile }),
  };
}
