/** Command line: `npm run bench:mls -- [N…] [--quick] [--out-dir DIR] [--profile-steps DIR] [--timeout-min M]`. */
import { join } from "node:path";

export const DEFAULT_SIZES: readonly number[] = [10, 100, 1000];
export const QUICK_SIZE = 10;
export const DEFAULT_TIMEOUT_MINUTES = 60;

export interface BenchArgs {
  readonly sizes: readonly number[];
  /** A smoke run: N=10 unless sizes are given, and short application-message rounds. */
  readonly quick: boolean;
  readonly outDir: string;
  /** Set by the parent for the per-size child process, which leaves the growth table to the parent. */
  readonly child: boolean;
  /** A size whose child process runs longer than this is killed and reported as failed (it may be hung). */
  readonly timeoutMinutes: number;
  /** Write one CPU profile per timed step into this folder. */
  readonly profileDir: string | undefined;
}

export function parseArgs(argv: readonly string[], defaultOutDir: string): BenchArgs {
  const sizes: number[] = [];
  let quick = false;
  let outDir = defaultOutDir;
  let child = false;
  let profileDir: string | undefined;
  let timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--quick") quick = true;
    else if (arg === "--child") child = true;
    else if (arg === "--out-dir") {
      const dir = argv[++i];
      if (dir === undefined || dir.startsWith("--")) throw new Error("--out-dir needs a directory");
      outDir = dir;
    } else if (arg === "--profile-steps") {
      const dir = argv[++i];
      if (dir === undefined || dir.startsWith("--")) throw new Error("--profile-steps needs a directory");
      profileDir = dir;
    } else if (arg === "--timeout-min") {
      timeoutMinutes = Number(argv[++i]);
      if (!(timeoutMinutes > 0)) throw new Error("--timeout-min needs a positive number of minutes");
    } else if (/^\d+$/.test(arg) && Number(arg) >= 4) sizes.push(Number(arg));
    else
      throw new Error(
        `unknown argument ${JSON.stringify(arg)}: expected group sizes ≥ 4, --quick or --out-dir DIR`,
      );
  }
  const chosen = sizes.length > 0 ? sizes : quick ? [QUICK_SIZE] : DEFAULT_SIZES;
  return { sizes: [...new Set(chosen)], quick, outDir, child, profileDir, timeoutMinutes };
}

/** Quick runs get their own file name so a smoke test never overwrites a real result. */
export function resultPath(outDir: string, n: number, quick: boolean): string {
  return join(outDir, quick ? `mls-${n}-quick.json` : `mls-${n}.json`);
}
