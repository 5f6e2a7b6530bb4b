/**
 * @parley/kit — the server runtime every Parley service runs on. Services write plain async handlers over
 * protobuf-es types, bind them with {@link bindService} and hand them to {@link startServer}.
 */
export { Code, ServiceError, registerErrorMapping, toStatus, codeName, INTERNAL_MESSAGE } from "./errors.js";
export type { Status } from "./errors.js";
export type { CallContext, PeerCertificate, Protocol } from "./call-context.js";
export { createLogger, LOG_LEVELS } from "./logger.js";
export type { Logger, LoggerOptions, LogLevel, LogFields } from "./logger.js";
export { bindService } from "./handlers.js";
export type {
  ServiceHandlers,
  ServiceBinding,
  MethodHandler,
  UnaryHandler,
  ServerStreamingHandler,
  ClientStreamingHandler,
  BiDiStreamingHandler,
} from "./handlers.js";
export { ConfigError, env, parseAddress } from "./env.js";
export { loadServerConfig, DEFAULT_SERVER_CONFIG } from "./config.js";
export type { ServerConfig, TlsConfig } from "./config.js";
export { HealthReporter, ServingStatus } from "./health.js";
export { startServer } from "./server.js";
export type { ServerOptions, RunningServer, HttpRequest, HttpResponse } from "./server.js";
export { handleSignals, type Stoppable } from "./signals.js";
export { createGrpcClient } from "./grpc-client.js";
export type { GrpcClient, GrpcClientOptions, GrpcCallOptions } from "./grpc-client.js";
export { createConnectClient } from "./connect-client.js";
export type { ConnectClientOptions } from "./connect-client.js";
export { grpcServiceDefinition } from "./grpc-adapter.js";
export type { GrpcType } from "./metrics.js";
export {
  ed25519KeyFromSeed,
  ed25519KeyId,
  ed25519PrivateKey,
  ed25519PublicKey,
  ed25519RawPublicKey,
} from "./ed25519.js";
export type { Ed25519Key } from "./ed25519.js";
export { audienceIncludes, decodeJsonSegment, signEdDsaJws, splitCompactJws } from "./compact-jws.js";
export type { UnverifiedCompactJws } from "./compact-jws.js";
