/**
 * Measuring helpers for the MLS crypto benchmark. A subject and its bare `node:crypto` baseline are measured
 * in many short alternating rounds; each adjacent pair gives one slowdown ratio and the median ratio is
 * reported, so background load on the shared machine (which drifts over seconds) affects both sides alike.
 */

/** Operations per second of CPU time (the one-core figure) and of wall time. */
export interface Rate {
  readonly cpu: number;
  readonly wall: number;
}

/** One benchmarked operation: what Parley does, and optionally the bare primitive it is compared with. */
export interface BenchCase {
  readonly group: string;
  readonly provider: string;
  readonly operation: string;
  readonly subject: () => void;
  readonly bare?: { readonly name: string; readonly run: () => void };
}

export interface BenchRow {
  readonly group: string;
  readonly provider: string;
  readonly operation: string;
  readonly opsPerSecond: Rate;
  readonly bare?: { readonly name: string; readonly opsPerSecond: Rate };
  /** Median over rounds of bare rate / subject rate (CPU time): 1.0 means no overhead over the primitive. */
  readonly slowdown?: number;
}

/** Runs `once` for about `ms` milliseconds after a short warm-up. */
export function measure(once: () => void, ms: number): Rate {
  const warmUntil = performance.now() + Math.min(50, ms / 4);
  while (performance.now() < warmUntil) once();
  let n = 0;
  let batch = 1;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < batch; i++) once();
    n += batch;
    elapsed = performance.now() - start;
    // Grow batches so timer reads stay a negligible share of fast operations.
    if (elapsed < ms / 20) batch *= 2;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { cpu: n / Math.max(cpuSeconds, 1e-9), wall: n / (elapsed / 1000) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function medianRate(rates: readonly Rate[]): Rate {
  return { cpu: median(rates.map((r) => r.cpu)), wall: median(rates.map((r) => r.wall)) };
}

/** Measures one case in `rounds` alternating subject/bare rounds of `ms` each; rates are per-round medians. */
export function runCase(c: BenchCase, rounds: number, ms: number): BenchRow {
  const subject: Rate[] = [];
  const bare: Rate[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which side goes first so neither systematically gets the warmer caches.
    const first = r % 2 === 0;
    if (!first && c.bare !== undefined) bare.push(measure(c.bare.run, ms));
    subject.push(measure(c.subject, ms));
    if (first && c.bare !== undefined) bare.push(measure(c.bare.run, ms));
    const s = subject[subject.length - 1];
    const b = bare[bare.length - 1];
    if (s !== undefined && b !== undefined) ratios.push(b.cpu / s.cpu);
  }
  const row = {
    group: c.group,
    provider: c.provider,
    operation: c.operation,
    opsPerSecond: medianRate(subject),
  };
  if (c.bare === undefined) return row;
  return { ...row, bare: { name: c.bare.name, opsPerSecond: medianRate(bare) }, slowdown: median(ratios) };
}
