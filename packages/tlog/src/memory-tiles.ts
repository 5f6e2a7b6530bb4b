/**
 * An in-memory tiled log: leaves go in, tiles and entry bundles come out. It is the reference
 * model for tests and small tools (a real log keeps the same hashes in durable storage), built
 * only from CompactRange's node callbacks and the tile layout rules.
 */
import { TileError } from "./errors.js";
import { CompactRange } from "./compact-range.js";
import { encodeEntryBundle } from "./entry-bundle.js";
import { HASH_SIZE, leafHash } from "./hash.js";
import type { HashReader, NodeId } from "./hash-reader.js";
import type { TileReader } from "./tile-hash-reader.js";
import { TILE_HEIGHT, TILE_WIDTH } from "./tile-path.js";
import { nodeWithin } from "./tree-math.js";

export class MemoryTiles implements TileReader, HashReader {
  readonly #range = CompactRange.empty();
  readonly #entries: Uint8Array[] = [];
  /** Every complete-subtree hash by level; small trees only. */
  readonly #nodes: Uint8Array[][] = [];

  get size(): number {
    return this.#range.size;
  }

  root(): Uint8Array {
    return this.#range.root();
  }

  /** Appends an entry (hashed per RFC 9162 §2.1.1) and records every subtree it completes. */
  append(entry: Uint8Array): void {
    this.#entries.push(entry.slice());
    this.#range.append(leafHash(entry), (id, hash) => {
      const level = (this.#nodes[id.level] ??= []);
      level[id.index] = hash;
    });
  }

  readHashes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return Promise.resolve(
      ids.map((id) => {
        const hash = nodeWithin(id, this.size) ? this.#nodes[id.level]?.[id.index] : undefined;
        if (hash === undefined)
          throw new TileError(`node ${id.level}/${id.index} is not in a tree of size ${this.size}`);
        return hash;
      }),
    );
  }

  /** The tile bytes: `width` consecutive hashes at level 8·level (tlog-tiles "Merkle Tree"). */
  readTile(level: number, index: number, width: number): Promise<Uint8Array> {
    const hashes = this.#nodes[level * TILE_HEIGHT] ?? [];
    const out = new Uint8Array(width * HASH_SIZE);
    for (let i = 0; i < width; i++) {
      const hash = hashes[index * TILE_WIDTH + i];
      if (hash === undefined) return Promise.reject(new TileError(`tile ${level}/${index} has no hash ${i}`));
      out.set(hash, i * HASH_SIZE);
    }
    return Promise.resolve(out);
  }

  /** The entry bundle bytes for bundle `index` of `width` entries. */
  readEntries(index: number, width: number): Uint8Array {
    const slice = this.#entries.slice(index * TILE_WIDTH, index * TILE_WIDTH + width);
    if (slice.length !== width) throw new TileError(`entry bundle ${index} has fewer than ${width} entries`);
    return encodeEntryBundle(slice);
  }
}
