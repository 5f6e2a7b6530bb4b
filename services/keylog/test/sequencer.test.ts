import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import {
  ed25519SignerFromKey,
  generateEd25519SignerKey,
  leafHash,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  proveConsistency,
  proveInclusion,
  signNote,
  formatCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from "@parley/tlog";
import { Registry } from "prom-client";
import { KeylogMetrics } from "../src/metrics.js";
import { PoolFullError } from "../src/sequencer/errors.js";
import { recoverLog } from "../src/sequencer/recover.js";
import { Sequencer, type SequencerOptions } from "../src/sequencer/sequencer.js";
import { LogStore } from "../src/store/log-store.js";
import { StoreCorruptionError } from "../src/store/tile-builder.js";
import { checkLog } from "./check-log.js";
import { sampleEntry } from "./fixtures.js";

const ORIGIN = "test.parley/keylog";
const signer = ed25519SignerFromKey(generateEd25519SignerKey(ORIGIN));
const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "keylog-seq-"));
  dirs.push(d);
  return d;
}

const defaults: SequencerOptions = {
  origin: ORIGIN,
  batchIntervalMs: 2,
  batchMaxEntries: 300,
  poolMaxEntries: 5000,
};

async function open(dir: string, options: Partial<SequencerOptions> = {}) {
  const store = await LogStore.open({ path: dir, tileCacheTiles: 64 });
  const r = await recoverLog(store, ORIGIN, signer);
  const metrics = new KeylogMetrics(new Registry());
  const sequencer = new Sequencer(store, r.range, signer, r.published, { ...defaults, ...options }, metrics);
  return { store, sequencer, metrics, recovered: r };
}

async function appendMany(seq: Sequencer, first: number, count: number, perCall: number) {
  const calls = [];
  for (let n = first; n < first + count; n += perCall) {
    const entries = Array.from({ length: Math.min(perCall, first + count - n) }, (_, i) =>
      sampleEntry(n + i),
    );
    calls.push(
      seq
        .add(
          entries,
          entries.map((e) => leafHash(e)),
        )
        .then((r) => ({ r, entries })),
    );
  }
  return Promise.all(calls);
}

async function metricValue(registry: Registry, name: string): Promise<number | undefined> {
  return (await registry.getSingleMetric(name)?.get())?.values[0]?.value;
}

function rootOf(note: string): { size: number; rootHash: Uint8Array } {
  return parseCheckpoint(openNote(note, [parseVerifierKey(signer.verifierKey)]).body);
}

describe("sequencer and store", () => {
  test("concurrent appends get contiguous indices, verifiable proofs, and a coherent store", async () => {
    const log = await open(await tempDir());
    const results = await appendMany(log.sequencer, 0, 1500, 7);
    const seen = new Set<number>();
    for (const { r, entries } of results) {
      const cp = rootOf(r.checkpoint.note);
      for (const [i, e] of entries.entries()) {
        const index = r.firstIndex + i;
        assert.ok(!seen.has(index));
        seen.add(index);
        const proof = await proveInclusion(index, cp.size, log.store.nodes);
        verifyInclusion(leafHash(e), index, cp.size, proof, cp.rootHash);
      }
    }
    assert.equal(seen.size, 1500);
    assert.equal(await metricValue(log.metrics.registry, "keylog_entries_appended_total"), 1500);
    assert.equal(await metricValue(log.metrics.registry, "keylog_tree_size"), 1500);
    await log.sequencer.stop();
    await checkLog(log.store, signer.verifierKey, ORIGIN);
    await log.store.close();
  });

  test("restart resumes the same tree and later checkpoints are consistent", async () => {
    const dir = await tempDir();
    const a = await open(dir);
    await appendMany(a.sequencer, 0, 700, 50);
    const before = a.sequencer.latest;
    await a.sequencer.stop();
    await a.store.close();

    const b = await open(dir);
    assert.equal(b.recovered.resignedTail, 0);
    assert.equal(b.sequencer.latest.note, before.note, "the same checkpoint is served after restart");
    await appendMany(b.sequencer, 700, 333, 1);
    const now = b.sequencer.latest;
    const proof = await proveConsistency(before.size, now.size, b.store.nodes);
    verifyConsistency(before.size, now.size, proof, before.rootHash, now.rootHash);
    await b.sequencer.stop();
    await checkLog(b.store, signer.verifierKey, ORIGIN);
    await b.store.close();
  });

  test("a durable but unsigned tail is kept and signed on restart", async () => {
    const dir = await tempDir();
    const a = await open(dir);
    await appendMany(a.sequencer, 0, 10, 10);
    const signed = a.sequencer.latest;
    await a.sequencer.stop();
    await a.store.close();
    // Integrate without signing: what a crash between the synced write and signing leaves.
    const store = await LogStore.open({ path: dir, tileCacheTiles: 64 });
    const r = await recoverLog(store, ORIGIN, signer);
    const entries = [sampleEntry(10), sampleEntry(11), sampleEntry(12)];
    const write = store.stage(10);
    for (const e of entries) {
      r.range.append(leafHash(e), (id, h) => store.tiles.recordNode(id.level, id.index, h));
      write.addEntry(e, leafHash(e));
    }
    write.seal(store.tiles.takeBatch(), { size: 13, hashes: r.range.hashes() });
    await store.commit(write);
    await store.close();

    const b = await open(dir);
    assert.equal(b.recovered.resignedTail, 3);
    assert.equal(b.sequencer.latest.size, 13);
    const proof = await proveConsistency(signed.size, 13, b.store.nodes);
    verifyConsistency(signed.size, 13, proof, signed.rootHash, b.sequencer.latest.rootHash);
    await checkLog(b.store, signer.verifierKey, ORIGIN);
    await b.sequencer.stop();
    await b.store.close();
  });

  test("a stored checkpoint ahead of the stored tree stops the restart", async () => {
    const dir = await tempDir();
    const a = await open(dir);
    await appendMany(a.sequencer, 0, 5, 5);
    const bogus = await signNote(
      formatCheckpoint({ origin: ORIGIN, size: 99, rootHash: new Uint8Array(32), extensions: [] }),
      [signer],
    );
    await a.sequencer.stop();
    await a.store.putCheckpoint(bogus);
    await a.store.close();
    const store = await LogStore.open({ path: dir, tileCacheTiles: 64 });
    await assert.rejects(recoverLog(store, ORIGIN, signer), StoreCorruptionError);
    await store.close();
  });

  test("a full pool refuses with PoolFullError and counts it", async () => {
    const log = await open(await tempDir(), { poolMaxEntries: 10, batchIntervalMs: 50 });
    const first = log.sequencer.add(
      Array.from({ length: 8 }, (_, i) => sampleEntry(i)),
      Array.from({ length: 8 }, (_, i) => leafHash(sampleEntry(i))),
    );
    const e = [sampleEntry(100), sampleEntry(101), sampleEntry(102)];
    await assert.rejects(
      log.sequencer.add(
        e,
        e.map((x) => leafHash(x)),
      ),
      PoolFullError,
    );
    assert.equal(await metricValue(log.metrics.registry, "keylog_pool_rejected_total"), 1);
    await first;
    await log.sequencer.stop();
    await log.store.close();
  });
});
