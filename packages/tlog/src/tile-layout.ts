/**
 * Which tiles make up a tree of a given size (c2sp.org/tlog-tiles, "Merkle Tree" and "Partial
 * Tiles"), and where a complete subtree's hash lives in them. Shared by log servers (what to
 * publish) and auditors (what to fetch).
 */
import type { NodeId } from "./hash-reader.js";
import { TILE_HEIGHT, TILE_WIDTH } from "./tile-path.js";
import { assertIndex } from "./tree-math.js";

export interface TileRef {
  readonly level: number;
  readonly index: number;
  /** 1..256; 256 is a full tile. */
  readonly width: number;
}

/** Number of hashes stored at tile level `level` for a tree of `size`: floor(size / 256^level). */
function hashesAtLevel(size: number, level: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/** Width of tile (level, index) in a tree of `size`, or 0 if that tile does not exist. */
export function tileWidth(size: number, level: number, index: number): number {
  assertIndex("size", size);
  const n = hashesAtLevel(size, level);
  const full = Math.floor(n / TILE_WIDTH);
  if (index < full) return TILE_WIDTH;
  return index === full ? n % TILE_WIDTH : 0;
}

/**
 * Tiles that exist at `newSize` but not (with the same width) at `oldSize`: what a log publishes
 * when it grows, and what an auditor must fetch to check the new leaves. Ordered by level, then
 * index. `tilesChanged(0, size)` lists every tile of the tree.
 */
export function tilesChanged(oldSize: number, newSize: number): TileRef[] {
  assertIndex("oldSize", oldSize);
  assertIndex("newSize", newSize);
  const out: TileRef[] = [];
  for (let level = 0; hashesAtLevel(newSize, level) > 0; level++) {
    const before = hashesAtLevel(oldSize, level);
    const after = hashesAtLevel(newSize, level);
    if (after <= before) continue;
    const lastTile = Math.ceil(after / TILE_WIDTH) - 1;
    for (let index = Math.floor(before / TILE_WIDTH); index <= lastTile; index++) {
      out.push({ level, index, width: tileWidth(newSize, level, index) });
    }
  }
  return out;
}

/** Where a complete subtree's hash is stored, if its level is a tile level (a multiple of 8). */
export function tileHashPosition(id: NodeId): { level: number; index: number; offset: number } | undefined {
  if (id.level % TILE_HEIGHT !== 0) return undefined;
  return {
    level: id.level / TILE_HEIGHT,
    index: Math.floor(id.index / TILE_WIDTH),
    offset: id.index % TILE_WIDTH,
  };
}
