/**
 * Load child of `bench:rpc`: keeps `concurrency` unary 1 KiB echo calls in flight over `channels` gRPC
 * channels (or Connect over HTTP/1.1) for a warm-up and then a measured window, recording each latency.
 */
import { create, toBinary } from "@bufbuild/protobuf";
import { EchoRequestSchema, EchoService } from "@parley/proto/parley/echo/v1/echo_pb";
import { createConnectClient, createGrpcClient } from "@parley/kit";

interface LoadArgs {
  target: "grpc" | "connect";
  address: string;
  channels: number;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  payloadBytes: number;
}

/** A stuck call must not keep the run from ending; it counts as an error instead. */
const CALL_TIMEOUT_MS = 10_000;

type Echo = (payload: Uint8Array) => Promise<unknown>;

function send(msg: unknown): void {
  if (process.send === undefined) throw new Error("bench load must run as a forked child");
  process.send(msg);
}

function clients(a: LoadArgs): { calls: Echo[]; close: () => void } {
  if (a.target === "connect") {
    const c = createConnectClient(EchoService, `http://${a.address}`, { protocol: "connect" });
    return {
      calls: [(payload) => c.echo({ payload }, { timeoutMs: CALL_TIMEOUT_MS })],
      close: () => undefined,
    };
  }
  const cs = Array.from({ length: a.channels }, (_, i) =>
    // A distinct channel option per client keeps grpc-js from sharing one subchannel (connection).
    createGrpcClient(EchoService, a.address, { channelOptions: { "bench.channel": i } }),
  );
  return {
    calls: cs.map((c) => (payload: Uint8Array) => c.echo({ payload }, { timeoutMs: CALL_TIMEOUT_MS })),
    close: () => cs.forEach((c) => c.$close()),
  };
}

async function run(a: LoadArgs): Promise<void> {
  const { calls, close } = clients(a);
  const payload = new Uint8Array(a.payloadBytes).fill(0x61);
  if (toBinary(EchoRequestSchema, create(EchoRequestSchema, { payload })).length < a.payloadBytes) {
    throw new Error("payload encoding is shorter than the payload");
  }
  const latencies: number[] = [];
  let phase: "warmup" | "measure" | "done" = "warmup";
  let errors = 0;
  const worker = async (i: number): Promise<void> => {
    const call = calls[i % calls.length];
    if (call === undefined) return;
    while (phase !== "done") {
      const t = performance.now();
      try {
        await call(payload);
        if (phase === "measure") latencies.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  };
  const workers = Array.from({ length: a.concurrency }, (_, i) => worker(i));
  await new Promise((r) => setTimeout(r, a.warmupMs));
  send({ phase: "measure-start" });
  phase = "measure";
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, a.durationMs));
  phase = "done";
  const elapsedMs = performance.now() - t0;
  send({ phase: "measure-end" });
  await Promise.all(workers);
  close();
  latencies.sort((x, y) => x - y);
  const pct = (p: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  send({ result: { calls: latencies.length, elapsedMs, p50Ms: pct(0.5), p99Ms: pct(0.99), errors } });
}

process.once("message", (a: LoadArgs) => void run(a));
