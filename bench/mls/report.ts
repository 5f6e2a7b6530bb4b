/**
 * Printed tables: one per group size (each figure beside the limit issue 4 sets for it, met or not), and a
 * growth table across sizes whose exponent column shows how each step scales — 1.0 is linear, 2.0 quadratic —
 * which is where a hidden O(N²) shows first.
 *
 * Both wall and CPU time are judged: on a shared machine wall time includes waiting for a core, and CPU time of
 * a single-threaded step is what it would take on an idle one. A step that ran work on the worker threads
 * gets no CPU verdict ("threads"): its CPU time is summed over threads, and the wall verdict is the one
 * that counts.
 */
import type { MlsBenchRecord } from "./record.js";
import { LARGE_GROUP_N, LARGE_GROUP_PEAK_RSS_MIB, targetFor, type TimedStep } from "./targets.js";

const TIMED: readonly TimedStep[] = [
  "addMs",
  "joinMs",
  "commitMs",
  "processMs",
  "removeMs",
  "removeProcessMs",
];
type GrowthStep = TimedStep | "keyPackagesMs";

/** An exponent this far above 1 between two sizes is reported as super-linear growth. */
const LINEAR_SLACK = 0.2;

function table(header: readonly string[], rows: readonly (readonly string[])[], rightFrom: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => (i >= rightFrom ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function ms(v: number): string {
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v >= 100 ? 0 : 1)} ms`;
}

function verdict(ok: boolean): string {
  return ok ? "met" : "NOT MET";
}

/** A step's detail (`addMs` → `detail.steps.add`). */
function detailOf(
  r: MlsBenchRecord,
  step: GrowthStep,
): MlsBenchRecord["detail"]["steps"][string] | undefined {
  return r.detail.steps[step.replace(/Ms$/, "")];
}

/** CPU milliseconds of a step, all threads. */
function cpuOf(r: MlsBenchRecord, step: GrowthStep): number | undefined {
  return detailOf(r, step)?.cpuMs;
}

function stepRow(r: MlsBenchRecord, step: TimedStep): string[] {
  const cpu = cpuOf(r, step);
  const cells = [step, ms(r[step]), cpu === undefined ? "" : ms(cpu)];
  const t = targetFor(step, r.n);
  if (t === undefined) return [...cells, "no reference", "", ""];
  // CPU time summed over threads says nothing about a limit on how long the step takes.
  const threaded = (detailOf(r, step)?.parallelChunks ?? 0) > 0;
  const cpuVerdict = cpu === undefined ? "" : threaded ? "threads" : verdict(cpu < t.limitMs);
  return [...cells, `${ms(t.limitMs)} ${t.source}`, verdict(r[step] < t.limitMs), cpuVerdict];
}

/** One size: every figure with its limit, if the issue sets one for this N. */
export function resultTable(r: MlsBenchRecord): string {
  const kpCpu = cpuOf(r, "keyPackagesMs");
  const rows: string[][] = [["keyPackagesMs", ms(r.keyPackagesMs), kpCpu === undefined ? "" : ms(kpCpu)]];
  for (const step of TIMED) rows.push(stepRow(r, step));
  const app = r.detail.appMessages;
  rows.push(["appMsgPerSec100B", `${r.appMsgPerSec100B.toFixed(0)} /s`, `${app.size100B.cpu.toFixed(0)} /s`]);
  rows.push([
    "appMsgPerSec10KiB",
    `${r.appMsgPerSec10KiB.toFixed(0)} /s`,
    `${app.size10KiB.cpu.toFixed(0)} /s`,
  ]);
  const large = r.n === LARGE_GROUP_N;
  rows.push([
    "peakRssMiB",
    `${r.peakRssMiB.toFixed(0)} MiB`,
    "",
    large ? `${LARGE_GROUP_PEAK_RSS_MIB} MiB 50k goal` : "",
    large ? verdict(r.peakRssMiB < LARGE_GROUP_PEAK_RSS_MIB) : "",
  ]);
  const load = r.load.map((l) => l.toFixed(2)).join(" ");
  const head = `N=${r.n}  suite ${r.suite}  ${r.provider} provider  ${r.cores} cores  load ${load}  node ${r.node}`;
  const header = ["figure", "wall", "CPU (/CPU-s)", "limit", "wall", "CPU"];
  return `${head}${r.quick ? "  (quick)" : ""}\n${table(header, rows, 1)}`;
}

function exponent(a: number, b: number, na: number, nb: number): number {
  return Math.log(b / a) / Math.log(nb / na);
}

/** Across sizes: each step's CPU time per N and the growth exponent between consecutive sizes. */
export function growthTable(records: readonly MlsBenchRecord[]): string {
  const sorted = [...records].sort((a, b) => a.n - b.n);
  if (sorted.length < 2) return "";
  const pairs = sorted.slice(1).map((b, i) => [sorted[i], b] as const);
  const header = [
    "CPU time",
    ...sorted.map((r) => `N=${r.n}`),
    ...pairs.map(([a, b]) => `k ${a?.n ?? ""}→${b.n}`),
  ];
  const cpu = (r: MlsBenchRecord, step: GrowthStep): number => cpuOf(r, step) ?? r[step];
  const rows = (["keyPackagesMs", ...TIMED] as const).map((step) => [
    step,
    ...sorted.map((r) => ms(cpu(r, step))),
    ...pairs.map(([a, b]) => {
      if (a === undefined) return "";
      const k = exponent(cpu(a, step), cpu(b, step), a.n, b.n);
      return `${k.toFixed(2)}${k > 1 + LINEAR_SLACK ? " !" : ""}`;
    }),
  ]);
  const dates = sorted.map((r) => `N=${r.n} ${r.date}`).join(", ");
  const note = `k: CPU time ∝ N^k between consecutive sizes; "!" marks k > ${1 + LINEAR_SLACK}. Runs: ${dates}`;
  return `${table(header, rows, 1)}\n${note}`;
}
