import type { ChainedBatch } from "level";
import type { LogDb } from "./db.js";
import type { BundleEdge, BundleWrite } from "./entry-bundles.js";
import { encodeState, type TreeState } from "./tree-state.js";
import { bundleKey, LEAF_KEY_SIZE, STATE_KEY, tileKey, writeLeafKey } from "./keys.js";
import type { TileWrite } from "./tile-store.js";

const EMPTY = new Uint8Array(0);
/** Leaf-hash keys per shared key buffer. */
const KEYS_PER_SLAB = 1024;

/**
 * One synced level batch, assembled entry by entry as requests arrive while the previous batch is
 * still on its way to disk, so that the next write can start the moment that one is durable.
 *
 * A chained batch rather than an array of operations: abstract-level normalizes every array
 * operation by copying it (measured ~8x slower per put), and each `put` here hands its bytes to
 * the native write batch at once, so the cost of building the write is paid while staging. Per
 * entry there is one put, its leaf-hash index row: the entry itself goes into the rightmost
 * entry bundle (entry-bundles.ts), which is put when it fills up or when the write is sealed.
 * The index keys are views into shared off-heap buffers: a small Uint8Array lives on the V8 heap,
 * and handing one to native code makes V8 move it off-heap first, an allocation per key.
 * Nothing reaches the database before `LogStore.commit`; a staged write that is never committed
 * leaves no trace.
 */
export class StagedWrite {
  private readonly chained: ChainedBatch<LogDb, Uint8Array, Uint8Array>;
  private count = 0;
  private sealedAt: TreeState | undefined;
  private tileWrites: readonly TileWrite[] = [];
  private slab = new Uint8Array(0);
  private slabAt = 0;

  constructor(
    db: LogDb,
    private readonly bundles: BundleEdge,
    /** The log index the first staged entry gets. */
    readonly firstIndex: number,
  ) {
    if (bundles.size !== firstIndex) {
      throw new RangeError(
        `a write at index ${firstIndex} cannot follow stored entries ending at ${bundles.size}`,
      );
    }
    this.chained = db.batch();
  }

  /** Entries staged so far. */
  get entries(): number {
    return this.count;
  }

  /** The tree state this write makes durable; undefined until sealed. */
  get state(): TreeState | undefined {
    return this.sealedAt;
  }

  /** The tiles this write carries (empty until sealed). */
  get tiles(): readonly TileWrite[] {
    return this.tileWrites;
  }

  /** Stages the next entry (index firstIndex + entries) and its leaf-hash index row. */
  addEntry(entry: Uint8Array, leafHash: Uint8Array): void {
    if (this.sealedAt !== undefined) throw new Error("cannot stage entries into a sealed write");
    const full = this.bundles.add(entry);
    if (full !== undefined) this.putBundle(full);
    if (this.slabAt === this.slab.length) {
      this.slab = new Uint8Array(KEYS_PER_SLAB * LEAF_KEY_SIZE);
      this.slabAt = 0;
    }
    const index = this.firstIndex + this.count;
    writeLeafKey(this.slab, this.slabAt, leafHash, index);
    this.chained.put(this.slab.subarray(this.slabAt, this.slabAt + LEAF_KEY_SIZE), EMPTY);
    this.slabAt += LEAF_KEY_SIZE;
    this.count++;
  }

  /**
   * Closes the write with the partial entry bundle, every tile its entries changed and the tree
   * state they lead to; the state must cover exactly the staged entries, so that the tree state
   * on disk always matches the entries and tiles on disk.
   */
  seal(tiles: readonly TileWrite[], state: TreeState): void {
    if (this.sealedAt !== undefined) throw new Error("the write is already sealed");
    if (state.size !== this.firstIndex + this.count) {
      throw new RangeError(
        `tree state of size ${state.size} does not cover staged entries [${this.firstIndex}, ${this.firstIndex + this.count})`,
      );
    }
    const partial = this.bundles.takeChanged();
    if (partial !== undefined) this.putBundle(partial);
    for (const t of tiles) this.chained.put(tileKey(t.level, t.index), t.bytes);
    this.chained.put(STATE_KEY, encodeState(state));
    this.tileWrites = tiles;
    this.sealedAt = state;
  }

  /** Used by LogStore.commit only: the one synced write of this batch. */
  async writeSynced(): Promise<void> {
    if (this.sealedAt === undefined) throw new Error("a write must be sealed before it is committed");
    await this.chained.write({ sync: true });
  }

  /** Releases the native batch of a write that will never be committed. */
  async discard(): Promise<void> {
    await this.chained.close();
  }

  private putBundle(b: BundleWrite): void {
    this.chained.put(bundleKey(b.index), b.bytes);
  }
}
