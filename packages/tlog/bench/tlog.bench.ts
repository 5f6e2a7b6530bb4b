/**
 * Hot-path numbers for the keylog service: CompactRange.append throughput (the sequencer) and
 * proveInclusion / proveConsistency latency at 1,000,000 leaves over an in-memory HashReader
 * (so the figure is the library's own cost, excluding storage). Prints and saves
 * bench/results/tlog.json at the repository root.
 *
 *   node --import tsx packages/tlog/bench/tlog.bench.ts [leaves]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@parley/testing";
import {
  CompactRange,
  type HashReader,
  type NodeId,
  leafHash,
  proveConsistency,
  proveInclusion,
} from "../src/index.js";

const leaves = Number(process.argv[2] ?? 1_000_000);
const nodes: Uint8Array[][] = [];
const reader: HashReader = {
  readHashes: (ids: readonly NodeId[]) =>
    Promise.resolve(ids.map((id) => nodes[id.level]?.[id.index] ?? new Uint8Array(0))),
};

const entry = new Uint8Array(64);
const hashes: Uint8Array[] = [];
for (let i = 0; i < leaves; i++) {
  new DataView(entry.buffer).setUint32(0, i);
  hashes.push(leafHash(entry));
}

const range = CompactRange.empty();
let start = performance.now();
for (const h of hashes) range.append(h, (id, hash) => ((nodes[id.level] ??= [])[id.index] = hash));
const appendMs = performance.now() - start;

const proofs = 20_000;
let x = 12345;
start = performance.now();
for (let i = 0; i < proofs; i++) {
  x = (Math.imul(x, 1103515245) + 12345) >>> 0;
  await proveInclusion(x % leaves, leaves, reader);
}
const inclusionUs = ((performance.now() - start) * 1000) / proofs;

start = performance.now();
for (let i = 0; i < proofs; i++) {
  x = (Math.imul(x, 1103515245) + 12345) >>> 0;
  await proveConsistency(1 + (x % leaves), leaves, reader);
}
const consistencyUs = ((performance.now() - start) * 1000) / proofs;

const result = {
  leaves,
  appendPerSecond: Math.round(leaves / (appendMs / 1000)),
  proveInclusionMicros: Number(inclusionUs.toFixed(2)),
  proveConsistencyMicros: Number(consistencyUs.toFixed(2)),
  node: process.version,
  note: "in-memory HashReader; append includes the onNode callback storing every node",
};
console.log(JSON.stringify(result, null, 2));
const dir = join(REPO_ROOT, "bench", "results");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "tlog.json"), `${JSON.stringify(result, null, 2)}\n`);
