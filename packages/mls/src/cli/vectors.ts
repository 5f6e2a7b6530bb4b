/**
 * `npm run vectors -- [dir] [--provider node|noble|all]`: runs every official MLS test-vector
 * file it recognises in `dir` (default: the shared vectors folder) with each crypto provider.
 * Prints `<file>: N passed, M failed` per file, then `N passed, M failed`; exits 1 on any failure.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { runnerFor } from "../vectors/registry.js";
import { nobleProvider, nodeProvider } from "../crypto/index.js";
import type { CryptoProvider } from "../crypto/index.js";
import type { VectorOutcome } from "../vectors/types.js";

interface Options {
  dir: string;
  providers: CryptoProvider[];
}

function defaultDir(): string {
  const shared = process.env["PARLEY_SHARED"];
  const root =
    shared !== undefined && shared !== ""
      ? resolve(shared)
      : resolve(import.meta.dirname, "../../../../../shared");
  return join(root, "vectors", "mls");
}

function parseArgs(argv: readonly string[]): Options {
  let dir: string | undefined;
  let providers: CryptoProvider[] = [nodeProvider, nobleProvider];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--provider") {
      const p = argv[++i];
      if (p === "node") providers = [nodeProvider];
      else if (p === "noble") providers = [nobleProvider];
      else if (p === "all") providers = [nodeProvider, nobleProvider];
      else throw new Error(`--provider must be node, noble or all, got ${String(p)}`);
    } else if (arg !== undefined && !arg.startsWith("--") && dir === undefined) {
      dir = resolve(arg);
    } else {
      throw new Error(`unexpected argument ${String(arg)}`);
    }
  }
  return { dir: dir ?? defaultDir(), providers };
}

function runFile(
  path: string,
  providers: readonly CryptoProvider[],
): { line: string; passed: number; failed: number } {
  const file = basename(path);
  const lookup = runnerFor(file);
  if (lookup.kind === "unknown")
    return { line: `${file}: skipped (unrecognised file name)`, passed: 0, failed: 0 };
  if (lookup.kind === "pending") return { line: `${file}: skipped (${lookup.reason})`, passed: 0, failed: 0 };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    return {
      line: `${file}: 0 passed, 1 failed (not valid JSON: ${(e as Error).message})`,
      passed: 0,
      failed: 1,
    };
  }
  let passed = 0;
  let failed = 0;
  const parts: string[] = [];
  const failures: string[] = [];
  for (const provider of providers) {
    let outcome: VectorOutcome;
    try {
      outcome = lookup.run(data, provider);
    } catch (e) {
      outcome = {
        passed: 0,
        failed: 1,
        skipped: 0,
        failures: [`runner crashed: ${(e as Error).message}`],
        skipReasons: [],
      };
    }
    passed += outcome.passed;
    failed += outcome.failed;
    parts.push(`${provider.name} ${outcome.passed}/${outcome.passed + outcome.failed}`);
    for (const f of outcome.failures.slice(0, 5)) failures.push(`  [${provider.name}] ${f}`);
    for (const r of new Set(outcome.skipReasons)) failures.push(`  [${provider.name}] skipped: ${r}`);
  }
  const line = [`${file}: ${passed} passed, ${failed} failed (${parts.join(", ")})`, ...failures].join("\n");
  return { line, passed, failed };
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  let files: string[];
  try {
    files = readdirSync(opts.dir)
      .filter((f) => f.endsWith(".json"))
      .sort();
  } catch (e) {
    console.error(`cannot read vector folder ${opts.dir}: ${(e as Error).message}`);
    process.exit(2);
  }
  let passed = 0;
  let failed = 0;
  for (const f of files) {
    const r = runFile(join(opts.dir, f), opts.providers);
    console.log(r.line);
    passed += r.passed;
    failed += r.failed;
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

main();
