/**
 * Runs every `*.test.ts` under packages/, services/ and test/ with node's built-in runner, one
 * process per file, two at a time (Node 20's `--test` takes no globs). Extra arguments filter files
 * by substring.
 *
 * Why one process per file with a watchdog: on Node 20, tsx's off-thread module hooks occasionally
 * deadlock (the main thread waits on a futex for a hooks worker that sits idle; seen here in test
 * and benchmark runs, independent of the code under test). A file whose process makes no progress
 * for PARLEY_TEST_FILE_TIMEOUT_S (default 600) seconds is killed and run once more; a second hang,
 * like any failure, fails the run. Prints a closing `N passed, N failed` line.
 */
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const skipDirs = new Set(["node_modules", "gen", "data", "dist"]);
const timeoutMs = Number(process.env["PARLEY_TEST_FILE_TIMEOUT_S"] ?? "600") * 1000;
const concurrency = Number(process.env["PARLEY_TEST_CONCURRENCY"] ?? "2");

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

interface FileResult {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  hung: boolean;
  output: string;
}

function count(output: string, key: string): number {
  const m = new RegExp(`^# ${key} (\\d+)$`, "m").exec(output);
  return m?.[1] === undefined ? 0 : Number(m[1]);
}

function runFile(file: string): Promise<FileResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", file], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let hung = false;
    let timer = setTimeout(onIdle, timeoutMs);
    function onIdle(): void {
      hung = true;
      child.kill("SIGKILL");
    }
    const onData = (d: Buffer): void => {
      output += d.toString();
      clearTimeout(timer);
      timer = setTimeout(onIdle, timeoutMs);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      const failed = count(output, "fail") + (code !== 0 && count(output, "fail") === 0 ? 1 : 0);
      resolve({
        file,
        passed: count(output, "pass"),
        failed,
        skipped: count(output, "skipped"),
        hung,
        output,
      });
    });
  });
}

async function runWithRetry(file: string): Promise<FileResult> {
  const first = await runFile(file);
  if (!first.hung) return first;
  process.stdout.write(`# ${file}: no progress for ${timeoutMs / 1000} s; killed and retried once\n`);
  return runFile(file);
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files: string[] = [];
  for (const r of ["packages", "services", "test"]) walk(join(root, r), files);
  const selected = files.sort().filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  if (selected.length === 0) {
    console.error("no test files matched");
    process.exit(1);
  }
  const queue = [...selected];
  const results: FileResult[] = [];
  const workers = Array.from({ length: concurrency }, async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const r = await runWithRetry(file);
      results.push(r);
      process.stdout.write(r.output);
      const status = r.failed > 0 ? "FAILED" : "ok";
      process.stdout.write(
        `# ${status} ${file}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped\n`,
      );
    }
  });
  await Promise.all(workers);
  const sum = (k: "passed" | "failed" | "skipped") => results.reduce((n, r) => n + r[k], 0);
  for (const r of results.filter((x) => x.failed > 0))
    console.log(`# failed: ${r.file}${r.hung ? " (hung twice)" : ""}`);
  console.log(`${sum("passed")} passed, ${sum("failed")} failed, ${sum("skipped")} skipped`);
  process.exit(sum("failed") > 0 || sum("passed") === 0 ? 1 : 0);
}

await main();
