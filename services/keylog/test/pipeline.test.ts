import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import {
  ed25519SignerFromKey,
  generateEd25519SignerKey,
  leafHash,
  verifyInclusion,
  type NoteSigner,
} from "@parley/tlog";
import { KeylogMetrics } from "../src/metrics.js";
import { SequencerStoppedError } from "../src/sequencer/errors.js";
import { recoverLog } from "../src/sequencer/recover.js";
import { Sequencer, type Sequenced } from "../src/sequencer/sequencer.js";
import { LogStore, type StagedWrite } from "../src/store/log-store.js";
import { inclusionProofs } from "../src/tree/batch-inclusion.js";
import { checkLog } from "./check-log.js";
import { sampleEntry } from "./fixtures.js";

const ORIGIN = "test.parley/keylog";
const key = generateEd25519SignerKey(ORIGIN);
const signer = ed25519SignerFromKey(key);
const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function newDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "keylog-pipe-"));
  dirs.push(dir);
  return dir;
}

async function openStore(dir?: string): Promise<LogStore> {
  return LogStore.open({ path: dir ?? (await newDir()), tileCacheTiles: 64 });
}

/** A sequencer whose signer logs `sign <size>` into `events`. */
async function sequencerOn(store: LogStore, events: string[], batchMaxEntries = 1000): Promise<Sequencer> {
  const logging: NoteSigner = {
    name: signer.name,
    keyHash: signer.keyHash,
    sign: (message) => {
      events.push(`sign ${new TextDecoder().decode(message).split("\n")[1] ?? "?"}`);
      return signer.sign(message);
    },
  };
  const r = await recoverLog(store, ORIGIN, signer);
  const options = { origin: ORIGIN, batchIntervalMs: 0, batchMaxEntries, poolMaxEntries: 1000 };
  return new Sequencer(store, r.range, logging, r.published, options, new KeylogMetrics());
}

function add(seq: Sequencer, first: number, count: number): Promise<Sequenced> {
  const entries = Array.from({ length: count }, (_, i) => sampleEntry(first + i));
  return seq.add(
    entries,
    entries.map((e) => leafHash(e)),
  );
}

/** Holds every synced write until the test releases (or fails) it; logs starts and completions. */
function gateCommits(
  store: LogStore,
  events: string[],
): { resolve: () => void; reject: (e: Error) => void }[] {
  const gates: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const commit = store.commit.bind(store);
  store.commit = async (write) => {
    events.push(`write ${write.state?.size} start`);
    await new Promise<void>((resolve, reject) => gates.push({ resolve, reject }));
    await commit(write);
    events.push(`write ${write.state?.size} durable`);
  };
  return gates;
}

/** Every write the store opens, in order. */
function captureStages(store: LogStore): StagedWrite[] {
  const stages: StagedWrite[] = [];
  const stage = store.stage.bind(store);
  store.stage = (firstIndex) => {
    const w = stage(firstIndex);
    stages.push(w);
    return w;
  };
  return stages;
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 2));
  assert.ok(done(), "condition reached in time");
}

describe("pipelined sequencing", () => {
  test("the next write starts before the previous batch is signed; nobody is answered before durable", async () => {
    const store = await openStore();
    const events: string[] = [];
    const gates: (() => void)[] = [];
    const commit = store.commit.bind(store);
    store.commit = async (batch) => {
      events.push(`write ${batch.state?.size} start`);
      await new Promise<void>((release) => gates.push(release));
      await commit(batch);
      events.push(`write ${batch.state?.size} durable`);
    };
    const seq = await sequencerOn(store, events);
    const acked = (p: Promise<Sequenced>) => p.then((s) => (events.push(`ack ${s.checkpoint.size}`), s));
    const a = acked(add(seq, 0, 5));
    await until(() => gates.length === 1);
    const b = acked(add(seq, 5, 3));
    const c = acked(add(seq, 8, 2));
    gates[0]?.();
    await until(() => gates.length === 2);
    await a;
    gates[1]?.();
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    assert.deepEqual(events, [
      "write 5 start",
      "write 5 durable",
      "write 10 start",
      "sign 5",
      "ack 5",
      "write 10 durable",
      "sign 10",
      "ack 10",
      "ack 10",
    ]);
    assert.deepEqual([ra.firstIndex, rb.firstIndex, rc.firstIndex], [0, 5, 8]);
    for (const r of [ra, rb, rc]) {
      assert.equal(r.edge.size, r.checkpoint.size);
      assert.deepEqual(r.edge.root, r.checkpoint.rootHash);
    }
    const proofs = inclusionProofs(rb.firstIndex, 3, rb.edge, store.nodes);
    proofs.forEach((p, i) =>
      verifyInclusion(leafHash(sampleEntry(5 + i)), 5 + i, 10, p, rb.checkpoint.rootHash),
    );
    await seq.stop();
    await checkLog(store, signer.verifierKey, ORIGIN);
    await store.close();
  });

  test("requests arriving during a write are integrated and staged at once; the next write is only sealed", async () => {
    const store = await openStore();
    const events: string[] = [];
    const gates = gateCommits(store, events);
    const stages = captureStages(store);
    const seq = await sequencerOn(store, events);
    const a = add(seq, 0, 5);
    await until(() => gates.length === 1);
    const rest = [add(seq, 5, 3), add(seq, 8, 2)];
    assert.equal(stages.length, 2);
    assert.equal(stages[1]?.entries, 5, "both requests are staged while write 5 is in flight");
    const sealedSize = (): number | undefined => stages[1]?.state?.size;
    assert.equal(sealedSize(), undefined, "but not sealed");
    assert.equal(store.tiles.readSync(0, 0)?.length, 5 * 32 + 2 * 32 + 32, "nor published to tile readers");
    gates[0]?.resolve();
    await until(() => gates.length === 2);
    assert.equal(sealedSize(), 10, "sealed and written the moment write 5 is durable");
    assert.equal((await a).checkpoint.size, 5);
    gates[1]?.resolve();
    assert.deepEqual(
      (await Promise.all(rest)).map((r) => [r.firstIndex, r.checkpoint.size]),
      [
        [5, 10],
        [8, 10],
      ],
    );
    await seq.stop();
    await checkLog(store, signer.verifierKey, ORIGIN);
    await store.close();
  });

  test("a write holds whole requests up to batchMaxEntries; the rest wait, in order, for the next", async () => {
    const store = await openStore();
    const events: string[] = [];
    const gates = gateCommits(store, events);
    const seq = await sequencerOn(store, events, 10);
    const calls = [add(seq, 0, 4)];
    await until(() => gates.length === 1);
    calls.push(add(seq, 4, 6), add(seq, 10, 3), add(seq, 13, 2), add(seq, 15, 1));
    for (let g = 0; g < 3; g++) {
      await until(() => gates.length === g + 1);
      gates[g]?.resolve();
    }
    const done = await Promise.all(calls);
    assert.deepEqual(
      done.map((r) => r.firstIndex),
      [0, 4, 10, 13, 15],
    );
    assert.deepEqual(
      events.filter((e) => e.endsWith("start")),
      ["write 4 start", "write 13 start", "write 16 start"],
    );
    assert.deepEqual(
      done.map((r) => r.checkpoint.size),
      [4, 13, 13, 16, 16],
    );
    await seq.stop();
    await checkLog(store, signer.verifierKey, ORIGIN);
    await store.close();
  });

  test("a failed write also rejects the requests staged behind it, and none of them reaches the store", async () => {
    const dir = await newDir();
    const store = await openStore(dir);
    const events: string[] = [];
    const gates = gateCommits(store, events);
    const seq = await sequencerOn(store, events);
    const first = add(seq, 0, 4);
    await until(() => gates.length === 1);
    gates[0]?.resolve();
    assert.equal((await first).checkpoint.size, 4);
    const failing = add(seq, 4, 2);
    await until(() => gates.length === 2);
    const staged = add(seq, 6, 3);
    gates[1]?.reject(new Error("disk full"));
    for (const p of [failing, staged]) await assert.rejects(p, SequencerStoppedError);
    await seq.stop();
    assert.deepEqual(
      events.filter((e) => e.startsWith("sign")),
      ["sign 4"],
    );
    assert.equal((await store.readState()).size, 4);
    assert.equal(await store.getEntry(6), undefined, "the staged entries were never written");
    await store.close();
    // Memory is ahead of disk after a failure; what counts is what a restart finds.
    const reopened = await openStore(dir);
    await recoverLog(reopened, ORIGIN, signer);
    assert.equal((await checkLog(reopened, signer.verifierKey, ORIGIN)).size, 4);
    await reopened.close();
  });

  test("a failed write rejects its batch and the queue, and nothing beyond it is signed", async () => {
    const store = await openStore();
    const commit = store.commit.bind(store);
    let writes = 0;
    store.commit = (batch) => (writes++ === 0 ? commit(batch) : Promise.reject(new Error("disk full")));
    const events: string[] = [];
    const seq = await sequencerOn(store, events);
    assert.equal((await add(seq, 0, 4)).checkpoint.size, 4);
    const failed = add(seq, 4, 2);
    await assert.rejects(
      failed,
      (err: unknown) => err instanceof SequencerStoppedError && /storage failure/.test(err.message),
    );
    await assert.rejects(add(seq, 6, 1), SequencerStoppedError);
    assert.equal(seq.latest.size, 4);
    assert.deepEqual(events, ["sign 4"]);
    await seq.stop();
    await store.close();
  });

  test("stop() publishes what is queued behind an in-flight write and stores the last checkpoint", async () => {
    const store = await openStore();
    const seq = await sequencerOn(store, []);
    const pending = [add(seq, 0, 7), add(seq, 7, 7), add(seq, 14, 7)];
    await seq.stop();
    const sizes = (await Promise.all(pending)).map((r) => r.checkpoint.size);
    assert.equal(Math.max(...sizes), 21);
    assert.equal((await checkLog(store, signer.verifierKey, ORIGIN)).size, 21);
    await store.close();
  });
});
