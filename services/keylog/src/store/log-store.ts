import { openLogDb, type LogDb } from "./db.js";
import { BundleEdge, bundleEntries, bundleOffsets, BUNDLE_WIDTH } from "./entry-bundles.js";
import {
  bundleIndexOfKey,
  bundleKey,
  CHECKPOINT_KEY,
  leafIndexOfKey,
  leafKeyRange,
  STATE_KEY,
} from "./keys.js";
import { NodeReader } from "./node-reader.js";
import { StagedWrite } from "./staged-write.js";
import { migrateLegacyEntries } from "./migrate-entries.js";
import { StoreCorruptionError } from "./tile-builder.js";
import { TileStore } from "./tile-store.js";
import { decodeState, type TreeState } from "./tree-state.js";

export type { TreeState } from "./tree-state.js";
export type { StagedWrite } from "./staged-write.js";

export interface LogStoreOptions {
  readonly path: string;
  /** Full tiles kept decoded in memory (each ≤ 16 KiB). */
  readonly tileCacheTiles: number;
}

/**
 * The log's level storage. Crash safety rests on one rule: entries (in their bundles), their
 * leaf-hash index rows, every tile they change and the new tree state are written in ONE batch
 * with `sync: true`, so after any crash the store holds either all of a batch or none of it, and
 * the tree state always matches the tiles and entries on disk.
 */
export class LogStore {
  readonly tiles: TileStore;
  readonly nodes: NodeReader;
  private readonly bundles = new BundleEdge();

  private constructor(
    private readonly db: LogDb,
    tileCacheTiles: number,
  ) {
    this.tiles = new TileStore(db, tileCacheTiles);
    this.nodes = new NodeReader(this.tiles);
  }

  static async open(options: LogStoreOptions): Promise<LogStore> {
    return new LogStore(await openLogDb(options.path), options.tileCacheTiles);
  }

  async readState(): Promise<TreeState> {
    const raw = await this.db.get(STATE_KEY);
    return raw === undefined ? { size: 0, hashes: [] } : decodeState(raw);
  }

  /**
   * Restart: loads the partial entry bundle of a tree of `size` entries (recovery, before any
   * write is staged), refusing a store whose bundles disagree with that size.
   */
  async loadEntryEdge(size: number): Promise<void> {
    await migrateLegacyEntries(this.db, size);
    const edge = Math.floor(size / BUNDLE_WIDTH);
    const beyond = await this.db
      .keys({ gt: bundleKey(edge), lt: bundleKey(Number.MAX_SAFE_INTEGER), limit: 1 })
      .all();
    const first = beyond[0];
    if (first !== undefined) {
      throw new StoreCorruptionError(
        `entry bundle ${bundleIndexOfKey(first)} lies beyond the tree of size ${size}`,
      );
    }
    this.bundles.load(size, await this.db.get(bundleKey(edge)));
  }

  /** An empty write whose first entry will get log index `firstIndex` (see StagedWrite). */
  stage(firstIndex: number): StagedWrite {
    return new StagedWrite(this.db, this.bundles, firstIndex);
  }

  /** Makes a sealed staged write durable: one level batch with `sync: true`. */
  async commit(write: StagedWrite): Promise<void> {
    await write.writeSynced();
  }

  /**
   * Not synced: a checkpoint is a deterministic function of the synced tree state (Ed25519 is
   * deterministic, RFC 8032 §5.1.6), so a lost write is re-signed identically on restart.
   */
  async putCheckpoint(note: string): Promise<void> {
    await this.db.put(CHECKPOINT_KEY, new TextEncoder().encode(note));
  }

  async readCheckpoint(): Promise<string | undefined> {
    const raw = await this.db.get(CHECKPOINT_KEY);
    return raw === undefined ? undefined : new TextDecoder().decode(raw);
  }

  /** Entries [start, end) in index order; fewer if the store ends earlier. */
  async getEntries(start: number, end: number): Promise<Uint8Array[]> {
    if (end <= start) return [];
    const first = Math.floor(start / BUNDLE_WIDTH);
    const last = Math.floor((end - 1) / BUNDLE_WIDTH);
    const bundles = await this.db.iterator({ gte: bundleKey(first), lte: bundleKey(last) }).all();
    const out: Uint8Array[] = [];
    for (const [i, [key, bundle]] of bundles.entries()) {
      // Bundles are contiguous from 0; a gap means the store ends before it.
      if (bundleIndexOfKey(key) !== first + i) break;
      const base = (first + i) * BUNDLE_WIDTH;
      const from = Math.max(0, start - base);
      const to = Math.min(BUNDLE_WIDTH, end - base);
      const got = bundleEntries(bundle, from, to);
      for (const e of got) out.push(e);
      // A bundle short of its width is the rightmost one: nothing is stored after it.
      if (got.length < to - from) break;
    }
    return out;
  }

  async getEntry(index: number): Promise<Uint8Array | undefined> {
    return (await this.getEntries(index, index + 1))[0];
  }

  /**
   * The first `width` entries of bundle `index` in their stored (tlog-tiles) form, or undefined
   * if fewer are stored. A wider stored bundle serves any narrower partial one: bundles only grow.
   */
  async readBundle(index: number, width: number): Promise<Uint8Array | undefined> {
    const bundle = await this.db.get(bundleKey(index));
    if (bundle === undefined) return undefined;
    const offsets = bundleOffsets(bundle, width);
    const end = offsets[width];
    return end === undefined ? undefined : bundle.subarray(0, end);
  }

  /** The first index at which an entry with this leaf hash was logged. */
  async findLeafIndex(leafHash: Uint8Array): Promise<number | undefined> {
    const keys = await this.db.keys({ ...leafKeyRange(leafHash), limit: 1 }).all();
    const key = keys[0];
    return key === undefined ? undefined : leafIndexOfKey(key);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
