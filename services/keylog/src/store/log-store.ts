import { concatBytes } from "@parley/codec";
import { openLogDb, type LogDb } from "./db.js";
import {
  CHECKPOINT_KEY,
  entryKey,
  leafIndexOfKey,
  leafKey,
  leafKeyRange,
  STATE_KEY,
  tileKey,
} from "./keys.js";
import { NodeReader } from "./node-reader.js";
import { StoreCorruptionError } from "./tile-builder.js";
import { HASH_SIZE } from "./tile-layout.js";
import { TileStore, type TileWrite } from "./tile-store.js";

/** The persisted right edge of the tree: its size and the RFC 9162 compact range hashes. */
export interface TreeState {
  readonly size: number;
  readonly hashes: readonly Uint8Array[];
}

/** Everything one integration batch makes durable, in a single synced level batch. */
export interface IntegratedBatch {
  readonly firstIndex: number;
  readonly entries: readonly Uint8Array[];
  readonly leafHashes: readonly Uint8Array[];
  readonly tiles: readonly TileWrite[];
  readonly state: TreeState;
}

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
    if (raw === undefined) return { size: 0, hashes: [] };
    if (raw.length < 8 || (raw.length - 8) % HASH_SIZE !== 0) {
      throw new StoreCorruptionError(`tree state record has invalid length ${raw.length}`);
    }
    const size = Number(new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getBigUint64(0));
    const hashes: Uint8Array[] = [];
    for (let at = 8; at < raw.length; at += HASH_SIZE) hashes.push(raw.slice(at, at + HASH_SIZE));
    return { size, hashes };
  }

  /**
   * A chained batch rather than an array of operations: abstract-level normalizes every array
   * operation by copying it (measured ~8x slower per put), which dominated integration time.
   */
  async commit(batch: IntegratedBatch): Promise<void> {
    const chained = this.db.batch();
    const empty = new Uint8Array(0);
    for (let i = 0; i < batch.entries.length; i++) {
      const index = batch.firstIndex + i;
      chained.put(entryKey(index), batch.entries[i] ?? empty);
      chained.put(leafKey(batch.leafHashes[i] ?? empty, index), empty);
    }
    for (const t of batch.tiles) chained.put(tileKey(t.level, t.index), t.bytes);
    chained.put(STATE_KEY, encodeState(batch.state));
    await chained.write({ sync: true });
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

function encodeState(state: TreeState): Uint8Array {
  const size = new Uint8Array(8);
  new DataView(size.buffer).setBigUint64(0, BigInt(state.size));
  return concatBytes(size, ...state.hashes);
}
