/**
 * bench:keylog — durable append throughput through the service vs a bare level loop, and
 * inclusion-proof rate at 1,000,000 entries. `--quick` for a short development run.
 * Writes bench/results/keylog.json.
 *
 * Server and load generator share the machine's cores, so both processes' CPU use during the
 * batched run is reported: when the sum nears the core count, the rate is a CPU bound.
 */
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Level } from "level";
import { generateEd25519SignerKey, ed25519SignerFromKey, leafHash, proveInclusion } from "@parley/tlog";
import { KeylogMetrics } from "../../services/keylog/src/metrics.js";
import { recoverLog } from "../../services/keylog/src/sequencer/recover.js";
import { Sequencer } from "../../services/keylog/src/sequencer/sequencer.js";
import { LogStore } from "../../services/keylog/src/store/log-store.js";
import { spawnKeylog } from "../../services/keylog/test/crash-harness.js";
import { EntrySource } from "./entries.js";

const quick = process.argv.includes("--quick");
const root = new URL("../..", import.meta.url).pathname;

interface LoadResult {
  calls: number;
  entries: number;
  errors: number;
  checked: number;
  checkFailures: string[];
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  cpuPercent: number;
}

/** One in this many responses is decoded and fully verified by the load generator. */
const CHECK_EVERY = 32;
/** HTTP/2 receive window of the load generator's channels (see load.ts). */
const WINDOW_BYTES = 8 << 20;

/** The same 200-byte entries written by a bare level loop of synced 1000-entry batches. */
async function bareLevel(batches: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "bench-level-"));
  const db = new Level<Uint8Array, Uint8Array>(dir, { keyEncoding: "view", valueEncoding: "view" });
  await db.open();
  const source = new EntrySource(0);
  try {
    const started = performance.now();
    for (let b = 0; b < batches; b++) {
      // A chained batch: the fastest way level offers (the array form copies every operation).
      const batch = db.batch();
      for (const [i, value] of source.take(1000).entries()) {
        const key = new Uint8Array(9);
        new DataView(key.buffer).setBigUint64(1, BigInt(b * 1000 + i));
        batch.put(key, value);
      }
      await batch.write({ sync: true });
    }
    return (batches * 1000) / ((performance.now() - started) / 1000);
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs load.ts; `onMark` sees its `measuring` and `done` lines as they arrive. */
function runLoad(
  job: Record<string, unknown>,
  onMark: (mark: string) => void = () => {},
): Promise<LoadResult> {
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", join(root, "bench/keylog/load.ts"), JSON.stringify(job)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  createInterface({ input: proc.stdout }).on("line", (line) => {
    if (line === "measuring" || line === "done") onMark(line);
    else out += line;
  });
  return new Promise((resolve, reject) =>
    proc.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`load exited ${code}`));
      const result = JSON.parse(out) as LoadResult;
      if (result.checkFailures.length > 0) {
        return reject(new Error(`responses failed verification: ${result.checkFailures.join("; ")}`));
      }
      resolve(result);
    }),
  );
}

/** Seconds of CPU the server process has used so far, from its Prometheus endpoint. */
async function serverCpuSeconds(adminAddress: string): Promise<number> {
  const text = await (await fetch(`http://${adminAddress}/metrics`)).text();
  const value = /^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1];
  if (value === undefined) throw new Error("server metrics carry no process_cpu_seconds_total");
  return Number(value);
}

/** Append throughput through gRPC: the server and the load generator are separate processes. */
async function serviceLoad(): Promise<{ single: LoadResult; batched: LoadResult; serverCpuPercent: number }> {
  const dir = await mkdtemp(join(tmpdir(), "bench-keylog-"));
  const child = await spawnKeylog(dir, { KEYLOG_LOG_LEVEL: "warn", KEYLOG_BATCH_INTERVAL_MS: "2" });
  try {
    const token = (await readFile(join(dir, "append-token"), "utf8")).trim();
    const base = {
      address: child.grpcAddress,
      token,
      verifierKey: child.verifierKey,
      checkEvery: CHECK_EVERY,
      windowBytes: WINDOW_BYTES,
      channels: 4,
      warmupMs: quick ? 500 : 1000,
    };
    const durationMs = quick ? 2000 : 6000;
    const single = await runLoad({ ...base, concurrency: 256, perCall: 1, durationMs, firstEntry: 0 });
    const samples: Promise<{ at: number; cpu: number }>[] = [];
    const sample = async () => ({ at: performance.now(), cpu: await serverCpuSeconds(child.adminAddress) });
    const batched = await runLoad(
      { ...base, concurrency: 64, perCall: 32, durationMs, firstEntry: 50_000_000 },
      () => samples.push(sample()),
    );
    const [from, to] = await Promise.all(samples);
    if (from === undefined || to === undefined)
      throw new Error("load generator sent no measuring/done marks");
    const serverCpuPercent = ((to.cpu - from.cpu) / ((to.at - from.at) / 1000)) * 100;
    return { single, batched, serverCpuPercent };
  } finally {
    child.proc.kill("SIGTERM");
    await new Promise((r) => child.proc.once("exit", r));
    await rm(dir, { recursive: true, force: true });
  }
}

/** Builds a tree of `size` entries through the real sequencer and store, then times random proofs. */
async function proofRate(size: number): Promise<{ proofsPerSec: number; buildSeconds: number }> {
  const dir = await mkdtemp(join(tmpdir(), "bench-proofs-"));
  const signer = ed25519SignerFromKey(generateEd25519SignerKey("bench.parley/keylog"));
  const store = await LogStore.open({ path: dir, tileCacheTiles: 4096 });
  try {
    const r = await recoverLog(store, "bench.parley/keylog", signer);
    const options = {
      origin: "bench.parley/keylog",
      batchIntervalMs: 0,
      batchMaxEntries: 16384,
      poolMaxEntries: 1 << 20,
    };
    const seq = new Sequencer(store, r.range, signer, r.published, options, new KeylogMetrics());
    const source = new EntrySource(0);
    const built = performance.now();
    const pending: Promise<unknown>[] = [];
    for (let n = 0; n < size; n += 16384) {
      const entries = source.take(Math.min(16384, size - n));
      pending.push(
        seq.add(
          entries,
          entries.map((e) => leafHash(e)),
        ),
      );
      if (pending.length >= 4) await pending.shift();
    }
    await Promise.all(pending);
    const buildSeconds = (performance.now() - built) / 1000;
    const treeSize = seq.latest.size;
    let proofs = 0;
    const started = performance.now();
    while (performance.now() - started < (quick ? 1000 : 3000)) {
      for (let i = 0; i < 100; i++)
        await proveInclusion(Math.floor(Math.random() * treeSize), treeSize, store.nodes);
      proofs += 100;
    }
    await seq.stop();
    return { proofsPerSec: proofs / ((performance.now() - started) / 1000), buildSeconds };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const levelPerSec = await bareLevel(quick ? 10 : 40);
const { single, batched, serverCpuPercent } = await serviceLoad();
const treeSize = quick ? 100_000 : 1_000_000;
const proofs = await proofRate(treeSize);
const appendPerSec = batched.entries / batched.seconds;
const result = {
  appendPerSecSingle: single.entries / single.seconds,
  appendPerSec,
  levelPerSec,
  ratio: appendPerSec / levelPerSec,
  appendP50Ms: batched.p50Ms,
  appendP99Ms: batched.p99Ms,
  singleP50Ms: single.p50Ms,
  singleP99Ms: single.p99Ms,
  appendErrors: single.errors + batched.errors,
  appendServerCpuPercent: serverCpuPercent,
  appendClientCpuPercent: batched.cpuPercent,
  responsesVerified: single.checked + batched.checked,
  proofsPerSec: proofs.proofsPerSec,
  proofUs: 1e6 / proofs.proofsPerSec,
  treeSize,
  treeBuildSeconds: proofs.buildSeconds,
  quick,
};
console.table(
  Object.entries(result).map(([k, v]) => ({
    metric: k,
    value: typeof v === "number" ? Number(v.toFixed(3)) : v,
  })),
);
await mkdir(join(root, "bench/results"), { recursive: true });
await writeFile(join(root, "bench/results/keylog.json"), JSON.stringify(result, null, 2) + "\n");
