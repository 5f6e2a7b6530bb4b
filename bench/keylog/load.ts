/**
 * Load generator for bench:keylog, run as its own process so client CPU is not charged to the
 * server. Reads its job from argv[2] (JSON), appends 200-byte entries with `concurrency`
 * outstanding calls of `perCall` entries for `durationMs` after `warmupMs`, and prints one JSON
 * line with the counts and latency percentiles.
 */
import { createGrpcClient } from "@parley/kit";
import { KeyLogService } from "@parley/proto/parley/keylog/v1/keylog_pb";
import { EntrySource } from "./entries.js";

interface Job {
  address: string;
  token: string;
  concurrency: number;
  perCall: number;
  channels: number;
  warmupMs: number;
  durationMs: number;
  firstEntry: number;
}

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
// A local subchannel pool per client: grpc-js otherwise shares one connection among all clients
// of the same target, and `channels` would not mean separate HTTP/2 connections.
const clients = Array.from({ length: job.channels }, () =>
  createGrpcClient(KeyLogService, job.address, { channelOptions: { "grpc.use_local_subchannel_pool": 1 } }),
);
const auth = { headers: { authorization: `Bearer ${job.token}` } };
const latencies: number[] = [];
let entries = 0;
let errors = 0;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const measureFrom = t0 + job.warmupMs;
const end = measureFrom + job.durationMs;

const source = new EntrySource(job.firstEntry);

async function worker(w: number): Promise<void> {
  const client = clients[w % clients.length];
  if (client === undefined) return;
  while (performance.now() < end) {
    const started = performance.now();
    try {
      await client.append({ entries: source.take(job.perCall) }, auth);
    } catch {
      errors++;
      continue;
    }
    if (started >= measureFrom) {
      latencies.push(performance.now() - started);
      entries += job.perCall;
    }
  }
}

await Promise.all(Array.from({ length: job.concurrency }, (_, w) => worker(w)));
const cpu = process.cpuUsage(cpu0);
const cpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100;
for (const c of clients) c.$close();
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
process.stdout.write(
  JSON.stringify({
    calls: latencies.length,
    entries,
    errors,
    seconds: job.durationMs / 1000,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    cpuPercent,
  }) + "\n",
);
