/**
 * The figures issue 4 compares Parley against: the two fastest peers measured on a 2-core machine like ours,
 * and the absolute goals for a 50,000-member group. Peer figures exist only where the issue states them; an
 * operation without one is reported as "no reference" rather than compared with an invented number.
 */

/** The timed group operations, by their field name in `bench/results/mls-<N>.json`. */
export type TimedStep = "addMs" | "joinMs" | "commitMs" | "processMs" | "removeMs" | "removeProcessMs";

export interface PeerFigures {
  readonly peer: string;
  readonly n: number;
  readonly ms: Partial<Record<TimedStep, number>>;
}

/** Issue 4: OpenMLS compiled to WASM and ts-mls at N=1000, and "both take 40–60 s to add" at N=5000. */
export const PEERS: readonly PeerFigures[] = [
  { peer: "OpenMLS (WASM)", n: 1000, ms: { addMs: 2960, joinMs: 450, commitMs: 440, processMs: 36 } },
  { peer: "ts-mls", n: 1000, ms: { addMs: 1950, joinMs: 760, commitMs: 1390, processMs: 650 } },
  { peer: "OpenMLS and ts-mls, 40–60 s", n: 5000, ms: { addMs: 40_000 } },
];

/**
 * A remove is a path-carrying Commit like the full-path one, so it is held to the commit and process figures;
 * the issue gives no separate remove numbers.
 */
const ANALOGUE: Readonly<Record<TimedStep, TimedStep>> = {
  addMs: "addMs",
  joinMs: "joinMs",
  commitMs: "commitMs",
  processMs: "processMs",
  removeMs: "commitMs",
  removeProcessMs: "processMs",
};

/** Issue 4: "a 50,000-member group is usable". */
export const LARGE_GROUP_N = 50_000;
export const LARGE_GROUP_LIMITS_MS: Partial<Record<TimedStep, number>> = {
  addMs: 60_000,
  joinMs: 15_000,
  commitMs: 10_000,
  processMs: 1_000,
  removeMs: 10_000,
  removeProcessMs: 1_000,
};
export const LARGE_GROUP_PEAK_RSS_MIB = 4096;

export interface Target {
  /** Where the limit comes from, e.g. "best peer (ts-mls)" or "50k goal". */
  readonly source: string;
  readonly limitMs: number;
}

/** The limit one step must beat at this N, if the issue gives one. */
export function targetFor(step: TimedStep, n: number): Target | undefined {
  if (n === LARGE_GROUP_N) {
    const limitMs = LARGE_GROUP_LIMITS_MS[step];
    return limitMs === undefined ? undefined : { source: "50k goal", limitMs };
  }
  const key = ANALOGUE[step];
  let best: { peer: string; ms: number } | undefined;
  for (const p of PEERS) {
    const ms = p.ms[key];
    if (p.n !== n || ms === undefined) continue;
    if (best === undefined || ms < best.ms) best = { peer: p.peer, ms };
  }
  if (best === undefined) return undefined;
  const via = key === step ? "" : ` ${key.replace(/Ms$/, "")}`;
  return { source: `best peer${via} (${best.peer})`, limitMs: best.ms };
}
