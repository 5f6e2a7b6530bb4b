/**
 * How every bench reports: a console table of its figures, then the same figures as
 * `bench/results/<name>.json` for comparisons between runs. Numbers are shown to three decimals in the
 * table only; the file keeps them whole.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The repository root, whatever the working directory the bench was started from. */
export const REPO_ROOT = new URL("../..", import.meta.url).pathname;

/** Prints `result` as a metric/value table and writes it to `bench/results/<name>.json`. */
export async function saveResults(name: string, result: Record<string, unknown>): Promise<void> {
  console.table(
    Object.entries(result).map(([metric, value]) => ({
      metric,
      value: typeof value === "number" ? Number(value.toFixed(3)) : value,
    })),
  );
  const dir = join(REPO_ROOT, "bench/results");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${name}.json`), JSON.stringify(result, null, 2) + "\n");
}
