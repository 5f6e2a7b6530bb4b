import { HASH_SIZE, slotOffset, TILE_HEIGHT, TILE_WIDTH, widthOfExpanded } from "./tile-layout.js";

/** Raised when stored state contradicts itself; the log must stop rather than sign over it. */
export class StoreCorruptionError extends Error {
  override readonly name = "StoreCorruptionError";
}

/**
 * The growing rightmost tile of one tile level. Nodes arrive in tree order (a leaf, then every
 * parent it completes), so each height fills strictly left to right.
 */
export class TileBuilder {
  private readonly heights: Uint8Array[][] = Array.from({ length: TILE_HEIGHT }, () => []);

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
        b.add(k, p, bytes.slice(at, at + HASH_SIZE));
      }
    }
    return b;
  }

  get width(): number {
    return this.heights[0]?.length ?? 0;
  }

  get full(): boolean {
    return this.width === TILE_WIDTH;
  }

  add(height: number, position: number, hash: Uint8Array): void {
    const row = this.heights[height];
    if (row === undefined || row.length !== position) {
      throw new StoreCorruptionError(
        `tile ${this.level}/${this.index}: node at height ${height} position ${position} arrived out of order`,
      );
    }
    row.push(hash);
  }

  /** The stored form: every height's hashes, lowest height first. */
  serialize(): Uint8Array {
    let count = 0;
    for (const row of this.heights) count += row.length;
    const out = new Uint8Array(count * HASH_SIZE);
    let at = 0;
    for (const row of this.heights) {
      for (const h of row) {
        out.set(h, at);
        at += HASH_SIZE;
      }
    }
    return out;
  }
}
