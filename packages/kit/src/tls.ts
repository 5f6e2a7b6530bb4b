/**
 * Turns the TLS configuration into credentials for both RPC ports. Files are read once at start; contents
 * (notably the private key) are never logged or put in errors, only the variable-free path.
 */
import { ServerCredentials } from "@grpc/grpc-js";
import { readFileSync } from "node:fs";
import type { SecureServerOptions } from "node:http2";
import type { TlsConfig } from "./config.js";
import { ConfigError } from "./env.js";

export interface TlsMaterial {
  readonly grpc: ServerCredentials;
  /** Options for the HTTP port's secure server (HTTP/2 with HTTP/1.1 fallback via ALPN). */
  readonly http: SecureServerOptions;
}

function readPem(what: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError(`${what}: cannot read '${path}'`, { cause: err });
  }
}

export function loadTlsMaterial(tls: TlsConfig): TlsMaterial {
  const cert = readPem("TLS certificate", tls.cert);
  const key = readPem("TLS key", tls.key);
  const ca = tls.clientCa === undefined ? null : readPem("TLS client CA", tls.clientCa);
  // grpc-js verifies client certificates only when it also requires them (createSsl has no "optional" mode).
  const grpc = ServerCredentials.createSsl(
    ca,
    [{ cert_chain: cert, private_key: key }],
    tls.requireClientCert,
  );
  const http: SecureServerOptions = {
    cert,
    key,
    allowHTTP1: true,
    minVersion: "TLSv1.2",
    ...(ca === null ? {} : { ca, requestCert: true, rejectUnauthorized: tls.requireClientCert }),
  };
  return { grpc, http };
}
