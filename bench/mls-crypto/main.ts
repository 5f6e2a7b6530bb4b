/**
 * bench:mls-crypto — the MLS crypto layer per provider in cipher suite 1, each operation beside the bare
 * `node:crypto` primitive measured in the same run, plus PrivateMessage protect/unprotect throughput and
 * the tree hash of a freshly decoded 50,000-leaf tree. The worker-pool figures are a separate program,
 * `bench/mls-crypto/parallel.ts` (asynchronous, and it wants both cores to itself).
 * `--quick` for a short development run. Prints a table and writes bench/results/mls-crypto.json.
 *
 * Extending: a case group is a function in CASE_GROUPS returning `BenchCase`s; other measurements with their
 * own result shape go in `extraMeasurements` (the PrivateMessage benchmark is wired in there).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { nobleProvider, nodeProvider, type CryptoProvider } from "../../packages/mls/src/crypto/index.js";
import { cryptoCases } from "./crypto-cases.js";
import { runCase, type BenchCase, type BenchRow } from "./harness.js";
import { benchPrivateMessage } from "./private-message.js";
import { benchTreeHash } from "./tree-hash.js";

const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 4 : 15;
const ROUND_MS = quick ? 60 : 120;
const providers: readonly CryptoProvider[] = [nodeProvider, nobleProvider];

/** Case groups: each gets every provider (and the node provider as the reference for fixtures). */
export const CASE_GROUPS: ReadonlyArray<
  (provider: CryptoProvider, reference: CryptoProvider) => BenchCase[]
> = [cryptoCases];

/** Measurements that report their own shape, keyed by name in the JSON output. */
export const extraMeasurements: Readonly<Record<string, () => unknown>> = {
  privateMessage: () =>
    providers.map((p) =>
      benchPrivateMessage(p, { suite: 1, messageSize: 100, durationMs: quick ? 500 : 3000 }),
    ),
  treeHash: () => benchTreeHash(nodeProvider, quick ? 5_000 : 50_000, quick ? 3 : 5),
};

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

function printTable(rows: readonly BenchRow[]): void {
  const header = ["provider", "operation", "ops/CPU-s", "bare ops/CPU-s", "slowdown", "bare primitive"];
  const lines = rows.map((r) => [
    r.provider,
    r.operation,
    fmt(r.opsPerSecond.cpu),
    r.bare === undefined ? "" : fmt(r.bare.opsPerSecond.cpu),
    r.slowdown === undefined ? "" : `${r.slowdown.toFixed(2)}x`,
    r.bare?.name ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  for (const line of [header, ...lines]) {
    console.log(
      line
        .map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join("  "),
    );
  }
}

function main(): void {
  const rows: BenchRow[] = [];
  for (const group of CASE_GROUPS) {
    for (const provider of providers) {
      for (const c of group(provider, nodeProvider)) {
        const row = runCase(c, ROUNDS, ROUND_MS);
        rows.push(row);
        const slow = row.slowdown === undefined ? "" : ` (${row.slowdown.toFixed(2)}x bare)`;
        process.stderr.write(
          `${row.provider} ${row.operation}: ${fmt(row.opsPerSecond.cpu)} ops/CPU-s${slow}\n`,
        );
      }
    }
  }
  printTable(rows);
  const extras: Record<string, unknown> = {};
  for (const [name, run] of Object.entries(extraMeasurements)) {
    process.stderr.write(`${name}…\n`);
    extras[name] = run();
    console.log(`${name}: ${JSON.stringify(extras[name])}`);
  }
  const out = join(dirname(fileURLToPath(import.meta.url)), "..", "results", "mls-crypto.json");
  mkdirSync(dirname(out), { recursive: true });
  const record = {
    benchmark: "mls-crypto",
    date: new Date().toISOString(),
    node: process.version,
    openssl: process.versions.openssl,
    quick,
    roundsPerCase: ROUNDS,
    roundMs: ROUND_MS,
    rows,
    ...extras,
  };
  writeFileSync(out, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`saved ${out}`);
}

main();
