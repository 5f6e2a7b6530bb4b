/**
 * Wall and CPU time of one step, and the process's peak resident set so far. With `profileStepsTo(dir)` each
 * timed step also runs under the V8 CPU profiler and leaves `<dir>/<step>.cpuprofile`, so a slow step's profile
 * is not mixed with the setup around it (read one with `profile-summary.ts`).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";
import { resourceUsage } from "node:process";
import { parallelCryptoStats } from "@parley/mls";

export interface StepTiming {
  readonly wallMs: number;
  /** CPU time of the whole process (all threads): above `wallMs` means more than one core was busy. */
  readonly cpuMs: number;
  /** The process's peak RSS when the step ended (`getrusage` ru_maxrss, all threads). */
  readonly maxRssMiB: number;
  /** Chunks of public-key work sent to the worker pool in this step, and how many the workers ran. */
  readonly parallelChunks: number;
  readonly workerChunks: number;
}

/** ru_maxrss is reported by Node in kibibytes. */
export function peakRssMiB(): number {
  return resourceUsage().maxRSS / 1024;
}

let profiler: { session: Session; dir: string } | undefined;

/** Same-thread inspector sessions answer synchronously; anything else would leave `result` unset. */
function post(session: Session, method: string): unknown {
  const answer: { error?: Error | null; result?: unknown } = {};
  session.post(method, (error, result) => {
    answer.error = error;
    answer.result = result;
  });
  if (answer.error instanceof Error) throw answer.error;
  if (answer.result === undefined) throw new Error(`inspector did not answer ${method} synchronously`);
  return answer.result;
}

export function profileStepsTo(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  post(session, "Profiler.enable");
  profiler = { session, dir };
}

/** `global.gc` when the process runs with --expose-gc (`npm run bench:mls` does). */
const collect = (globalThis as { gc?: () => void }).gc;

/**
 * Times `fn`. With --expose-gc the heap is collected first, so a step is not charged for a full
 * collection of garbage earlier steps left (at N=50,000 one costs ~0.7 s in a 1.4 GiB heap that holds
 * several members and all their KeyPackages, far more than one member's process would).
 */
export function timed<T>(step: string, fn: () => T): { value: T; timing: StepTiming } {
  collect?.();
  if (profiler !== undefined) post(profiler.session, "Profiler.start");
  const pool0 = parallelCryptoStats();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (profiler !== undefined) {
    const { profile } = post(profiler.session, "Profiler.stop") as { profile: unknown };
    writeFileSync(join(profiler.dir, `${step}.cpuprofile`), JSON.stringify(profile));
  }
  const pool = parallelCryptoStats();
  const parallelChunks = pool.chunks - pool0.chunks;
  const workerChunks = pool.chunksByWorkers - pool0.chunksByWorkers;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { value, timing: { wallMs, cpuMs, maxRssMiB: peakRssMiB(), parallelChunks, workerChunks } };
}

/** " (workers ran 40 of 80 chunks)" when the step used the worker pool, else "". */
export function workerShare(t: StepTiming): string {
  return t.parallelChunks === 0 ? "" : ` (workers ran ${t.workerChunks} of ${t.parallelChunks} chunks)`;
}
