/**
 * Load generator for bench:keylog, run as its own process so client CPU is not charged to the
 * server. Reads its job from argv[2] (JSON), appends 200-byte entries with `concurrency`
 * outstanding calls of `perCall` entries for `durationMs` after `warmupMs`, and prints one JSON
 * line with the counts, latency percentiles and its own CPU use (after a `measuring` line when
 * the measured window starts and a `done` line when it ends).
 *
 * It shares the machine's cores with the server, so it spends as little as it can per call: the
 * request metadata is built once, and responses are kept as bytes; one in `checkEvery` is decoded
 * and fully verified (check-response.ts), and any failure fails the run.
 */
import { create, toBinary } from "@bufbuild/protobuf";
import { Client, credentials, Metadata, type ChannelOptions } from "@grpc/grpc-js";
import { AppendRequestSchema } from "@parley/proto/parley/keylog/v1/keylog_pb";
import { ResponseChecker } from "./check-response.js";
import { EntrySource } from "./entries.js";

interface Job {
  address: string;
  token: string;
  verifierKey: string;
  concurrency: number;
  perCall: number;
  channels: number;
  warmupMs: number;
  durationMs: number;
  firstEntry: number;
  checkEvery: number;
  /** HTTP/2 receive window (per stream and per connection) each channel advertises, in bytes. */
  windowBytes: number;
}

const APPEND = "/parley.keylog.v1.KeyLogService/Append";

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
const options: ChannelOptions = {
  // A local subchannel pool per client: grpc-js otherwise shares one connection among all
  // clients of the same target, and `channels` would not mean separate HTTP/2 connections.
  "grpc.use_local_subchannel_pool": 1,
  // Each response carries ~20 KB of proofs for 32 entries. With HTTP/2's default 64 KiB window
  // (RFC 9113 §6.9.2) a burst of responses stalls until this process reads them and returns
  // WINDOW_UPDATEs, which costs a round trip through both busy event loops per 64 KiB.
  "grpc-node.flow_control_window": job.windowBytes,
};
const clients = Array.from(
  { length: job.channels },
  () => new Client(job.address, credentials.createInsecure(), options),
);
const metadata = new Metadata();
metadata.set("authorization", `Bearer ${job.token}`);
const serialize = (entries: Uint8Array[]): Buffer => {
  const bytes = toBinary(AppendRequestSchema, create(AppendRequestSchema, { entries }));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};
const keepBytes = (b: Buffer): Buffer => b;

function append(client: Client, entries: Uint8Array[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(APPEND, serialize, keepBytes, entries, metadata, {}, (err, value) => {
      if (err !== null) reject(err);
      else if (value === undefined) reject(new Error("Append completed without a response"));
      else resolve(value);
    });
  });
}

const checker = new ResponseChecker(job.verifierKey);
const source = new EntrySource(job.firstEntry);
const latencies: number[] = [];
const failures: string[] = [];
let entries = 0;
let errors = 0;
let calls = 0;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const measureFrom = t0 + job.warmupMs;
const end = measureFrom + job.durationMs;

async function worker(w: number): Promise<void> {
  const client = clients[w % clients.length];
  if (client === undefined) return;
  while (performance.now() < end) {
    const batch = source.take(job.perCall);
    const started = performance.now();
    let response: Buffer;
    try {
      response = await append(client, batch);
    } catch {
      errors++;
      continue;
    }
    if (started >= measureFrom) {
      latencies.push(performance.now() - started);
      entries += job.perCall;
    }
    if (calls++ % job.checkEvery === 0) {
      try {
        checker.check(batch, response);
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      }
    }
  }
}

// Marks for the parent, which samples the server's CPU use over the same window.
setTimeout(() => process.stdout.write("measuring\n"), job.warmupMs);
await Promise.all(Array.from({ length: job.concurrency }, (_, w) => worker(w)));
process.stdout.write("done\n");
const cpu = process.cpuUsage(cpu0);
const cpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100;
for (const c of clients) c.close();
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
process.stdout.write(
  JSON.stringify({
    calls: latencies.length,
    entries,
    errors,
    checked: checker.checked,
    checkFailures: failures.slice(0, 5),
    seconds: job.durationMs / 1000,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    cpuPercent,
  }) + "\n",
);
