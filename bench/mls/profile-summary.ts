/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): the functions with the most self time, and the most
 * inclusive time (time with the function anywhere on the stack, each sample counted once per function), so the
 * hot leaf and the caller that keeps invoking it both show. Paths are shown relative to the repository.
 *
 *   node --import tsx bench/mls/profile-summary.ts <file.cpuprofile> [topN] [filter]
 *
 * `filter` keeps only the inclusive rows whose function name or location contains it (e.g. `packages/mls`).
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const root = fileURLToPath(new URL("../..", import.meta.url));

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.startsWith("file://") ? relative(root, fileURLToPath(url)) : url;
  return `${functionName || "(anonymous)"} ${file === "" ? "" : `${file}:${lineNumber + 1}`}`.trim();
}

function summarise(profile: CpuProfile): {
  self: Map<string, number>;
  total: Map<string, number>;
  all: number;
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    all += dt;
    const leaf = byId.get(id);
    if (leaf === undefined) return;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (node === undefined) break;
      const l = label(node);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  });
  return { self, total, all };
}

function top(map: Map<string, number>, n: number, all: number, filter = ""): string {
  return [...map.entries()]
    .filter(([name]) => name.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([name, ms]) =>
        `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / all).toFixed(1).padStart(5)}%  ${name}`,
    )
    .join("\n");
}

function main(): void {
  const [file, count, filter] = process.argv.slice(2);
  if (file === undefined) throw new Error("usage: profile-summary.ts <file.cpuprofile> [topN] [filter]");
  const n = count === undefined ? 30 : Number(count);
  const { self, total, all } = summarise(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
  console.log(`profile ${file}: ${all.toFixed(0)} ms sampled\n\nself time:\n${top(self, n, all)}`);
  console.log(
    `\ninclusive time${filter === undefined ? "" : ` (matching ${filter})`}:\n${top(total, n, all, filter)}`,
  );
}

main();
