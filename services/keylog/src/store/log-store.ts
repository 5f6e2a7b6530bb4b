import { openLogDb, type LogDb } from "./db.js";
import { CHECKPOINT_KEY, entryKey, leafIndexOfKey, leafKeyRange, STATE_KEY } from "./keys.js";
import { NodeReader } from "./node-reader.js";
import { StagedWrite } from "./staged-write.js";
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
 * The log's level storage. Crash safety rests on one rule: entries, their leaf-hash index rows,
 * every tile they change and the new tree state are written in ONE batch with `sync: true`, so
 * after any crash the store holds either all of a batch or none of it, and the tree state always
 * matches the tiles and entries on disk.
 */
export class LogStore {
  readonly tiles: TileStore;
  readonly nodes: NodeReader;

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

  /** An empty write whose first entry will get log index `firstIndex` (see StagedWrite). */
  stage(firstIndex: number): StagedWrite {
    return new StagedWrite(this.db, firstIndex);
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
    return this.db.values({ gte: entryKey(start), lt: entryKey(end) }).all();
  }

  async getEntry(index: number): Promise<Uint8Array | undefined> {
    return this.db.get(entryKey(index));
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
