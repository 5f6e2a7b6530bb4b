/**
 * Typed Connect clients for the HTTP port (Connect, gRPC-Web or gRPC protocol), mainly for tests and
 * benchmarks that must see exactly what a browser or Connect client sees.
 */
import type { DescService } from "@bufbuild/protobuf";
import { createClient, type Client } from "@connectrpc/connect";
import {
  createConnectTransport,
  createGrpcTransport,
  createGrpcWebTransport,
  type Http2SessionManager,
} from "@connectrpc/connect-node";
import type { SecureContextOptions } from "node:tls";
import type { Protocol } from "./call-context.js";

export interface ConnectClientOptions {
  protocol?: Protocol;
  /** HTTP/1.1 (the plaintext HTTP port) or HTTP/2 (TLS port; required for the gRPC protocol). */
  httpVersion?: "1.1" | "2";
  /** TLS client options (CA, client certificate for mTLS). */
  tls?: SecureContextOptions & { servername?: string };
  /** Reuse an HTTP/2 session across clients. */
  sessionManager?: Http2SessionManager;
}

/** A Connect-ES client of `service` at `baseUrl` (`http://host:port` or `https://…`). */
export function createConnectClient<S extends DescService>(
  service: S,
  baseUrl: string,
  opts: ConnectClientOptions = {},
): Client<S> {
  const protocol = opts.protocol ?? "connect";
  const httpVersion = opts.httpVersion ?? (protocol === "grpc" ? "2" : "1.1");
  const nodeOptions = opts.tls === undefined ? {} : { nodeOptions: opts.tls };
  const common =
    httpVersion === "2"
      ? {
          baseUrl,
          httpVersion,
          ...nodeOptions,
          ...(opts.sessionManager ? { sessionManager: opts.sessionManager } : {}),
        }
      : { baseUrl, httpVersion, ...nodeOptions };
  const transport =
    protocol === "grpc"
      ? createGrpcTransport(common)
      : protocol === "grpc-web"
        ? createGrpcWebTransport(common)
        : createConnectTransport(common);
  return createClient(service, transport);
}
