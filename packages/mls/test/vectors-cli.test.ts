import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@parley/testing";

function runCli(dir: string): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "packages/mls/src/cli/vectors.ts", dir], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout };
}

test("vectors CLI: one line per file, a total line, non-zero exit on a failing case", () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-vectors-"));
  // A tree-math case with a wrong root: must be reported as failed, never passed.
  writeFileSync(
    join(dir, "tree-math.json"),
    JSON.stringify([
      { n_leaves: 1, n_nodes: 1, root: 5, left: [null], right: [null], parent: [null], sibling: [null] },
    ]),
  );
  writeFileSync(join(dir, "passive-client-extra-transcripts.json"), "[]");
  writeFileSync(join(dir, "notes.json"), "{}");
  const { status, stdout } = runCli(dir);
  const lines = stdout.trim().split("\n");
  assert.equal(status, 1);
  assert.match(stdout, /^tree-math\.json: 0 passed, 2 failed/m);
  // Recognised by its name as passive-client format, whatever follows the prefix.
  assert.match(stdout, /^passive-client-extra-transcripts\.json: 0 passed, 0 failed/m);
  assert.match(stdout, /^notes\.json: skipped \(unrecognised file name\)/m);
  assert.equal(lines.at(-1), "0 passed, 2 failed");
});

test("vectors CLI: a folder with nothing runnable is not a pass", () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-vectors-"));
  const { status, stdout } = runCli(dir);
  assert.equal(status, 1);
  assert.equal(stdout.trim(), "0 passed, 0 failed");
});
