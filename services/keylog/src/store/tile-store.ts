import { tileKey } from "./keys.js";
import { TileBuilder, StoreCorruptionError } from "./tile-builder.js";
import { TileCache } from "./tile-cache.js";
import { slotOf, TILE_WIDTH, widthOfExpanded } from "./tile-layout.js";
import type { LogDb } from "./db.js";

/** One expanded tile to persist in the current integration batch. */
export interface TileWrite {
  readonly level: number;
  readonly index: number;
  readonly bytes: Uint8Array;
}

/**
 * Hash tiles: the rightmost ("edge") tile of every level is kept in memory and rewritten by each
 * batch; full tiles are immutable, read from level on demand and kept in a bounded LRU.
 *
 * Readers look in this order: edge → tiles of the batch being written → LRU → level. A full tile
 * leaving the edge is parked with the in-flight batch until its write completes, so a reader never
 * misses a node that is already in memory but not yet on disk. Readers only ever ask for nodes of
 * a signed tree, which is persisted; newer (wider) tile versions contain every older node
 * unchanged, so reading ahead of a concurrent batch is harmless.
 */
export class TileStore {
  private readonly builders = new Map<number, TileBuilder>();
  private readonly edge = new Map<number, { index: number; bytes: Uint8Array }>();
  private readonly inflight = new Map<string, TileWrite>();
  private readonly touched = new Set<TileBuilder>();
  private retired: TileWrite[] = [];
  private readonly cache: TileCache;

  constructor(
    private readonly db: LogDb,
    cacheTiles: number,
  ) {
    this.cache = new TileCache(cacheTiles);
  }

  /** Loads the rightmost tile of each level for a tree of `size` leaves. */
  async loadEdge(size: number): Promise<void> {
    for (let level = 0; TILE_WIDTH ** level <= size; level++) {
      const count = Math.floor(size / TILE_WIDTH ** level);
      const index = Math.floor((count - 1) / TILE_WIDTH);
      const bytes = await this.db.get(tileKey(level, index));
      if (bytes === undefined)
        throw new StoreCorruptionError(`tile ${level}/${index} missing for size ${size}`);
      const builder = TileBuilder.fromExpanded(level, index, bytes);
      if (builder.width !== count - index * TILE_WIDTH) {
        throw new StoreCorruptionError(
          `tile ${level}/${index} has width ${builder.width}, size ${size} needs ${count - index * TILE_WIDTH}`,
        );
      }
      this.builders.set(level, builder);
      this.edge.set(level, { index, bytes });
    }
  }

  /** CompactRange `onNode` target: files a newly completed node into its tile. */
  recordNode(level: number, index: number, hash: Uint8Array): void {
    const slot = slotOf(level, index);
    let builder = this.builders.get(slot.tileLevel);
    if (builder === undefined || builder.index !== slot.tileIndex) {
      if (builder !== undefined && !(builder.full && builder.index + 1 === slot.tileIndex)) {
        throw new StoreCorruptionError(
          `tile ${slot.tileLevel}/${slot.tileIndex} started before its left neighbour`,
        );
      }
      if (builder !== undefined && this.touched.delete(builder)) this.retired.push(this.park(builder));
      builder = new TileBuilder(slot.tileLevel, slot.tileIndex);
      this.builders.set(slot.tileLevel, builder);
    }
    builder.add(slot.height, slot.position, hash);
    this.touched.add(builder);
  }

  /** Every tile changed since the last call, serialized, and published to readers. */
  takeBatch(): TileWrite[] {
    const writes = this.retired;
    this.retired = [];
    for (const b of this.touched) {
      const write = this.park(b);
      this.edge.set(b.level, { index: b.index, bytes: write.bytes });
      writes.push(write);
    }
    this.touched.clear();
    return writes;
  }

  /** Serializes a changed tile and keeps it readable until the write carrying it is durable. */
  private park(b: TileBuilder): TileWrite {
    const write = { level: b.level, index: b.index, bytes: b.serialize() };
    this.inflight.set(TileCache.key(b.level, b.index), write);
    return write;
  }

  /**
   * After the batch is durable: full tiles move to the LRU and leave the in-flight set, unless a
   * later batch has already parked a newer version of the same tile (identity of the write
   * record, not of its bytes, tells which batch parked it).
   */
  batchPersisted(writes: readonly TileWrite[]): void {
    for (const w of writes) {
      const key = TileCache.key(w.level, w.index);
      if (this.inflight.get(key) === w) this.inflight.delete(key);
      if (widthOfExpanded(w.bytes.length) === TILE_WIDTH) this.cache.set(key, w.bytes);
    }
  }

  /** The expanded tile (level, index) in its newest version, or undefined if never written. */
  readSync(level: number, index: number): Uint8Array | undefined {
    const e = this.edge.get(level);
    if (e !== undefined && e.index === index) return e.bytes;
    const key = TileCache.key(level, index);
    const pending = this.inflight.get(key)?.bytes ?? this.cache.get(key);
    if (pending !== undefined) return pending;
    const stored = this.db.getSync(tileKey(level, index));
    if (stored !== undefined && widthOfExpanded(stored.length) === TILE_WIDTH) this.cache.set(key, stored);
    return stored;
  }
}
