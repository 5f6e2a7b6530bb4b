/**
 * Server configuration from environment variables `<PREFIX>_…`, validated when the process starts.
 * Durations are milliseconds (suffixes `ms`, `s`, `m`, `h` also accepted); sizes are bytes.
 */
import { ConfigError, env } from "./env.js";
import { LOG_LEVELS, type LogLevel } from "./logger.js";

/** TLS files by path. Read at start; private key contents are never logged. */
export interface TlsConfig {
  /** PEM certificate chain presented by the server. */
  cert: string;
  /** PEM private key of `cert`. */
  key: string;
  /** PEM CA bundle for verifying client certificates (mTLS). */
  clientCa?: string;
  /**
   * Refuse clients without a certificate signed by `clientCa`. When false with a CA, the Connect port asks for
   * a certificate but accepts clients without one; the gRPC port (grpc-js `createSsl`) cannot ask optionally
   * and then does not ask at all.
   */
  requireClientCert: boolean;
}

export interface ServerConfig {
  /** gRPC (grpc-js) listen address, `host:port`. */
  grpcAddr: string;
  /** Connect / gRPC-Web / gRPC-over-h2 plus extra HTTP routes; not served when absent. */
  httpAddr?: string;
  /** Plain-HTTP `/metrics`, `/healthz`, `/readyz`; not served when absent. */
  adminAddr?: string;
  /** When present both RPC ports speak TLS; the admin port stays plain HTTP for scrapers and probes. */
  tls?: TlsConfig;
  maxRecvBytes: number;
  maxSendBytes: number;
  /** Interval of server keepalive pings on idle HTTP/2 connections. */
  keepaliveMs: number;
  /** How long to wait for a ping ack before closing the connection. */
  keepaliveTimeoutMs: number;
  /** Upper bound on draining in-flight calls at shutdown before they are cancelled. */
  shutdownGraceMs: number;
  logLevel: LogLevel;
  /** Deadline applied to calls that arrive without one (`ctx.signal` aborts when it passes). */
  defaultDeadlineMs?: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_SERVER_CONFIG: Readonly<ServerConfig> = {
  grpcAddr: "127.0.0.1:50051",
  maxRecvBytes: 4 * MIB,
  maxSendBytes: 4 * MIB,
  keepaliveMs: 60_000,
  keepaliveTimeoutMs: 20_000,
  shutdownGraceMs: 10_000,
  logLevel: "info",
};

function loadTls(p: string, source: NodeJS.ProcessEnv, d: TlsConfig | undefined): TlsConfig | undefined {
  const cert = env.path(`${p}_TLS_CERT`, { env: source, kind: "file" }) ?? d?.cert;
  const key = env.path(`${p}_TLS_KEY`, { env: source, kind: "file" }) ?? d?.key;
  const clientCa = env.path(`${p}_TLS_CLIENT_CA`, { env: source, kind: "file" }) ?? d?.clientCa;
  if (cert === undefined && key === undefined) {
    if (clientCa !== undefined) throw new ConfigError(`${p}_TLS_CLIENT_CA: set without ${p}_TLS_CERT/KEY`);
    return undefined;
  }
  if (cert === undefined) throw new ConfigError(`${p}_TLS_CERT: required when ${p}_TLS_KEY is set`);
  if (key === undefined) throw new ConfigError(`${p}_TLS_KEY: required when ${p}_TLS_CERT is set`);
  const requireClientCert = env.bool(`${p}_TLS_REQUIRE_CLIENT_CERT`, {
    env: source,
    default: d?.requireClientCert ?? clientCa !== undefined,
  });
  if (requireClientCert && clientCa === undefined) {
    throw new ConfigError(`${p}_TLS_REQUIRE_CLIENT_CERT: needs ${p}_TLS_CLIENT_CA to verify clients against`);
  }
  return clientCa === undefined
    ? { cert, key, requireClientCert }
    : { cert, key, clientCa, requireClientCert };
}

/**
 * Reads `<prefix>_GRPC_ADDR`, `_HTTP_ADDR`, `_ADMIN_ADDR`, `_TLS_CERT`, `_TLS_KEY`, `_TLS_CLIENT_CA`,
 * `_TLS_REQUIRE_CLIENT_CERT`, `_MAX_RECV_BYTES`, `_MAX_SEND_BYTES`, `_KEEPALIVE_MS`, `_KEEPALIVE_TIMEOUT_MS`,
 * `_SHUTDOWN_GRACE_MS`, `_LOG_LEVEL`, `_DEFAULT_DEADLINE_MS`. `defaults` are the service's own defaults,
 * overriding the kit's. Throws {@link ConfigError} naming the first bad variable.
 */
export function loadServerConfig(
  prefix: string,
  source: NodeJS.ProcessEnv = process.env,
  defaults: Partial<ServerConfig> = {},
): ServerConfig {
  if (!/^[A-Z][A-Z0-9_]*$/.test(prefix))
    throw new ConfigError(`config prefix '${prefix}' must be UPPER_SNAKE`);
  const d = { ...DEFAULT_SERVER_CONFIG, ...defaults };
  const o = { env: source };
  const size = { ...o, min: 1024, max: 2 ** 31 - 1 };
  const ms = { ...o, min: 1, max: 2 ** 31 - 1 };
  const config: ServerConfig = {
    grpcAddr: env.address(`${prefix}_GRPC_ADDR`, { ...o, default: d.grpcAddr }),
    maxRecvBytes: env.int(`${prefix}_MAX_RECV_BYTES`, { ...size, default: d.maxRecvBytes }),
    maxSendBytes: env.int(`${prefix}_MAX_SEND_BYTES`, { ...size, default: d.maxSendBytes }),
    keepaliveMs: env.duration(`${prefix}_KEEPALIVE_MS`, { ...ms, default: d.keepaliveMs }),
    keepaliveTimeoutMs: env.duration(`${prefix}_KEEPALIVE_TIMEOUT_MS`, {
      ...ms,
      default: d.keepaliveTimeoutMs,
    }),
    shutdownGraceMs: env.duration(`${prefix}_SHUTDOWN_GRACE_MS`, {
      ...o,
      min: 0,
      default: d.shutdownGraceMs,
    }),
    logLevel: env.enum(`${prefix}_LOG_LEVEL`, LOG_LEVELS, { ...o, default: d.logLevel }),
  };
  const httpAddr = env.address(`${prefix}_HTTP_ADDR`, o) ?? d.httpAddr;
  if (httpAddr !== undefined) config.httpAddr = httpAddr;
  const adminAddr = env.address(`${prefix}_ADMIN_ADDR`, o) ?? d.adminAddr;
  if (adminAddr !== undefined) config.adminAddr = adminAddr;
  const tls = loadTls(prefix, source, d.tls);
  if (tls !== undefined) config.tls = tls;
  const deadline = env.duration(`${prefix}_DEFAULT_DEADLINE_MS`, ms) ?? d.defaultDeadlineMs;
  if (deadline !== undefined) config.defaultDeadlineMs = deadline;
  return config;
}
