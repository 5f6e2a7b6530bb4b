import { HASH_SIZE, slotOffset, TILE_HEIGHT, TILE_WIDTH, widthOfExpanded } from "./tile-layout.js";

/** Raised when stored state contradicts itself; the log must stop rather than sign over it. */
export class StoreCorruptionError extends Error {
  override readonly name = "StoreCorruptionError";
}

/**
 * The growing rightmost tile of one tile level. Nodes arrive in tree order (a leaf, then every
 * parent it completes), so each height fills strictly left to right. Each height is one buffer
 * sized for a full tile, so that serializing the tile after every batch is eight copies rather
 * than one per hash.
 */
export class TileBuilder {
  private readonly heights: Uint8Array[] = Array.from(
    { length: TILE_HEIGHT },
    (_, k) => new Uint8Array((TILE_WIDTH >> k) * HASH_SIZE),
  );
  private readonly counts: number[] = new Array<number>(TILE_HEIGHT).fill(0);

  constructor(
    readonly level: number,
    readonly index: number,
  ) {}

  static fromExpanded(level: number, index: number, bytes: Uint8Array): TileBuilder {
    const width = widthOfExpanded(bytes.length);
    if (width === undefined) {
      throw new StoreCorruptionError(`tile ${level}/${index}: ${bytes.length} bytes is not an expanded tile`);
    }
    const b = new TileBuilder(level, index);
    for (let k = 0; k < TILE_HEIGHT; k++) {
      for (let p = 0; p < width >> k; p++) {
        const at = slotOffset(width, k, p) ?? 0;
        b.add(k, p, bytes.subarray(at, at + HASH_SIZE));
      }
    }
    return b;
  }

  get width(): number {
    return this.counts[0] ?? 0;
  }

  get full(): boolean {
    return this.width === TILE_WIDTH;
  }

  add(height: number, position: number, hash: Uint8Array): void {
    const row = this.heights[height];
    if (row === undefined || this.counts[height] !== position || position >= TILE_WIDTH >> height) {
      throw new StoreCorruptionError(
        `tile ${this.level}/${this.index}: node at height ${height} position ${position} arrived out of order`,
      );
    }
    if (hash.length !== HASH_SIZE) {
      throw new StoreCorruptionError(
        `tile ${this.level}/${this.index}: a node hash has ${hash.length} bytes`,
      );
    }
    row.set(hash, position * HASH_SIZE);
    this.counts[height] = position + 1;
  }

  /** The stored form: every height's hashes, lowest height first. */
  serialize(): Uint8Array {
    let bytes = 0;
    for (const n of this.counts) bytes += n * HASH_SIZE;
    const out = new Uint8Array(bytes);
    let at = 0;
    for (let k = 0; k < TILE_HEIGHT; k++) {
      const used = (this.counts[k] ?? 0) * HASH_SIZE;
      out.set((this.heights[k] ?? out).subarray(0, used), at);
      at += used;
    }
    return out;
  }
}
