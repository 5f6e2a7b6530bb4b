/**
 * Load generator for bench:keylog, run as its own process so client CPU is not charged to the
 * server. Reads its job from argv[2] (JSON), appends 200-byte entries with `concurrency`
 * outstanding calls of `perCall` entries for `durationMs` after `warmupMs`, and prints one JSON
 * line with the counts, latency percentiles and its own CPU use (after a `measuring` line when
 * the measured window starts and a `done` line when it ends).
 *
 * It shares the machine's cores with the server, so it spends as little as it can per call: gRPC
 * framing straight on node:http2 (h2-unary.ts; grpc-js's client on request); requests — distinct,
 * valid entries, encoded by hand (append-request.ts) and framed — are built before the timed run
 * (request-source.ts), so a call is one write of ready bytes; responses are kept as bytes, and
 * one in `checkEvery` is decoded and fully verified against the request bytes that were sent
 * (check-response.ts), any failure failing the run. Failed calls are counted, and the first
 * one's message is reported.
 */
import { Client, credentials, Metadata, type ChannelOptions } from "@grpc/grpc-js";
import { H2UnaryChannel, unframedMessage } from "./h2-unary.js";
import { ResponseChecker } from "./check-response.js";
import { EntrySource } from "./entries.js";
import { RequestSource } from "./request-source.js";

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
  /** Ask for the compact answer: one run inclusion proof per call instead of one proof per entry. */
  runProof: boolean;
  /** The load side's gRPC client: the lean node:http2 one (default) or grpc-js. */
  client?: "h2" | "grpc-js";
  /** Entries per second to build requests for before the run (warm-up and measured window). */
  prebuildPerSec: number;
}

const APPEND = "/parley.keylog.v1.KeyLogService/Append";

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
/** One Append call on connection `c`: a framed request (request-source.ts), the response message bytes back. */
type Caller = (c: number, framed: Buffer) => Promise<Buffer>;

/** The lean caller (h2-unary.ts): gRPC framing on node:http2, no grpc-js client stack. */
function h2Caller(): { call: Caller; close: () => void } {
  const auth = { authorization: `Bearer ${job.token}` };
  const channels = Array.from(
    { length: job.channels },
    () => new H2UnaryChannel(job.address, APPEND, auth, job.windowBytes),
  );
  const call: Caller = (c, framed) => {
    const channel = channels[c % channels.length];
    if (channel === undefined) return Promise.reject(new Error("no channel"));
    return channel.call(framed);
  };
  return { call, close: () => channels.forEach((ch) => ch.close()) };
}

/** grpc-js's own client, for comparison (`"client": "grpc-js"`). */
function grpcJsCaller(): { call: Caller; close: () => void } {
  const options: ChannelOptions = {
    // A local subchannel pool per client: grpc-js otherwise shares one connection among all
    // clients of the same target, and `channels` would not mean separate HTTP/2 connections.
    "grpc.use_local_subchannel_pool": 1,
    // Per-entry proofs make ~20 KB responses; with HTTP/2's default 64 KiB window (RFC 9113
    // §6.9.2) a burst of them stalls until WINDOW_UPDATEs cross both busy event loops.
    "grpc-node.flow_control_window": job.windowBytes,
  };
  const clients = Array.from(
    { length: job.channels },
    () => new Client(job.address, credentials.createInsecure(), options),
  );
  const metadata = new Metadata();
  metadata.set("authorization", `Bearer ${job.token}`);
  const serialize = unframedMessage;
  const keepBytes = (b: Buffer): Buffer => b;
  const call: Caller = (c, framed) =>
    new Promise((resolve, reject) => {
      const client = clients[c % clients.length];
      if (client === undefined) return reject(new Error("no client"));
      client.makeUnaryRequest(APPEND, serialize, keepBytes, framed, metadata, {}, (err, value) => {
        if (err !== null) reject(err);
        else if (value === undefined) reject(new Error("Append completed without a response"));
        else resolve(value);
      });
    });
  return { call, close: () => clients.forEach((cl) => cl.close()) };
}

const prebuilt = Math.ceil((job.prebuildPerSec * (job.warmupMs + job.durationMs)) / 1000 / job.perCall);
const requests = new RequestSource(new EntrySource(job.firstEntry), job.perCall, job.runProof, prebuilt);
const caller = job.client === "grpc-js" ? grpcJsCaller() : h2Caller();
const checker = new ResponseChecker(job.verifierKey, job.runProof);
const latencies: number[] = [];
const failures: string[] = [];
let entries = 0;
let errors = 0;
let firstError: string | undefined;
let calls = 0;
const t0 = performance.now();
const measureFrom = t0 + job.warmupMs;
let cpu0 = process.cpuUsage();
const end = measureFrom + job.durationMs;

async function worker(w: number): Promise<void> {
  while (performance.now() < end) {
    const request = requests.next();
    const started = performance.now();
    let response: Buffer;
    try {
      response = await caller.call(w, request);
    } catch (err) {
      if (errors++ === 0) firstError = err instanceof Error ? err.message : String(err);
      continue;
    }
    if (started >= measureFrom) {
      latencies.push(performance.now() - started);
      entries += job.perCall;
    }
    if (calls++ % job.checkEvery === 0) {
      try {
        checker.check(unframedMessage(request), response);
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      }
    }
  }
}

// Marks for the parent, which samples the server's CPU use over the same window.
setTimeout(() => {
  cpu0 = process.cpuUsage();
  process.stdout.write("measuring\n");
}, job.warmupMs);
await Promise.all(Array.from({ length: job.concurrency }, (_, w) => worker(w)));
process.stdout.write("done\n");
const cpu = process.cpuUsage(cpu0);
const cpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - measureFrom)) * 100;
caller.close();
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
process.stdout.write(
  JSON.stringify({
    calls: latencies.length,
    entries,
    errors,
    firstError,
    checked: checker.checked,
    builtLive: requests.builtLive,
    checkFailures: failures.slice(0, 5),
    seconds: job.durationMs / 1000,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    cpuPercent,
  }) + "\n",
);
