/**
 * Handlers are plain async functions over protobuf-es message types, written once and mounted by both
 * adapters. The mapped type follows each method's kind in the generated service descriptor.
 */
import type {
  DescMessage,
  DescMethod,
  DescMethodBiDiStreaming,
  DescMethodClientStreaming,
  DescMethodServerStreaming,
  DescMethodUnary,
  DescService,
  MessageInitShape,
  MessageShape,
} from "@bufbuild/protobuf";
import type { CallContext } from "./call-context.js";

export type UnaryHandler<I extends DescMessage, O extends DescMessage> = (
  request: MessageShape<I>,
  ctx: CallContext,
) => Promise<MessageInitShape<O>> | MessageInitShape<O>;

/** Yields responses; the adapter waits for flow control before pulling the next one. */
export type ServerStreamingHandler<I extends DescMessage, O extends DescMessage> = (
  request: MessageShape<I>,
  ctx: CallContext,
) => AsyncIterable<MessageInitShape<O>>;

export type ClientStreamingHandler<I extends DescMessage, O extends DescMessage> = (
  requests: AsyncIterable<MessageShape<I>>,
  ctx: CallContext,
) => Promise<MessageInitShape<O>>;

export type BiDiStreamingHandler<I extends DescMessage, O extends DescMessage> = (
  requests: AsyncIterable<MessageShape<I>>,
  ctx: CallContext,
) => AsyncIterable<MessageInitShape<O>>;

/** The handler type a method descriptor calls for. */
export type MethodHandler<M> =
  M extends DescMethodUnary<infer I, infer O>
    ? UnaryHandler<I, O>
    : M extends DescMethodServerStreaming<infer I, infer O>
      ? ServerStreamingHandler<I, O>
      : M extends DescMethodClientStreaming<infer I, infer O>
        ? ClientStreamingHandler<I, O>
        : M extends DescMethodBiDiStreaming<infer I, infer O>
          ? BiDiStreamingHandler<I, O>
          : never;

/** One handler per method of `S`, keyed by the generated local name (`append`, `getCheckpoint`, …). */
export type ServiceHandlers<S extends DescService> = {
  readonly [K in keyof S["method"]]: MethodHandler<S["method"][K]>;
};

/** A service descriptor with its handlers, ready for {@link startServer}. */
export interface ServiceBinding {
  readonly service: DescService;
  readonly handlers: object;
}

/** Handlers of any kind, as the adapters see them once the static types have done their job. */
export type AnyHandler = (input: never, ctx: CallContext) => unknown;

/**
 * Pairs a generated service with its handlers. The types already demand every method; the runtime check
 * catches JavaScript callers and handlers objects built dynamically.
 */
export function bindService<S extends DescService>(service: S, handlers: ServiceHandlers<S>): ServiceBinding {
  for (const m of service.methods) {
    if (typeof Reflect.get(handlers, m.localName) !== "function") {
      throw new TypeError(
        `bindService(${service.typeName}): no handler for method ${m.name} ('${m.localName}')`,
      );
    }
  }
  const known = new Set(service.methods.map((m) => m.localName));
  for (const key of Object.keys(handlers)) {
    if (!known.has(key)) throw new TypeError(`bindService(${service.typeName}): '${key}' is not a method`);
  }
  return { service, handlers };
}

/** The handler bound to `method` (bindService guarantees it exists). */
export function handlerOf(binding: ServiceBinding, method: DescMethod): AnyHandler {
  const h: unknown = Reflect.get(binding.handlers, method.localName);
  if (typeof h !== "function") throw new TypeError(`no handler for ${method.parent.typeName}.${method.name}`);
  return h as AnyHandler;
}
