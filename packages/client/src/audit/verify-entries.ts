/**
 * Recomputing the tree from the log's entries: every new entry is hashed and checked against
 * its level-0 tile, every subtree hash it completes at a tile level is checked against the
 * published tile above, and the caller compares the final root with the signed checkpoint.
 */
import { bytesEqual } from "@parley/codec";
import {
  type CompactRange,
  type NodeId,
  HASH_SIZE,
  TILE_HEIGHT,
  TILE_WIDTH,
  TileError,
  decodeEntryBundle,
  leafHash,
  tileHashPosition,
  tileWidth,
} from "@parley/tlog";
import type { HttpLog } from "./http-log.js";
import { stop } from "./report.js";

/** Bundles fetched ahead of the one being hashed: overlaps network and hashing without unbounded memory. */
const PREFETCH = 4;

export interface EntryCheck {
  entriesVerified: number;
  tilesVerified: number;
}

type Expected = Map<string, { level: number; index: number; hashes: Map<number, Uint8Array> }>;

/** Extends `range` from its size to `size`, verifying entries and tiles along the way. */
export async function verifyNewEntries(log: HttpLog, range: CompactRange, size: number): Promise<EntryCheck> {
  const from = range.size;
  if (from >= size) return { entriesVerified: 0, tilesVerified: 0 };
  const expected: Expected = new Map();
  const record = (id: NodeId, hash: Uint8Array): void => {
    const at = id.level >= TILE_HEIGHT ? tileHashPosition(id) : undefined;
    if (at === undefined) return;
    const key = `${at.level}/${at.index}`;
    const tile = expected.get(key) ?? {
      level: at.level,
      index: at.index,
      hashes: new Map<number, Uint8Array>(),
    };
    tile.hashes.set(at.offset, hash);
    expected.set(key, tile);
  };
  const first = Math.floor(from / TILE_WIDTH);
  const last = Math.ceil(size / TILE_WIDTH) - 1;
  const fetchBundle = (n: number) => {
    const width = tileWidth(size, 0, n);
    return Promise.all([log.readEntries(n, width), log.readTile(0, n, width), Promise.resolve(width)]);
  };
  const window: ReturnType<typeof fetchBundle>[] = [];
  for (let n = first; n <= Math.min(last, first + PREFETCH - 1); n++) window.push(fetchBundle(n));
  let tilesVerified = 0;
  for (let n = first; n <= last; n++) {
    const next = window.shift();
    if (next === undefined) break;
    if (n + PREFETCH <= last) window.push(fetchBundle(n + PREFETCH));
    const [bundle, tile, width] = await next;
    checkBundle(n, width, bundle, tile, range, record);
    tilesVerified++;
  }
  tilesVerified += await verifyUpperTiles(log, size, expected);
  return { entriesVerified: size - from, tilesVerified };
}

function checkBundle(
  n: number,
  width: number,
  bundle: Uint8Array,
  tile: Uint8Array,
  range: CompactRange,
  record: (id: NodeId, hash: Uint8Array) => void,
): void {
  let entries: Uint8Array[];
  try {
    entries = decodeEntryBundle(bundle);
  } catch (e) {
    if (e instanceof TileError) return stop("bad-bundle", `entry bundle ${n}: ${e.message}`);
    throw e;
  }
  if (entries.length !== width)
    stop("bad-bundle", `entry bundle ${n} has ${entries.length} entries, expected ${width}`);
  if (tile.length !== width * HASH_SIZE)
    stop("tile-mismatch", `tile 0/${n} has ${tile.length} bytes, expected ${width * HASH_SIZE}`);
  const base = n * TILE_WIDTH;
  for (let i = range.size - base; i < width; i++) {
    const hash = leafHash(entries[i] ?? new Uint8Array(0));
    if (!bytesEqual(hash, tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE))) {
      stop("rewritten-entry", `entry ${base + i} does not hash to its leaf hash in tile 0/${n}`, base + i);
    }
    range.append(hash, record);
  }
}

async function verifyUpperTiles(log: HttpLog, size: number, expected: Expected): Promise<number> {
  const tiles = [...expected.values()];
  await Promise.all(
    tiles.map(async ({ level, index, hashes }) => {
      const width = tileWidth(size, level, index);
      const tile = await log.readTile(level, index, width);
      if (tile.length !== width * HASH_SIZE)
        stop(
          "tile-mismatch",
          `tile ${level}/${index} has ${tile.length} bytes, expected ${width * HASH_SIZE}`,
        );
      for (const [offset, hash] of hashes) {
        if (!bytesEqual(hash, tile.subarray(offset * HASH_SIZE, (offset + 1) * HASH_SIZE))) {
          stop("tile-mismatch", `tile ${level}/${index} hash ${offset} differs from the hash of its entries`);
        }
      }
    }),
  );
  return tiles.length;
}
