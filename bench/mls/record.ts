/**
 * The result file of one group size, `bench/results/mls-<N>.json`: the named figures at the top level
 * (milliseconds of wall time, messages per second, MiB), the machine they were measured on, and per-step detail
 * (CPU time, peak RSS after each step, message sizes) for finding where the time and memory go.
 */
import { availableParallelism, loadavg } from "node:os";
import type { ScenarioResult } from "./scenario.js";
import type { StepTiming } from "./measure.js";
import type { MessageRate } from "./app-messages.js";

export interface MlsBenchRecord {
  readonly benchmark: "mls";
  readonly n: number;
  readonly suite: number;
  readonly provider: string;
  readonly quick: boolean;
  readonly cores: number;
  /** os.loadavg() when the run started: 1, 5 and 15 minute averages. */
  readonly load: readonly number[];
  readonly loadAtEnd: readonly number[];
  readonly node: string;
  /** Node flags of the measuring process (e.g. a larger young generation), minus the TypeScript loader. */
  readonly nodeFlags: readonly string[];
  /** True when each step ran under the CPU profiler (`--profile-steps`), which slows it a little. */
  readonly profiled: boolean;
  readonly date: string;
  readonly keyPackagesMs: number;
  readonly addMs: number;
  readonly joinMs: number;
  readonly commitMs: number;
  readonly processMs: number;
  readonly removeMs: number;
  readonly removeProcessMs: number;
  readonly appMsgPerSec100B: number;
  readonly appMsgPerSec10KiB: number;
  readonly peakRssMiB: number;
  readonly detail: {
    readonly steps: Readonly<Record<string, StepTiming>>;
    readonly bytes: ScenarioResult["bytes"];
    readonly appMessages: { readonly size100B: MessageRate; readonly size10KiB: MessageRate };
  };
}

/** Every top-level numeric figure of a record; the smoke test checks each is a finite number. */
export const NUMERIC_FIELDS = [
  "n",
  "suite",
  "cores",
  "keyPackagesMs",
  "addMs",
  "joinMs",
  "commitMs",
  "processMs",
  "removeMs",
  "removeProcessMs",
  "appMsgPerSec100B",
  "appMsgPerSec10KiB",
  "peakRssMiB",
] as const;

export interface RunContext {
  readonly n: number;
  readonly suite: number;
  readonly provider: string;
  readonly quick: boolean;
  readonly loadAtStart: readonly number[];
  readonly profiled: boolean;
}

function nodeFlags(): string[] {
  const flags = process.execArgv;
  return flags.filter(
    (f, i) => !/tsx|preflight|loader/.test(f) && !/tsx|preflight|loader/.test(flags[i + 1] ?? ""),
  );
}

export function buildRecord(
  ctx: RunContext,
  s: ScenarioResult,
  app: { size100B: MessageRate; size10KiB: MessageRate },
  peakRssMiB: number,
): MlsBenchRecord {
  return {
    benchmark: "mls",
    n: ctx.n,
    suite: ctx.suite,
    provider: ctx.provider,
    quick: ctx.quick,
    cores: availableParallelism(),
    load: ctx.loadAtStart,
    loadAtEnd: loadavg(),
    node: process.version,
    nodeFlags: nodeFlags(),
    profiled: ctx.profiled,
    date: new Date().toISOString(),
    keyPackagesMs: s.keyPackages.wallMs,
    addMs: s.add.wallMs,
    joinMs: s.join.wallMs,
    commitMs: s.commit.wallMs,
    processMs: s.process.wallMs,
    removeMs: s.remove.wallMs,
    removeProcessMs: s.removeProcess.wallMs,
    appMsgPerSec100B: app.size100B.wall,
    appMsgPerSec10KiB: app.size10KiB.wall,
    peakRssMiB,
    detail: {
      steps: {
        keyPackages: s.keyPackages,
        add: s.add,
        join: s.join,
        joinSecond: s.joinSecond,
        commit: s.commit,
        process: s.process,
        remove: s.remove,
        removeProcess: s.removeProcess,
      },
      bytes: s.bytes,
      appMessages: app,
    },
  };
}
