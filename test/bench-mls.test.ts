/**
 * Smoke test of `npm run bench:mls -- --quick`: the benchmark runs a 10-member group end to end and writes a
 * result file whose every figure is a finite number. It checks that the program works, not how fast it is.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@parley/testing";
import { parseArgs } from "../bench/mls/args.js";
import { NUMERIC_FIELDS } from "../bench/mls/record.js";

test("bench:mls --quick writes mls-10-quick.json with every figure a finite number", () => {
  const outDir = mkdtempSync(join(tmpdir(), "parley-bench-mls-"));
  try {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "bench/mls/main.ts", "--quick", "--out-dir", outDir],
      { cwd: REPO_ROOT, encoding: "utf8", timeout: 120_000 },
    );
    assert.equal(run.status, 0, `benchmark failed:\n${run.stderr}`);
    const record = JSON.parse(readFileSync(join(outDir, "mls-10-quick.json"), "utf8")) as Record<
      string,
      unknown
    >;
    for (const field of NUMERIC_FIELDS) {
      const value = record[field];
      assert.ok(typeof value === "number" && Number.isFinite(value), `${field} is ${String(value)}`);
    }
    assert.equal(record.n, 10);
    assert.equal(record.suite, 1);
    assert.equal(record.provider, "node");
    assert.equal(record.quick, true);
    assert.ok(Array.isArray(record.load) && record.load.length === 3, "load is os.loadavg()");
    assert.ok((record.peakRssMiB as number) > 0 && (record.appMsgPerSec10KiB as number) > 0);
    assert.match(run.stdout, /addMs/);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

test("bench:mls rejects group sizes below 4 and flags without their value", () => {
  assert.throws(() => parseArgs(["3"], "out"), /expected group sizes ≥ 4/);
  assert.throws(() => parseArgs(["1000", "--bogus"], "out"), /unknown argument "--bogus"/);
  assert.throws(() => parseArgs(["--out-dir"], "out"), /--out-dir needs a directory/);
  assert.throws(() => parseArgs(["--timeout-min", "0"], "out"), /positive number of minutes/);
  assert.deepEqual(parseArgs(["--quick"], "out").sizes, [10]);
  assert.deepEqual(parseArgs(["100", "10", "100"], "out").sizes, [100, 10]);
});
