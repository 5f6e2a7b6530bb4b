/**
 * bench:mls — issue 4's group benchmark. For each group size N (cipher suite 1, node provider): N KeyPackages,
 * a Commit adding N−1 members with its Welcome, joining from it with the tree out of band, a full-path Commit
 * right after the bulk add and its processing, a remove Commit and its processing, application messages in a
 * group of 10 at 100 B and 10 KiB, and peak RSS. Writes bench/results/mls-<N>.json and prints each figure beside
 * the peer figures and goals of the issue, then how every step grows with N.
 *
 *   npm run bench:mls -- 10 100 1000 5000     several sizes: each in its own child process, so RSS is per N
 *   npm run bench:mls -- --quick              N=10 with short message rounds (the smoke test's mode)
 *   node --cpu-prof --import tsx bench/mls/main.ts 5000    one size in this process, for profiling
 *   npm run bench:mls -- 5000 --profile-steps /tmp/prof     one CPU profile per timed step in /tmp/prof/n5000/
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { appMessagesPerSecond } from "./app-messages.js";
import { parseArgs, resultPath, type BenchArgs } from "./args.js";
import { startParallelCrypto } from "@parley/mls";
import { SUITE, provider } from "./fixture.js";
import { peakRssMiB, profileStepsTo, timed } from "./measure.js";
import { buildRecord, type MlsBenchRecord } from "./record.js";
import { growthTable, resultTable } from "./report.js";
import { runScenario } from "./scenario.js";

const here = dirname(fileURLToPath(import.meta.url));

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function runOne(n: number, args: BenchArgs): MlsBenchRecord {
  if (args.profileDir !== undefined) profileStepsTo(join(args.profileDir, `n${n}`));
  const loadAtStart = loadavg();
  // As an application would at start-up: the workers load (~0.5 s) while the KeyPackages are generated.
  startParallelCrypto(provider.name);
  const scenario = runScenario(n, (line) => log(`[N=${n}] ${line}`));
  const durationMs = args.quick ? 100 : 1000;
  const app = {
    size100B: timed("appMessages100B", () => appMessagesPerSecond(100, durationMs)).value,
    size10KiB: timed("appMessages10KiB", () => appMessagesPerSecond(10 * 1024, durationMs)).value,
  };
  const profiled = args.profileDir !== undefined;
  const ctx = { n, suite: SUITE, provider: provider.name, quick: args.quick, loadAtStart, profiled };
  const record = buildRecord(ctx, scenario, app, peakRssMiB());
  mkdirSync(args.outDir, { recursive: true });
  const out = resultPath(args.outDir, n, args.quick);
  writeFileSync(out, `${JSON.stringify(record, null, 2)}\n`);
  console.log(resultTable(record));
  console.log(`saved ${out}\n`);
  return record;
}

/** Runs one size in a fresh process (same Node flags and loader), so its peak RSS is its own. */
function runChild(n: number, args: BenchArgs): MlsBenchRecord | undefined {
  const childArgs = [
    String(n),
    "--child",
    "--out-dir",
    args.outDir,
    ...(args.quick ? ["--quick"] : []),
    ...(args.profileDir === undefined ? [] : ["--profile-steps", args.profileDir]),
  ];
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...childArgs],
    {
      stdio: "inherit",
      timeout: args.timeoutMinutes * 60_000,
      killSignal: "SIGKILL",
    },
  );
  if (child.status !== 0) {
    const why =
      child.signal === "SIGKILL" ? `killed after ${args.timeoutMinutes} min` : `exit ${child.status}`;
    log(`N=${n} failed (${why})`);
    return undefined;
  }
  return JSON.parse(readFileSync(resultPath(args.outDir, n, args.quick), "utf8")) as MlsBenchRecord;
}

/** Earlier full results in the output folder, so sizes run one at a time still get a growth table. */
function savedRecords(outDir: string): MlsBenchRecord[] {
  const files = readdirSync(outDir).filter((f) => /^mls-\d+\.json$/.test(f));
  return files.map((f) => JSON.parse(readFileSync(join(outDir, f), "utf8")) as MlsBenchRecord);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2), join(here, "..", "results"));
  const only = args.sizes.length === 1 ? args.sizes[0] : undefined;
  if (only !== undefined) {
    runOne(only, args);
  } else {
    const failed = args.sizes.filter((n) => runChild(n, args) === undefined);
    if (failed.length > 0) process.exitCode = 1;
  }
  if (args.quick || args.child) return;
  const growth = growthTable(savedRecords(args.outDir));
  if (growth !== "") console.log(`growth with N (results saved in ${args.outDir}):\n${growth}`);
}

main();
