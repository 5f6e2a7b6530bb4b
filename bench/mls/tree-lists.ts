/**
 * The ratchet-tree work that grows with the length of unmerged_leaves lists, without any public-key
 * cryptography in the way: a tree of N leaves (a power of two) whose even leaves are members and whose
 * parents on leaf 0's direct path are set, as after leaf 0's Commit; then N/2 Adds in one batch (each new leaf
 * unmerged at every one of those parents, §12.1.1), the joiner's unmerged-leaf check (§12.4.3.1), the
 * original_sibling_tree_hash of the root's left child without the root's unmerged leaves (§7.9), and N/2
 * Removes (§12.1.3). Prints CPU time per step and saves bench/results/mls-tree-lists-<N>.json.
 *
 *   node --import tsx bench/mls/tree-lists.ts 65536 [--out-dir DIR]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tree, treeMath } from "@parley/mls";
import type { LeafIndex, LeafNode, Node } from "@parley/mls";
import { SUITE, memberKeyPackage, provider } from "./fixture.js";

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function startTree(width: number, leafNode: () => LeafNode): tree.RatchetTree {
  const nodes: (Node | undefined)[] = new Array<Node | undefined>(2 * width - 1).fill(undefined);
  for (let l = 0; l < width; l += 2) nodes[2 * l] = { nodeType: 1, leafNode: leafNode() };
  for (let x = 1; x < 2 * width - 1; x = 2 * x + 1) {
    const parentNode = {
      encryptionKey: provider.randomBytes(32),
      parentHash: new Uint8Array(0),
      unmergedLeaves: [],
    };
    nodes[x] = { nodeType: 2, parentNode };
  }
  while (nodes.length > 0 && nodes[nodes.length - 1] === undefined) nodes.pop();
  return tree.RatchetTree.fromNodes(provider.suite(SUITE), nodes);
}

function main(): void {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out-dir");
  const outDir =
    outAt >= 0 ? (args[outAt + 1] ?? "") : join(dirname(fileURLToPath(import.meta.url)), "..", "results");
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? "65536");
  if (!Number.isInteger(Math.log2(n)) || n < 8) throw new Error(`N must be a power of two ≥ 8, got ${n}`);
  const template = memberKeyPackage(0).keyPackage.leafNode;
  const leafNode = (): LeafNode => ({ ...template, encryptionKey: provider.randomBytes(32) });
  const t = startTree(n, leafNode);
  const adds = Array.from({ length: n / 2 }, leafNode);
  const addLeaves = cpuMs(() => t.addLeaves(adds));
  const root = t.root;
  const rootUnmerged = t.parent(root)?.unmergedLeaves ?? [];
  if (rootUnmerged.length !== n / 2)
    throw new Error(`the root lists ${rootUnmerged.length} leaves, not ${n / 2}`);
  const verifyUnmergedLeaves = cpuMs(() => tree.verifyUnmergedLeaves(t));
  t.treeHash();
  const left = treeMath.left(root);
  const originalTreeHash = cpuMs(() => tree.originalTreeHash(t, left, rootUnmerged));
  const gone = adds.map((_, i) => (n - 1 - 2 * i) as LeafIndex);
  const removeLeaves = cpuMs(() => t.removeLeaves(gone));
  const steps = { addLeaves, verifyUnmergedLeaves, originalTreeHash, removeLeaves };
  for (const [step, ms] of Object.entries(steps))
    console.log(`${step.padEnd(22)} ${ms.toFixed(1).padStart(9)} ms CPU`);
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, `mls-tree-lists-${n}.json`);
  const record = {
    benchmark: "mls-tree-lists",
    n,
    node: process.version,
    date: new Date().toISOString(),
    cpuMs: steps,
  };
  writeFileSync(out, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`saved ${out}`);
}

main();
