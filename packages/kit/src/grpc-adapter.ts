/**
 * Mounts bound services on a grpc-js Server. Messages are (de)serialized with protobuf-es `toBinary` /
 * `fromBinary`; each method's runtime is resolved once here, so a call costs one context object and one async
 * frame. Streams honour flow control: when `write()` returns false the handler's iterator is not pulled again
 * until the stream drains.
 */
import {
  create,
  fromBinary,
  toBinary,
  type DescMessage,
  type DescService,
  type MessageInitShape,
} from "@bufbuild/protobuf";
import {
  Metadata,
  type MethodDefinition,
  type sendUnaryData,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServiceDefinition,
  type UntypedHandleCall,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import { abandonedStatus, failCall, finishCall, OK, type MethodRuntime } from "./call-runtime.js";
import type { Status } from "./errors.js";
import { GrpcCallContext } from "./grpc-context.js";

type Msg = object;

function serializer(schema: DescMessage): (value: Msg) => Buffer {
  return (value) => {
    // Handlers may return init objects; create() passes complete messages through untouched.
    const bytes = toBinary(schema, create(schema, value as MessageInitShape<DescMessage>));
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
}

function deserializer(schema: DescMessage): (bytes: Buffer) => Msg {
  // A plain Uint8Array view: handlers then see `Uint8Array` bytes fields, not Node Buffers, on both adapters.
  return (bytes) => fromBinary(schema, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The grpc-js service definition of a protobuf-es service: paths, stream flags and serializers. */
export function grpcServiceDefinition(service: DescService): ServiceDefinition {
  const def: Record<string, MethodDefinition<Msg, Msg>> = {};
  for (const m of service.methods) {
    const streaming = m.methodKind;
    def[m.name] = {
      path: `/${service.typeName}/${m.name}`,
      requestStream: streaming === "client_streaming" || streaming === "bidi_streaming",
      responseStream: streaming === "server_streaming" || streaming === "bidi_streaming",
      requestSerialize: serializer(m.input),
      requestDeserialize: deserializer(m.input),
      responseSerialize: serializer(m.output),
      responseDeserialize: deserializer(m.output),
      originalName: m.localName,
    };
  }
  return def;
}

/** Status for grpc-js: details travel as trailing metadata. */
function grpcStatus(status: Status): { code: number; details: string; metadata: Metadata } {
  const metadata = new Metadata();
  if (status.details !== undefined) for (const [k, v] of Object.entries(status.details)) metadata.set(k, v);
  return { code: status.code, details: status.message, metadata };
}

async function runUnary(rt: MethodRuntime, call: ServerUnaryCall<Msg, Msg>, done: sendUnaryData<Msg>) {
  rt.stats.started++;
  rt.stats.msgReceived++;
  rt.tracker.begin();
  const ctx = new GrpcCallContext(rt, call);
  try {
    const out = (await rt.handler(call.request as never, ctx)) as Msg;
    if (call.cancelled) return finishCall(ctx, abandonedStatus(ctx));
    rt.stats.msgSent++;
    finishCall(ctx, OK);
    done(null, out);
  } catch (err) {
    if (call.cancelled) return finishCall(ctx, abandonedStatus(ctx));
    done(grpcStatus(failCall(ctx, err)));
  }
}

/**
 * Request messages of a streaming call. Node's default stream iterator destroys the stream when reading
 * ends, which for a grpc-js duplex would also kill the response side before its status is sent.
 */
async function* counted(
  rt: MethodRuntime,
  call: ServerReadableStream<Msg, Msg> | ServerDuplexStream<Msg, Msg>,
): AsyncGenerator<unknown> {
  for await (const m of call.iterator({ destroyOnReturn: false })) {
    rt.stats.msgReceived++;
    yield m;
  }
}

/** Resolves when the stream can take more, or when the call is cancelled (writing stops either way). */
function writable(call: ServerWritableStream<Msg, Msg> | ServerDuplexStream<Msg, Msg>): Promise<void> {
  return new Promise((resolve) => {
    const go = (): void => {
      call.off("drain", go);
      call.off("cancelled", go);
      call.off("close", go);
      resolve();
    };
    call.on("drain", go);
    call.on("cancelled", go);
    call.on("close", go);
  });
}

type WritableCall = ServerWritableStream<Msg, Msg> | ServerDuplexStream<Msg, Msg>;

async function pump(
  rt: MethodRuntime,
  ctx: GrpcCallContext,
  call: WritableCall,
  input: unknown,
): Promise<void> {
  rt.stats.started++;
  rt.tracker.begin();
  try {
    const source = rt.handler(input as never, ctx) as AsyncIterable<Msg>;
    for await (const out of source) {
      if (call.cancelled) break;
      rt.stats.msgSent++;
      if (!call.write(out)) await writable(call);
    }
    if (call.cancelled) return finishCall(ctx, abandonedStatus(ctx));
    finishCall(ctx, OK);
    call.end();
  } catch (err) {
    if (call.cancelled) return finishCall(ctx, abandonedStatus(ctx));
    call.emit("error", grpcStatus(failCall(ctx, err)));
  }
}

async function runClientStream(
  rt: MethodRuntime,
  call: ServerReadableStream<Msg, Msg>,
  done: sendUnaryData<Msg>,
) {
  rt.stats.started++;
  rt.tracker.begin();
  const ctx = new GrpcCallContext(rt, call);
  try {
    const out = (await rt.handler(counted(rt, call) as never, ctx)) as Msg;
    if (call.cancelled) return finishCall(ctx, abandonedStatus(ctx));
    rt.stats.msgSent++;
    finishCall(ctx, OK);
    done(null, out);
  } catch (err) {
    if (call.cancelled) return finishCall(ctx, abandonedStatus(ctx));
    done(grpcStatus(failCall(ctx, err)));
  }
}

function handleCall(rt: MethodRuntime): UntypedHandleCall {
  switch (rt.desc.methodKind) {
    case "unary":
      return (call: ServerUnaryCall<Msg, Msg>, done: sendUnaryData<Msg>) => void runUnary(rt, call, done);
    case "server_streaming":
      return (call: ServerWritableStream<Msg, Msg>) => {
        rt.stats.msgReceived++;
        void pump(rt, new GrpcCallContext(rt, call), call, call.request);
      };
    case "client_streaming":
      return (call: ServerReadableStream<Msg, Msg>, done: sendUnaryData<Msg>) =>
        void runClientStream(rt, call, done);
    case "bidi_streaming":
      return (call: ServerDuplexStream<Msg, Msg>) =>
        void pump(rt, new GrpcCallContext(rt, call), call, counted(rt, call));
  }
}

/** grpc-js handlers for one service, keyed as {@link grpcServiceDefinition} names its methods. */
export function grpcImplementation(runtimes: readonly MethodRuntime[]): UntypedServiceImplementation {
  const impl: UntypedServiceImplementation = {};
  for (const rt of runtimes) impl[rt.desc.name] = handleCall(rt);
  return impl;
}
