/**
 * Runs every `*.test.ts` under packages/, services/ and test/ with node's built-in runner
 * (Node 20's `--test` takes no globs). Extra arguments filter files by substring.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const roots = ["packages", "services", "test"];
const skipDirs = new Set(["node_modules", "gen", "data", "dist"]);

function walk(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (skipDirs.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith(".test.ts")) out.push(relative(root, path));
  }
}

const filters = process.argv.slice(2);
const files: string[] = [];
for (const r of roots) walk(join(root, r), files);
const selected = files.sort().filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (selected.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}
const concurrency = process.env["PARLEY_TEST_CONCURRENCY"] ?? "2";
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, ...selected],
  { cwd: root, stdio: "inherit" },
);
process.exit(result.status ?? 1);
