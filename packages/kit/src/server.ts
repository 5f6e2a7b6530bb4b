/**
 * Starts a Parley service: the grpc-js port (primary), an optional HTTP port with the Connect adapter and
 * extra routes, and an optional admin port; health, reflection and metrics come with every server.
 * Shutdown order follows what load balancers expect: report NOT_SERVING, stop accepting, drain in-flight
 * calls for at most the grace period (then cancel them), release storage, close the admin port last so
 * `/readyz` answers 503 throughout.
 */
import type { DescMethod } from "@bufbuild/protobuf";
import { Server as GrpcServer, type ServerCredentials, ServerCredentials as Creds } from "@grpc/grpc-js";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import type { Server as NetServer } from "node:net";
import { Registry } from "prom-client";
import { createAdminServer } from "./admin-server.js";
import { CallTracker } from "./call-tracker.js";
import type { MethodRuntime } from "./call-runtime.js";
import type { ServerConfig } from "./config.js";
import { connectHandler, type NodeHandlerFn } from "./connect-adapter.js";
import { grpcImplementation, grpcServiceDefinition } from "./grpc-adapter.js";
import { handlerOf, type ServiceBinding } from "./handlers.js";
import { HealthReporter, ServingStatus, healthService } from "./health.js";
import { closeServer, joinAddress, listen, splitAddress, type Listening } from "./listen.js";
import { createLogger, type Logger } from "./logger.js";
import { ServerMetrics, type GrpcType } from "./metrics.js";
import { reflectionServices } from "./reflection.js";
import { loadTlsMaterial, type TlsMaterial } from "./tls.js";

/** A request on the HTTP port: HTTP/1.1, or HTTP/2 (compat API) when TLS negotiates h2. */
export type HttpRequest = IncomingMessage | Http2ServerRequest;
export type HttpResponse = ServerResponse | Http2ServerResponse;

export interface ServerOptions {
  /** Service name for logs and metrics, e.g. "keylog". */
  name: string;
  config: ServerConfig;
  services: readonly ServiceBinding[];
  logger?: Logger;
  /**
   * Extra plain-HTTP routes on the HTTP port next to Connect/gRPC-Web (keylog serves C2SP tiles here).
   * Return false to fall through to 404. Declared as a method so handlers typed for node:http's
   * IncomingMessage/ServerResponse still fit; over TLS with h2 the objects are the HTTP/2 compat ones.
   */
  http?(req: HttpRequest, res: HttpResponse): boolean | Promise<boolean>;
  /** Called during graceful shutdown after in-flight calls have drained (close storage here). */
  onShutdown?: () => Promise<void>;
  /** Registry for the server's metrics; pass one to add your own metrics. Created when absent. */
  registry?: Registry;
}

export interface RunningServer {
  /** `host:port` actually bound (port 0 → the chosen port). */
  readonly grpcAddress: string;
  /** Connect/gRPC-Web plus extra routes, when configured. */
  readonly httpAddress: string | undefined;
  /** `/metrics`, `/healthz`, `/readyz`, when configured. */
  readonly adminAddress: string | undefined;
  readonly registry: Registry;
  readonly health: HealthReporter;
  readonly log: Logger;
  /** Graceful and idempotent: NOT_SERVING → stop accepting → drain (bounded by the grace period) → onShutdown. */
  stop(): Promise<void>;
}

const GRPC_TYPE: Readonly<Record<DescMethod["methodKind"], GrpcType>> = {
  unary: "unary",
  server_streaming: "server_stream",
  client_streaming: "client_stream",
  bidi_streaming: "bidi_stream",
};

interface Prepared {
  readonly binding: ServiceBinding;
  readonly runtimes: readonly MethodRuntime[];
}

function prepare(
  opts: ServerOptions,
  log: Logger,
  metrics: ServerMetrics,
  tracker: CallTracker,
  health: HealthReporter,
) {
  const bindings = [...opts.services, healthService(health)];
  bindings.push(...reflectionServices(bindings.map((b) => b.service)));
  const seen = new Set<string>();
  return bindings.map((binding): Prepared => {
    const service = binding.service.typeName;
    if (seen.has(service)) throw new TypeError(`startServer: service ${service} bound twice`);
    seen.add(service);
    const runtimes = binding.service.methods.map((desc): MethodRuntime => ({
      desc,
      handler: handlerOf(binding, desc),
      stats: metrics.method(service, desc.name, GRPC_TYPE[desc.methodKind]),
      service,
      method: desc.name,
      log: log.child({ grpc_service: service, grpc_method: desc.name }),
      tracker,
      defaultDeadlineMs: opts.config.defaultDeadlineMs,
    }));
    return { binding, runtimes };
  });
}

async function startGrpc(config: ServerConfig, prepared: readonly Prepared[], creds: ServerCredentials) {
  const server = new GrpcServer({
    "grpc.max_receive_message_length": config.maxRecvBytes,
    "grpc.max_send_message_length": config.maxSendBytes,
    "grpc.keepalive_time_ms": config.keepaliveMs,
    "grpc.keepalive_timeout_ms": config.keepaliveTimeoutMs,
  });
  for (const p of prepared)
    server.addService(grpcServiceDefinition(p.binding.service), grpcImplementation(p.runtimes));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(config.grpcAddr, creds, (err, bound) => (err === null ? resolve(bound) : reject(err))),
  );
  return { server, address: joinAddress(splitAddress(config.grpcAddr).host, port) };
}

function extraRoutes(opts: ServerOptions, tracker: CallTracker, log: Logger): NodeHandlerFn {
  // Connect re-declares the response type without some of node's members; the objects are node's own.
  return (req, res): void => serveExtra(opts, tracker, log, req, res as unknown as HttpResponse);
}

function serveExtra(
  opts: ServerOptions,
  tracker: CallTracker,
  log: Logger,
  req: HttpRequest,
  res: HttpResponse,
): void {
  const notFound = (): void => void res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  if (opts.http === undefined) return notFound();
  tracker.begin();
  Promise.resolve()
    .then(() => opts.http?.(req, res))
    .then(
      (handled) => {
        if (handled !== true) notFound();
      },
      (err: unknown) => {
        log.error("http route failed", { err, path: req.url });
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      },
    )
    .finally(() => tracker.end());
}

async function startHttp(
  opts: ServerOptions,
  tls: TlsMaterial | undefined,
  addr: string,
  prepared: readonly Prepared[],
  tracker: CallTracker,
  log: Logger,
) {
  const handler = connectHandler({
    services: prepared,
    maxRecvBytes: opts.config.maxRecvBytes,
    maxSendBytes: opts.config.maxSendBytes,
    shutdownSignal: tracker.forceSignal,
    fallback: extraRoutes(opts, tracker, log),
  });
  // Plaintext HTTP/2 (h2c) cannot also speak HTTP/1.1 in Node, and browsers need HTTP/1.1 or TLS, so the
  // plaintext port is HTTP/1.1 (Connect, gRPC-Web); with TLS, ALPN adds h2 and with it the gRPC protocol.
  const server: NetServer =
    tls === undefined ? createHttpServer(handler) : createSecureServer(tls.http, handler);
  return { server, listening: await listen(server, addr) };
}

async function startAdmin(addr: string, registry: Registry, health: HealthReporter, log: Logger) {
  const server = createAdminServer(registry, health, log);
  return { server, listening: await listen(server, addr) };
}

interface Parts {
  opts: ServerOptions;
  log: Logger;
  health: HealthReporter;
  tracker: CallTracker;
  grpc: GrpcServer;
  http: { server: NetServer; listening: Listening } | undefined;
  admin: { server: NetServer; listening: Listening } | undefined;
}

function sleep(ms: number): Promise<"timeout"> {
  return new Promise((resolve) => setTimeout(() => resolve("timeout"), ms).unref());
}

async function shutdown(p: Parts): Promise<void> {
  p.health.shutdown();
  p.log.info("shutting down", { inflight: p.tracker.active, graceMs: p.opts.config.shutdownGraceMs });
  const grpcClosed = new Promise<void>((resolve) => p.grpc.tryShutdown(() => resolve()));
  const httpClosed = p.http === undefined ? Promise.resolve() : closeServer(p.http.server);
  const drained = Promise.all([grpcClosed, p.tracker.idle()]).then(() => "drained" as const);
  if ((await Promise.race([drained, sleep(p.opts.config.shutdownGraceMs)])) === "timeout") {
    p.log.warn("grace period over; cancelling calls", { inflight: p.tracker.active });
    p.tracker.force();
    p.grpc.forceShutdown();
  }
  for (const s of p.http?.listening.sockets ?? []) s.destroy();
  await httpClosed;
  try {
    await p.opts.onShutdown?.();
  } finally {
    if (p.admin !== undefined) {
      for (const s of p.admin.listening.sockets) s.destroy();
      await closeServer(p.admin.server);
    }
  }
  p.log.info("stopped");
}

/** Starts every port and marks all services SERVING once they are all bound. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { config } = opts;
  const log = opts.logger ?? createLogger({ service: opts.name, level: config.logLevel });
  const registry = opts.registry ?? new Registry();
  const health = new HealthReporter();
  const tracker = new CallTracker();
  const prepared = prepare(opts, log, new ServerMetrics(registry), tracker, health);
  const tls = config.tls === undefined ? undefined : loadTlsMaterial(config.tls);
  const grpc = await startGrpc(config, prepared, tls?.grpc ?? Creds.createInsecure());
  let http: Awaited<ReturnType<typeof startHttp>> | undefined;
  let admin: Awaited<ReturnType<typeof startAdmin>> | undefined;
  try {
    if (config.httpAddr !== undefined)
      http = await startHttp(opts, tls, config.httpAddr, prepared, tracker, log);
    if (config.adminAddr !== undefined) admin = await startAdmin(config.adminAddr, registry, health, log);
  } catch (err) {
    // A port that fails to bind must not leave the others listening in a process that is about to exit.
    grpc.server.forceShutdown();
    if (http !== undefined) await closeServer(http.server);
    throw err;
  }
  for (const s of opts.services) health.setStatus(s.service.typeName, ServingStatus.SERVING);
  health.setStatus("", ServingStatus.SERVING);
  const parts: Parts = { opts, log, health, tracker, grpc: grpc.server, http, admin };
  let stopping: Promise<void> | undefined;
  const running: RunningServer = {
    grpcAddress: grpc.address,
    httpAddress: http?.listening.address,
    adminAddress: admin?.listening.address,
    registry,
    health,
    log,
    stop: () => (stopping ??= shutdown(parts)),
  };
  log.info("server started", {
    grpc: running.grpcAddress,
    http: running.httpAddress,
    admin: running.adminAddress,
    tls: config.tls !== undefined,
  });
  return running;
}
