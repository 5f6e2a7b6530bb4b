/**
 * bench:mls non-blank scenario (`scenario-non-blank.ts`): Adds, joins and Commits in a tree whose parents are
 * not blank, so unmerged-leaf lists grow to about N/2. Writes bench/results/mls-non-blank-<N>.json per size
 * and prints wall and CPU time of each step. Sizes run one after another in this process.
 *
 *   node --import tsx bench/mls/non-blank.ts 1000 5000 [--out-dir DIR] [--profile-steps DIR]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SUITE, provider } from "./fixture.js";
import { peakRssMiB, profileStepsTo } from "./measure.js";
import { NON_BLANK_STEPS, runNonBlankScenario } from "./scenario-non-blank.js";

const here = dirname(fileURLToPath(import.meta.url));

interface Args {
  readonly sizes: number[];
  readonly outDir: string;
  readonly profileDir: string | undefined;
}

function parse(argv: readonly string[]): Args {
  const sizes: number[] = [];
  let outDir = join(here, "..", "results");
  let profileDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--out-dir" || arg === "--profile-steps") {
      const dir = argv[++i];
      if (dir === undefined || dir.startsWith("--")) throw new Error(`${arg} needs a directory`);
      if (arg === "--out-dir") outDir = dir;
      else profileDir = dir;
    } else if (/^\d+$/.test(arg) && Number(arg) >= 8) sizes.push(Number(arg));
    else throw new Error(`unknown argument ${JSON.stringify(arg)}: expected group sizes ≥ 8 or a flag`);
  }
  return { sizes: sizes.length > 0 ? sizes : [1000], outDir, profileDir };
}

function ms(v: number): string {
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v >= 100 ? 0 : 1)} ms`;
}

function main(): void {
  const args = parse(process.argv.slice(2));
  mkdirSync(args.outDir, { recursive: true });
  for (const n of args.sizes) {
    if (args.profileDir !== undefined) profileStepsTo(join(args.profileDir, `non-blank-n${n}`));
    const load = loadavg();
    const result = runNonBlankScenario(n, (line) => process.stderr.write(`[N=${n}] ${line}\n`));
    const record = {
      benchmark: "mls-non-blank",
      n,
      suite: SUITE,
      provider: provider.name,
      cores: availableParallelism(),
      load,
      node: process.version,
      profiled: args.profileDir !== undefined,
      date: new Date().toISOString(),
      churn: result.churn,
      rootUnmerged: result.rootUnmerged,
      peakRssMiB: peakRssMiB(),
      steps: result.steps,
    };
    const out = join(args.outDir, `mls-non-blank-${n}.json`);
    writeFileSync(out, `${JSON.stringify(record, null, 2)}\n`);
    const head = `N=${n} non-blank: ${result.churn} removed and re-added, root lists ${result.rootUnmerged} unmerged leaves`;
    const rows = NON_BLANK_STEPS.map((step) => {
      const t = result.steps[step];
      return `${step.padEnd(20)} ${ms(t.wallMs).padStart(9)} ${ms(t.cpuMs).padStart(9)}`;
    });
    console.log(
      [head, `${"step".padEnd(20)} ${"wall".padStart(9)} ${"CPU".padStart(9)}`, ...rows].join("\n"),
    );
    console.log(`saved ${out}\n`);
  }
}

main();
