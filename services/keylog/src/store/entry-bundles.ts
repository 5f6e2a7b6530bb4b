/**
 * Entries are stored the way tlog-tiles serves them: in bundles of 256 consecutive entries, each
 * a big-endian uint16 length followed by the entry (c2sp.org/tlog-tiles "Log entries"). One level
 * key per 256 entries instead of one per entry takes most of the per-entry work out of the
 * synced batch (and out of leveldb's memtable and compactions); the price is that every write
 * rewrites the rightmost, partial bundle, as it already rewrites the rightmost hash tiles.
 */
import { StoreCorruptionError } from "./tile-builder.js";
import { TILE_WIDTH } from "./tile-layout.js";

/** Entries per bundle: the tile width (tlog-tiles: entry bundles are level -1 tiles). */
export const BUNDLE_WIDTH = TILE_WIDTH;
/** The bundle format's uint16 length prefix bounds every entry. */
const MAX_ENTRY = 0xffff;
/** Starting capacity of the edge bundle: 256 entries of up to ~250 bytes without growing. */
const INITIAL_CAPACITY = 64 * 1024;

/** One bundle to write: its index and its bytes (possibly a prefix view of a larger buffer). */
export interface BundleWrite {
  readonly index: number;
  readonly bytes: Uint8Array;
}

/**
 * Byte offsets of the entries of a stored bundle, read up to `limit` entries: offsets[i] is where
 * entry i's length prefix starts, offsets[count] where the last one read ends. Malformed bytes
 * mean the store is damaged.
 */
export function bundleOffsets(bundle: Uint8Array, limit = BUNDLE_WIDTH): number[] {
  const offsets = [0];
  let at = 0;
  while (at < bundle.length && offsets.length <= limit) {
    const length = ((bundle[at] ?? 0) << 8) | (bundle[at + 1] ?? 0);
    at += 2 + length;
    if (at > bundle.length) {
      throw new StoreCorruptionError(`entry bundle is truncated inside entry ${offsets.length - 1}`);
    }
    offsets.push(at);
  }
  if (offsets.length === BUNDLE_WIDTH + 1 && at < bundle.length) {
    throw new StoreCorruptionError(`entry bundle holds more than ${BUNDLE_WIDTH} entries`);
  }
  return offsets;
}

/** Entries [from, to) of a stored bundle (views into it); fewer if the bundle ends first. */
export function bundleEntries(bundle: Uint8Array, from: number, to: number): Uint8Array[] {
  const offsets = bundleOffsets(bundle, to);
  const out: Uint8Array[] = [];
  for (let i = from; i + 1 < offsets.length; i++) {
    out.push(bundle.subarray((offsets[i] ?? 0) + 2, offsets[i + 1]));
  }
  return out;
}

/**
 * The rightmost bundle as it grows, in memory. Entries are appended to one buffer; a view of its
 * filled prefix is what a write stores. Bytes already handed out are never written again (growth
 * copies into a new buffer, and a completed bundle starts a fresh one), so a view stays valid
 * however long level holds it.
 */
export class BundleEdge {
  private buffer = new Uint8Array(INITIAL_CAPACITY);
  private used = 0;
  private count = 0;
  private index = 0;
  private changed = false;

  /** Entries in the log as far as this edge knows: the index the next entry gets. */
  get size(): number {
    return this.index * BUNDLE_WIDTH + this.count;
  }

  /** Restarts the edge at a tree of `size` entries whose partial bundle (if any) is `stored`. */
  load(size: number, stored: Uint8Array | undefined): void {
    const count = size % BUNDLE_WIDTH;
    const found = stored === undefined ? 0 : bundleOffsets(stored).length - 1;
    if (found !== count) {
      throw new StoreCorruptionError(
        `entry bundle ${Math.floor(size / BUNDLE_WIDTH)} holds ${found} entries, size ${size} needs ${count}`,
      );
    }
    this.index = Math.floor(size / BUNDLE_WIDTH);
    this.count = count;
    this.used = stored?.length ?? 0;
    this.buffer = new Uint8Array(Math.max(INITIAL_CAPACITY, 2 * this.used));
    if (stored !== undefined) this.buffer.set(stored);
    this.changed = false;
  }

  /** Appends the next entry; returns the bundle it completes, if it completes one. */
  add(entry: Uint8Array): BundleWrite | undefined {
    if (entry.length > MAX_ENTRY) {
      throw new RangeError(`an entry of ${entry.length} bytes does not fit a bundle's uint16 length`);
    }
    const end = this.used + 2 + entry.length;
    if (end > this.buffer.length) {
      const grown = new Uint8Array(Math.max(2 * this.buffer.length, end));
      grown.set(this.buffer.subarray(0, this.used));
      this.buffer = grown;
    }
    this.buffer[this.used] = entry.length >> 8;
    this.buffer[this.used + 1] = entry.length & 0xff;
    this.buffer.set(entry, this.used + 2);
    this.used = end;
    this.changed = true;
    if (++this.count < BUNDLE_WIDTH) return undefined;
    const full = { index: this.index, bytes: this.buffer.subarray(0, this.used) };
    this.index++;
    this.count = 0;
    this.used = 0;
    this.buffer = new Uint8Array(this.buffer.length);
    this.changed = false;
    return full;
  }

  /** The partial bundle if entries were added to it since the last call, else undefined. */
  takeChanged(): BundleWrite | undefined {
    if (!this.changed) return undefined;
    this.changed = false;
    return { index: this.index, bytes: this.buffer.subarray(0, this.used) };
  }
}
