/**
 * Pure arithmetic for the stored ("expanded") form of a C2SP tlog-tiles hash tile.
 *
 * A tile at tile-level L, index N holds the Merkle tree hashes at tree level 8L with indices
 * N·256 … N·256+255 (tlog-tiles "Merkle Tree"). The levels 8L+1 … 8L+7 inside the tile are, per
 * the spec, "reconstructed by hashing the leaves"; doing that on every proof costs up to 255
 * hashes per tile, so we store them too: the expanded tile of width W (1…256) is the
 * concatenation, for height k = 0…7, of the floor(W / 2^k) complete node hashes at tree level
 * 8L+k. Its first W·32 bytes are exactly the tile the HTTP API serves, and every prefix-width
 * version of a tile is a prefix per height of the wider one, so growing a tile never changes a
 * hash already stored.
 */
export const HASH_SIZE = 32;
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

/** Where a complete-subtree node lives: its tile and its slot inside the expanded tile. */
export interface TileSlot {
  readonly tileLevel: number;
  readonly tileIndex: number;
  /** Height inside the tile, 0…7. */
  readonly height: number;
  /** Position among the tile's nodes at that height. */
  readonly position: number;
}

/** RFC 9162 §2.1 node (level, index) → tile slot; level 8(L+1) nodes are the base of tile L+1. */
export function slotOf(level: number, index: number): TileSlot {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const height = level - tileLevel * TILE_HEIGHT;
  const perTile = TILE_WIDTH >> height;
  return { tileLevel, tileIndex: Math.floor(index / perTile), height, position: index % perTile };
}

/** Number of hashes in an expanded tile of base width `width`. */
export function expandedCount(width: number): number {
  let n = 0;
  for (let k = 0; k < TILE_HEIGHT; k++) n += width >> k;
  return n;
}

const WIDTH_BY_COUNT = new Map<number, number>();
for (let w = 1; w <= TILE_WIDTH; w++) WIDTH_BY_COUNT.set(expandedCount(w), w);

/** Base width of a stored expanded tile, or undefined if its length is not a valid layout. */
export function widthOfExpanded(byteLength: number): number | undefined {
  if (byteLength % HASH_SIZE !== 0) return undefined;
  return WIDTH_BY_COUNT.get(byteLength / HASH_SIZE);
}

/** Byte offset of the node at (height, position) in an expanded tile of base width `width`. */
export function slotOffset(width: number, height: number, position: number): number | undefined {
  if (position >= width >> height) return undefined;
  let before = 0;
  for (let k = 0; k < height; k++) before += width >> k;
  return (before + position) * HASH_SIZE;
}

/**
 * Width of tile (level, index) in a tree of `size` leaves: tlog-tiles "Partial Tiles" says the
 * rightmost tile at level l has floor(size / 256^l) mod 256 hashes. 0 means the tile does not
 * exist at that size.
 */
export function tileWidthAt(size: number, level: number, index: number): number {
  const hashesAtLevel = Math.floor(size / TILE_WIDTH ** level);
  const first = index * TILE_WIDTH;
  if (hashesAtLevel <= first) return 0;
  return Math.min(TILE_WIDTH, hashesAtLevel - first);
}
