/**
 * Mounts the same bound services on Connect's Node adapter, which serves the Connect, gRPC-Web and gRPC
 * protocols on the HTTP port (browsers and typed Connect clients). Handler failures are turned into a
 * ConnectError through the kit's one {@link toStatus} mapping; Connect then encodes it per protocol.
 */
import type { DescService } from "@bufbuild/protobuf";
import {
  ConnectError,
  createContextValues,
  type ConnectRouter,
  type HandlerContext,
  type ServiceImpl,
} from "@connectrpc/connect";
import { connectNodeAdapter, type ConnectNodeAdapterOptions } from "@connectrpc/connect-node";
import { abandonedStatus, failCall, finishCall, OK, type MethodRuntime } from "./call-runtime.js";
import { ConnectCallContext, kSocket } from "./connect-context.js";
import type { Status } from "./errors.js";
import type { ServiceBinding } from "./handlers.js";

/** Connect-node's request handler shape (not exported by name). */
export type NodeHandlerFn = NonNullable<ConnectNodeAdapterOptions["fallback"]>;
type NodeServerRequest = Parameters<NodeHandlerFn>[0];

function connectError(status: Status): ConnectError {
  const headers = new Headers(status.details);
  // Code 0 never reaches here: only failures are converted.
  return new ConnectError(status.message, status.code === 0 ? undefined : status.code, headers);
}

function begin(rt: MethodRuntime, hctx: HandlerContext): ConnectCallContext {
  rt.stats.started++;
  rt.tracker.begin();
  return new ConnectCallContext(rt, hctx);
}

function fail(ctx: ConnectCallContext, err: unknown): ConnectError {
  if (ctx.hctx.signal.aborted) {
    const status = abandonedStatus(ctx);
    finishCall(ctx, status);
    return connectError(status);
  }
  return connectError(failCall(ctx, err));
}

async function* counted(rt: MethodRuntime, source: AsyncIterable<unknown>): AsyncGenerator<unknown> {
  for await (const m of source) {
    rt.stats.msgReceived++;
    yield m;
  }
}

function unary(rt: MethodRuntime, streamingInput: boolean) {
  return async (input: unknown, hctx: HandlerContext): Promise<unknown> => {
    const ctx = begin(rt, hctx);
    if (!streamingInput) rt.stats.msgReceived++;
    try {
      const src = streamingInput ? counted(rt, input as AsyncIterable<unknown>) : input;
      const out = await rt.handler(src as never, ctx);
      rt.stats.msgSent++;
      finishCall(ctx, OK);
      return out;
    } catch (err) {
      throw fail(ctx, err);
    }
  };
}

/** Connect awaits each written message, so pulling lazily from the handler is its back-pressure. */
function streaming(rt: MethodRuntime, streamingInput: boolean) {
  return async function* (input: unknown, hctx: HandlerContext): AsyncGenerator<unknown> {
    const ctx = begin(rt, hctx);
    if (!streamingInput) rt.stats.msgReceived++;
    try {
      const src = streamingInput ? counted(rt, input as AsyncIterable<unknown>) : input;
      for await (const out of rt.handler(src as never, ctx) as AsyncIterable<unknown>) {
        rt.stats.msgSent++;
        yield out;
      }
      finishCall(ctx, OK);
    } catch (err) {
      throw fail(ctx, err);
    }
  };
}

/**
 * The Connect implementation object. Its static type cannot follow a descriptor known only at runtime; the
 * wrappers pass messages through unchanged, so each method keeps the shape its handler was typed with.
 */
function implementation(runtimes: readonly MethodRuntime[]): Partial<ServiceImpl<DescService>> {
  const impl: Record<string, unknown> = {};
  for (const rt of runtimes) {
    const kind = rt.desc.methodKind;
    impl[rt.desc.localName] =
      kind === "unary" || kind === "client_streaming"
        ? unary(rt, kind === "client_streaming")
        : streaming(rt, kind === "bidi_streaming");
  }
  return impl as Partial<ServiceImpl<DescService>>;
}

export interface ConnectAdapterOptions {
  readonly services: readonly { binding: ServiceBinding; runtimes: readonly MethodRuntime[] }[];
  readonly maxRecvBytes: number;
  readonly maxSendBytes: number;
  /** Aborts handler signals when shutdown's grace period runs out. */
  readonly shutdownSignal: AbortSignal;
  readonly fallback: NodeHandlerFn;
}

/** The Node request handler serving every bound service over Connect, gRPC-Web and gRPC. */
export function connectHandler(opts: ConnectAdapterOptions): NodeHandlerFn {
  return connectNodeAdapter({
    routes: (router: ConnectRouter) => {
      for (const s of opts.services) router.service(s.binding.service, implementation(s.runtimes));
    },
    grpc: true,
    grpcWeb: true,
    connect: true,
    // Connect gzips every response of 1 KiB or more by default. Our payloads are mostly keys, signatures and
    // hashes that do not compress, and measured streams ran ~10x slower with it, so responses are never
    // compressed. Requests still may be (acceptCompression keeps Connect's default gzip/br support).
    compressMinBytes: Number.MAX_SAFE_INTEGER,
    readMaxBytes: opts.maxRecvBytes,
    writeMaxBytes: opts.maxSendBytes,
    shutdownSignal: opts.shutdownSignal,
    contextValues: (req: NodeServerRequest) => createContextValues().set(kSocket, req.socket),
    fallback: opts.fallback,
  });
}
