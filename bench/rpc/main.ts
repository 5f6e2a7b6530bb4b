/**
 * `bench:rpc` — what the kit costs per call compared with bare grpc-js, plus the Connect adapter for
 * comparison. Server and load generator run in separate processes (one core each on the 2-core box); the
 * figure that matters is server CPU per call, which does not depend on how fast the load generator is.
 * Writes bench/results/rpc.json. `--quick` runs a short smoke version (one round of 0.6 s per mode);
 * `--duration=S --warmup=S --concurrency=N --channels=N --rounds=N` tune the full run.
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const resultsPath = join(here, "..", "results", "rpc.json");

interface Options {
  warmupMs: number;
  durationMs: number;
  concurrency: number;
  channels: number;
  payloadBytes: number;
  /** Modes run interleaved this many times; each reported row is the median round (by CPU per call). */
  rounds: number;
}

interface Row {
  callsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuPercent: number;
  cpuUsPerCall: number;
  calls: number;
  errors: number;
}

function parseArgs(argv: readonly string[]): Options {
  const quick = argv.includes("--quick");
  const num = (name: string, dflt: number): number => {
    const a = argv.find((x) => x.startsWith(`--${name}=`));
    const v = a === undefined ? dflt : Number(a.slice(name.length + 3));
    if (!Number.isFinite(v) || v <= 0)
      throw new Error(`--${name}: expected a positive number, got '${a ?? ""}'`);
    return v;
  };
  return {
    warmupMs: num("warmup", quick ? 0.2 : 1) * 1000,
    durationMs: num("duration", quick ? 0.6 : 5) * 1000,
    concurrency: num("concurrency", 64),
    channels: num("channels", 4),
    payloadBytes: 1024,
    rounds: num("rounds", quick ? 1 : 3),
  };
}

function child(script: string, args: string[]): ChildProcess {
  return fork(join(here, script), args, {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, BENCH_LOG_LEVEL: "info" },
  });
}

function next<T>(p: ChildProcess, pick: (m: Record<string, unknown>) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Record<string, unknown>): void => {
      const v = pick(m);
      if (v === undefined) return;
      p.off("message", onMessage);
      resolve(v);
    };
    p.on("message", onMessage);
    p.once("exit", (code) => reject(new Error(`bench child exited early (${String(code)})`)));
  });
}

/** Runs one mode, killing both children if it does not finish in time so nothing is left running. */
async function measure(mode: "bare" | "kit" | "connect", o: Options): Promise<Row> {
  const procs: ChildProcess[] = [];
  const limitMs = o.warmupMs + o.durationMs + 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${mode}: no result after ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([measureOnce(mode, o, procs), timeout]);
  } finally {
    clearTimeout(timer);
    for (const p of procs) if (p.exitCode === null) p.kill();
  }
}

async function measureOnce(
  mode: "bare" | "kit" | "connect",
  o: Options,
  procs: ChildProcess[],
): Promise<Row> {
  const server = child("server.ts", [mode === "bare" ? "bare" : "kit"]);
  procs.push(server);
  const ready = await next(server, (m) => (m["ready"] === true ? m : undefined));
  const address = String(mode === "connect" ? ready["httpAddress"] : ready["address"]);
  const load = child("load.ts", []);
  procs.push(load);
  const result = next(load, (m) => m["result"] as Record<string, number> | undefined);
  load.send({ target: mode === "connect" ? "connect" : "grpc", address, ...o });
  load.on("message", (m: Record<string, unknown>) => {
    if (m["phase"] === "measure-start") server.send({ cmd: "cpu-start" });
    if (m["phase"] === "measure-end") server.send({ cmd: "cpu-end" });
  });
  const cpu = await next(server, (m) => (typeof m["cpuUs"] === "number" ? m : undefined));
  const r = await result;
  server.send({ cmd: "exit" });
  await Promise.all([once(server, "exit"), load.exitCode === null ? once(load, "exit") : undefined]);
  const calls = r["calls"] ?? 0;
  const elapsed = r["elapsedMs"] ?? 1;
  const cpuUs = Number(cpu["cpuUs"]);
  return {
    callsPerSec: Math.round((calls / elapsed) * 1000),
    p50Ms: round(r["p50Ms"] ?? NaN, 3),
    p99Ms: round(r["p99Ms"] ?? NaN, 3),
    serverCpuPercent: round((cpuUs / 1000 / Number(cpu["wallMs"])) * 100, 1),
    cpuUsPerCall: round(cpuUs / Math.max(1, calls), 2),
    calls,
    errors: r["errors"] ?? 0,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const modes = ["bare", "kit", "connect"] as const;
  const runs: Record<(typeof modes)[number], Row[]> = { bare: [], kit: [], connect: [] };
  // Interleaving rounds spreads slow phases of a shared machine over all modes instead of one.
  for (let r = 0; r < o.rounds; r++) for (const mode of modes) runs[mode].push(await measure(mode, o));
  const median = (xs: Row[]): Row => {
    const sorted = [...xs].sort((a, b) => a.cpuUsPerCall - b.cpuUsPerCall);
    const m = sorted[Math.floor(sorted.length / 2)];
    if (m === undefined) throw new Error("no rounds measured");
    return m;
  };
  const rows = { bare: median(runs.bare), kit: median(runs.kit), connect: median(runs.connect) };
  const { bare, kit, connect } = rows;
  console.log(
    `bench:rpc  unary ${o.payloadBytes} B echo, ${o.concurrency} in flight, ${o.durationMs / 1000} s, ` +
      `median of ${o.rounds} round(s), load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
  );
  console.table(rows);
  // Each round's modes run back to back, so their ratio is less exposed to the machine's load drifting.
  const perRound = runs.bare.map((b, i) => round((runs.kit[i]?.cpuUsPerCall ?? NaN) / b.cpuUsPerCall, 3));
  const kitOverBareCpu = [...perRound].sort((a, b) => a - b)[Math.floor(perRound.length / 2)] ?? NaN;
  console.log(
    `kit/bare server CPU per call: ${kitOverBareCpu} (per round ${perRound.join(", ")}; target ≤ 1.15)`,
  );
  const out = {
    bare,
    kit,
    connect,
    kitOverBareCpu,
    kitOverBareCpuPerRound: perRound,
    connectOverBareCpu: round(connect.cpuUsPerCall / bare.cpuUsPerCall, 3),
    rounds: Object.fromEntries(modes.map((m) => [m, runs[m].map((r) => r.cpuUsPerCall)])),
    loadAverage: loadavg().map((x) => round(x, 2)),
    options: o,
    node: process.version,
    cpus: cpus().length,
    date: new Date().toISOString(),
  };
  mkdirSync(dirname(resultsPath), { recursive: true });
  writeFileSync(resultsPath, JSON.stringify(out, null, 2) + "\n");
  console.log(`wrote ${resultsPath}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
