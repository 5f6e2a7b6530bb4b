import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import {
  CompactRange,
  ed25519SignerFromKey,
  generateEd25519SignerKey,
  leafHash,
  signNote,
  verifyInclusion,
  type NoteSigner,
} from "@parley/tlog";
import { nodeTreeHasher } from "@parley/tlog/node";
import { KeylogMetrics } from "../src/metrics.js";
import { nodeEd25519Signer } from "../src/node-ed25519-signer.js";
import { CheckpointWriter } from "../src/sequencer/checkpoint-writer.js";
import { SequencerStoppedError } from "../src/sequencer/errors.js";
import { recoverLog } from "../src/sequencer/recover.js";
import { Sequencer, type Sequenced } from "../src/sequencer/sequencer.js";
import { LogStore } from "../src/store/log-store.js";
import { TILE_WIDTH, widthOfExpanded } from "../src/store/tile-layout.js";
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

async function openStore(): Promise<LogStore> {
  const dir = await mkdtemp(join(tmpdir(), "keylog-pipe-"));
  dirs.push(dir);
  return LogStore.open({ path: dir, tileCacheTiles: 64 });
}

/** A sequencer whose signer logs `sign <size>` into `events`. */
async function sequencerOn(store: LogStore, events: string[]): Promise<Sequencer> {
  const logging: NoteSigner = {
    name: signer.name,
    keyHash: signer.keyHash,
    sign: (message) => {
      events.push(`sign ${new TextDecoder().decode(message).split("\n")[1] ?? "?"}`);
      return signer.sign(message);
    },
  };
  const r = await recoverLog(store, ORIGIN, signer);
  const options = { origin: ORIGIN, batchIntervalMs: 0, batchMaxEntries: 1000, poolMaxEntries: 1000 };
  return new Sequencer(store, r.range, logging, r.published, options, new KeylogMetrics());
}

function add(seq: Sequencer, first: number, count: number): Promise<Sequenced> {
  const entries = Array.from({ length: count }, (_, i) => sampleEntry(first + i));
  return seq.add(
    entries,
    entries.map((e) => leafHash(e)),
  );
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
      events.push(`write ${batch.state.size} start`);
      await new Promise<void>((release) => gates.push(release));
      await commit(batch);
      events.push(`write ${batch.state.size} durable`);
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

describe("checkpoint writer", () => {
  test("writes in order, skips notes superseded while a write is in flight, and flushes", async () => {
    const puts: string[] = [];
    const gates: (() => void)[] = [];
    const writer = new CheckpointWriter(
      async (note) => {
        puts.push(note);
        await new Promise<void>((release) => gates.push(release));
      },
      () => assert.fail("no error expected"),
    );
    writer.write("a");
    writer.write("b");
    writer.write("c");
    await until(() => gates.length === 1);
    gates[0]?.();
    await until(() => gates.length === 2);
    gates[1]?.();
    await writer.flush();
    assert.deepEqual(puts, ["a", "c"]);
  });

  test("reports a failed write", async () => {
    const errors: unknown[] = [];
    const writer = new CheckpointWriter(
      () => Promise.reject(new Error("read-only")),
      (cause) => errors.push(cause),
    );
    writer.write("a");
    await writer.flush();
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /read-only/);
  });
});

describe("tile store", () => {
  test("a tile parked by a later batch stays readable when an earlier batch persists", async () => {
    const store = await openStore();
    const tree = CompactRange.empty(nodeTreeHasher);
    const record = (n: number) =>
      tree.append(leafHash(sampleEntry(n)), (id, h) => store.tiles.recordNode(id.level, id.index, h));
    for (let n = 0; n < 200; n++) record(n);
    const first = store.tiles.takeBatch();
    for (let n = 200; n < 300; n++) record(n);
    const second = store.tiles.takeBatch();
    store.tiles.batchPersisted(first);
    // Tile 0/0 is full now and no longer the edge; only the second batch holds it, unwritten.
    assert.equal(widthOfExpanded(store.tiles.readSync(0, 0)?.length ?? 0), TILE_WIDTH);
    store.tiles.batchPersisted(second);
    assert.equal(widthOfExpanded(store.tiles.readSync(0, 0)?.length ?? 0), TILE_WIDTH);
    await store.close();
  });
});

describe("node:crypto checkpoint signer", () => {
  test("signs byte-for-byte like @parley/tlog's signer", async () => {
    const fast = nodeEd25519Signer(key);
    assert.equal(fast.verifierKey, signer.verifierKey);
    assert.equal(fast.keyHash, signer.keyHash);
    for (const text of ["", "x", `${ORIGIN}\n42\n${"A".repeat(43)}=\n`]) {
      const m = new TextEncoder().encode(text);
      assert.deepEqual(fast.sign(m), await signer.sign(m));
    }
    const body = `${ORIGIN}\n7\n${"B".repeat(43)}=\n`;
    assert.equal(await signNote(body, [fast]), await signNote(body, [signer]));
  });

  test("refuses a malformed key without echoing it", () => {
    const bad = `PRIVATE+KEY+${ORIGIN}+00000000+c2VjcmV0LXNlY3JldA==`;
    assert.throws(
      () => nodeEd25519Signer(bad),
      (err: unknown) => err instanceof Error && !err.message.includes("c2VjcmV0"),
    );
  });
});
