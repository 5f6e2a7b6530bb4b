/**
 * A small typed grpc-js client over protobuf-es descriptors, using the same serializers as the server
 * adapter. Meant for tests, benchmarks and service-to-service calls; browsers use Connect clients instead.
 * Failures reject with grpc-js's `ServiceError` (`code`, `details`, `metadata`).
 */
import type {
  DescMethod,
  DescMethodBiDiStreaming,
  DescMethodClientStreaming,
  DescMethodServerStreaming,
  DescMethodUnary,
  DescService,
  MessageInitShape,
  MessageShape,
} from "@bufbuild/protobuf";
import {
  Client,
  credentials as grpcCredentials,
  Metadata,
  type CallOptions,
  type ChannelCredentials,
  type ChannelOptions,
  type ClientWritableStream,
  type MethodDefinition,
} from "@grpc/grpc-js";
import { grpcServiceDefinition } from "./grpc-adapter.js";

export interface GrpcCallOptions {
  /** Absolute deadline (epoch ms or Date). */
  deadline?: number | Date;
  /** Relative deadline; ignored when `deadline` is set. */
  timeoutMs?: number;
  /** Request metadata (lower-case names). */
  headers?: Record<string, string>;
  /** Cancels the call. */
  signal?: AbortSignal;
}

export interface GrpcClientOptions {
  /** Defaults to insecure (plaintext) credentials. */
  credentials?: ChannelCredentials;
  channelOptions?: ChannelOptions;
}

type Method<M> =
  M extends DescMethodUnary<infer I, infer O>
    ? (req: MessageInitShape<I>, opts?: GrpcCallOptions) => Promise<MessageShape<O>>
    : M extends DescMethodServerStreaming<infer I, infer O>
      ? (req: MessageInitShape<I>, opts?: GrpcCallOptions) => AsyncIterable<MessageShape<O>>
      : M extends DescMethodClientStreaming<infer I, infer O>
        ? (reqs: AsyncIterable<MessageInitShape<I>>, opts?: GrpcCallOptions) => Promise<MessageShape<O>>
        : M extends DescMethodBiDiStreaming<infer I, infer O>
          ? (
              reqs: AsyncIterable<MessageInitShape<I>>,
              opts?: GrpcCallOptions,
            ) => AsyncIterable<MessageShape<O>>
          : never;

/** One function per method (generated local names), plus `$raw` (the grpc-js Client) and `$close()`. */
export type GrpcClient<S extends DescService> = {
  readonly [K in keyof S["method"]]: Method<S["method"][K]>;
} & {
  readonly $raw: Client;
  $close(): void;
};

type Def = MethodDefinition<object, object>;

function callArgs(o: GrpcCallOptions | undefined): { metadata: Metadata; options: CallOptions } {
  const metadata = new Metadata();
  for (const [k, v] of Object.entries(o?.headers ?? {})) metadata.set(k, v);
  const deadline = o?.deadline ?? (o?.timeoutMs === undefined ? undefined : Date.now() + o.timeoutMs);
  return { metadata, options: deadline === undefined ? {} : { deadline } };
}

function settle(
  err: Error | null | undefined,
  value: object | undefined,
  resolve: (v: object) => void,
  reject: (e: Error) => void,
): void {
  if (err !== null && err !== undefined) reject(err);
  else if (value === undefined) reject(new Error("call completed without a response message"));
  else resolve(value);
}

function onAbort(signal: AbortSignal | undefined, cancel: () => void): void {
  if (signal === undefined) return;
  if (signal.aborted) cancel();
  else signal.addEventListener("abort", cancel, { once: true });
}

async function feed(w: ClientWritableStream<object>, source: AsyncIterable<object>): Promise<void> {
  try {
    for await (const m of source) {
      if (!w.write(m)) await new Promise((resolve) => w.once("drain", resolve));
    }
    w.end();
  } catch (err) {
    w.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}

function methodFn(raw: Client, d: Def, kind: DescMethod["methodKind"]) {
  const [ser, de] = [d.requestSerialize, d.responseDeserialize];
  switch (kind) {
    case "unary":
      return (req: object, o?: GrpcCallOptions) => {
        const { metadata, options } = callArgs(o);
        return new Promise<object>((resolve, reject) => {
          const call = raw.makeUnaryRequest(d.path, ser, de, req, metadata, options, (err, value) =>
            settle(err, value, resolve, reject),
          );
          onAbort(o?.signal, () => call.cancel());
        });
      };
    case "server_streaming":
      return (req: object, o?: GrpcCallOptions) => {
        const { metadata, options } = callArgs(o);
        const call = raw.makeServerStreamRequest(d.path, ser, de, req, metadata, options);
        onAbort(o?.signal, () => call.cancel());
        return call as AsyncIterable<object>;
      };
    case "client_streaming":
      return (reqs: AsyncIterable<object>, o?: GrpcCallOptions) => {
        const { metadata, options } = callArgs(o);
        return new Promise<object>((resolve, reject) => {
          const call = raw.makeClientStreamRequest(d.path, ser, de, metadata, options, (err, value) =>
            settle(err, value, resolve, reject),
          );
          onAbort(o?.signal, () => call.cancel());
          void feed(call, reqs);
        });
      };
    case "bidi_streaming":
      return (reqs: AsyncIterable<object>, o?: GrpcCallOptions) => {
        const { metadata, options } = callArgs(o);
        const call = raw.makeBidiStreamRequest(d.path, ser, de, metadata, options);
        onAbort(o?.signal, () => call.cancel());
        void feed(call, reqs);
        return call as AsyncIterable<object>;
      };
  }
}

/** A typed grpc-js client for `service` at `address` (`host:port`). Call `$close()` when done. */
export function createGrpcClient<S extends DescService>(
  service: S,
  address: string,
  options: GrpcClientOptions = {},
): GrpcClient<S> {
  const raw = new Client(
    address,
    options.credentials ?? grpcCredentials.createInsecure(),
    options.channelOptions,
  );
  const defs = grpcServiceDefinition(service) as Record<string, Def>;
  const client: Record<string, unknown> = { $raw: raw, $close: () => raw.close() };
  for (const m of service.methods) {
    const d = defs[m.name];
    if (d !== undefined) client[m.localName] = methodFn(raw, d, m.methodKind);
  }
  return client as GrpcClient<S>;
}
