/**
 * A HashReader over c2sp.org/tlog-tiles: complete-subtree hashes at tile levels (multiples of 8)
 * are read from tiles; the levels in between are recomputed by hashing the tile's hashes, as the
 * spec describes ("the Merkle Tree levels between those expressed by the tile hashes are
 * reconstructed by hashing the leaves").
 */
import { TileError } from "./errors.js";
import { HASH_SIZE, nodeHash } from "./hash.js";
import type { HashReader, NodeId } from "./hash-reader.js";
import { tileWidth } from "./tile-layout.js";
import { TILE_HEIGHT, TILE_WIDTH } from "./tile-path.js";
import { nodeWithin } from "./tree-math.js";

/** Fetches tile bytes (`width` hashes of 32 bytes) from wherever the log publishes them. */
export interface TileReader {
  readTile(level: number, index: number, width: number): Promise<Uint8Array>;
}

interface Placement {
  readonly tileLevel: number;
  readonly tileIndex: number;
  readonly offset: number;
  readonly count: number;
}

function place(id: NodeId): Placement {
  const tileLevel = Math.floor(id.level / TILE_HEIGHT);
  const count = 2 ** (id.level % TILE_HEIGHT);
  const first = id.index * count;
  return { tileLevel, tileIndex: Math.floor(first / TILE_WIDTH), offset: first % TILE_WIDTH, count };
}

/** MTH of `count` (a power of two) consecutive hashes in `tile` starting at `offset`. */
function subtreeOf(tile: Uint8Array, offset: number, count: number): Uint8Array {
  const row: Uint8Array[] = [];
  for (let i = 0; i < count; i++)
    row.push(tile.slice((offset + i) * HASH_SIZE, (offset + i + 1) * HASH_SIZE));
  for (let n = count; n > 1; n /= 2) {
    for (let i = 0; i < n / 2; i++)
      row[i] = nodeHash(row[2 * i] ?? new Uint8Array(0), row[2 * i + 1] ?? new Uint8Array(0));
  }
  return row[0] ?? new Uint8Array(0);
}

/**
 * Answers hash reads for a tree of `size` leaves. Only tiles that a checkpoint of this size
 * requires are fetched (tlog-tiles forbids fetching arbitrary partial tiles), each at most once
 * per `readHashes` call, in parallel; a tile of the wrong length is a TileError.
 */
export function tileHashReader(size: number, tiles: TileReader): HashReader {
  return {
    async readHashes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
      const placements = ids.map((id) => {
        if (!nodeWithin(id, size))
          throw new TileError(`node ${id.level}/${id.index} is not complete in a tree of size ${size}`);
        return place(id);
      });
      const pending = new Map<string, Promise<Uint8Array>>();
      for (const p of placements) {
        const key = `${p.tileLevel}/${p.tileIndex}`;
        if (!pending.has(key)) pending.set(key, fetchTile(tiles, size, p.tileLevel, p.tileIndex));
      }
      const fetched = new Map<string, Uint8Array>();
      await Promise.all([...pending].map(async ([key, tile]) => fetched.set(key, await tile)));
      return placements.map((p) => {
        const tile = fetched.get(`${p.tileLevel}/${p.tileIndex}`) ?? new Uint8Array(0);
        return subtreeOf(tile, p.offset, p.count);
      });
    },
  };
}

async function fetchTile(tiles: TileReader, size: number, level: number, index: number): Promise<Uint8Array> {
  const width = tileWidth(size, level, index);
  const tile = await tiles.readTile(level, index, width);
  if (tile.length !== width * HASH_SIZE) {
    throw new TileError(
      `tile ${level}/${index} of width ${width} has ${tile.length} bytes, expected ${width * HASH_SIZE}`,
    );
  }
  return tile;
}
