import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Level } from "level";
import { bytesEqual } from "@parley/codec";
import { ed25519SignerFromKey, encodeEntryBundle, generateEd25519SignerKey, leafHash } from "@parley/tlog";
import { KeylogMetrics } from "../src/metrics.js";
import { recoverLog } from "../src/sequencer/recover.js";
import { Sequencer } from "../src/sequencer/sequencer.js";
import { BundleEdge, bundleEntries, bundleOffsets, BUNDLE_WIDTH } from "../src/store/entry-bundles.js";
import { bundleKey, legacyEntryKey } from "../src/store/keys.js";
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

const entries = (from: number, count: number): Uint8Array[] =>
  Array.from({ length: count }, (_, i) => sampleEntry(from + i));

function sameEntries(got: readonly Uint8Array[], want: readonly Uint8Array[], what: string): void {
  assert.equal(got.length, want.length, `${what}: count`);
  got.forEach((e, i) => assert.ok(bytesEqual(e, want[i] ?? new Uint8Array()), `${what}: entry ${i}`));
}

/** A store holding a signed log of `size` sample entries, closed again; returns its directory. */
async function logOf(size: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "keylog-bundles-"));
  dirs.push(dir);
  const store = await LogStore.open({ path: dir, tileCacheTiles: 64 });
  const r = await recoverLog(store, ORIGIN, signer);
  const options = { origin: ORIGIN, batchIntervalMs: 1, batchMaxEntries: 100, poolMaxEntries: 10_000 };
  const seq = new Sequencer(store, r.range, signer, r.published, options, new KeylogMetrics());
  const calls = [];
  for (let n = 0; n < size; n += 37) {
    const batch = entries(n, Math.min(37, size - n));
    calls.push(
      seq.add(
        batch,
        batch.map((e) => leafHash(e)),
      ),
    );
  }
  await Promise.all(calls);
  await seq.stop();
  await store.close();
  return dir;
}

/** Writes raw keys into a closed store, as damage or an old version would have left them. */
async function tamper(dir: string, puts: readonly [Uint8Array, Uint8Array][]): Promise<void> {
  const db = new Level<Uint8Array, Uint8Array>(dir, { keyEncoding: "view", valueEncoding: "view" });
  await db.open();
  for (const [k, v] of puts) await db.put(k, v);
  await db.close();
}

async function rawDb(dir: string): Promise<Level<Uint8Array, Uint8Array>> {
  const db = new Level<Uint8Array, Uint8Array>(dir, { keyEncoding: "view", valueEncoding: "view" });
  await db.open();
  return db;
}

/** Rewrites a closed store's bundles from `fromBundle` on as one key per entry, the pre-bundle layout. */
async function toLegacy(dir: string, size: number, fromBundle: number): Promise<void> {
  const db = await rawDb(dir);
  for (let b = fromBundle; b * BUNDLE_WIDTH < size; b++) {
    const bundle = await db.get(bundleKey(b));
    assert.ok(bundle !== undefined, `bundle ${b}`);
    const batch = db.batch();
    bundleEntries(bundle, 0, BUNDLE_WIDTH).forEach((e, i) =>
      batch.put(legacyEntryKey(b * BUNDLE_WIDTH + i), e.slice()),
    );
    batch.del(bundleKey(b));
    await batch.write();
  }
  await db.close();
}

async function recoverAt(dir: string): Promise<void> {
  const store = await LogStore.open({ path: dir, tileCacheTiles: 64 });
  try {
    await recoverLog(store, ORIGIN, signer);
  } finally {
    await store.close();
  }
}

describe("entry bundles (tlog-tiles form)", () => {
  test("the edge emits each full bundle and the changed partial one, byte-equal to tlog's encoder", () => {
    const edge = new BundleEdge();
    const all = entries(0, BUNDLE_WIDTH + 10);
    const full = all.slice(0, BUNDLE_WIDTH).map((e) => edge.add(e));
    assert.ok(
      full.slice(0, -1).every((f) => f === undefined),
      "nothing completes before entry 256",
    );
    const first = full.at(-1);
    assert.ok(first !== undefined);
    assert.equal(first.index, 0);
    assert.ok(bytesEqual(first.bytes, encodeEntryBundle(all.slice(0, BUNDLE_WIDTH))));
    assert.equal(edge.takeChanged(), undefined, "a just-completed bundle leaves no partial one");
    for (const e of all.slice(BUNDLE_WIDTH)) edge.add(e);
    const partial = edge.takeChanged();
    assert.ok(partial !== undefined);
    assert.equal(partial.index, 1);
    assert.ok(bytesEqual(partial.bytes, encodeEntryBundle(all.slice(BUNDLE_WIDTH))));
    assert.equal(edge.takeChanged(), undefined, "unchanged since the last take");
    assert.equal(edge.size, BUNDLE_WIDTH + 10);
  });

  test("views handed out stay intact while the edge grows past its buffer", () => {
    const edge = new BundleEdge();
    const big = Array.from({ length: 200 }, (_, i) => new Uint8Array(1000).fill(i));
    const views = big.map((e) => {
      edge.add(e);
      return edge.takeChanged();
    });
    views.forEach((v, i) => {
      assert.ok(v !== undefined && bytesEqual(v.bytes, encodeEntryBundle(big.slice(0, i + 1))), `view ${i}`);
    });
    assert.throws(() => edge.add(new Uint8Array(0x10000)), RangeError);
  });

  test("stored bundles are read in place, and damaged ones are refused", () => {
    const all = entries(0, 20);
    const bundle = encodeEntryBundle(all);
    sameEntries(bundleEntries(bundle, 5, 12), all.slice(5, 12), "slice");
    sameEntries(bundleEntries(bundle, 15, 40), all.slice(15), "past the end");
    assert.equal(bundleOffsets(bundle, 3).length, 4, "reading stops at the limit");
    assert.throws(() => bundleOffsets(bundle.subarray(0, bundle.length - 1)), StoreCorruptionError);
    assert.throws(() => bundleOffsets(Uint8Array.of(0)), StoreCorruptionError);
    const tooMany = encodeEntryBundle(entries(0, BUNDLE_WIDTH + 1));
    assert.throws(() => bundleOffsets(tooMany), /more than 256 entries/);
    const edge = new BundleEdge();
    assert.throws(() => edge.load(21, bundle), /holds 20 entries, size 21 needs 21/);
    assert.throws(() => edge.load(BUNDLE_WIDTH, bundle), /size 256 needs 0/);
  });

  test("entries by range across bundle boundaries, single entries, and narrower partial bundles", async () => {
    const size = 2 * BUNDLE_WIDTH + 44;
    const dir = await logOf(size);
    const store = await LogStore.open({ path: dir, tileCacheTiles: 64 });
    await recoverLog(store, ORIGIN, signer);
    const all = entries(0, size);
    sameEntries(await store.getEntries(250, 530), all.slice(250, 530), "250..530");
    sameEntries(await store.getEntries(500, 9999), all.slice(500), "past the end");
    sameEntries(await store.getEntries(size, size + 5), [], "beyond the tree");
    const last = await store.getEntry(size - 1);
    assert.ok(last !== undefined && bytesEqual(last, all[size - 1] ?? new Uint8Array()));
    assert.equal(await store.getEntry(size), undefined);
    const narrow = await store.readBundle(2, 30);
    assert.ok(narrow !== undefined && bytesEqual(narrow, encodeEntryBundle(all.slice(512, 542))));
    assert.equal(await store.readBundle(2, 45), undefined, "wider than stored");
    assert.equal(await store.readBundle(3, 1), undefined, "never written");
    assert.equal((await checkLog(store, signer.verifierKey, ORIGIN)).size, size);
    await store.close();
  });

  test("restart refuses bundles that disagree with the tree state", async () => {
    const beyond = await logOf(300);
    await tamper(beyond, [[bundleKey(3), encodeEntryBundle(entries(900, 2))]]);
    await assert.rejects(recoverAt(beyond), /entry bundle 3 lies beyond the tree of size 300/);

    const short = await logOf(300);
    await tamper(short, [[bundleKey(1), encodeEntryBundle(entries(256, 43))]]);
    await assert.rejects(recoverAt(short), /entry bundle 1 holds 43 entries, size 300 needs 44/);
  });

  test("a database in the old one-key-per-entry layout is upgraded in place, resuming after a crash", async () => {
    const size = 600;
    const dir = await logOf(size);
    await toLegacy(dir, size, 1); // bundle 0 already converted, as a crash mid-upgrade leaves it
    await recoverAt(dir);
    const db = await rawDb(dir);
    try {
      assert.deepEqual(await db.keys({ gte: Uint8Array.of(0x65), lt: Uint8Array.of(0x66) }).all(), []);
      for (let b = 0; b < 3; b++) {
        const want = encodeEntryBundle(
          entries(b * BUNDLE_WIDTH, Math.min(BUNDLE_WIDTH, size - b * BUNDLE_WIDTH)),
        );
        assert.ok(bytesEqual((await db.get(bundleKey(b))) ?? new Uint8Array(), want), `bundle ${b}`);
      }
    } finally {
      await db.close();
    }
    const store = await LogStore.open({ path: dir, tileCacheTiles: 64 });
    await recoverLog(store, ORIGIN, signer);
    sameEntries(await store.getEntries(250, 270), entries(250, 20), "after the upgrade");
    assert.equal((await checkLog(store, signer.verifierKey, ORIGIN)).size, size);
    await store.close();
  });

  test("the upgrade stops, changing nothing, on an old entry beyond the tree or a missing one", async () => {
    const beyond = await logOf(300);
    await toLegacy(beyond, 300, 0);
    await tamper(beyond, [[legacyEntryKey(300), sampleEntry(300)]]);
    await assert.rejects(recoverAt(beyond), /pre-bundle entry 300 lies beyond the tree of size 300/);

    const gap = await logOf(300);
    await toLegacy(gap, 300, 0);
    const db = await rawDb(gap);
    await db.del(legacyEntryKey(270));
    await db.close();
    await assert.rejects(recoverAt(gap), /pre-bundle entry 270 of 300 is missing/);
    const after = await rawDb(gap);
    try {
      // The batch holding the gap was never written: bundle 1 is still in the old form.
      assert.equal(await after.get(bundleKey(1)), undefined);
      assert.ok(bytesEqual((await after.get(legacyEntryKey(256))) ?? new Uint8Array(), sampleEntry(256)));
    } finally {
      await after.close();
    }
  });
});
