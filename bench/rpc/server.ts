/**
 * Server child of `bench:rpc`. `bare` is a hand-written grpc-js echo server (protobuf-es serializers, no
 * kit) — the baseline; `kit` is the same service on @parley/kit with metrics, admin port and logging on.
 * Reports its own CPU time over the measured window when the parent asks.
 */
import { create, fromBinary, toBinary, type DescMessage } from "@bufbuild/protobuf";
import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from "@grpc/grpc-js";
import {
  EchoRequestSchema,
  EchoResponseSchema,
  EchoService,
  type EchoRequest,
  type EchoResponse,
} from "@parley/proto/parley/echo/v1/echo_pb";
import { bindService, Code, createLogger, loadServerConfig, ServiceError, startServer } from "@parley/kit";

type ParentMessage = { cmd: "cpu-start" } | { cmd: "cpu-end" } | { cmd: "exit" };

function send(msg: unknown): void {
  if (process.send === undefined) throw new Error("bench server must run as a forked child");
  process.send(msg);
}

function codec<T extends object>(schema: DescMessage) {
  return {
    serialize: (v: T): Buffer => {
      const b = toBinary(schema, v as never);
      return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    },
    deserialize: (b: Buffer): T => fromBinary(schema, b) as T,
  };
}

async function startBare(): Promise<{ address: string; stop: () => Promise<void> }> {
  const server = new Server();
  const req = codec<EchoRequest>(EchoRequestSchema);
  const res = codec<EchoResponse>(EchoResponseSchema);
  server.addService(
    {
      Echo: {
        path: "/parley.echo.v1.EchoService/Echo",
        requestStream: false,
        responseStream: false,
        requestSerialize: req.serialize,
        requestDeserialize: req.deserialize,
        responseSerialize: res.serialize,
        responseDeserialize: res.deserialize,
      },
    },
    {
      Echo: (call: ServerUnaryCall<EchoRequest, EchoResponse>, done: sendUnaryData<EchoResponse>) =>
        done(null, create(EchoResponseSchema, { payload: call.request.payload })),
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}

async function startKit(): Promise<{ address: string; httpAddress: string; stop: () => Promise<void> }> {
  const config = loadServerConfig("BENCH", process.env, {
    grpcAddr: "127.0.0.1:0",
    httpAddr: "127.0.0.1:0",
    adminAddr: "127.0.0.1:0",
  });
  const server = await startServer({
    name: "bench-echo",
    config,
    // Logging on at info: the per-call access line is debug, so this measures what production pays.
    logger: createLogger({ service: "bench-echo", level: config.logLevel, stream: process.stderr }),
    services: [
      bindService(EchoService, {
        echo: (req) => ({ payload: req.payload }),
        echoStream: () => {
          throw new ServiceError(Code.Unimplemented, "bench:rpc measures unary calls only");
        },
      }),
    ],
  });
  return { address: server.grpcAddress, httpAddress: server.httpAddress ?? "", stop: () => server.stop() };
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  const running = mode === "bare" ? await startBare() : await startKit();
  let cpu = process.cpuUsage();
  let t0 = performance.now();
  process.on("message", (m: ParentMessage) => {
    if (m.cmd === "cpu-start") {
      cpu = process.cpuUsage();
      t0 = performance.now();
    } else if (m.cmd === "cpu-end") {
      const used = process.cpuUsage(cpu);
      send({ cpuUs: used.user + used.system, wallMs: performance.now() - t0 });
    } else {
      void running.stop().then(() => process.exit(0));
    }
  });
  send({
    ready: true,
    address: running.address,
    httpAddress: "httpAddress" in running ? running.httpAddress : "",
  });
}

void main();
