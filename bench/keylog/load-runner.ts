/**
 * Runs load.ts processes against a key log and sums what they measured, with the server's CPU use
 * over the same window (from its Prometheus endpoint). Several processes can share one job: "many
 * concurrent clients" should not be one process's event loop on a machine whose other core the
 * server may leave idle.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface LoadResult {
  calls: number;
  entries: number;
  errors: number;
  checked: number;
  /** Requests the load generator had to build during the run (its prebuilt supply ran out). */
  builtLive: number;
  checkFailures: string[];
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  cpuPercent: number;
}

/** A load job as load.ts reads it; `firstEntry` is offset per process so entries stay unique. */
export type LoadJob = Record<string, unknown> & {
  concurrency: number;
  firstEntry: number;
  /** Entries per second the job prepares requests for, shared among the processes. */
  prebuildPerSec: number;
};

export interface Measured {
  readonly perSec: number;
  /** The slowest process's percentiles (they cannot be merged exactly; this errs high). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly checked: number;
  readonly builtLive: number;
  readonly serverCpuPercent: number;
  readonly clientCpuPercent: number;
  readonly serverCpuUsPerEntry: number;
  readonly clientCpuUsPerEntry: number;
}

const root = new URL("../..", import.meta.url).pathname;

/** Runs one load.ts; `onMark` sees its `measuring` and `done` lines as they arrive. */
function runLoad(job: LoadJob, onMark: (mark: string) => void): Promise<LoadResult> {
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", join(root, "bench/keylog/load.ts"), JSON.stringify(job)],
    { stdio: ["ignore", "pipe", "inherit"] },
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

/** Seconds of CPU the server process has used so far (all its threads). */
async function serverCpuSeconds(adminAddress: string): Promise<number> {
  const text = await (await fetch(`http://${adminAddress}/metrics`)).text();
  const value = /^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1];
  if (value === undefined) throw new Error("server metrics carry no process_cpu_seconds_total");
  return Number(value);
}

/** Splits `job.concurrency` over `processes` load generators and measures them together. */
export async function measureLoad(job: LoadJob, processes: number, adminAddress: string): Promise<Measured> {
  const sample = async () => ({ at: performance.now(), cpu: await serverCpuSeconds(adminAddress) });
  let from: Promise<{ at: number; cpu: number }> | undefined;
  const results = await Promise.all(
    Array.from({ length: processes }, (_, p) =>
      runLoad(
        {
          ...job,
          concurrency: Math.ceil(job.concurrency / processes),
          prebuildPerSec: Math.ceil(job.prebuildPerSec / processes),
          firstEntry: job.firstEntry + p * 100_000_000,
        },
        (mark) => {
          if (mark === "measuring") from ??= sample();
        },
      ),
    ),
  );
  const to = await sample();
  if (from === undefined) throw new Error("load generators sent no measuring mark");
  const start = await from;
  const seconds = results[0]?.seconds ?? 1;
  const perSec = results.reduce((s, r) => s + r.entries, 0) / seconds;
  const serverCpuPercent = ((to.cpu - start.cpu) / ((to.at - start.at) / 1000)) * 100;
  const clientCpuPercent = results.reduce((s, r) => s + r.cpuPercent, 0);
  return {
    perSec,
    p50Ms: Math.max(...results.map((r) => r.p50Ms)),
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    errors: results.reduce((s, r) => s + r.errors, 0),
    checked: results.reduce((s, r) => s + r.checked, 0),
    builtLive: results.reduce((s, r) => s + r.builtLive, 0),
    serverCpuPercent,
    clientCpuPercent,
    serverCpuUsPerEntry: (serverCpuPercent / 100 / perSec) * 1e6,
    clientCpuUsPerEntry: (clientCpuPercent / 100 / perSec) * 1e6,
  };
}
